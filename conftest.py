"""Shared fixtures: the demo data set and one logged-in client per role."""
import pytest


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.fixture
def users(demo):
    from bianzhi.accounts.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def client_for(client, users):
    """client_for("luru") → a Django test client logged in as that demo user."""
    from django.test import Client

    def make(username):
        c = Client()
        c.force_login(users[username])
        return c

    return make


@pytest.fixture
def api_for(users):
    from rest_framework.test import APIClient

    def make(username):
        c = APIClient()
        c.force_authenticate(users[username])
        return c

    return make
