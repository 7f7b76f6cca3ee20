"""Encryption at rest of personal identifiers (公民身份号码) with `cryptography`'s Fernet (AES-128-CBC + HMAC).

Key: `settings.PERSONNEL_KEY` (environment `PERSONNEL_KEY`: one or more url-safe base64 Fernet keys separated by
commas; the first encrypts, all decrypt — MultiFernet, so keys can be rotated). Without it, DEBUG and test runs
derive a development key from SECRET_KEY; production refuses to store or read identifiers.

The blind index is an HMAC-SHA256 of the normalised number under a key derived from the first key, so equal
numbers match (duplicates across units) without decrypting anything.
"""
import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptError(Exception):
    pass


def _derive(secret: str, purpose: str) -> bytes:
    return hashlib.sha256(f"bianzhi.personnel:{purpose}:{secret}".encode()).digest()


@functools.cache
def _keys() -> tuple:
    configured = [k.strip() for k in (getattr(settings, "PERSONNEL_KEY", "") or "").split(",") if k.strip()]
    if configured:
        return tuple(configured)
    if settings.DEBUG or getattr(settings, "TESTING", False) or getattr(settings, "DEMO", False):
        return (base64.urlsafe_b64encode(_derive(settings.SECRET_KEY, "dev-fernet")).decode(),)
    raise ImproperlyConfigured("未设置 PERSONNEL_KEY 环境变量：生产环境必须配置实名制数据加密密钥"
                               "（python -c \"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())\"）")


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in _keys()])


def encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise DecryptError("无法解密：密钥与数据不匹配（PERSONNEL_KEY 是否已更换？）")


def blind_index(plain: str) -> str:
    key = _derive(_keys()[0], "blind-index")
    return hmac.new(key, plain.encode("utf-8"), hashlib.sha256).hexdigest()


def reset_cache() -> None:
    """For tests that change settings.PERSONNEL_KEY."""
    _keys.cache_clear()
