"""Settings read from the environment; defaults suit the embedded demo, production sets its own."""
import ipaddress
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("MANDATE_DATA_DIR", Path.cwd() / "var"))


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("MANDATE_DEBUG", False)
SECRET_KEY = os.environ.get("MANDATE_SECRET_KEY", "")
if not SECRET_KEY:
    # A local demo gets a key of its own, kept beside its database; a server must set one.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = [h for h in os.environ.get("MANDATE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its templates and static: /api/v1/docs draws Swagger UI from /static/ninja/, not from a CDN
    "mandate.core",
    "mandate.audit",
    "mandate.orgs",
    "mandate.accounts",
    "mandate.documents",
    "mandate.tasks",
    "mandate.personnel",
    "mandate.reorganizations",
    "mandate.meetings",
    "mandate.ingest",
    "mandate.monitoring",
    "mandate.reports",
    "mandate.inspections",
    "mandate.sheets",
    "mandate.inbox",
    "mandate.reviews",
    "mandate.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves /static/ from STATIC_ROOT (after `mandate collectstatic`), in production as in `make demo`.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "mandate.web.language.VietnameseFirst",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mandate.api.ApiEdge",
]

# Where pages keep the one-time tokens of submitted forms (mandate.web.pages.OnceStore), so that a double submit is
# answered as the first; named here because web sits below accounts.
MANDATE_FORM_TOKEN_STORE = "mandate.accounts.idempotency.FormTokens"

