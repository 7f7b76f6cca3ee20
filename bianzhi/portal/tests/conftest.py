import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo once per test session (it builds PDFs and runs the review flow, so it is slow);
    every test then runs inside a transaction that is rolled back. The demo publishes what its review
    flow approved; the rest is published here too, as if approved, so every test has the whole city."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))
        from bianzhi.accounts.models import User
        from bianzhi.portal.models import PublishedUnit
        from bianzhi.portal.services import publish_units
        from bianzhi.registry.models import Unit

        rest = Unit.objects.filter(status="active").exclude(
            pk__in=PublishedUnit.objects.filter(is_current=True).values("unit_id"))
        publish_units(list(rest), note="测试：其余单位审核通过后发布", acting_user=User.objects.get(username="admin"))


@pytest.fixture
def demo(db):
    """Overrides the project fixture: the demo is already in the database (see django_db_setup)."""


@pytest.fixture
def published(db):
    from bianzhi.portal.models import Release

    return Release.objects.order_by("-number").first()


@pytest.fixture
def admin_user(users):
    return users["admin"]
