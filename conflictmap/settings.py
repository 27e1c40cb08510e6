"""The one settings module: every variation comes from environment variables."""

import datetime as dt
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from environ import Env

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()
if (BASE_DIR / ".env").is_file():  # dev convenience; deployments inject real env
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# No public fallback key: without DJANGO_SECRET_KEY a DEBUG process makes up its own
# (sessions last as long as the process; `make run` writes a lasting one to .env).
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default=secrets.token_urlsafe(50) if DEBUG else Env.NOTSET
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Absolute base of public links (oEmbed answers, citations); empty: taken from the request.
SITE_URL = env("SITE_URL", default="").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework_gis",
    "leaflet",
    "simple_history",
    "drf_spectacular",
    "csp",
    "axes",  # admin login throttling (below: "Admin login throttling")
    # One app per concept; dependencies point one way: maps, ingest, interchange ->
    # control -> events -> places (README "Where things are").
    "places",
    "events",
    "control",
    "maps",
    "ingest",
    "interchange",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Kept cluster answers (a map view asked again), with the headers the rest of the
    # stack gives them, before it (issue 16); after HSTS and the HTTPS redirect.
    "maps.middleware.KeptClusterAnswerMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag + If-None-Match/304 on every GET (the map polls the API with filters).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # who made each change
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A database outage: 503 + Retry-After instead of a 500 (issue 12).
    "maps.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: locked-out answers
]

ROOT_URLCONF = "conflictmap.urls"
WSGI_APPLICATION = "conflictmap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

default_db = f"spatialite:///{BASE_DIR / 'db.sqlite3'}"  # production: postgis://…
DATABASES = {"default": env.db("DATABASE_URL", default=default_db)}
# psycopg 3 server-side prepared statements flipped a 2 ms query to a 61 ms
# generic plan after five runs (DESIGN.md): keep them off.
if DATABASES["default"]["ENGINE"].endswith("postgis"):
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
# Reuse connections: a new SpatiaLite connection costs ~40 ms (extension load and
# first spatial query), five times the map page's own work.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# A reused connection is checked before each request's first query: after a
# PostgreSQL restart each worker once answered 500 on its dead connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
SPATIALITE_LIBRARY_PATH = env("SPATIALITE_LIBRARY_PATH", default="mod_spatialite")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis outage must not take the public map down (issue 12): misses instead of
    # errors, and short socket timeouts so a frozen Redis cannot hold a request.
    CACHES["default"]["BACKEND"] = "conflictmap.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
        socket_timeout=env.float("CACHE_TIMEOUT", default=0.5),
    )

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]  # committed .po and compiled .mo files
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"

# Framing: DENY everywhere; the embed view alone is exempt (maps.views.pages).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
# Trust X-Forwarded-Proto only when a proxy in front sets it (and drops the client's):
# without one, any client could claim https.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("DJANGO_BEHIND_PROXY", default=False)
    else None
)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Debian's GDAL 3.6 is older than Django 5.2 wants but works for everything used here.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# Public API rate limit per client address ("" switches it off, e.g. for benchmarks).
API_RATE_LIMIT = env("API_RATE_LIMIT", default="1200/min")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": (
        ["rest_framework.throttling.AnonRateThrottle"] if API_RATE_LIMIT else []
    ),
    "DEFAULT_THROTTLE_RATES": {"anon": API_RATE_LIMIT or None},
    # Proxies in front of gunicorn (X-Forwarded-For hops to trust for the client address).
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ConflictMap API",
    "DESCRIPTION": "Published conflict events as GeoJSON. Read-only; no authentication.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Celery. No broker configured: tasks run eagerly in-process (local dev, tests).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"places.tasks.place_geocode_task": {"queue": "geocoding"}}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis broker: a job a worker took and did not acknowledge (killed, OOM) goes back to
