"""A light fixture for the workflow tests: the registry's demo units and the demo accounts (no 三定, lists
or portal data), plus the seed's campaign. Tests that need the whole demo use `demo` instead."""
import datetime

import pytest


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
