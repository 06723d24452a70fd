#!/bin/sh
# Container start: bring the database schema up to date, optionally load the
# demo cities (LOAD_DEMO=1), then run the CMD (gunicorn by default).
set -e

python manage.py migrate --noinput

if [ "${LOAD_DEMO:-0}" = "1" ]; then
    python manage.py load_demo
fi

exec "$@"
