"""Settings shared by every environment; each value can be set through an environment variable.

The embedded default needs no service: SQLite under var/, Celery tasks run eagerly, a local-memory cache,
mail written to files. Setting DATABASE_URL and REDIS_URL switches to PostgreSQL, Redis and real workers.
"""

from pathlib import Path

import dj_database_url
import dj_email_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import env, env_bool, env_float, env_int, env_list

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database, mail and media live here

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# `make bench` only: the file holding the home page's bytes that /__bench__/floor answers with (404 when unset).
BENCH_FLOOR_FILE = env("BENCH_FLOOR_FILE")

# Plugins: which plugin apps are installed and whose URLs are mounted. The core never imports them.
CMS_PLUGINS = env_list("CMS_PLUGINS", "incubator,events,needs")

INSTALLED_APPS = [
    "cms",
    *CMS_PLUGINS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
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
    "django_ratelimit",  # for its system check: rate limits need a cache all processes share
    "laces",
    # django-ninja's own static files: /api/docs serves Swagger UI from the site, not from a CDN (the Content Security
    # Policy allows no other host, and a CDN may be unreachable from mainland China).
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # Django's widget templates, for the site's form renderer below
]

MIDDLEWARE = [
    "cms.health.HealthCheckMiddleware",
    "cms.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cms.page_cache.PageCacheMiddleware",  # after the language is known, outside what sets cookies (CSRF, messages)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

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

# Forms render through the project's templates so that the theme's field component is used everywhere.
FORM_RENDERER = "cms.forms.SiteFormRenderer"

# Database: PostgreSQL from DATABASE_URL; without it an SQLite file under var/.
# SQLite runs every transaction as IMMEDIATE so that a check followed by a write cannot interleave with another
# writer (the booking rules rely on it), and waits for a lock instead of failing at once.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery's broker and Django's cache. Without it tasks run eagerly and the cache is in memory.
REDIS_URL = env("REDIS_URL")
# A Redis that is away makes cache reads misses, not errors (cms.cache), with short timeouts so pages do not wait.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "vs"),
            "OPTIONS": {
                "socket_connect_timeout": env_float("CACHE_CONNECT_TIMEOUT", 0.5),
                "socket_timeout": env_float("CACHE_TIMEOUT", 1.0),
                "DOWN_SECONDS": env_float("CACHE_DOWN_SECONDS", 5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "volunteer-station"}}

# The page cache for anonymous visitors (cms/page_cache.py): how long a page may be served from the cache at most
# (seconds; 0 turns it off), and how long a reverse proxy or CDN in front may keep one (s-maxage; 0: it must ask).
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)
PAGE_CACHE_PROXY_SECONDS = env_int("PAGE_CACHE_PROXY_SECONDS", 0)
# Without Redis each worker has its own cache: the content version then lives in this file, which they all read.
PAGE_CACHE_VERSION_FILE = Path(env("PAGE_CACHE_VERSION_FILE", str(VAR_DIR / "page-cache-version")))

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Sending a task to a broker that is away fails at once instead of retrying for seconds inside a visitor's request:
# mail goes through the outbox (cms.outbox), which keeps it and hands it over again once the broker is back.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 0}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "cms.tasks.publish_scheduled_pages",
        "schedule": env_int("SCHEDULED_PUBLISHING_INTERVAL", 120),
    },
    "nightly-backup": {
        "task": "cms.tasks.nightly_backup",
        "schedule": crontab(hour=env_int("BACKUP_HOUR", 3), minute=0),
    },
    "beat-heartbeat": {"task": "cms.tasks.beat_heartbeat", "schedule": 60},
    "sweep-outbox": {"task": "cms.tasks.sweep_outbox", "schedule": 60},
}
# Mail queued through the outbox (cms.outbox) and not run after this long is handed to the broker again.
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 120)

# Backups (manage.py backup_station / restore_station, and the nightly beat task, which keeps the newest BACKUP_KEEP).
BACKUP_DIR = Path(env("BACKUP_DIR", str(VAR_DIR / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
# pg_restore without owners and grants: a backup restores into a server whose roles differ from the original's.
DBBACKUP_CONNECTORS = {"default": {"PG_OPTIONS": "--no-owner --no-privileges"}}

# Rate limits (django-ratelimit) count per client address; behind a reverse proxy, name the header it sets.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER")
RATELIMIT_IP_META_KEY = "cms.client_address.client_ip"
# While Redis is away the limits have no counts. They then let requests through (fail open): the limits only slow
# down spam on the public forms, and refusing every citizen for the length of an outage would be the greater harm.
RATELIMIT_FAIL_OPEN = env_bool("RATELIMIT_FAIL_OPEN", True)
# django-ratelimit names the backends it knows; Django's own Redis backend (wrapped in cms.cache) increments
# atomically too. The embedded default has one process, so its in-memory cache is shared enough; production
# refuses to start without Redis (production.py), where this error is not silenced.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True); without it mail is written to files under var/mail/.
EMAIL_URL = env("EMAIL_URL")
if EMAIL_URL:
    vars().update(dj_email_url.parse(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "博罗志愿服务总站 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Simplified Chinese first, English second; Asia/Shanghai.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
CELERY_TIMEZONE = TIME_ZONE  # beat's crontabs are in the station's time
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Named date formats (MONTH_DAY_FORMAT, WEEKDAY_DATE_FORMAT...), written once per language in cms/formats/<locale>/.
FORMAT_MODULE_PATH = ["cms.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from here once collectstatic has run
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads that must never be public (e.g. applicants' charters): outside MEDIA_ROOT, served only by staff views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME", _("博罗志愿服务总站"))
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No avatars from gravatar.com: unreachable from mainland China (every admin page logged a failed request), and it
# would send a hash of each staff member's e-mail address to a third party. Wagtail shows its default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip", "mp4", "webm"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024  # the screen loop plays uploaded videos
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Map tiles for the team map (分布图); any XYZ tile server the station may use.
MAP_TILE_URL = env("MAP_TILE_URL", "https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", "© 高德地图")
# Empty: derived from the tile URL (AutoNavi: hosts 1-4 and China's GCJ-02 datum; others: a/b/c and WGS-84).
MAP_TILE_SUBDOMAINS = env("MAP_TILE_SUBDOMAINS")
MAP_DATUM = env("MAP_DATUM")

# Logs: one line per request (cms.requests) with its duration; LOG_FORMAT=json writes JSON lines for log collectors.
LOG_FORMAT = env("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "cms.request_log.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "text"}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        name: {"level": env("APP_LOG_LEVEL", "INFO")} for name in ("cms", "incubator", "events", "needs", "celery")
    },
}

# Errors go to Sentry when SENTRY_DSN is set, without personal data (no cookies, users or addresses); else nowhere.
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
