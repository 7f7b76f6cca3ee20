"""Fixtures of the lists app: the demo data of the apps the lists build on (registry, accounts, sanding)
plus the lists' own demo, without the later apps' demo (workflow, portal) — faster, and what these tests need."""
import pytest


@pytest.fixture
def lists_demo(db):
    import importlib

    from bianzhi.core.context import acting_as

    quiet = lambda *a, **k: None  # noqa: E731
    with acting_as(None, request_id="lists-tests"):
        for app in ["registry", "accounts", "documents", "sanding", "lists"]:
            try:
                module = importlib.import_module(f"bianzhi.{app}.demo")
            except ModuleNotFoundError:
                continue
            module.load(log=quiet)


@pytest.fixture
def lusers(lists_demo):
    from bianzhi.accounts.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def lclient(lusers):
    from django.test import Client

    def make(username):
        c = Client()
        c.force_login(lusers[username])
        return c

    return make