# the queue after the visibility timeout (Redis's default: one hour). Sized to the
# longest a geocode job is legitimately held unacknowledged: a retry waits up to
# retry_backoff_max (180 s) in the worker, then runs up to the hard time limit (90 s):
# 270 s < 300 s. Shorter would hand a waiting retry to a second worker (harmless, the
# task is idempotent, but it doubles online geocoder calls). Unacknowledged jobs are
# looked for every 10 s: a killed worker's job runs again within about 310 s.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    # A frozen or vanished Redis fails a send in seconds instead of hanging it.
    "socket_timeout": 5,
    "socket_connect_timeout": 2,
}
# A send at commit gives up quickly (the geocode sweep queues the job later).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# Celery beat (`celery -A conflictmap beat`, or a worker with -B): the durable
# hand-off of geocoding. A place committed while the broker was down, or whose job
# was lost, is still pending; the sweep queues it again (README "Production").
CELERY_BEAT_SCHEDULE = {
    "geocode-sweep": {
        "task": "places.tasks.place_geocode_sweep_task",
        "schedule": env.float("GEOCODE_SWEEP_INTERVAL", default=60.0),
    },
}
# Seconds a pending place waits after its geocoding was queued before the sweep queues
# it again (doubling with each attempt, at most 6 h); never handed off: at once.
GEOCODE_SWEEP_AFTER = env.int("GEOCODE_SWEEP_AFTER", default=900)

# Geocoding: the local gazetteer always; an online geopy geocoder only when named.
GEOCODER_ONLINE = env("GEOCODER_ONLINE", default="")  # "" or "nominatim"
GEOCODER_DOMAIN = env("GEOCODER_DOMAIN", default="nominatim.openstreetmap.org")
GEOCODER_SCHEME = env("GEOCODER_SCHEME", default="https")
GEOCODER_USER_AGENT = env(
    "GEOCODER_USER_AGENT", default="conflictmap/0.1 (+https://example.org/contact)"
)
GEOCODER_TIMEOUT = env.int("GEOCODER_TIMEOUT", default=10)
GEOCODER_MIN_CONFIDENCE = env.float("GEOCODER_MIN_CONFIDENCE", default=0.75)
# Seconds between online geocoder requests across all workers (Nominatim: 1 per second).
GEOCODER_MIN_INTERVAL = env.float("GEOCODER_MIN_INTERVAL", default=1.0)
GAZETTEER_COUNTRIES = env.list(
    "GAZETTEER_COUNTRIES", default=["SY", "LB", "TR", "IQ", "JO", "IL", "PS"]
)
# Configured countries whose bundled villages (places/data/abroad) load_gazetteer and
# the shared index also read ("*": all). None by default: IQ/LB/PS's 25,000 hamlets
# cost the shared index 3.4 s CPU and gave dev wrong points, no gain. A country read
# abroad (not configured) always reads its villages.
GAZETTEER_VILLAGE_COUNTRIES = env.list("GAZETTEER_VILLAGE_COUNTRIES", default=[])
# Where the index of a country read outside GAZETTEER_COUNTRIES is kept once built
# (places.gazetteer_cache: a file per country, read by every process of the machine,
# rebuilt when its data or code changes), and the shared index of the configured
# countries (places.gazetteer_shared). Empty: each process builds its own.
GAZETTEER_CACHE_DIR = env(
    "GAZETTEER_CACHE_DIR", default=str(BASE_DIR / "var" / "gazetteer")
)
# How many of those country indexes a process keeps in memory (2-66 MiB each), the
# least recently used dropped first and read again from its file when needed.
GAZETTEER_ABROAD_INDEXES = env.int("GAZETTEER_ABROAD_INDEXES", default=8)
# Each gunicorn worker (gunicorn.conf.py) and Celery worker process warms the article
# reader in a background thread at start (ingest.warm, ~1-8 s CPU): the first article
# pasted is not the one to wait. Off by default (tests, one-off commands).
INGEST_WARM_ON_START = env.bool("INGEST_WARM_ON_START", default=False)
# Article ingest may fetch a pasted URL (admin only; 5 s timeout, 2 MB cap). Off: paste.
INGEST_ALLOW_URL_FETCH = env.bool("INGEST_ALLOW_URL_FETCH", default=False)

