"""The session's row and its user's row read in one statement (accounts.sessions) once the process knows the
session's user: the same user, and every refusal still at once — an ended session, a deactivated or locked account,
an authenticator bound or removed since — on SQLite and PostgreSQL."""
import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from bianzhi.accounts import sessions
from bianzhi.accounts.models import User

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/units/"


def statements_of(client, path=UNITS):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [q["sql"] for q in queries.captured_queries]


def session_reads(statements):
    return [s for s in statements if "django_session" in s]


def test_after_the_first_request_the_session_and_its_user_are_one_statement(users, client_for):
    client = client_for("luru")
    assert client.get(UNITS).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert sessions.USER_OF_SESSION[key] == str(users["luru"].pk)
    del sessions.USER_OF_SESSION[key]  # as in a process that has not seen this session yet: two reads
    first, before = statements_of(client)
    assert first.status_code == 200 and sessions.USER_OF_SESSION[key] == str(users["luru"].pk)
    assert [s for s in before if 'FROM "accounts_user"' in s and "django_session" not in s]
    second, after = statements_of(client)
    assert second.status_code == 200 and second.json() == first.json()
    [together] = session_reads(after)
    assert "accounts_user" in together and "otp_totp_totpdevice" in together
    assert not [s for s in after if s is not together and 'FROM "accounts_user"' in s]
    assert len(after) == len(before) - 3  # the user's row, the clerk's roots and the assigned units came with the session's


@pytest.mark.parametrize("guess", ["admin", "nobody"])
def test_a_wrong_guess_reads_the_sessions_own_user(users, client_for, guess):
    client = client_for("luru")
    client.get(UNITS)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    # (cannot happen: a key keeps its user) another user's row, or no row at all, read beside the session: still right
    sessions.USER_OF_SESSION[key] = str(users["admin"].pk if guess == "admin" else 987654321)
    response, statements = statements_of(client, "/accounts/me/")
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == users["luru"].pk
    assert [s for s in statements if 'FROM "accounts_user"' in s and "django_session" not in s]  # read again
    assert sessions.USER_OF_SESSION[key] == str(users["luru"].pk)


def test_an_ended_session_is_refused_at_once(client_for):
    client = client_for("luru")
    assert client.get(UNITS).status_code == 200
    client.logout()
    assert client.get(UNITS).status_code in (401, 403)


def test_a_session_ended_by_deleting_its_row_is_refused_at_once(client_for):
    from django.contrib.sessions.models import Session

    client = client_for("luru")
    assert client.get(UNITS).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).delete()
    assert client.get(UNITS).status_code in (401, 403)


@pytest.mark.parametrize("change", [{"is_active": False},
                                    {"locked_until": datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)}])
def test_a_deactivated_or_locked_account_is_refused_at_once(users, client_for, change):
    client = client_for("luru")
    assert client.get(UNITS).status_code == 200
    assert client.get(UNITS).status_code == 200  # now on the one-statement read
    User.objects.filter(pk=users["luru"].pk).update(**change)
    assert client.get(UNITS).status_code in (401, 403)


def test_an_authenticator_bound_since_is_asked_for_at_once(users, client_for):
    user = users["luru"]
    assert not TOTPDevice.objects.filter(user=user).exists()
    client = client_for("luru")
    assert client.get(UNITS).status_code == 200
    assert client.get(UNITS).status_code == 200
    TOTPDevice.objects.create(user=user, name="新绑定", confirmed=True)
    response = client.get(UNITS)
    assert response.status_code == 403 and response.json()["code"] == "second_factor_required"


def test_a_removed_authenticator_is_refused_at_once(users, client_for):
    client = client_for("admin")  # an administrator must use one; the session passed it
    assert client.get(UNITS).status_code == 200
    assert client.get(UNITS).status_code == 200
    TOTPDevice.objects.filter(user=users["admin"]).delete()
    assert client.get(UNITS).status_code == 403


def test_a_clerks_roots_come_with_the_session_and_a_scope_change_applies_at_once(users, client_for):
    from bianzhi.accounts.scope import allowed_units

    user = users["luru"]
    unit = allowed_units(user, "view").order_by("pk").first()
    client = client_for("luru")
    assert client.get(f"/api/v1/units/{unit.pk}/").status_code == 200
    response, statements = statements_of(client, f"/api/v1/units/{unit.pk}/")
    assert response.status_code == 200
    [together] = session_reads(statements)
    assert "accounts_entrygroup" in together  # the roots of the clerk's scope, in the same statement
    assert not [s for s in statements if s is not together and "accounts_entrygroup" in s]
    groups = {group: list(group.units.all()) for group in user.entry_groups.all()}
    for group in groups:
        group.units.clear()
    assert client.get(f"/api/v1/units/{unit.pk}/").status_code == 404
    for group, units in groups.items():
        group.units.set(units)
    assert client.get(f"/api/v1/units/{unit.pk}/").status_code == 200
