"""Issue 11, finding 11: the 编办 manages the 录入员 and 部门确认员 accounts of its units in the workbench — bulk
creation (per campaign, or from a sheet, all or nothing), entry groups, password reset with a forced change at the
next login, deactivation — all audited, all scoped. Rules on factories; pages on the demo."""
import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook, load_workbook
from rest_framework.authtoken.models import Token

from bianzhi.accounts import permissions, services
from bianzhi.accounts.models import EntryGroup, Role, User
from bianzhi.accounts.scope import allowed_units
from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.core.tests.factories import (
    RegionFactory,
    UnitFactory,
    UserFactory,
    admin_user,
    confirmer_for,
    county_user,
)

pytestmark = pytest.mark.django_db


def _last_audit_pk() -> int:
    return AuditLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _sheet(rows, header=services.IMPORT_COLUMNS) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


@pytest.fixture
def county():
    """A county with a department and its 二层单位, its 编办, and a unit of another county."""
    region = RegionFactory()
    dept = UnitFactory(region=region, name="测试县教育局", short_name="县教育局")
    sub = UnitFactory(parent=dept, region=region, name="测试县教育局装备中心")
    other = UnitFactory(region=RegionFactory(), name="外县教育局")
    return {"region": region, "dept": dept, "sub": sub, "other": other, "office": county_user(region)}


# ------------------------------------------------------------------------------------------------ the predicate
def test_who_may_manage_unit_accounts(county):
    dept, other, office = county["dept"], county["other"], county["office"]
    city = admin_user()
    clerk_here, clerk_there = UserFactory(role=Role.CLERK, unit=dept), UserFactory(role=Role.CLERK, unit=other)
    confirmer = confirmer_for(dept)
    unitless_clerk = UserFactory(role=Role.CLERK)
    may = permissions.may_manage_unit_accounts
    # the offices, for units and unit accounts in their review scope
    assert may(city) and may(office)
    assert may(office, dept) and may(office, county["sub"]) and not may(office, other)
    assert may(office, clerk_here) and may(office, confirmer) and not may(office, clerk_there)
    assert may(city, clerk_there) and may(city, unitless_clerk) and not may(office, unitless_clerk)
    # never administrators, superusers, reviewers or oneself
    assert not may(city, UserFactory(role=Role.ADMIN))
    assert not may(city, UserFactory(role=Role.REVIEWER, unit=dept))
    assert not may(city, UserFactory(role=Role.CLERK, unit=dept, is_superuser=True))
    assert not may(office, office) and not may(city, UserFactory(role=Role.SYSADMIN))
    # everyone else: nothing (the 三员 keep the admin site)
    for role in (Role.CLERK, Role.CONFIRMER, Role.REVIEWER, Role.LEADER, Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR):
        user = UserFactory(role=role, unit=dept if role == Role.CONFIRMER else None)
        assert not may(user) and not may(user, dept) and not may(user, clerk_here)


def test_manageable_accounts_follow_the_scope(county):
    dept, other, office = county["dept"], county["other"], county["office"]
    mine = UserFactory(role=Role.CONFIRMER, unit=dept)
    theirs = UserFactory(role=Role.CONFIRMER, unit=other)
    assert set(services.manageable_accounts(office)) == {mine}
    city = services.manageable_accounts(admin_user())
    assert mine in city and theirs in city and office not in city
    assert not services.manageable_accounts(mine).exists()


# ------------------------------------------------------------------------------------------------ bulk create
def test_bulk_creates_one_entry_and_one_confirmation_account_per_unit(county):
    dept, sub, office = county["dept"], county["sub"], county["office"]
    before = _last_audit_pk()
    result = services.create_unit_accounts([dept, sub], acting_user=office)
    assert [(c.username, c.role, c.unit) for c in result.credentials] == [
        (f"lr{dept.pk}", "录入员", dept.name), (f"qr{dept.pk}", "部门确认员", dept.name),
        (f"lr{sub.pk}", "录入员", sub.name), (f"qr{sub.pk}", "部门确认员", sub.name)]
    for credential in result.credentials:
        account = User.objects.get(username=credential.username)
        validate_password(credential.password)
        assert account.check_password(credential.password) and account.must_change_password and account.is_active
        assert credential.password not in str(list(AuditLogEntry.objects.filter(object_id=str(account.pk))
                                                   .values_list("after", flat=True)))
    clerk = User.objects.get(username=f"lr{dept.pk}")
    assert clerk.display_name == "县教育局录入员"
    assert [g.name for g in clerk.entry_groups.all()] == ["测试县教育局录入组"]
    assert set(allowed_units(clerk, "change")) == {dept, sub}
    confirmer = User.objects.get(username=f"qr{sub.pk}")
    assert set(allowed_units(confirmer, "confirm")) == {sub}
    # audited: four accounts created, the group created and its members and units added
    created = AuditLogEntry.objects.filter(pk__gt=before, action="create", model="user")
    assert created.count() == 4 and all("password" not in e.after for e in created)
    assert AuditLogEntry.objects.filter(pk__gt=before, model="entrygroup").exists()
    # a second run creates nothing twice
    again = services.create_unit_accounts([dept], acting_user=office)
    assert again.credentials == [] and len(again.skipped) == 2 and "已有录入员账号" in again.skipped[0]


