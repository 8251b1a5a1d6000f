"""Django settings for gongzhi, read from the environment through `gongzhi.env`.

GONGZHI_ENV=development (the default) runs with a local secret and DEBUG on;
GONGZHI_ENV=production requires GONGZHI_SECRET_KEY and GONGZHI_ALLOWED_HOSTS
and refuses to start without them.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gongzhi import env

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent

ENVIRONMENT = env.get("GONGZHI_ENV", "development")
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured("GONGZHI_ENV must be development, production or test")
PRODUCTION = ENVIRONMENT == "production"

# Everything the running platform writes (database, uploads, collected static
# files) lives under one folder, so a deployment backs up a single path.
VAR_DIR = Path(env.get("GONGZHI_VAR_DIR", str(REPO_DIR / "var"))).resolve()
DATA_DIR = Path(env.get("GONGZHI_DATA_DIR", str(REPO_DIR / "data"))).resolve()

if PRODUCTION:
    SECRET_KEY = env.require("GONGZHI_SECRET_KEY")
    ALLOWED_HOSTS = env.get_list("GONGZHI_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("GONGZHI_ALLOWED_HOSTS must be set when GONGZHI_ENV=production")
else:
    SECRET_KEY = env.get("GONGZHI_SECRET_KEY", "development-only-not-secret")  # noqa: S105
    ALLOWED_HOSTS = env.get_list("GONGZHI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

DEBUG = env.get_bool("GONGZHI_DEBUG", not PRODUCTION)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # Before django_tasks_db, so that its `db_worker` command overrides the library's.
    "gongzhi.core",
    "django_tasks",
    "django_tasks_db",
    "gongzhi.places",
    "gongzhi.people",
    "gongzhi.needs",
    "gongzhi.notices",
    "gongzhi.results",
    "gongzhi.consultation",
    "gongzhi.library",
    "gongzhi.records",
    "gongzhi.membership",
    "gongzhi.participation",
    "gongzhi.legal",
    "gongzhi.dashboard",
    "gongzhi.api",
    "gongzhi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "gongzhi.urls"
WSGI_APPLICATION = "gongzhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gongzhi.notices.context_processors.unread_notifications",
            ],
        },
    },
]


def _database() -> dict:
    url = env.get("DATABASE_URL", "")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env.get("GONGZHI_SQLITE_PATH", str(VAR_DIR / "gongzhi.sqlite3")),
        "OPTIONS": {
            # WAL lets readers go on while one writer commits; IMMEDIATE takes
            # the write lock at BEGIN so two writers queue instead of failing
            # half-way with "database is locked".
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "dashboard:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# What `gongzhi schedule` enqueues, and every how many seconds; the tasks
# themselves run in `gongzhi db_worker`. `make run` starts both.
PERIODIC_TASKS = [
    ("gongzhi.legal.tasks.send_reminders", 10 * 60),
    ("gongzhi.needs.tasks.refresh_hot_issues", 60 * 60),
]

# A strict policy: every script and style is a vendored file of our own, so
# nothing inline and nothing from another origin is ever needed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

CSRF_FAILURE_VIEW = "gongzhi.core.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = env.get_bool("GONGZHI_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env.get_int("GONGZHI_HSTS_SECONDS", 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("GONGZHI_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env.get_bool("GONGZHI_HSTS_PRELOAD", False)
    SECURE_SSL_REDIRECT = env.get_bool("GONGZHI_SSL_REDIRECT", False)
    CSRF_TRUSTED_ORIGINS = env.get_list("GONGZHI_CSRF_TRUSTED_ORIGINS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "gongzhi": {"handlers": ["console"], "level": env.get("GONGZHI_LOG_LEVEL", "INFO")},
    },
}

SITE_NAME = _("共治")
