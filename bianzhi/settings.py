"""Settings for bianzhi. Everything a deployment changes comes from the environment.

DATABASE_URL   sqlite:///var/bianzhi.sqlite3 (default) or postgres://user@host:5432/name
SECRET_KEY     required when DEBUG is off
DEBUG          1/0 (default 0; development only: Django's debug pages)
BIANZHI_DEMO   1 for `make demo`: development keys allowed, DEBUG stays off (the platform's own error pages)
ALLOWED_HOSTS  comma-separated (default 127.0.0.1,localhost)
BIANZHI_DATA_DIR  where the SQLite file, uploads and huey queue live (default ./var)
REDIS_URL      optional; enables the Redis cache and puts the task queue (huey) on Redis
TRUSTED_PROXIES   reverse proxies whose X-Forwarded-For is believed (addresses/networks, comma-separated)
PERSONNEL_KEY  Fernet key(s) encrypting 公民身份号码 (required when DEBUG is off; comma-separated for rotation)
BIANZHI_FILES_DIR  where stored files live (default $BIANZHI_DATA_DIR/files; a shared mount for several nodes)
BIANZHI_S3_BUCKET  optional; stored files go to this S3-compatible bucket (django-storages, pip install 'bianzhi[s3]')
METRICS_ALLOW  optional; comma-separated networks (e.g. 10.0.0.0/8) that may read /metrics without logging in
"""
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


