"""One settings module, driven by environment variables (see README and docs/deploy.md)."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("KAIMOLINK_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, else one generated once and kept in DATA_DIR."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    # Ours, by floor (docs/architecture.md): an app imports only from the apps above it here.
    "kaimolink.core",
    "kaimolink.accounts",
    "kaimolink.credentials",
    "kaimolink.quizzes",
    "kaimolink.actors",
    "kaimolink.notifications",
    "kaimolink.moderation",
    "kaimolink.events",
    "kaimolink.partnerships",
    "kaimolink.projects",
    "kaimolink.messaging",
    "kaimolink.consultations",
    "kaimolink.certification",
    "kaimolink.market",
    "kaimolink.discussions",
    "kaimolink.homework",
    "kaimolink.contactfair",
    "kaimolink.fairs",
    "kaimolink.tourism",
    "kaimolink.certificates",
    "kaimolink.indicators",
    "kaimolink.passport",
    "kaimolink.desk",
    "kaimolink.api",
    "kaimolink.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "allauth",
    "allauth.account",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    # First, so that the policy also covers the redirects other middleware answer with.
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages and JSON (docs/deploy.md, "Compression"): Django's GZipMiddleware
    # for text types. After WhiteNoise, which answers static files before this is reached
    # (compressed once at collectstatic); above every middleware that could still change
    # the body, so it compresses the final one (the three above only add headers).
    "kaimolink.core.compression.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kaimolink.urls"
WSGI_APPLICATION = "kaimolink.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kaimolink.core.context_processors.site",
                "kaimolink.core.context_processors.language_links",
                "kaimolink.notifications.context_processors.notifications",
                "kaimolink.desk.context_processors.desk",
            ],
        },
    }
]
# Forms render through the design system's field template (core/forms/field.html).
FORM_RENDERER = "kaimolink.core.forms.FormRenderer"

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'kaimolink.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let readers and one writer share the file without "locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if env_bool("KAIMOLINK_FAST_HASHER"):  # tests only: Argon2 is slow on purpose
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "kaimolink.accounts.forms.SignupForm"
# allauth's forms with a message of their own for each field (accounts/account_forms.py).
ACCOUNT_FORMS = {
    name: f"kaimolink.accounts.account_forms.{cls}"
    for name, cls in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
    }.items()
}
# allauth's e-mails go through kaimolink.core.mail (queued, retried) like all others.
ACCOUNT_ADAPTER = "kaimolink.accounts.adapter.AccountAdapter"
# Failed logins: at most 5 in 5 minutes per account from one address (the adapter keys
# them on account and address) and 30 a minute per address (an office behind one NAT).
ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip,5/5m/key"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# --- E-mail -------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kaimolink <noreply@localhost>")

# --- Background work ----------------------------------------------------------------------
# Tasks wait in the database (SQLite or PostgreSQL alike) until `kaimolink worker` runs them,
# so they survive a restart of the web processes. Queues: "mail" for e-mail, "imports" for
# spreadsheet imports, "default" for the rest; one worker takes all of them unless told
# otherwise (docs/deploy.md). Tests run tasks at once with the immediate backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "mail", "imports"],
    }
}
# Daily jobs: `kaimolink worker` queues each once a local day, from its time "at" on
# (core.daily). "call" is a function without arguments; what it returns is logged.
DAILY_JOBS = {
    "event_reminders": {"call": "kaimolink.events.services.reminders_send", "at": "07:15"},
    "consultation_reminders": {
        "call": "kaimolink.consultations.services.reminders_send",
        "at": "07:20",
    },
    "notification_digest": {"call": "kaimolink.notifications.services.digest_send", "at": "18:00"},
    "purge_imports": {"call": "kaimolink.actors.importing.imports_purge_old", "at": "03:30"},
    "purge_invitations": {
        "call": "kaimolink.actors.invitations.invitations_purge_old",
        "at": "03:30",
    },
    "certification_reminders": {
        "call": "kaimolink.certification.services.licences_remind_expiring",
        "at": "07:25",
    },
    "certification_expiry": {
        "call": "kaimolink.certification.services.licences_expire",
        "at": "00:15",
    },
    "expire_quiz_attempts": {"call": "kaimolink.quizzes.services.attempts_expire", "at": "03:40"},
}

# --- Language and time --------------------------------------------------------------------
LANGUAGE_CODE = "lt"
LANGUAGES = [("lt", _("Lithuanian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Vilnius"
USE_TZ = True

# --- Files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Documents (project and agreement documents, homework) live in the private storage,
# outside MEDIA_ROOT; only views that check access hand them out (kaimolink.core.uploads).
# The web server must never serve this folder; backups must include it (docs/deploy.md).
PRIVATE_ROOT = Path(os.environ.get("KAIMOLINK_PRIVATE_DIR", DATA_DIR / "private")).resolve()
STORAGES["private"] = {"BACKEND": "kaimolink.core.uploads.PrivateStorage"}
# Uploads larger than this are refused before they reach a form (import files, logos).
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Cache and sessions (shared between application processes) ------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Security -----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "kaimolink.core.views.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"

# Behind a reverse proxy (docs/deploy.md): how many proxies of our own stand in front of
# the application. 0 = none, the connecting address is the client (core.clientip). With
# N > 0 the client is the N-th address from the right of X-Forwarded-For, and the proxy
# tells the scheme in X-Forwarded-Proto (it must overwrite, never pass on, both headers).
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))
if TRUSTED_PROXY_HOPS > 0 or env_bool("SECURE_PROXY_SSL"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production behind TLS: redirect plain http, HSTS (a year unless told otherwise).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# The health check answers plain http to the proxy's probe on the machine itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- kaimolink ----------------------------------------------------------------------------
# Map tiles: any XYZ tile server. The default is OpenStreetMap's, whose servers then see
# each visitor's address (docs/deploy.md, "Map tiles"); a LAG may run its own. Empty: no
# tiles at all, markers on a plain background.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")


def _tile_source(url: str) -> str:
    """The CSP source of the tile server: scheme and host of MAP_TILE_URL ({s} → *)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "'self'"


# Content-Security-Policy (django-csp) on every response: code, styles and fonts only from
# this site, no inline script or style. Images also from the configured tile server (map
# tiles are pictures, not code) and data: (Leaflet's blank tile, Swagger UI's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _tile_source(MAP_TILE_URL)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
DIRECTORY_PAGE_SIZE = 24
# Anonymous visitors get public pages from the cache (core.pagecache) for at most this long;
# any change of public content makes cached pages stale at once anyway.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "300"))
MAP_MAX_MARKERS = 1000
SITE_NAME = "kaimolink"
# The public address, for links in e-mails (which are read outside the site).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default, silences the transition warning

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
