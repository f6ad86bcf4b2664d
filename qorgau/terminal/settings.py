"""Settings of the kiosk agent (`qorgau terminal`): its own, apart from the server's.

No database of Django's, no sessions, no accounts: the form's answers travel
only between the screen and this process until they are sealed.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
HOME = Path(os.environ.get("QORGAU_TERMINAL_HOME", BASE_DIR / "var" / "terminal"))
HOME.mkdir(mode=0o700, parents=True, exist_ok=True)
SERVER_URL = os.environ.get("QORGAU_TERMINAL_SERVER", "http://127.0.0.1:8000")
SERVER_CA = os.environ.get("QORGAU_TERMINAL_CA") or None
IDLE_SECONDS = int(os.environ.get("QORGAU_TERMINAL_IDLE_SECONDS", "120"))


def _secret_key() -> str:
    path = HOME / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.staticfiles", "csp", "qorgau.terminal"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "qorgau.terminal.views.NoStoreMiddleware",
]
ROOT_URLCONF = "qorgau.terminal.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.i18n"]},
    }
]
DATABASES: dict = {}
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("QORGAU_TIME_ZONE", "Asia/Almaty")
LANGUAGE_CODE = "ru"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "qorgau" / "locale"]
STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
# The kiosk page is served on localhost to a locked-down browser; CSRF uses a
# cookie that holds no complaint data.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# "no-referrer" would make the browser send "Origin: null" and fail the CSRF check.
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"qorgau.terminal": {"level": "INFO"}},
}
