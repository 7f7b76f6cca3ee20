import datetime

import pytest


@pytest.fixture
def region(db):
    from bianzhi.registry.models import Region

    return Region.objects.get_or_create(code="999900", defaults={"name": "测试市", "level": "prefecture"})[0]


@pytest.fixture
def make_unit(region):
    from bianzhi.registry.models import Unit

    def make(name, **kw):
        return Unit.objects.create(name=name, region=region, **kw)

    return make


@pytest.fixture
def make_doc():
    from bianzhi.documents.models import ApprovalDocument

    def make(number, title, issued, doc_type="adjustment", unit=None):
        return ApprovalDocument.objects.create(doc_number_raw=number, title=title, issued_on=issued,
                                               effective_on=issued, doc_type=doc_type, unit=unit)

    return make


D = datetime.date


@pytest.fixture
def sdemo(db):
    """The demo data this app needs (regions, units, accounts, 三定) without the other apps' demo sets,
    which keeps these tests fast. Workflow locks are not loaded here."""
    from bianzhi.accounts import demo as accounts_demo
    from bianzhi.core.context import acting_as
    from bianzhi.registry import demo as registry_demo
    from bianzhi.sanding import demo as sanding_demo

    quiet = lambda *a, **k: None  # noqa: E731
    with acting_as(None, request_id="test"):
        registry_demo.load(log=quiet)
        accounts_demo.load(log=quiet)
        sanding_demo.load(log=quiet)


@pytest.fixture
def client_as(sdemo):
    from django.test import Client

    from bianzhi.accounts.models import User

    def make(username):
        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    return make
