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
def sdemo(demo):
    """The project's session-loaded demo (conftest.py at the root), which includes the 三定 demo."""
    return demo


@pytest.fixture
def client_as(client_for):
    return client_for