# The public map.
MAP_MAX_FEATURES = env.int("MAP_MAX_FEATURES", default=5000)
# The control layer lists places one by one up to this many in a view, then
# summarises them per grid cell and controller (a bounded answer at any zoom).
CONTROL_MAX_PLACES = env.int("CONTROL_MAX_PLACES", default=1000)
# The cluster index, built once per machine into files every web worker maps (one
# directory per database under it; "" keeps one index per process).
MAP_INDEX_DIR = env("MAP_INDEX_DIR", default=str(BASE_DIR / "var" / "mapindex"))
# Every public event's GeoJSON Feature encoded into the shared index's file, in zstd
# blocks (~50 MB per million events on disk): an export decompresses the blocks it
# touches and copies slices of them (maps.feature_blob).
MAP_INDEX_FEATURES = env.bool("MAP_INDEX_FEATURES", default=True)
# MB of encoded GeoJSON Features each process keeps for its exports without them (per
# worker: the others are encoded from the index's columns, about 300k per second).
MAP_FEATURE_CACHE_MB = env.float("MAP_FEATURE_CACHE_MB", default=64)
# MB of encoded cluster answers each process keeps for requests asked again (per
# worker, at one data version; maps.clusters.live_index.Answers; bench/README.md "Kept
# answers" measured the hit rate at 4-32 MB).
MAP_KEPT_ANSWERS_MB = env.float("MAP_KEPT_ANSWERS_MB", default=8)
# Cap on the events of one download (/export/events.geojson, .csv, map.html).
EXPORT_MAX_EVENTS = env.int("EXPORT_MAX_EVENTS", default=5000)
# Anonymous downloads cost seconds each: their own, much lower rate per client address
# ("" switches it off), at most this many rendering at once per process (threads) and
# across the site (shared cache; others get 503 + Retry-After), and identical exports
# (same filters, same data version) served from the cache for this many seconds.
EXPORT_RATE_LIMIT = env("EXPORT_RATE_LIMIT", default="10/min")
EXPORT_MAX_CONCURRENT = env.int("EXPORT_MAX_CONCURRENT", default=1)
EXPORT_MAX_CONCURRENT_SITE = env.int("EXPORT_MAX_CONCURRENT_SITE", default=1)
EXPORT_CACHE_SECONDS = env.int("EXPORT_CACHE_SECONDS", default=300)
EXPORT_CACHE_MAX_BYTES = env.int("EXPORT_CACHE_MAX_BYTES", default=20 * 2**20)
MAP_TILE_URL = env("MAP_TILE_URL", default="")  # empty: bundled offline basemap
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="")

# Interchange (import_events): files larger than this are refused before parsing.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
# restore: a backup larger than this once decompressed is refused (it is held in memory).
RESTORE_MAX_BYTES = env.int("RESTORE_MAX_BYTES", default=2 * 1024**3)

# Content-Security-Policy for every page but the admin (django-leaflet's admin widgets
# run inline scripts; the admin is staff-only and refuses framing).
_tile_origin = ""
if MAP_TILE_URL:
    _tile = urlsplit(MAP_TILE_URL.replace("{s}.", "*."))
    _tile_origin = f"{_tile.scheme}://{_tile.netloc}"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_tile_origin] if _tile_origin else [])],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# Request bodies (admin forms, pasted articles) and uploads are size-limited.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 2**20)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=5 * 2**20)

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# user name from one address, that pair is locked out for AXES_COOLOFF_HOURS (a right
# password does not get in meanwhile). Attempts are counted in the database, so every
# worker shares the count. `manage.py axes_reset` lifts every lockout.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(hours=env.float("AXES_COOLOFF_HOURS", default=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# No admin pages for it: lockouts are an operator's (manage.py axes_list_attempts,
# axes_reset, axes_reset_username NAME); the role model has no place for them.
AXES_ENABLE_ADMIN = False

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (35.3, 38.5),
    "DEFAULT_ZOOM": 6,
    "MIN_ZOOM": 2,
    "MAX_ZOOM": 16,
    "TILES": [("Basemap", MAP_TILE_URL, {"attribution": MAP_TILE_ATTRIBUTION})]
    if MAP_TILE_URL
    else [],
    "RESET_VIEW": False,
    "ATTRIBUTION_PREFIX": "ConflictMap · Leaflet",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
