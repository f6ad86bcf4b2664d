"""Qorgau settings, read from the environment.

Embedded default: SQLite in ``var/`` next to the checkout. Production: set
``DATABASE_URL`` to a PostgreSQL URL, ``QORGAU_ALLOWED_HOSTS`` and keep
``QORGAU_DEBUG`` unset. See docs/operations.md.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("QORGAU_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Take SECRET_KEY from the environment or from a local file made once.

    The file lives in var/ (git-ignored) with mode 0600 so that no secret is
    ever committed and sessions survive restarts.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("QORGAU_DEBUG")
# The demo runs on plain http://127.0.0.1; everything else is behind TLS.
INSECURE_HTTP = env_bool("QORGAU_INSECURE_HTTP", default=DEBUG)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("QORGAU_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("QORGAU_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "qorgau.core",
    "qorgau.accounts",
    "qorgau.facilities",
    "qorgau.people",
    "qorgau.complaints",
    "qorgau.allegations",
    "qorgau.medical",
    "qorgau.force",
    "qorgau.surveillance",
    "qorgau.visits",
    "qorgau.recommendations",
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
    "qorgau.accounts.middleware.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "qorgau.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qorgau.urls"
WSGI_APPLICATION = "qorgau.wsgi.application"

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
                "qorgau.core.context_processors.shell",
            ],
        },
    }
]

# --- database -------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("QORGAU_SQLITE_PATH", str(VAR_DIR / "qorgau.sqlite3")),
            "OPTIONS": {
                # Writers queue instead of failing with "database is locked":
                # BEGIN IMMEDIATE takes the write lock up front, WAL lets
                # readers go on while one process writes.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
            "TEST": {"NAME": os.environ.get("QORGAU_SQLITE_TEST_PATH") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor authentication is mandatory for roles that read case content.
# Only the demo may waive it, and every page then says so.
QORGAU_2FA_WAIVED = env_bool("QORGAU_2FA_WAIVED")
OTP_TOTP_ISSUER = "Qorgau"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("QORGAU_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("QORGAU_LOCKOUT_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind nginx the client address comes from X-Forwarded-For: QORGAU_PROXY_COUNT
# says how many proxies of ours stand in front, so lockouts count per client,
# not per proxy, and a client cannot forge its way out (qorgau/core/net.py).
QORGAU_PROXY_COUNT = int(os.environ.get("QORGAU_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "qorgau.core.net.client_ip"

# --- sessions and transport security -----------------------------------------
QORGAU_STAFF_IDLE_MINUTES = int(os.environ.get("QORGAU_STAFF_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = 12 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not INSECURE_HTTP
CSRF_COOKIE_SECURE = not INSECURE_HTTP
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = not INSECURE_HTTP
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 0 if INSECURE_HTTP else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not INSECURE_HTTP
SECURE_SSL_REDIRECT = env_bool("QORGAU_SSL_REDIRECT")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- i18n -------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("QORGAU_LANGUAGE", "ru")
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "qorgau" / "locale"]
TIME_ZONE = os.environ.get("QORGAU_TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

# --- static files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves straight from the apps' static folders: no collect step
# at start-up. nginx may serve a collected copy in front (docs/operations.md).
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
# Files attached to complaints: never under a URL, read only through the
# complaint's download view (scope, capability, audit). Another backend
# (django-storages) may replace this one without code changes.
QORGAU_ATTACHMENTS_DIR = Path(os.environ.get("QORGAU_ATTACHMENTS_DIR", VAR_DIR / "attachments"))
STORAGES["attachments"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": QORGAU_ATTACHMENTS_DIR,
        "file_permissions_mode": 0o600,
        "directory_permissions_mode": 0o700,
    },
}
QORGAU_ATTACHMENT_MAX_BYTES = int(os.environ.get("QORGAU_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
# Possible duplicates: complaints about the same place received within this
# many days of each other, shown from this score (0-100) up.
QORGAU_DUPLICATE_WINDOW_DAYS = int(os.environ.get("QORGAU_DUPLICATE_WINDOW_DAYS", "30"))
QORGAU_DUPLICATE_MIN_SCORE = int(os.environ.get("QORGAU_DUPLICATE_MIN_SCORE", "40"))
# A reminder is recorded for the assignee this many hours before a deadline.
QORGAU_COMPLAINT_REMINDER_HOURS = int(os.environ.get("QORGAU_COMPLAINT_REMINDER_HOURS", "24"))

# --- background work ----------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- logging: no request bodies, no personal data -----------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("QORGAU_LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF step at INFO.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

QORGAU_SITE_NAME = _("Qorgau")
QORGAU_DEMO = env_bool("QORGAU_DEMO")
QORGAU_PAGE_SIZE = 50
# Signed audit checkpoints are also appended here, outside the database.
QORGAU_AUDIT_CHECKPOINT_LOG = os.environ.get("QORGAU_AUDIT_CHECKPOINT_LOG", "")

# Complaint terminals: accepted clock difference, silence before a kiosk is
# listed as silent, and where the Ombudsman's keys are kept (docs/operations.md).
QORGAU_TERMINAL_WINDOW_SECONDS = int(os.environ.get("QORGAU_TERMINAL_WINDOW_SECONDS", "300"))
QORGAU_TERMINAL_SILENT_MINUTES = int(os.environ.get("QORGAU_TERMINAL_SILENT_MINUTES", "60"))
QORGAU_KEYS_DIR = os.environ.get("QORGAU_KEYS_DIR", "")
# Complaint deadlines: forwarded within a day (the law), a first answer within
# three days (published practice), a final answer within a month (setting).
QORGAU_COMPLAINT_FORWARD_HOURS = int(os.environ.get("QORGAU_COMPLAINT_FORWARD_HOURS", "24"))
QORGAU_COMPLAINT_FIRST_ANSWER_DAYS = int(os.environ.get("QORGAU_COMPLAINT_FIRST_ANSWER_DAYS", "3"))
QORGAU_COMPLAINT_FINAL_ANSWER_DAYS = int(os.environ.get("QORGAU_COMPLAINT_FINAL_ANSWER_DAYS", "30"))
# How long an approved identity reveal lets the requester see the identity.
QORGAU_IDENTITY_REVEAL_DAYS = int(os.environ.get("QORGAU_IDENTITY_REVEAL_DAYS", "30"))

# Safeguards of an allegation case file (domain.md): each clock starts when the
# allegation becomes known.
QORGAU_REFERRAL_HOURS = int(os.environ.get("QORGAU_REFERRAL_HOURS", "24"))
QORGAU_PROTECTION_HOURS = int(os.environ.get("QORGAU_PROTECTION_HOURS", "24"))
QORGAU_FORENSIC_HOURS = int(os.environ.get("QORGAU_FORENSIC_HOURS", "72"))
# Footage must be kept before the cameras overwrite it: event time plus retention.
QORGAU_FOOTAGE_RETENTION_DAYS = int(os.environ.get("QORGAU_FOOTAGE_RETENTION_DAYS", "30"))
QORGAU_REPRISAL_WATCH_DAYS = int(os.environ.get("QORGAU_REPRISAL_WATCH_DAYS", "183"))

# Use of force (qorgau/force): the medical examination it requires is due this many
# hours after the force ended.
QORGAU_FORCE_EXAM_HOURS = int(os.environ.get("QORGAU_FORCE_EXAM_HOURS", "24"))

# Video surveillance (qorgau/surveillance). A camera's own retention, else this.
QORGAU_CAMERA_RETENTION_DAYS = int(
    os.environ.get("QORGAU_CAMERA_RETENTION_DAYS", str(QORGAU_FOOTAGE_RETENTION_DAYS))
)
# A camera of a high-risk zone down longer than this raises an alert.
QORGAU_CAMERA_ALERT_MINUTES = int(os.environ.get("QORGAU_CAMERA_ALERT_MINUTES", "30"))
# How long a prosecutor's viewing token lets the gateway play the stream.
QORGAU_VIEWING_TOKEN_MINUTES = int(os.environ.get("QORGAU_VIEWING_TOKEN_MINUTES", "15"))
# Footage kept around the events of a hold, before and after.
QORGAU_HOLD_MARGIN_MINUTES = int(os.environ.get("QORGAU_HOLD_MARGIN_MINUTES", "30"))
# Outages this many hours either side of when an allegation became known raise its red
# flag, when the time of the events is not known (qorgau/surveillance/analytics).
QORGAU_RED_FLAG_HOURS = int(os.environ.get("QORGAU_RED_FLAG_HOURS", "24"))
# A hold not confirmed this close to its deadline escalates.
QORGAU_HOLD_ESCALATE_HOURS = int(os.environ.get("QORGAU_HOLD_ESCALATE_HOURS", "72"))

# NPM visits: what a participant is reimbursed per visit (qorgau/visits/funding). A day on
# the visit at the daily rate, travel (the default, corrected per row to the actual fare)
# and an extra in monthly calculation indices (MCI) at the MCI of the year, in tenge.
QORGAU_NPM_DAILY_RATE = os.environ.get("QORGAU_NPM_DAILY_RATE", "20000")
QORGAU_NPM_TRAVEL = os.environ.get("QORGAU_NPM_TRAVEL", "25000")
QORGAU_NPM_EXTRA_MCI = os.environ.get("QORGAU_NPM_EXTRA_MCI", "5")
QORGAU_MCI = os.environ.get("QORGAU_MCI", "4325")
