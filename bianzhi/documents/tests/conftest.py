import pytest


@pytest.fixture
def ddemo(db):
    """Regions, units and accounts only (the other apps' demo sets are not needed here and are slow)."""
    from bianzhi.accounts import demo as accounts_demo
    from bianzhi.core.context import acting_as
    from bianzhi.registry import demo as registry_demo

    with acting_as(None, request_id="test"):
        registry_demo.load(log=lambda *a: None)
        accounts_demo.load(log=lambda *a: None)


@pytest.fixture
def client_as(ddemo):
    from django.test import Client

    from bianzhi.accounts.models import User

    def make(username):
        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    return make


@pytest.fixture
def api_as(ddemo):
    from rest_framework.test import APIClient

    from bianzhi.accounts.models import User

    def make(username):
        c = APIClient()
        c.force_authenticate(User.objects.get(username=username))
        return c

    return make
