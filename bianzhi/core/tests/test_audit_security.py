"""Issue 15, finding 9 (audit integrity) and the 等保三级 audit controls: append-only in the database on both
engines, hash-chained with `bianzhi verify-audit`, the real client IP, scope grants audited, login events hidden
from clerks, personal-data reads audited."""
import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client
from gmssl import func, sm3

from bianzhi.accounts.demo import DEMO_PASSWORD
from bianzhi.accounts.models import EntryGroup, User
from bianzhi.core import audit_db
from bianzhi.core.audit import audit_read
from bianzhi.core.audit_chain import seal_pending, verify
from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.registry.models import Unit


def test_bulk_update_and_delete_on_the_queryset_are_refused(demo):
    entry = AuditLogEntry.objects.first()
    with pytest.raises(PermissionError):
        AuditLogEntry.objects.filter(pk=entry.pk).update(username="tampered")
    with pytest.raises(PermissionError):
        AuditLogEntry.objects.filter(pk=entry.pk).delete()
    assert AuditLogEntry.objects.get(pk=entry.pk).username == entry.username


@pytest.mark.parametrize("sql", [
    "UPDATE core_auditlogentry SET username = 'tampered' WHERE id = %s",
    "UPDATE core_auditlogentry SET entry_hash = 'sm3:0' WHERE id = %s",
    "DELETE FROM core_auditlogentry WHERE id = %s",
])
def test_the_database_itself_refuses_to_alter_the_log_on_both_engines(demo, sql):
    seal_pending()
    entry = AuditLogEntry.objects.filter(seq__isnull=False).first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [entry.pk])
    assert AuditLogEntry.objects.get(pk=entry.pk).username == entry.username


