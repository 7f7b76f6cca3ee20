import pytest

from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.registry.models import InternalBody, Unit


def test_an_edit_through_the_page_is_logged_with_user_ip_request_and_values(client_for, demo):
    unit = Unit.objects.get(name="百色市教育局")
    client = client_for("luru")
    form = client.get(f"/manage/units/{unit.pk}/edit/").context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k != "successors"}
    data.update(address="百色市右江区城东大道", row_version=unit.row_version,
                region=unit.region_id, parent="", parent_relation="")
    response = client.post(f"/manage/units/{unit.pk}/edit/", data, HTTP_X_REQUEST_ID="req-test-1",
                           REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302, response.context["form"].errors
    entry = AuditLogEntry.objects.filter(model="unit", object_id=str(unit.pk), action="update").first()
    assert entry.username == "luru" and entry.ip == "10.1.2.3" and entry.request_id == "req-test-1"
    assert entry.before["address"] == "广西壮族自治区百色市右江区"
    assert entry.after["address"] == "百色市右江区城东大道"
    assert ("address", "广西壮族自治区百色市右江区", "百色市右江区城东大道") in entry.changed_fields()
    assert entry.unit_id == unit.pk


def test_create_and_delete_are_logged(demo):
    unit = Unit.objects.get(name="百色市教育局")
    body = InternalBody.objects.create(unit=unit, name="安全稳定科")
    pk = body.pk
    body.delete()
    actions = list(AuditLogEntry.objects.filter(model="internalbody", object_id=str(pk))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["create", "delete"]
    deleted = AuditLogEntry.objects.get(model="internalbody", object_id=str(pk), action="delete")
    assert deleted.before["name"] == "安全稳定科" and deleted.after is None and deleted.unit_id == unit.pk


def test_the_log_cannot_be_altered_or_deleted(demo):
    entry = AuditLogEntry.objects.first()
    entry.username = "someone-else"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_passwords_never_enter_the_log(users):
    user = users["luru"]
    user.set_password("Another-Passw0rd")
    user.save()
    for entry in AuditLogEntry.objects.filter(model="user"):
        assert "password" not in (entry.before or {}) and "password" not in (entry.after or {})


def test_api_writes_are_logged_as_the_token_user(demo, users):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    unit = Unit.objects.get(name="百色市财政局")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=users['luru']).key}")
    response = api.patch(f"/api/v1/units/{unit.pk}/", {"short_name": "财政局"}, format="json",
                         HTTP_IF_MATCH=str(unit.row_version))
    assert response.status_code == 200
    entry = AuditLogEntry.objects.filter(model="unit", object_id=str(unit.pk), action="update").first()
    assert entry.username == "luru" and entry.after["short_name"] == "财政局"


def test_on_postgresql_the_database_itself_refuses_to_alter_the_log(demo):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("数据库级追加约束只在 PostgreSQL 上安装（SQLite 依靠模型层拒绝）")
    entry = AuditLogEntry.objects.first()
    for sql in ["UPDATE core_auditlogentry SET username = 'tampered' WHERE id = %s",
                "DELETE FROM core_auditlogentry WHERE id = %s"]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditLogEntry.objects.get(pk=entry.pk).username == entry.username
