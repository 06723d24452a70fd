# CityComms production image: gunicorn serving Django/Wagtail, static files by WhiteNoise.
# Local try-out with PostgreSQL and Redis: `docker compose up --build` (docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=citycomms.settings.production \
    MEDIA_ROOT=/app/media

WORKDIR /app

# Dependencies first, so code changes don't reinstall them.
COPY requirements.txt .
RUN pip install -r requirements.txt

# The design system's CSS (static/vendor/, built, not committed): npm ci at package-lock.json's versions and
# build-static.mjs, with Debian's Node.js installed and removed in the same layer, so the image carries neither
# Node.js nor node_modules.
COPY package.json package-lock.json build-static.mjs ./
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && npm ci --omit=dev --no-audit --no-fund \
    && npm run build \
    && rm -rf node_modules /root/.npm \
    && apt-get purge -y --auto-remove nodejs npm \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 --user-group citycomms

COPY --chown=citycomms:citycomms . .
RUN chmod +x docker-entrypoint.sh \
    && mkdir -p /app/media /app/staticfiles \
    && chown citycomms:citycomms /app/media /app/staticfiles

USER citycomms

# The secret is a throw-away for this build step only; the container gets the real one
# from its environment (production settings refuse to start without it).
RUN DJANGO_SECRET_KEY=build-time-dummy-not-a-secret python manage.py collectstatic --noinput

EXPOSE 8000

ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["gunicorn", "citycomms.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2"]