def test_bulk_create_is_all_or_nothing_and_scoped(county):
    with pytest.raises(PermissionDenied, match="外县教育局"):
        services.create_unit_accounts([county["dept"], county["other"]], acting_user=county["office"])
    assert not User.objects.filter(unit__in=[county["dept"], county["other"]]).exists()
    with pytest.raises(PermissionDenied):
        services.create_unit_accounts([county["dept"]], acting_user=confirmer_for(county["dept"]))


def test_generated_usernames_do_not_collide(county):
    dept = county["dept"]
    UserFactory(username=f"lr{dept.pk}", role=Role.LEADER)
    result = services.create_unit_accounts([dept], acting_user=county["office"])
    assert result.credentials[0].username == f"lr{dept.pk}-2"


# ------------------------------------------------------------------------------------------------ import
def test_import_creates_accounts_from_a_sheet(county):
    dept, sub, office = county["dept"], county["sub"], county["office"]
    group = EntryGroup.objects.create(name="县教育系统录入组")
    group.units.add(dept)
    sheet = _sheet([(dept.name, "张三", "录入员", "13800000001", "0776-2820001", "zhangsan", "县教育系统录入组"),
                    (sub.name, "李四", "部门确认员", "", "", "", "")])
    result = services.import_accounts(sheet, acting_user=office)
    assert [(c.username, c.display_name) for c in result.credentials] == [("zhangsan", "张三"), (f"qr{sub.pk}", "李四")]
    zhang = User.objects.get(username="zhangsan")
    assert (zhang.role, zhang.unit, zhang.mobile, zhang.must_change_password) == (Role.CLERK, dept, "13800000001", True)
    assert list(zhang.entry_groups.all()) == [group]


def test_import_names_row_column_and_problem_and_creates_nothing(county):
    dept, other, office = county["dept"], county["other"], county["office"]
    UserFactory(username="taken")
    sheet = _sheet([(dept.name, "张三", "录入员", "", "", "", ""),             # fine, but the sheet fails as a whole
                    ("不存在的单位", "", "管理员", "123", "", "taken", ""),
                    (other.name, "王五", "确认员", "", "", "", "无此组")])
    with pytest.raises(ValidationError) as exc:
        services.import_accounts(sheet, acting_user=office)
    assert exc.value.messages == [
        "第3行「单位」：找不到单位“不存在的单位”，或它不在您的管理范围内",
        "第3行「姓名」：不能为空",
        "第3行「角色」：“管理员”无效，应为“录入员”或“部门确认员”",
        "第3行「手机」：手机号码“123”格式不正确，应为以1开头的11位数字",
        "第3行「用户名」：“taken”已被使用",
        "第4行「单位」：找不到单位“外县教育局”，或它不在您的管理范围内",
        "第4行「录入组」：找不到录入组“无此组”，或它含有您管理范围以外的单位",
    ]
    assert not User.objects.filter(unit=dept).exists()


@pytest.mark.parametrize("content,message", [
    (b"not a spreadsheet", "无法读取该文件"),
    (None, "第1行（表头）缺少列：角色"),
])
def test_import_refuses_an_unreadable_or_wrong_sheet(county, content, message):
    upload = io.BytesIO(content) if content else _sheet([("x", "y")], header=("单位", "姓名"))
    with pytest.raises(ValidationError, match=message):
        services.import_accounts(upload, acting_user=county["office"])


# ------------------------------------------------------------------------------------------------ one account
def test_reset_password_forces_a_change_and_ends_a_lock(county):
    import datetime

    from django.utils import timezone

    account = confirmer_for(county["dept"], locked_until=timezone.now() + datetime.timedelta(hours=1),
                            failed_login_count=9)
    account.set_password("Old-Passw0rd-x")
    account.save()
    Token.objects.create(user=account)
    before = _last_audit_pk()
    credential = services.reset_password(account, acting_user=county["office"])
    account.refresh_from_db()
    assert account.check_password(credential.password) and account.must_change_password
    assert not account.is_locked and account.failed_login_count == 0
    assert not Token.objects.filter(user=account).exists()
    entry = AuditLogEntry.objects.get(pk__gt=before, model="user", action="update")
    assert entry.before["must_change_password"] is False and entry.after["must_change_password"] is True
    assert entry.username != account.username or entry.user_id is None
    # the user's own new password ends the forced change
    account.set_password("Mein-neues-Pw9")
    account.save()
    assert not User.objects.get(pk=account.pk).must_change_password


