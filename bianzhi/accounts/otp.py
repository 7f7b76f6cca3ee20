"""Second factor (等保三级 双因素认证): TOTP devices and one-time recovery codes from django-otp.

Enrolment: `start_enrolment` makes an unconfirmed TOTP device, the enrol page shows its QR code (rendered here as
inline SVG by segno — no remote service) and the user confirms with a first code; `confirm_enrolment` then
confirms the device and issues RECOVERY_CODE_COUNT recovery codes, shown once.
"""
import base64
import secrets

import segno
from django.conf import settings
from django.db import transaction
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bianzhi.core.audit import record_event

from .permissions import may_reset_second_factor, requires_second_factor

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "身份验证器"
RECOVERY_NAME = "恢复码"


class SecondFactorError(Exception):
    pass


def has_second_factor(user) -> bool:
    """A confirmed authenticator (asked on every staff request: one query, not one per device kind)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_enrolment(user) -> bool:
    return requires_second_factor(user) and not has_second_factor(user)


def start_enrolment(user) -> TOTPDevice:
    """The user's unconfirmed TOTP device (a new secret each time enrolment starts over)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1f2937")


def confirm_enrolment(device: TOTPDevice, code: str, *, acting_user) -> list[str]:
    """Confirm the device with its first code; replace any earlier factor; return the new recovery codes."""
    if device.user_id != acting_user.pk:
        raise SecondFactorError("只能为自己的账号绑定身份验证器。")
    if not device.verify_token(code.strip()):
        raise SecondFactorError("验证码不正确或已过期，请输入身份验证器上当前显示的 6 位数字。")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=acting_user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save()
        codes = issue_recovery_codes(acting_user)
        record_event("update", user=acting_user, detail={"second_factor": "TOTP 已绑定，恢复码已生成"})
    return codes


def issue_recovery_codes(user) -> list[str]:
    """New recovery codes (the old ones stop working). Each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def reset_second_factor(account, *, acting_user) -> int:
    """安全管理员 resets a lost authenticator: the account's TOTP devices and recovery codes stop working, and at
    its next login an account that needs a second factor must bind a new one. Audited. Returns devices removed."""
    if not may_reset_second_factor(acting_user, account):
        raise SecondFactorError(f"您无权重置「{account}」的二次验证（只有安全管理员可以，且不能重置自己的）。")
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=account).delete()[0]
        removed += StaticDevice.objects.filter(user=account).count()
        StaticDevice.objects.filter(user=account).delete()
        record_event("update", user=acting_user, obj=account,
                     detail={"second_factor": "已重置：身份验证器和恢复码作废，下次登录须重新绑定"})
    return removed


def verify(user, code: str):
    """The device that accepts this code (TOTP or a recovery code, which is then used up), or None."""
    code = (code or "").strip().lower()
    if not code:
        return None
    return match_token(user, code)


def issuer() -> str:
    return settings.OTP_TOTP_ISSUER
