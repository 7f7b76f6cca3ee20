"""AuditUserMiddleware hands the view the user the middleware above read, not the lazy objects around it."""
import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from bianzhi.core.middleware import AuditUserMiddleware, unwrapped

pytestmark = pytest.mark.django_db


def test_the_view_gets_the_read_user_itself(users):
    user = users["luru"]
    request = RequestFactory().get("/api/v1/units/")
    inner = SimpleLazyObject(lambda: user)
    request.user = SimpleLazyObject(lambda: inner)  # AuthenticationMiddleware's, wrapped by OTPMiddleware's
    seen = []
    AuditUserMiddleware(lambda r: seen.append(r.user) or HttpResponse())(request)
    assert seen == [user] and seen[0] is user


def test_a_lazy_user_not_read_stays_lazy():
    calls = []
    lazy = SimpleLazyObject(lambda: calls.append(1))
    assert unwrapped(lazy) is lazy and not calls


def test_an_api_request_still_checks_the_session_and_the_second_factor(users, client_for):
    """Through the whole stack: the unit API answers the signed-in clerk, refuses a session that ended and an
    account that was deactivated since (the view sees what the middleware read on this request)."""
    from bianzhi.accounts.models import User

    client = client_for("luru")
    assert client.get("/api/v1/units/").status_code == 200
    User.objects.filter(pk=users["luru"].pk).update(is_active=False)
    assert client.get("/api/v1/units/").status_code in (401, 403)
    User.objects.filter(pk=users["luru"].pk).update(is_active=True)
    client.logout()
    assert client.get("/api/v1/units/").status_code in (401, 403)
