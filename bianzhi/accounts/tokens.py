"""API tokens that expire (API_TOKEN_TTL_HOURS after creation) and never work for a locked or inactive account.
Tokens are revoked (deleted) on lock, deactivation and password change by `User.save`."""
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - timedelta(hours=settings.API_TOKEN_TTL_HOURS):
            token.delete()
            raise exceptions.AuthenticationFailed("令牌已过期，请重新申请。")
        if user.is_locked:
            raise exceptions.AuthenticationFailed("账号已被锁定，令牌不可用。")
        return user, token