def _tamper(sql, params):
    """What an attacker with database access does: lift the protection, change a row, put it back."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            audit_db.drop_sqlite(connection)
        else:
            cursor.execute("ALTER TABLE core_auditlogentry DISABLE TRIGGER core_auditlogentry_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditlogentry ENABLE TRIGGER core_auditlogentry_append_only")
    audit_db.install(connection)


def verify_output():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify-audit", stdout=out, stderr=err)
        return True, out.getvalue() + err.getvalue()
    except CommandError as exc:
        return False, out.getvalue() + err.getvalue() + str(exc)


def test_verify_audit_passes_on_an_untouched_log(demo):
    unit = Unit.objects.get(name="百色市教育局")
    unit.address = "百色市右江区城东大道"
    unit.save()
    ok, output = verify_output()
    assert ok, output
    assert "完整" in output and "SM3" in output


def test_verify_audit_names_the_tampered_entry(demo):
    seal_pending()
    victim = AuditLogEntry.objects.filter(seq__isnull=False).order_by("seq")[5]
    _tamper("UPDATE core_auditlogentry SET username = 'someone-else' WHERE id = %s", [victim.pk])
    ok, output = verify_output()
    assert not ok
    assert f"第 {victim.pk} 条" in output and "已被篡改" in output
    problems = verify()
    assert [p.entry_id for p in problems if "篡改" in p.reason] == [victim.pk]


def test_verify_audit_notices_a_deleted_entry(demo):
    seal_pending()
    victim = AuditLogEntry.objects.filter(seq__isnull=False).order_by("seq")[3]
    _tamper("DELETE FROM core_auditlogentry WHERE id = %s", [victim.pk])
    ok, output = verify_output()
    assert not ok and "不连续" in output


def test_sm3_digests_from_openssl_and_gmssl_agree():
    data = "审计日志 bianzhi".encode() * 50
    if "sm3" not in hashlib.algorithms_available:
        pytest.skip("OpenSSL 未提供 SM3，平台使用 gmssl")
    assert hashlib.new("sm3", data).hexdigest() == sm3.sm3_hash(func.bytes_to_list(data))
    # GB/T 32905-2016 example 1
    assert hashlib.new("sm3", b"abc").hexdigest().startswith("66c7f0f462eeedd9d1f2d46bdc10e4e2")


# ---------------------------------------------------------------- client IP
def edit_unit_address(client, address, **extra):
    unit = Unit.objects.get(name="百色市教育局")
    form = client.get(f"/manage/units/{unit.pk}/edit/").context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k != "successors"}
    data.update(address=address, row_version=unit.row_version, region=unit.region_id, parent="", parent_relation="")
    response = client.post(f"/manage/units/{unit.pk}/edit/", data, **extra)
    assert response.status_code == 302
    return AuditLogEntry.objects.filter(model="unit", object_id=str(unit.pk), action="update").first()


def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(client_for, settings):
    settings.TRUSTED_PROXIES = []
    entry = edit_unit_address(client_for("luru"), "百色市右江区一号", REMOTE_ADDR="198.51.100.7",
                              HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert entry.ip == "198.51.100.7"


def test_x_forwarded_for_is_believed_from_a_trusted_proxy(client_for, settings):
    settings.TRUSTED_PROXIES = ["10.8.0.0/24"]
    entry = edit_unit_address(client_for("luru"), "百色市右江区二号", REMOTE_ADDR="10.8.0.2",
                              HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5, 10.8.0.3")
    assert entry.ip == "203.0.113.5"  # the left-most hop is whatever the client wrote


# ---------------------------------------------------------------- scope grants, login events, reads
def test_entry_group_membership_and_units_are_audited(users):
    group = EntryGroup.objects.get(name="交通运输局录入组")
    finance = Unit.objects.get(name="百色市财政局")
    group.units.add(finance)
    users["luru"].entry_groups.add(group)  # from the other side of the relation
    group.members.remove(users["jiaotong"])
    entries = list(AuditLogEntry.objects.filter(model__in=["entrygroup", "user"], action="update").order_by("id"))
    units = next(e for e in entries if e.model == "entrygroup" and "units" in (e.after or {}))
    assert finance.pk in units.after["units"] and finance.pk not in units.before["units"]
    joined = next(e for e in entries if e.model == "user" and "entry_groups" in (e.after or {}))
    assert joined.object_id == str(users["luru"].pk) and group.pk in joined.after["entry_groups"]
    removed = [e for e in entries if e.model == "entrygroup" and "members" in (e.after or {})][-1]
    assert users["jiaotong"].pk in removed.before["members"] and users["jiaotong"].pk not in removed.after["members"]


def test_clerks_do_not_see_confirmers_login_events(users, client_for):
    confirmer = Client()
    assert confirmer.post("/accounts/login/", {"username": "jiaoyu", "password": DEMO_PASSWORD}).status_code == 302
    jiaoyu = users["jiaoyu"]
    assert AuditLogEntry.objects.filter(action="login", user_id=jiaoyu.pk).exists()
    visible = AuditLogEntry.objects.restrict(users["luru"], "view")
    assert not visible.filter(user_id=jiaoyu.pk, app_label="accounts").exists()
    assert not visible.filter(model="user", object_id=str(jiaoyu.pk)).exists()
    page = client_for("luru").get("/manage/audit/?user=jiaoyu").content.decode()
    assert "登录" not in page.split('<table id="auditlog">')[1]


def test_a_failed_login_is_recorded_with_the_typed_username(demo):
    Client().post("/accounts/login/", {"username": "luru", "password": "wrong"}, REMOTE_ADDR="198.51.100.9")
    entry = AuditLogEntry.objects.filter(action="login_failed").first()
    assert entry.username == "luru" and entry.ip == "198.51.100.9" and entry.unit_id is None


def test_reads_of_personal_data_are_audited(users):
    reader = users["admin"]
    audit_read(reader, users["jiaoyu"], ["mobile", "office_phone"])
    entry = AuditLogEntry.objects.filter(action="read").first()
    assert entry.username == "admin" and entry.object_id == str(users["jiaoyu"].pk)
    assert entry.after == {"fields": ["mobile", "office_phone"]}


def test_the_retention_period_is_at_least_180_days(settings):
    from bianzhi.core.checks import audit_retention

    assert settings.AUDIT_RETENTION_DAYS >= 180
    settings.AUDIT_RETENTION_DAYS = 30
    assert [e.id for e in audit_retention(None)] == ["bianzhi.E015"]


def test_user_record_changes_other_than_logins_are_still_audited(users):
    user = users["luru"]
    user.mobile = "13800000000"
    user.save()
    assert AuditLogEntry.objects.filter(model="user", object_id=str(user.pk), action="update").exists()
    User.objects.get(pk=user.pk)


@pytest.mark.django_db
def test_the_audit_log_is_vacuumed_after_a_fixed_number_of_changes_on_postgresql():
    """Each seal leaves a dead NULL `seq` version that the pending-entries read walks until VACUUM (migration 0005)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no dead versions in its indexes and has no autovacuum setting")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [AuditLogEntry._meta.db_table])
        options = set(cursor.fetchone()[0] or [])
    assert {"autovacuum_vacuum_scale_factor=0", "autovacuum_vacuum_threshold=1000"} <= options
