"""factory_boy factories for rule tests: each test builds exactly the records its rule needs (the demo data set
stays for end-to-end and browser tests). Names are generated, never the demo's.

    unit = UnitFactory(region=RegionFactory(code="459901"))
    clerk = UserFactory(role=Role.CLERK, groups_for=[unit])      # an entry clerk for that unit's subtree
"""
import datetime
import itertools

import factory
from factory.django import DjangoModelFactory

from bianzhi.accounts.models import EntryGroup, Role, User
from bianzhi.documents.models import ApprovalDocument
from bianzhi.registry.models import Region, Unit
from bianzhi.workflow.models import Campaign, DataPackage

_region_codes = (f"{n:06d}" for n in itertools.count(459001))


class RegionFactory(DjangoModelFactory):
    """A county-level region (测试县N) under a test prefecture 4590xx."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.LazyFunction(lambda: next(_region_codes))
    name = factory.Sequence(lambda n: f"测试县{n}")
    level = "county"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    region = factory.SubFactory(RegionFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.get("parent")
        if parent is not None and "region" not in kwargs:
            kwargs["region"] = parent.region
        return super()._create(model_class, *args, **kwargs)


class UserFactory(DjangoModelFactory):
    """A user of a role. `groups_for=[units]` makes a clerk an entry-group member for those units."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"tester{n}")
    display_name = factory.Sequence(lambda n: f"测试人员{n}")
    role = Role.CLERK
    is_active = True

    @factory.post_generation
    def groups_for(self, create, units, **kwargs):
        if not create or not units:
            return
        group = EntryGroup.objects.create(name=f"{self.username}的工作组")
        group.members.add(self)
        group.units.add(*units)


def admin_user(**kw) -> User:
    return UserFactory(role=Role.ADMIN, **kw)


def county_user(region, **kw) -> User:
    return UserFactory(role=Role.COUNTY, region=region, **kw)


def confirmer_for(unit, **kw) -> User:
    return UserFactory(role=Role.CONFIRMER, unit=unit, **kw)


def reviewer(**kw) -> User:
    return UserFactory(role=Role.REVIEWER, **kw)


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = ApprovalDocument

    doc_number_raw = factory.Sequence(lambda n: f"测编〔2023〕{n + 1}号")
    title = factory.Sequence(lambda n: f"关于调整测试单位职责机构编制的通知（{n}）")
    issued_on = datetime.date(2023, 3, 1)
    effective_on = datetime.date(2023, 3, 1)
    doc_type = "adjustment"


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"测试批次{n}")
    materials_due = datetime.date(2017, 4, 30)
    hold_from = datetime.date(2017, 5, 4)
    review_due = datetime.date(2017, 6, 30)
    publish_due = datetime.date(2017, 7, 31)


class PackageFactory(DjangoModelFactory):
    class Meta:
        model = DataPackage

    unit = factory.SubFactory(UnitFactory)
    campaign = factory.SubFactory(CampaignFactory)
