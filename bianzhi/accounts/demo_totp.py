"""The current TOTP code of the demo accounts (demo data only): `python -m bianzhi.accounts.demo_totp`."""
import base64
import time

from django_otp.oath import totp

from .demo_credentials import DEMO_TOTP_SECRET


def current_code() -> str:
    return f"{totp(base64.b32decode(DEMO_TOTP_SECRET), step=30, t0=0, digits=6, drift=0):06d}"


if __name__ == "__main__":
    print(f"演示账号当前验证码：{current_code()}（{30 - int(time.time()) % 30} 秒后更新）")
