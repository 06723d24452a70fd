"""Settings shared by every environment. Environment-specific files import from here.

Configuration comes from the environment: DATABASE_URL selects the database
(an SQLite file in the project folder when unset), DJANGO_SECRET_KEY the key.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    # modeltranslation must come before the apps whose models it patches,
    # and wagtail_modeltranslation before wagtail.admin.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "citycomms",
    "contacts",
    "departments",
    "press",
    "newsroom",
    "search",
    "editorial",
    "announcements",
    "opendata",
    # The top floor: the demo cities and the scale data, which use every app above.
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Background tasks (the purges of the cache in front, citycomms.edge): django-tasks and its database backend.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside XFrameOptionsMiddleware, so it sees the X-Frame-Options it set and matches frame-ancestors to it.
    "citycomms.headers.ContentSecurityPolicyMiddleware",
    "citycomms.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Decides every response's Cache-Control and ETag: outside the session middleware, whose cookie it must see,
    # and the page cache, whose copies get the same headers as fresh responses.
    "citycomms.http_caching.HttpCachingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "citycomms.middleware.LocaleMiddleware",
    # Before anything that queries the database: a cached page costs no SQL.
    "citycomms.cache.PageCacheMiddleware",
    "citycomms.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the login view into its 429 response.
    "axes.middleware.AxesMiddleware",
]

# The top floor, beside the demo: it puts every app's views on the web.
ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "citycomms.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that cannot be reached makes a request fail in seconds (a 503, citycomms.errors),
    # not hang until the operating system gives up; conn_health_checks above drops a dead
    # persistent connection at the next request, so workers recover by themselves.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["connect_timeout"] = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
    # No JIT compilation: the site search's one query (search.queries) is a large expression whose estimated
    # cost, on tables not yet analysed (a new city, a test database), passes PostgreSQL's JIT threshold; it
    # then spent seconds compiling what runs in milliseconds (a search of 13 pages: 8 s with JIT, see
    # docs/performance.md). Short web queries never gain from it.
    options["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes' backend comes first so a locked-out sign-in never reaches the password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Redis when REDIS_URL is set (shared by every worker, so a publish clears
# the pages for all of them); otherwise memory local to each process.
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "citycomms.redis_cache.RedisCache", "LOCATION": os.environ["REDIS_URL"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whether every process serving the site shares the cache, and so sees a change made in another at once
# (citycomms.cache's generation token). Data that decides what the public sees (the city a request is for,
# its one-per-city pages, its media directory) is kept in the cache only then. True here: a development
# server or a test run is one process.
CITYCOMMS_CACHE_SHARED = True

# Published pages for anonymous readers, from the cache (citycomms.cache).
CITYCOMMS_PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "1") == "1"
CITYCOMMS_PAGE_CACHE_ALIAS = "default"
# Publishing clears the cached pages at once; this only bounds how long unread ones take up room.
CITYCOMMS_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 24 * 60 * 60))
# Each process also keeps the pages it served lately in its own memory, and answers them from there without
# asking Redis for up to this many seconds after it last read the generation token: a change made in another
# process (another gunicorn worker, another server) reaches its readers within this time; in the process that
# made it, at once. 0 asks Redis on every request.
CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", 1))
if not 0 <= CITYCOMMS_PAGE_CACHE_LOCAL_SECONDS <= 60:  # also refuses nan and inf
    raise ImproperlyConfigured("PAGE_CACHE_LOCAL_SECONDS must be a number of seconds from 0 to 60.")
CITYCOMMS_PAGE_CACHE_LOCAL_BYTES = 16 * 1024 * 1024  # of pages' content per process: a department page is 30-40 kB
# What pages are made of (a city, a route, a menu), kept until the next change, is also held in each process's memory
# (citycomms.cache.HeldValues), this many bytes of it at most (pickled): a city's media directory of 10,000 contacts is
# about 0.3 MB, a rendered menu a few kB.
CITYCOMMS_KEPT_LOCAL_BYTES = 32 * 1024 * 1024

# What browsers and caches in front may keep (citycomms.http_caching), in seconds: a public response is fresh for
# HTTP_CACHE_MAX_AGE in a browser and HTTP_CACHE_SHARED_MAX_AGE at the edge (which every change bans,
# citycomms.edge), served stale while one request refreshes it for HTTP_CACHE_STALE_WHILE_REVALIDATE (the VCL's
# req.grace says the same) and while the app fails for HTTP_CACHE_STALE_IF_ERROR. 404s and redirects are kept at
# the edge only, for HTTP_CACHE_MISSING_SHARED_MAX_AGE (0: never).
CITYCOMMS_HTTP_MAX_AGE = int(os.environ.get("HTTP_CACHE_MAX_AGE", "60"))
CITYCOMMS_HTTP_SHARED_MAX_AGE = int(os.environ.get("HTTP_CACHE_SHARED_MAX_AGE", "600"))
CITYCOMMS_HTTP_STALE_WHILE_REVALIDATE = int(os.environ.get("HTTP_CACHE_STALE_WHILE_REVALIDATE", "30"))
CITYCOMMS_HTTP_STALE_IF_ERROR = int(os.environ.get("HTTP_CACHE_STALE_IF_ERROR", str(24 * 60 * 60)))
CITYCOMMS_HTTP_MISSING_SHARED_MAX_AGE = int(os.environ.get("HTTP_CACHE_MISSING_SHARED_MAX_AGE", "60"))

# The cache in front (citycomms.edge; production settings configure WAGTAILFRONTENDCACHE): each request to it
# gives up after CITYCOMMS_EDGE_TIMEOUT seconds, a failed one is tried again after each of the retry delays, and
# with a worker every ban is sent once more after CITYCOMMS_EDGE_BAN_AGAIN_SECONDS.
CITYCOMMS_EDGE_TIMEOUT = 2
CITYCOMMS_EDGE_RETRY_SECONDS = (2, 10, 60)
CITYCOMMS_EDGE_BAN_AGAIN_SECONDS = 5
# Background tasks. Wagtail's own (its reference index, which decides who is public, and its search index) run
# at once, as before: run later, a page rendered before they ran could be kept with the old people. The edge's
# purges run at once here; production runs them in a worker (settings/production.py).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "edge": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# The content freshness report and dashboard panel (editorial): a live page not published
# for this many days is stale. The report's own filter may choose another period in months.
CITYCOMMS_STALE_AFTER_DAYS = int(os.environ.get("CITYCOMMS_STALE_AFTER_DAYS", "365"))
# Contacts to check (contacts.checks): a published contact person or service point whose details nobody has
# confirmed ("Still correct", or a save) for this many days; six months by default.
CONTACT_CHECK_PERIOD_DAYS = int(os.environ.get("CONTACT_CHECK_PERIOD_DAYS", "183"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Finnish is the project default; each city chooses its own subset
# and default in its CitySettings (see citycomms.models).
LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
# The project's own catalogues first: they win, and makemessages writes only to the first entry.
# locale/upstream supplies the Wagtail admin strings Wagtail's own fi and sv catalogues lack
# (see locale/upstream/README.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
# Cities write in fi or sv first; the public templates pick the value in the
# site's own default language (citycomms.i18n), this chain only keeps the
# admin and plain attribute access from showing blanks.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi", "sv", "en")

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "CityComms"
# Where Wagtail's notification emails (moderation, comments, password resets) link to the admin: the environment's
# WAGTAILADMIN_BASE_URL, e.g. https://www.hel.fi; the development server's address without it. Production
# derives one from DJANGO_ALLOWED_HOSTS when it is unset (settings/production.py).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "").rstrip("/") or "http://localhost:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents go out only through Wagtail's document view (/documents/<id>/<name>), which checks their collection's
# privacy; never by a redirect to the file's own URL, whatever storage is configured. Their files stay in
# MEDIA_ROOT's documents/ folder, which no route serves by path (citycomms.media serves images only): a staff-only
# document's name there is easy to guess. In every settings module: dev and test import this one.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Each editor picks the admin's language in their account settings.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The page editor shows every language's inputs, the page's city's own first (citycomms.panels);
# wagtail-modeltranslation's picker would otherwise show only Finnish until a language is clicked.
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = [code for code, _name in LANGUAGES]

# Images: only raster formats Pillow here decodes (SVG can carry script), a file size
# limit, and a pixel limit that refuses decompression bombs before they are decoded.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000  # a 64-megapixel camera photo still fits

# --- Security headers -----------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The public site has no inline script or style and loads nothing from elsewhere.
# frame-ancestors follows X-Frame-Options per response (citycomms.headers), so
# Wagtail's preview, which says SAMEORIGIN, can sit in the editor's iframe.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The Wagtail admin writes inline scripts and styles and uses blob: and data: images,
# so /admin/ gets this looser policy instead (still nothing from other origins).
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
ADMIN_PATH_PREFIX = "/admin/"
# Browser features no page of ours uses, switched off for any script that might want them.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
# The admin asks gravatar.com for avatars and releases.wagtail.io for new versions;
# the admin policy refuses both, and neither should learn who edits a city's site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Admin sign-in throttling (django-axes) -------------------------------------------
# Keyed by username and address together: a whole city office shares one address,
# and a known editor's name alone must not let anyone lock that editor out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
# Hours; 0 keeps an account locked until `manage.py axes_reset`.
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1")) or None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "citycomms.headers.client_ip"
# Our own wording: django-axes ships no Finnish or Swedish translation.
AXES_COOLOFF_MESSAGE = _(
    "Too many failed sign-in attempts. Try again later, or ask an administrator to unlock your account."
)
AXES_PERMALOCK_MESSAGE = _("Too many failed sign-in attempts. Ask an administrator to unlock your account.")
# How many proxies in front of the app append to X-Forwarded-For; 0 means none, use REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