DEBUG = env_bool("DEBUG", False)
# `make demo`: the development keys below are allowed (demo data only), but DEBUG stays off, so a visitor of the
# demo sees the platform's own Chinese error pages, never Django's debug pages.
DEMO = env_bool("BIANZHI_DEMO", False)
TESTING = env_bool("BIANZHI_TESTING", False) or "pytest" in sys.modules
DATA_DIR = Path(os.environ.get("BIANZHI_DATA_DIR", PROJECT_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# commands that read a file and print JSON touch neither the database's secrets nor anything signed: they run
# without configuration (a random key for the process, so nothing it could sign outlives it)
STANDALONE_COMMANDS = {"parse-sanding", "parse-docnumber"}
STANDALONE = len(sys.argv) > 1 and Path(sys.argv[0]).name in ("bianzhi", "__main__.py") and sys.argv[1] in STANDALONE_COMMANDS
if not SECRET_KEY:
    if STANDALONE:
        import secrets

        SECRET_KEY = secrets.token_urlsafe(50)
    elif DEBUG or TESTING or DEMO:
        SECRET_KEY = "insecure-development-key-never-use-in-production"
    else:
        raise ImproperlyConfigured("未设置 SECRET_KEY 环境变量（生产环境必须设置）。演示请运行 make demo（BIANZHI_DEMO=1）。")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "huey.contrib.djhuey",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "bianzhi.core",
    "bianzhi.accounts",
    "bianzhi.registry",
    "bianzhi.documents",
    "bianzhi.sanding",
    "bianzhi.lists",
    "bianzhi.workflow",
    "bianzhi.portal",
    "bianzhi.ingest",
    "bianzhi.personnel",
    "bianzhi.demo",
    "bianzhi.ops",
]

MIDDLEWARE = [
    "bianzhi.ops.middleware.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "bianzhi.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bianzhi.portal.middleware.PrerenderedPageMiddleware",  # anonymous public pages from storage (issue 14)
    "bianzhi.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bianzhi.core.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bianzhi.accounts.middleware.SecondFactorMiddleware",
    "bianzhi.core.middleware.AuditUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bianzhi.core.middleware.LockedErrorMiddleware",
    "bianzhi.core.middleware.OutOfRangeIdMiddleware",
    "bianzhi.accounts.middleware.ForcedPasswordChangeMiddleware",
    "bianzhi.accounts.middleware.PasswordRotationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bianzhi.urls"
WSGI_APPLICATION = "bianzhi.wsgi.application"

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
                "bianzhi.core.context_processors.platform",
                "bianzhi.accounts.context_processors.access",
            ],
            # `{% if user|may:"create_campaign" %}` everywhere: templates ask the permission module.
            "builtins": ["bianzhi.accounts.templatetags.permissions"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'bianzhi.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real embedded database (docs/adr/0014-sqlite-concurrency.md): WAL so readers never block the
    # writer, a busy timeout so a writer waits for the lock instead of failing, and IMMEDIATE transactions so
    # a transaction takes the write lock when it begins — a deferred one that reads first and then writes
    # cannot wait for the lock (SQLite answers "database is locked" at once to avoid a deadlock).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 30),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if TESTING:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # test databases must be droppable at teardown
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
# The precompiled statements (core.precompiled: session, user, scope, a unit and its rows, a save's writes) prepared
# on each PostgreSQL connection (ADR 0046); off behind a connection pooler that cannot keep prepared statements.
PRECOMPILED_PREPARED = env_bool("PRECOMPILED_PREPARED", True)
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = ["bianzhi.accounts.backends.LockoutModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "bianzhi.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "bianzhi.accounts.validators.CommonVariantValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "bianzhi.accounts.validators.CharacterClassValidator"},
    {"NAME": "bianzhi.accounts.validators.ContextWordsValidator"},
    {"NAME": "bianzhi.accounts.validators.PasswordHistoryValidator"},
]
PASSWORD_HISTORY_COUNT = env_int("PASSWORD_HISTORY_COUNT", 5)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# 等保三级: lock a (username, address) pair after N failed logins, the account itself after many from anywhere;
# end idle sessions; API tokens expire.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_ACCOUNT_MAX_FAILURES = env_int("LOGIN_ACCOUNT_MAX_FAILURES", 50)
API_TOKEN_TTL_HOURS = env_int("API_TOKEN_TTL_HOURS", 24 * 7)
# Second factor (TOTP, django-otp): required for these roles and for staff/superusers; OTP_REQUIRED_FOR_ALL=1 turns
# "optional for everyone else" into "required for every account".
OTP_REQUIRED_ROLES = ["admin", "sysadmin", "secadmin", "auditor"]
OTP_REQUIRED_FOR_ALL = env_bool("OTP_REQUIRED_FOR_ALL", False)
OTP_TOTP_ISSUER = os.environ.get("PLATFORM_NAME", "百色市机构编制云平台")
# The audit log is never deleted by the platform; this is the minimum a deployment keeps (a system check refuses
# less than 180 days, 等保三级).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated); none by default.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 30)
# Django's database sessions; the read on every request is compiled once per process (core.sessions), the session's
# row and its user's read in one statement once the process knows the session's user (accounts.sessions)
SESSION_ENGINE = "bianzhi.accounts.sessions"
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Each request renews the idle limit; the session is written at most once a minute (core.middleware.SessionRenewalMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = env_int("SESSION_RENEW_SECONDS", 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS deployments (SECURE_COOKIES=1): HSTS for a year and redirect plain HTTP, each overridable by its own
# variable (SECURE_HSTS_SECONDS=0 turns HSTS off; SECURE_SSL_REDIRECT=0 when the proxy redirects itself).
# `bianzhi check --deploy` is clean with SECURE_COOKIES=1 (docs/deployment.md).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SESSION_COOKIE_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SESSION_COOKIE_SECURE)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SESSION_COOKIE_SECURE)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_CONTENT_TYPE_NOSNIFF = True
if env_bool("SECURE_PROXY_SSL_HEADER", False):  # behind a TLS-terminating proxy that sets X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "registry:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves collected files from here in production
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
# Uploaded and generated files live outside the web root and are served only through permission-checked views.
# Every app reads and writes them through Django's storage API (default_storage), so several app nodes can share
# one store: a shared directory (BIANZHI_FILES_DIR on NFS/CephFS) or an S3-compatible bucket (BIANZHI_S3_BUCKET).
MEDIA_ROOT = Path(os.environ.get("BIANZHI_FILES_DIR", DATA_DIR / "files")).resolve()
S3_BUCKET = os.environ.get("BIANZHI_S3_BUCKET", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if S3_BUCKET:  # django-storages; credentials come from the usual AWS_* variables or the instance role
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": S3_BUCKET,
        "endpoint_url": os.environ.get("BIANZHI_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("BIANZHI_S3_REGION") or None,
        "location": os.environ.get("BIANZHI_S3_PREFIX", ""),
        "default_acl": None, "querystring_auth": True, "file_overwrite": False,
    }}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Every upload streams through the guard's handler first: past UPLOAD_MAX_BYTES nothing more is kept.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "bianzhi.core.uploads.StreamingLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# 实名制 (bianzhi.personnel): encryption key of ID numbers (see personnel/crypto.py), the 核准通知单's 机关代字
# and validity, the office named on it.
PERSONNEL_KEY = os.environ.get("PERSONNEL_KEY", "")
PERSONNEL_NOTICE_CODE = os.environ.get("PERSONNEL_NOTICE_CODE", "百编用")
PERSONNEL_NOTICE_VALID_DAYS = env_int("PERSONNEL_NOTICE_VALID_DAYS", 180)
PERSONNEL_OFFICE_NAME = os.environ.get("PERSONNEL_OFFICE_NAME", "中共百色市委机构编制委员会办公室")

REDIS_URL = os.environ.get("REDIS_URL", "")
# "default" may be per process; "shared" is seen by every process of the deployment (web workers, the background
# worker, other app nodes): Redis when REDIS_URL is set, else a file cache in the data directory (one host).
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CACHES["shared"] = CACHES["default"]
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bianzhi"},
        "shared": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                   "LOCATION": str(DATA_DIR / "cache" / "shared")},
    }
    if TESTING:  # each pytest-xdist worker has its own database, so its own "shared" cache too
        CACHES["shared"]["LOCATION"] += "-" + os.environ.get("PYTEST_XDIST_WORKER", "main")

# The task queue: on Redis when REDIS_URL is set (several app nodes, one or more workers), otherwise a SQLite file
# in the data directory (one host). `bianzhi serve` runs the web server and the worker together.
HUEY = {
    "name": os.environ.get("HUEY_NAME", "bianzhi"),
    "immediate": env_bool("HUEY_IMMEDIATE", TESTING),
    "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread", "check_worker_health": True},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": os.environ.get("HUEY_REDIS_URL", REDIS_URL)})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "huey.sqlite3")})
# 权力清单 / 责任清单 exports above this many rows are written by the worker with a progress bar (lists/exports.py)
LISTS_EXPORT_INLINE_MAX = env_int("LISTS_EXPORT_INLINE_MAX", 1000)
METRICS_ALLOW = [n.strip() for n in os.environ.get("METRICS_ALLOW", "").split(",") if n.strip()]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "bianzhi.accounts.tokens.ExpiringTokenAuthentication",  # first: a refused token answers 401
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "bianzhi.core.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "bianzhi.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "bianzhi 机构编制云平台 API",
    "DESCRIPTION": "机构库、三定规定、权力清单和责任清单的数据接口。所有结果按调用者的数据范围过滤。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"EntryMethodEnum": "bianzhi.personnel.models.EntryMethod"},
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # The background worker's own log (job started/finished); one handler, so `bianzhi serve` prints each line once.
    "loggers": {"huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
                # each web process's warm-up before it serves (ops/warmup.py): one line with its time
                "bianzhi.warmup": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bianzhi@localhost")

PLATFORM_NAME = os.environ.get("PLATFORM_NAME", "百色市机构编制云平台")
# Public unit and region pages rendered once per release in the background and served from storage
# (portal/prerender.py). Off in tests unless a test turns it on: tests publish inside rolled-back transactions.
PORTAL_PRERENDER = env_bool("BIANZHI_PRERENDER", not TESTING)