ROOT_URLCONF = "mandate.urls"
WSGI_APPLICATION = "mandate.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% csrf_token %} writes the form's one-time token too (guard); `shorten`: a title cut at a word (words).
            "builtins": ["mandate.web.guard", "mandate.web.words"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mandate.offers.offers",
                "mandate.offers.date_hint",
                "mandate.core.context.structure_date",
                "mandate.accounts.context.administration",
                "mandate.health.version",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'mandate.sqlite3'}"),
        conn_max_age=int(os.environ.get("MANDATE_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at BEGIN
    # so two writers queue instead of failing with "database is locked" half-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # Tests use a file, not shared-cache memory: concurrent writers must wait for the lock as in production.
    # One file per test process, so that two suites running side by side do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-mandate-{os.getpid()}.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The status CASE makes the planner overestimate rows and switch on JIT compilation, which
    # costs about a second per list query at a million tasks and buys nothing for short queries.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Reads of GET pages and API calls from a PostgreSQL streaming replica (mandate/replica.py); writes stay on the primary.
if os.environ.get("MANDATE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["MANDATE_REPLICA_URL"],
                                                 conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 60))
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["mandate.replica.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "mandate.replica.ReadFromReplica")
MANDATE_REPLICA_STICKY_SECONDS = int(os.environ.get("MANDATE_REPLICA_STICKY_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Passwords as Django checks them, with the user found by the NFKC + casefold key of the name typed (accounts/signin.py).
AUTHENTICATION_BACKENDS = ["mandate.accounts.signin.IdentifierBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English"), ("ru", "Русский"), ("uk", "Українська")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates on pages, exports and e-mails in the reader's form: dd/mm/yyyy in Vietnamese and English, dd.mm.yyyy in
# Russian and Ukrainian (Django's own formats for the two, and for numbers in all four).
FORMAT_MODULE_PATH = ["mandate.web.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("MANDATE_STATIC_ROOT", DATA_DIR / "static"))
# WhiteNoise stores a gzip copy beside each file at collectstatic and serves either; the names are not hashed, so a
# page never fails for a missing manifest entry (browsers revalidate after WhiteNoise's 60 seconds).
STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MANDATE_MEDIA_ROOT", DATA_DIR / "media"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Attachments and evidence: the largest file and the types accepted (see core/uploads.py).
MANDATE_UPLOAD_MAX_BYTES = int(os.environ.get("MANDATE_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))
MANDATE_UPLOAD_EXTENSIONS = [e.strip().lower() for e in os.environ.get(
    "MANDATE_UPLOAD_EXTENSIONS", ".pdf,.docx,.doc,.xlsx,.xls,.pptx,.odt,.ods,.png,.jpg,.jpeg,.txt,.csv,.zip").split(",") if e.strip()]
# The tesseract program that reads scans (documents/ocr.py); a path to none makes every scan refused as unreadable by OCR.
MANDATE_OCR_COMMAND = os.environ.get("MANDATE_OCR_COMMAND", "tesseract")

# Production: explicitly (MANDATE_PRODUCTION=1), or whenever debugging is off and the site answers to
# a host name that is not this machine's. Each protection below can still be turned off by its own
# MANDATE_SECURE_* flag (e.g. a closed network without TLS), never silently.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]", "testserver"}
PRODUCTION = env_flag("MANDATE_PRODUCTION", not DEBUG and any(host not in LOCAL_HOSTS for host in ALLOWED_HOSTS))
if PRODUCTION and (not os.environ.get("MANDATE_SECRET_KEY") or DEBUG):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("In production set MANDATE_SECRET_KEY (50 random characters) and leave MANDATE_DEBUG off.")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_flag("MANDATE_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = int(os.environ.get("MANDATE_SESSION_SECONDS", 8 * 3600))  # one working day
SECURE_SSL_REDIRECT = env_flag("MANDATE_SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("MANDATE_SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("MANDATE_SECURE_HSTS_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_flag("MANDATE_SECURE_HSTS_PRELOAD", PRODUCTION)
# A monitor may ask for /healthz over plain HTTP on the machine itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_flag("MANDATE_SECURE_PROXY", False):
    # Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto (and strips the client's own).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated; none by default):
# behind nginx on the same machine, 127.0.0.1. See web/client.py.
MANDATE_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("MANDATE_TRUSTED_PROXIES", "").split(",") if p.strip()]
for _proxy in MANDATE_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _error:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"MANDATE_TRUSTED_PROXIES: {_proxy!r} is not an address or a network") from _error
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("MANDATE_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Every paginated API list: at most 1,000 items a page, offsets that fit the database's integers.
NINJA_PAGINATION_CLASS = "mandate.core.pagination.BoundedLimitOffsetPagination"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_HOST = os.environ.get("MANDATE_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("MANDATE_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("MANDATE_EMAIL_FROM", "mandate@localhost")
EMAIL_BACKEND = os.environ.get("MANDATE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST_USER = os.environ.get("MANDATE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MANDATE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_flag("MANDATE_EMAIL_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("MANDATE_EMAIL_TIMEOUT", "30"))
# Where the file backend (MANDATE_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend, the demo's) writes.
EMAIL_FILE_PATH = os.environ.get("MANDATE_EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
# The address that links in reminder e-mails start with.
MANDATE_SITE_URL = os.environ.get("MANDATE_SITE_URL", "http://127.0.0.1:8000")

# How many days ahead a task counts as "due soon" when its unit sets no window of its own.
MANDATE_DEFAULT_WARNING_DAYS = 7

# Logs go to standard error, with the time, level, process and logger; under systemd journald keeps and rotates them
# (deploy/journald-mandate.conf caps their size and age; `journalctl -u mandate -u mandate-worker` reads them).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(process)d %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MANDATE_LOG_LEVEL", "WARNING")},
}

# Signing in with the office's directory (LDAP), off unless MANDATE_LDAP_URI is set. The password is checked by the
# directory; the account in Mandate is made (or refreshed) at sign-in with no role: roles are granted in Mandate.
MANDATE_LDAP_URI = os.environ.get("MANDATE_LDAP_URI", "")
if MANDATE_LDAP_URI:
    import ldap
    from django_auth_ldap.config import LDAPSearch

    AUTH_LDAP_SERVER_URI = MANDATE_LDAP_URI
    AUTH_LDAP_BIND_DN = os.environ.get("MANDATE_LDAP_BIND_DN", "")
    AUTH_LDAP_BIND_PASSWORD = os.environ.get("MANDATE_LDAP_BIND_PASSWORD", "")
    AUTH_LDAP_START_TLS = env_flag("MANDATE_LDAP_START_TLS", False)
    AUTH_LDAP_USER_SEARCH = LDAPSearch(os.environ.get("MANDATE_LDAP_USER_BASE", ""), ldap.SCOPE_SUBTREE,
                                       os.environ.get("MANDATE_LDAP_USER_FILTER", "(uid=%(user)s)"))
    AUTH_LDAP_USER_ATTR_MAP = {"full_name": os.environ.get("MANDATE_LDAP_NAME_ATTR", "cn"),
                               "email": os.environ.get("MANDATE_LDAP_EMAIL_ATTR", "mail")}
    AUTH_LDAP_CONNECTION_OPTIONS = {ldap.OPT_NETWORK_TIMEOUT: int(os.environ.get("MANDATE_LDAP_TIMEOUT", "5")),
                                    ldap.OPT_REFERRALS: 0}
    if os.environ.get("MANDATE_LDAP_CA_FILE"):
        AUTH_LDAP_GLOBAL_OPTIONS = {ldap.OPT_X_TLS_CACERTFILE: os.environ["MANDATE_LDAP_CA_FILE"]}
    # The directory first; local passwords still work (the first administrator, accounts the directory lacks).
    AUTHENTICATION_BACKENDS = ["mandate.accounts.directory.DirectoryBackend", *AUTHENTICATION_BACKENDS]
