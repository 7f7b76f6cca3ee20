"""Approved data refuses writes from every path: model (shell), form, API, import, admin, bulk action."""
import datetime

import pytest
from django.db import transaction

from bianzhi.registry.models import InternalBody, Plaque, Unit
from bianzhi.workflow import services
from bianzhi.workflow.locks import LockedError, allow_locked_writes, assert_unit_editable, is_unit_locked
from bianzhi.workflow.models import DataPackage, PackageState

MESSAGE = "「百色市教育局」的数据已审核通过并锁定，不能修改。如需更正，请发起变更申请。"


@pytest.fixture
def locked(base):
    unit = base.unit("百色市教育局")
    # rows of our own (the demo's 内设机构 are referenced by approved 三定 history and cannot be deleted anyway)
    InternalBody.objects.create(unit=unit, name="测试科", sort_order=99)
    Plaque.objects.create(unit=unit, name="百色市测试牌子", kind="added")
    DataPackage.objects.create(unit=unit, campaign=base.campaign, state=PackageState.APPROVED)
    return unit


def test_model_save_create_and_delete_are_refused(locked):
    locked.short_name = "教育局"
    with pytest.raises(LockedError) as exc:
        locked.save()
    assert str(exc.value) == MESSAGE
    with pytest.raises(LockedError), transaction.atomic():
        InternalBody.objects.create(unit=locked, name="新设科")
    # (a delete runs its signals inside Django's own transaction: give the refusal a savepoint in the test)
    with pytest.raises(LockedError), transaction.atomic():
        locked.internal_bodies.get(name="测试科").delete()
    with pytest.raises(LockedError), transaction.atomic():
        Plaque.objects.get(unit=locked, name="百色市测试牌子").delete()
    # moving an internal body out of a locked unit is a write to that unit too
    body = InternalBody.objects.filter(unit__name="百色市财政局").first()
    body.unit = locked
    with pytest.raises(LockedError), transaction.atomic():
        body.save()
    # subordinate units have their own package: not locked by the parent's
    child = Unit.objects.get(name="百色市招生考试院")
    child.short_name = "招考院"
    child.save()


def test_other_apps_lockable_content_is_refused(locked):
    from bianzhi.documents.models import ApprovalDocument
    from bianzhi.sanding import services as sanding

    with pytest.raises(LockedError), transaction.atomic():  # a document added to a locked unit (issue 15)
        ApprovalDocument.objects.create(unit=locked, title="调整通知", doc_type="adjustment",
                                        issued_on=datetime.date(2024, 5, 1))
    doc = ApprovalDocument.objects.create(unit=None, title="调整通知", doc_type="adjustment",
                                         issued_on=datetime.date(2024, 5, 1))
    with pytest.raises(LockedError):
        sanding.create_draft_version(locked, doc)


def test_services_write_inside_allow_locked_writes_only(locked):
    with allow_locked_writes():
        locked.note = "审核通过后由变更服务写入"
        locked.save()
    locked.refresh_from_db()
    assert locked.note == "审核通过后由变更服务写入"
    with pytest.raises(LockedError):
        locked.save()


def test_bulk_paths_call_assert_unit_editable(locked, base):
    with pytest.raises(LockedError) as exc:
        assert_unit_editable(locked)
    assert "百色市教育局" in str(exc.value)
    assert_unit_editable(base.unit("百色市财政局"))  # an unlocked unit passes
    with pytest.raises(LockedError):
        assert_unit_editable(locked.pk)


def test_form_path_shows_the_message_and_keeps_the_data(locked, clients):
    """The edit form of a locked unit is not offered: the page says why (issue 11, finding 8); a post is refused."""
    c = clients("luru")
    url = f"/manage/units/{locked.pk}/edit/"
    page = c.get(url)
    assert page.status_code == 403 and MESSAGE in page.content.decode()
    assert 'name="short_name"' not in page.content.decode()
    data = {"name": "百色市教育局", "short_name": "改过的简称", "row_version": locked.row_version,
            "region": locked.region_id, "kind": locked.kind, "level": locked.level}
    response = c.post(url, data, HTTP_REFERER=f"http://testserver{url}")
    assert response.status_code == 403 and MESSAGE in response.content.decode()
    locked.refresh_from_db()
    assert locked.short_name != "改过的简称"


