"""`base`: the demo units and accounts with the workflow's own demo rows removed (inside the test's rolled-back
transaction), and a fresh seed campaign — no data package yet, nothing locked, nothing on hold. Tests that
need the workflow demo itself (holds, dashboards) use `demo`."""
import datetime

import pytest


def _clear_workflow():
    """Remove the workflow demo rows (packages, holds, materials, notices) without signals: test setup only."""
    from bianzhi.workflow import models as m

    m.DataPackage.objects.update(supersedes=None)
    for model in (m.Notification, m.ReviewComment, m.Transition, m.Hold, m.MaterialFile, m.MaterialItem,
                  m.MaterialPackage, m.DataPackage):
        qs = model.objects.all()
        qs._raw_delete(qs.db)
    m.Campaign.units.through.objects.all().delete()
    qs = m.Campaign.objects.all()
    qs._raw_delete(qs.db)


@pytest.fixture
def base(db):
    from bianzhi.accounts import demo as accounts_demo
    from bianzhi.accounts.models import User
    from bianzhi.core.context import acting_as
    from bianzhi.registry import demo as registry_demo
    from bianzhi.registry.models import Unit
    from bianzhi.workflow.models import Campaign

    quiet = lambda *a, **k: None  # noqa: E731
    with acting_as(None, request_id="test"):
        registry_demo.load(log=quiet)
        accounts_demo.load(log=quiet)
    _clear_workflow()
    campaign = Campaign.objects.create(
        name="2017年机构编制云平台基础数据录入", basis="百编办〔2017〕11号",
        accounts_due=datetime.date(2017, 4, 30), materials_due=datetime.date(2017, 4, 30),
        hold_from=datetime.date(2017, 5, 4), entry_start=datetime.date(2017, 5, 2),
        review_due=datetime.date(2017, 6, 15), publish_due=datetime.date(2017, 6, 15),
        publish_by=datetime.date(2017, 6, 30))
    campaign.units.add(*Unit.objects.all())

    class Base:
        pass

    b = Base()
    b.campaign = campaign
    b.users = {u.username: u for u in User.objects.all()}
    b.unit = lambda name: Unit.objects.get(name=name)
    return b


@pytest.fixture
def package_of(base):
    from bianzhi.workflow import services

    def make(name):
        return services.ensure_package(base.unit(name), base.campaign)

    return make


@pytest.fixture
def clients(base):
    from django.test import Client

    def make(username):
        c = Client()
        c.force_login(base.users[username])
        return c

    return make