def test_deactivate_and_reactivate(county):
    account = confirmer_for(county["dept"])
    account.set_password("Some-Passw0rd-x")
    account.save()
    services.set_active(account, False, acting_user=county["office"])
    assert authenticate(username=account.username, password="Some-Passw0rd-x") is None
    entry = AuditLogEntry.objects.filter(model="user", object_id=str(account.pk)).order_by("-pk").first()
    assert (entry.before["is_active"], entry.after["is_active"]) == (True, False)
    services.set_active(account, True, acting_user=county["office"])
    assert User.objects.get(pk=account.pk).is_active
    with pytest.raises(PermissionDenied):
        services.set_active(confirmer_for(county["other"]), False, acting_user=county["office"])


def test_entry_groups_are_assigned_within_the_scope(county):
    dept, other, office = county["dept"], county["other"], county["office"]
    clerk = UserFactory(role=Role.CLERK, unit=dept)
    mine = EntryGroup.objects.create(name="县里的组")
    mine.units.add(dept)
    foreign = EntryGroup.objects.create(name="跨县的组")
    foreign.units.add(dept, other)
    foreign.members.add(clerk)
    assert list(services.manageable_groups(office)) == [mine]
    before = _last_audit_pk()
    services.assign_entry_groups(clerk, [mine], acting_user=office)
    assert set(clerk.entry_groups.all()) == {mine, foreign}  # the group outside its scope is not the office's
    assert AuditLogEntry.objects.filter(pk__gt=before, model="entrygroup", object_id=str(mine.pk)).exists()
    with pytest.raises(ValidationError, match="跨县的组"):
        services.assign_entry_groups(clerk, [foreign], acting_user=office)
    services.assign_entry_groups(clerk, [], acting_user=office)
    assert set(clerk.entry_groups.all()) == {foreign}
    with pytest.raises(ValidationError, match="只有录入员"):
        services.assign_entry_groups(confirmer_for(dept), [mine], acting_user=office)


def test_the_one_time_sheet_opens_only_for_its_creator(county):
    office = county["office"]
    result = services.create_unit_accounts([county["dept"]], acting_user=office)
    token = services.seal_credentials(result.credentials, for_user=office)
    assert county["dept"].name.encode() not in token.encode()
    assert services.open_credentials(token, for_user=office) == result.credentials
    with pytest.raises(ValidationError, match="只能由建立账号的人下载"):
        services.open_credentials(token, for_user=admin_user())
    with pytest.raises(ValidationError, match="已过期或无效"):
        services.open_credentials(token[:-4] + "AAAA", for_user=office)
    ws = load_workbook(io.BytesIO(services.credentials_workbook(result.credentials))).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("用户名", "姓名", "角色", "单位", "初始密码")
    assert [r[4] for r in rows[1:]] == [c.password for c in result.credentials]


# ------------------------------------------------------------------------------------------------ pages (demo)
def test_account_list_filters_and_scope(client_for, users):
    page = client_for("admin").get("/manage/accounts/?role=confirmer&active=1")
    assert page.status_code == 200
    names = {a.username for a in page.context["object_list"]}
    assert "jiaoyu" in names and "luru" not in names and "admin" not in names
    page = client_for("admin").get("/manage/accounts/?unit=教育局")
    assert {a.username for a in page.context["object_list"]} >= {"jiaoyu"}
    assert "账号管理" in client_for("admin").get("/manage/").content.decode()
    county = client_for("youjiang").get("/manage/accounts/")
    assert county.status_code == 200
    assert all(a.unit and a.unit.region.code.startswith("451002") for a in county.context["object_list"])
    for username in ("luru", "jiaoyu", "shenhe", "lingdao", "xitong"):
        response = client_for(username).get("/manage/accounts/")
        assert response.status_code == 403, username
        assert "只有市、县编办管理员" in response.content.decode()
    jiaoyu = users["jiaoyu"]
    assert client_for("youjiang").get(f"/manage/accounts/{jiaoyu.pk}/").status_code == 404