def test_internal_body_form_path(locked, clients):
    c = clients("luru")
    url = f"/manage/units/{locked.pk}/internal-bodies/new/"
    response = c.post(url, {"name": "信息化科", "kind": "numbered", "sort_order": 9}, follow=True)
    assert MESSAGE in response.content.decode()
    assert not InternalBody.objects.filter(unit=locked, name="信息化科").exists()


def test_api_path_answers_409_in_chinese(locked, base):
    from rest_framework.test import APIClient

    c = APIClient()
    c.force_authenticate(base.users["luru"])
    response = c.patch(f"/api/v1/units/{locked.pk}/", {"short_name": "接口改名"}, format="json",
                       HTTP_IF_MATCH=str(locked.row_version))
    assert response.status_code == 409
    assert response.json() == {"detail": MESSAGE, "code": "locked"}
    locked.refresh_from_db()
    assert locked.short_name != "接口改名"


@pytest.mark.django_db(transaction=True)
def test_admin_change_and_bulk_delete_show_a_message_not_a_500(locked, clients):
    c = clients("admin")
    body = locked.internal_bodies.get(name="测试科")
    response = c.post("/admin/registry/internalbody/", {"action": "delete_selected", "_selected_action": [body.pk],
                                                        "post": "yes"}, follow=True)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert InternalBody.objects.filter(pk=body.pk).exists()
    plaque = locked.plaques.get(name="百色市测试牌子")
    change = c.get(f"/admin/registry/plaque/{plaque.pk}/change/")
    assert change.status_code == 200
    response = c.post(f"/admin/registry/plaque/{plaque.pk}/change/",
                      {"unit": locked.pk, "name": "改名牌子", "kind": plaque.kind, "start_date": "2019-03-01",
                       "row_version": plaque.row_version}, follow=True)
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    plaque.refresh_from_db()
    assert plaque.name != "改名牌子"


def test_lists_import_refuses_a_locked_unit_whole(base):
    import importlib

    from bianzhi.core.context import acting_as
    from bianzhi.lists.models import PowerItem
    from bianzhi.lists.tests.helpers import row, run, xlsx

    with acting_as(None):
        for app in ["sanding", "lists"]:
            importlib.import_module(f"bianzhi.{app}.demo").load(log=lambda *a: None)
    transport = base.unit("百色市交通运输局")
    DataPackage.objects.create(unit=transport, campaign=base.campaign, state=PackageState.PUBLISHED)
    before = PowerItem.objects.count()
    job = run(base.users["jiaotong"], xlsx([row("甲事项"), row("乙事项")]))
    assert job.status == "failed"
    assert "「百色市交通运输局」的数据已审核通过并锁定" in job.message
    assert PowerItem.objects.count() == before


def test_change_request_unlocks_for_the_correction(locked, base):
    package = DataPackage.objects.get(unit=locked)
    services.open_change_request(locked, "补录2021年调整", acting_user=base.users["luru"])
    locked.short_name = "市教育局"
    locked.save()
    assert DataPackage.objects.get(pk=package.pk).state == PackageState.APPROVED


# ------------------------------------------------------------------------------------------------ on factories
# The lock rules themselves (core.locks, the mechanism; workflow.locks, what locks a unit and guards the package).
@pytest.fixture
def approved(db):
    """A unit whose current data package is 审核通过, with one internal body; and an unlocked neighbour."""
    from bianzhi.core.tests.factories import PackageFactory, UnitFactory

    unit = UnitFactory(name="测试锁定局")
    body = InternalBody.objects.create(unit=unit, name="综合科")
    package = PackageFactory(unit=unit, state=PackageState.APPROVED)
    return unit, body, package, UnitFactory(name="测试未锁定局")


FACTORY_MESSAGE = "「测试锁定局」的数据已审核通过并锁定，不能修改。如需更正，请发起变更申请。"
PACKAGE_MESSAGE = ("「测试锁定局」的数据包已审核通过并锁定：不能在此修改其“当前数据包”、状态或单位，也不能删除或另建当前数据包。"
                   "如需更正，请发起变更申请（审核流程页面），解锁经流程记录并写入审计日志。")


