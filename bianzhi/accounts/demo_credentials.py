"""The published demo credentials. They are refused as real passwords (validators) and exist only in demo data
loaded by `bianzhi load_demo`."""

DEMO_PASSWORD = "Bianzhi@2017"
# The demo accounts' TOTP secret (base32). Any authenticator app, or `python -m bianzhi.accounts.demo_totp`, turns
# it into the current six-digit code. Only `load_demo` ever attaches it to an account.
DEMO_TOTP_SECRET = "BIANZHIDEMOTOTPSECRETBAISEZZAAAA"