def test_campaign_bulk_page_creates_and_hands_out_the_sheet(client_for, users):
    from bianzhi.registry.models import Unit
    from bianzhi.workflow.models import Campaign

    campaign = Campaign.objects.first()
    dept = Unit.objects.get(name="百色市交通运输局")
    campaign.units.add(dept)
    subtree = list(Unit.objects.filter(tree_path__startswith=dept.tree_path, pk__in=campaign.units.values("pk")))
    client = client_for("admin")
    page = client.get(f"/manage/workflow/campaigns/{campaign.pk}/accounts/?under={dept.pk}")
    assert page.status_code == 200
    assert [r["unit"] for r in page.context["rows"]] == sorted(subtree, key=lambda u: u.tree_path)
    response = client.post(f"/manage/workflow/campaigns/{campaign.pk}/accounts/?under={dept.pk}",
                           {"units": [u.pk for u in subtree]})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    credentials = response.context["credentials"]
    assert {c.unit for c in credentials} <= {u.name for u in subtree} and credentials
    assert "只显示这一次" in response.content.decode()
    sheet = client.post("/manage/accounts/credentials.xlsx", {"token": response.context["token"]})
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))[1:]
    assert [(r[0], r[4]) for r in rows] == [(c.username, c.password) for c in credentials]
    export = AuditLogEntry.objects.filter(action="export").latest("pk")  # the hand-out is audited, no password
    assert export.username == "admin" and export.after["accounts"] == [c.username for c in credentials]
    assert credentials[0].password not in str(export.after)
    assert client_for("youjiang").post("/manage/accounts/credentials.xlsx",
                                       {"token": response.context["token"]}).status_code == 403
    assert client_for("luru").get(f"/manage/workflow/campaigns/{campaign.pk}/accounts/").status_code == 403
    assert "建立账号" in client.get("/manage/workflow/campaigns/").content.decode()


def test_import_page_reports_errors_and_creates_nothing(client_for):
    count = User.objects.count()
    sheet = _sheet([("不存在的单位", "张三", "录入员", "", "", "", "")])
    sheet.name = "accounts.xlsx"
    response = client_for("admin").post("/manage/accounts/import/", {"file": sheet})
    assert response.status_code == 400
    assert "第2行「单位」：找不到单位“不存在的单位”" in response.content.decode()
    assert User.objects.count() == count
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("accounts.xlsx", b"<html><script>alert(1)</script></html>", content_type="text/html")
    response = client_for("admin").post("/manage/accounts/import/", {"file": fake})
    assert response.status_code == 400 and "文件“accounts.xlsx”" in response.content.decode()
    template = client_for("admin").get("/manage/accounts/import-template.xlsx")
    assert load_workbook(io.BytesIO(template.content)).active["A1"].value == "单位"


def test_detail_reset_deactivate_and_groups_pages(client_for, users):
    jiaoyu, luru = users["jiaoyu"], users["luru"]
    client = client_for("admin")
    assert "重置密码" in client.get(f"/manage/accounts/{jiaoyu.pk}/").content.decode()
    response = client.post(f"/manage/accounts/{jiaoyu.pk}/reset-password/")
    password = response.context["credentials"][0].password
    jiaoyu.refresh_from_db()
    assert jiaoyu.check_password(password) and jiaoyu.must_change_password
    client.post(f"/manage/accounts/{jiaoyu.pk}/active/", {"active": "0"})
    assert not User.objects.get(pk=jiaoyu.pk).is_active
    client.post(f"/manage/accounts/{jiaoyu.pk}/active/", {"active": "1"})
    assert User.objects.get(pk=jiaoyu.pk).is_active
    groups = list(luru.entry_groups.all())
    response = client.post(f"/manage/accounts/{luru.pk}/groups/", {"groups": [groups[0].pk]})
    assert response.status_code == 302 and list(luru.entry_groups.all()) == [groups[0]]
    assert client_for("youjiang").post(f"/manage/accounts/{jiaoyu.pk}/reset-password/").status_code == 404
    assert client_for("luru").post(f"/manage/accounts/{jiaoyu.pk}/reset-password/").status_code == 403


# ------------------------------------------------------------------------------------------------ forced change
def test_a_one_time_password_allows_nothing_but_changing_it(client, users):
    jiaoyu = users["jiaoyu"]
    password = services.reset_password(jiaoyu, acting_user=users["admin"]).password
    response = client.post("/accounts/login/", {"username": "jiaoyu", "password": password}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/password/"
    assert "一次性密码" in response.content.decode()
    for path in ("/manage/", "/manage/workflow/packages/", "/accounts/me/", "/"):
        answer = client.get(path)
        assert (answer.status_code, answer["Location"]) == (302, "/accounts/password/"), path
    api = client.get("/api/v1/units/")
    assert api.status_code == 403 and api.json()["code"] == "password_change_required"
    changed = client.post("/accounts/password/", {"old_password": password, "new_password1": "Zhen-Xin-Mima-47",
                                                  "new_password2": "Zhen-Xin-Mima-47"})
    assert changed.status_code == 302
    assert not User.objects.get(pk=jiaoyu.pk).must_change_password
    assert client.get("/manage/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