def test_bulk_update_of_a_locked_units_rows_is_refused(approved):
    unit, body, _, free = approved
    free_body = InternalBody.objects.create(unit=free, name="综合科")
    with pytest.raises(LockedError) as exc:
        InternalBody.objects.filter(pk__in=[body.pk, free_body.pk]).update(name="改名科")
    assert str(exc.value) == FACTORY_MESSAGE
    assert InternalBody.objects.get(pk=body.pk).name == "综合科"
    assert InternalBody.objects.filter(pk=free_body.pk).update(name="改名科") == 1  # no locked row: allowed
    with allow_locked_writes():
        assert InternalBody.objects.filter(pk=body.pk).update(name="改名科") == 1


def test_a_partially_loaded_record_is_still_checked(approved):
    """A record loaded with only some fields (its unit deferred) is refused like any other."""
    _, body, _, _ = approved
    partial = InternalBody.objects.only("name").get(pk=body.pk)
    partial.name = "改名科"
    with pytest.raises(LockedError, match="测试锁定局"):
        partial.save(update_fields=["name"])


def test_assert_unit_editable_passes_inside_allow_locked_writes(approved):
    unit = approved[0]
    with pytest.raises(LockedError, match="测试锁定局"):
        assert_unit_editable(unit)
    with allow_locked_writes():
        assert_unit_editable(unit)
        assert_unit_editable(unit.pk)


def test_loading_a_fixture_is_not_a_business_write(approved):
    """Raw saves (loaddata, restoring a backup) reproduce stored rows: the lock guard stands aside for them."""
    from django.core import serializers

    unit, body, _, _ = approved
    dump = serializers.serialize("json", [body])
    for obj in serializers.deserialize("json", dump.replace("综合科", "恢复科")):
        obj.save()
    assert InternalBody.objects.get(pk=body.pk).name == "恢复科"
    with pytest.raises(LockedError):
        InternalBody.objects.get(pk=body.pk).save()


@pytest.mark.parametrize("change", ["is_current", "state", "unit"])
def test_a_locked_package_is_not_unlocked_by_editing_it(approved, change):
    """Only the change-request transition unlocks: unticking 当前数据包, changing the state or the unit is refused
    with the reason, and the package stays as it was."""
    unit, _, package, free = approved
    package = DataPackage.objects.get(pk=package.pk)
    if change == "is_current":
        package.is_current = False
    elif change == "state":
        package.state = PackageState.ENTERING
    else:
        package.unit = free
    with pytest.raises(LockedError) as exc, transaction.atomic():
        package.save()
    assert str(exc.value) == PACKAGE_MESSAGE
    stored = DataPackage.objects.get(pk=package.pk)
    assert (stored.is_current, stored.state, stored.unit_id) == (True, PackageState.APPROVED, unit.pk)
    assert is_unit_locked(unit)


def test_a_locked_package_saves_when_its_lock_fields_are_unchanged(approved):
    """Other fields (the reviewer's comment, an assignment) may change: the package itself is not “another”
    current package of its unit."""
    _, _, package, _ = approved
    package = DataPackage.objects.get(pk=package.pk)
    package.last_return = ""
    package.save()
    assert DataPackage.objects.get(pk=package.pk).row_version == package.row_version


def test_no_second_current_package_for_a_locked_unit(approved):
    from bianzhi.core.tests.factories import CampaignFactory

    unit, _, package, _ = approved
    with pytest.raises(LockedError) as exc, transaction.atomic():
        DataPackage.objects.create(unit=unit, campaign=CampaignFactory())
    assert str(exc.value) == PACKAGE_MESSAGE
    assert list(DataPackage.objects.filter(unit=unit)) == [package]
    # a package that is not current (history) may be added
    DataPackage.objects.create(unit=unit, campaign=CampaignFactory(), is_current=False)


def test_a_locked_package_is_not_deleted_except_by_the_services(approved):
    unit, _, package, free = approved
    with pytest.raises(LockedError) as exc, transaction.atomic():
        DataPackage.objects.get(pk=package.pk).delete()
    assert str(exc.value) == PACKAGE_MESSAGE
    assert DataPackage.objects.filter(pk=package.pk).exists()
    from bianzhi.core.tests.factories import PackageFactory

    PackageFactory(unit=free).delete()  # an unlocked unit's package may go
    with allow_locked_writes():
        DataPackage.objects.get(pk=package.pk).delete()
    assert not is_unit_locked(unit)
