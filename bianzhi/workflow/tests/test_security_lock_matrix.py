"""Finding 2 (issue 15): the lock had holes — 15 of 218 locked-write attempts landed (a document cited by an
approved 沿革 PATCHed by an administrator, relations and holds of locked units created or deleted, documents
added to a locked unit, `is_current` unticked in /admin/).

The locked-write matrix: every write path (API, staff forms, admin change pages and bulk actions, direct model
saves, deletes, bulk updates and creates) × every role, administrator included, against everything an
approved package rests on. A "success" is any change of that data; the count must be 0. Unlocking works only
through the change-request transition, which is recorded."""
import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.core.locks import LockedError
from bianzhi.documents.models import ApprovalDocument, DocumentFile
from bianzhi.registry.models import InternalBody, Plaque, RelationType, Unit, UnitRelation
from bianzhi.sanding.models import SandingVersion
from bianzhi.workflow import services
from bianzhi.workflow.models import DataPackage, Hold, PackageState, Transition

ROLES = ["admin", "luru", "jiaotong", "youjiang", "jiaoyu", "shenhe", "lingdao"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Locked:
    pass


@pytest.fixture
def locked(base):
    """百色市教育局 with every kind of data an approved package rests on, then approved (locked)."""
    unit = base.unit("百色市教育局")
    other = base.unit("百色市财政局")
    x = Locked()
    x.unit = unit
    x.body = InternalBody.objects.create(unit=unit, name="矩阵测试科", sort_order=99)
    x.plaque = Plaque.objects.create(unit=unit, name="百色市矩阵测试牌子", kind="added")
    x.relation = UnitRelation.objects.create(superior=unit, subordinate=other,
                                             relation_type=RelationType.objects.first())
    x.doc = ApprovalDocument.objects.create(unit=unit, title="矩阵测试批文", doc_number_raw="百编〔2019〕99号",
                                            issued_on=datetime.date(2019, 3, 1))
    x.file = DocumentFile(document=x.doc, original_name="批文.pdf", size=len(PDF), sha256="0" * 64)
    x.file.file.save("批文.pdf", ContentFile(PDF), save=False)
    x.file.save()
    # a document of no unit (issued by the city), cited by the locked unit's approved 三定
    x.cited = ApprovalDocument.objects.create(unit=None, title="矩阵测试市级批文", doc_number_raw="百编〔2018〕7号",
                                              issued_on=datetime.date(2018, 1, 1))
    SandingVersion.objects.create(unit=unit, document=x.cited, status="approved",
                                  effective_date=datetime.date(2018, 1, 1), summary="矩阵测试")
    x.hold = Hold.objects.create(unit=unit, campaign=base.campaign, kind="staffing", start_date=datetime.date(2017, 5, 4),
                                 reason="矩阵测试")
    x.package = DataPackage.objects.create(unit=unit, campaign=base.campaign, state=PackageState.APPROVED)
    x.other = other
    return x


def fingerprint(x) -> tuple:
    """Everything of the locked unit a write could change, read fresh from the database."""
    unit = x.unit
    docs = ApprovalDocument.objects.filter(pk__in=[x.doc.pk, x.cited.pk]) | ApprovalDocument.objects.filter(unit=unit)
    return (
        tuple(Unit.objects.filter(pk=unit.pk).values_list()),
        tuple(InternalBody.objects.filter(unit=unit).order_by("pk").values_list()),
        tuple(Plaque.objects.filter(unit=unit).order_by("pk").values_list()),
        tuple(UnitRelation.objects.filter(superior=unit).order_by("pk").values_list()),
        tuple(UnitRelation.objects.filter(subordinate=unit).order_by("pk").values_list()),
        tuple(docs.distinct().order_by("pk").values_list()),
        tuple(DocumentFile.objects.filter(document__in=docs.values("pk")).order_by("pk").values_list()),
        tuple(Hold.objects.filter(unit=unit).order_by("pk").values_list()),
        tuple(DataPackage.objects.filter(unit=unit).order_by("pk").values_list("pk", "state", "is_current")),
        tuple(SandingVersion.objects.filter(unit=unit).order_by("pk").values_list("pk", "status", "document_id")),
    )


def _admin_form(client, url) -> dict:
    """The admin change form as a browser would submit it (inputs, checked boxes, selected options)."""
    html = client.get(url).content.decode()
    form = html[html.index("<form"):html.index("</form>")]
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="submit"' in tag:
            continue
        if ('type="checkbox"' in tag) and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ("on" if 'type="checkbox"' in tag else "")
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = body.strip()
    return data


def http_attempts(x, role, users):
    """(label, callable) for every HTTP write path, as `role`."""
    api = APIClient()
    api.force_authenticate(users[role])
    web = Client()
    web.force_login(users[role])
    unit, doc, cited, f = x.unit, x.doc, x.cited, x.file

    def v(obj):
        return str(type(obj).objects.get(pk=obj.pk).row_version)

    def admin_change(model_path, obj, **changes):
        url = f"/admin/{model_path}/{obj.pk}/change/"
        if web.get(url).status_code != 200:
            return web.get(url)
        data = _admin_form(web, url)
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return web.post(url, data)

    return [
        ("API PATCH 单位", lambda: api.patch(f"/api/v1/units/{unit.pk}/", {"short_name": "改"}, format="json",
                                           HTTP_IF_MATCH=v(unit))),
        ("API DELETE 单位", lambda: api.delete(f"/api/v1/units/{unit.pk}/", HTTP_IF_MATCH=v(unit))),
        ("API PATCH 本单位批文", lambda: api.patch(f"/api/v1/documents/{doc.pk}/", {"title": "伪造"}, format="json",
                                              HTTP_IF_MATCH=v(doc))),
        ("API PATCH 被引用批文", lambda: api.patch(f"/api/v1/documents/{cited.pk}/",
                                              {"doc_number_raw": "百编〔2018〕8号", "title": "伪造"}, format="json",
                                              HTTP_IF_MATCH=v(cited))),
        ("API DELETE 批文", lambda: api.delete(f"/api/v1/documents/{doc.pk}/", HTTP_IF_MATCH=v(doc))),
        ("API 上传批文文件", lambda: api.post(f"/api/v1/documents/{doc.pk}/upload/",
                                         {"file": SimpleUploadedFile("新.pdf", PDF, "application/pdf")},
                                         format="multipart")),
        ("API 新增批文", lambda: api.post("/api/v1/documents/", {"unit": unit.pk, "title": "新增批文",
                                                              "doc_number_raw": "百编〔2020〕1号"}, format="json")),
        ("表单 修改单位", lambda: web.post(f"/manage/units/{unit.pk}/edit/", {
            "name": unit.name, "kind": unit.kind, "category": unit.category, "region": unit.region_id,
            "level": unit.level, "status": unit.status, "short_name": "表单改", "row_version": v(unit),
            "sort_order": unit.sort_order})),
        ("表单 修改批文", lambda: web.post(f"/manage/documents/{doc.pk}/edit/", {
            "unit": unit.pk, "doc_number_raw": "百编〔2019〕98号", "title": "表单伪造", "doc_type": doc.doc_type,
            "row_version": v(doc)})),
        ("表单 修改被引用批文", lambda: web.post(f"/manage/documents/{cited.pk}/edit/", {
            "doc_number_raw": "百编〔2018〕9号", "title": "表单伪造", "doc_type": cited.doc_type,
            "row_version": v(cited)})),
        ("表单 上传批文文件", lambda: web.post(f"/manage/documents/{doc.pk}/files/",
                                         {"upload": SimpleUploadedFile("新.pdf", PDF, "application/pdf")})),
        ("表单 删除批文文件", lambda: web.post(f"/manage/documents/files/{f.pk}/delete/")),
        ("表单 新增批文", lambda: web.post("/manage/documents/new/", {"unit": unit.pk, "title": "表单新增",
                                                                 "doc_type": "other"})),
        ("后台 修改内设机构", lambda: admin_change("registry/internalbody", x.body, name="后台改名")),
        ("后台 修改批文关系", lambda: admin_change("registry/unitrelation", x.relation, note="后台改")),
        ("后台 取消当前数据包", lambda: admin_change("workflow/datapackage", x.package, is_current=None)),
        ("后台 修改暂停业务", lambda: admin_change("workflow/hold", x.hold, reason="后台改")),
        ("后台 批量删除牌子", lambda: web.post("/admin/registry/plaque/", {
            "action": "delete_selected", "_selected_action": [x.plaque.pk], "post": "yes"})),
        ("后台 删除单位关系", lambda: web.post(f"/admin/registry/unitrelation/{x.relation.pk}/delete/", {"post": "yes"})),
        ("后台 删除暂停业务", lambda: web.post(f"/admin/workflow/hold/{x.hold.pk}/delete/", {"post": "yes"})),
        ("后台 删除数据包", lambda: web.post(f"/admin/workflow/datapackage/{x.package.pk}/delete/", {"post": "yes"})),
        ("后台 批量删除批文文件关系", lambda: web.post("/admin/registry/unitrelation/", {
            "action": "delete_selected", "_selected_action": [x.relation.pk], "post": "yes"})),
    ]


def model_attempts(x, base):
    """Direct saves, deletes and bulk paths (the shell, an import, a management command)."""
    unit = x.unit

    def save(obj, **changes):
        obj = type(obj).objects.get(pk=obj.pk)
        for k, val in changes.items():
            setattr(obj, k, val)
        obj.save()

    def delete(obj):
        type(obj).objects.get(pk=obj.pk).delete()

    return [
        ("save 单位", lambda: save(unit, short_name="改")),
        ("save 内设机构", lambda: save(x.body, name="改")),
        ("create 内设机构", lambda: InternalBody.objects.create(unit=unit, name="新设科")),
        ("delete 内设机构", lambda: delete(x.body)),
        ("save 牌子", lambda: save(x.plaque, name="改")),
        ("delete 牌子", lambda: delete(x.plaque)),
        ("create 单位关系（上级）", lambda: UnitRelation.objects.create(
            superior=unit, subordinate=base.unit("百色市交通运输局"), relation_type=RelationType.objects.first())),
        ("create 单位关系（下级）", lambda: UnitRelation.objects.create(
            superior=base.unit("百色市交通运输局"), subordinate=unit, relation_type=RelationType.objects.first())),
        ("delete 单位关系", lambda: delete(x.relation)),
        ("save 本单位批文", lambda: save(x.doc, title="伪造")),
        ("save 被引用批文", lambda: save(x.cited, doc_number_raw="百编〔2018〕8号", doc_number="", title="伪造")),
        ("create 批文", lambda: ApprovalDocument.objects.create(unit=unit, title="新批文")),
        ("delete 批文文件", lambda: delete(x.file)),
        ("create 批文文件", lambda: DocumentFile.objects.create(document=x.cited, original_name="x.pdf", sha256="1" * 64,
                                                               file="documents/x")),
        ("create 暂停业务", lambda: Hold.objects.create(unit=unit, campaign=base.campaign, kind="salary",
                                                    start_date=datetime.date(2017, 5, 4), reason="新")),
        ("save 暂停业务", lambda: save(x.hold, reason="改")),
        ("delete 暂停业务", lambda: delete(x.hold)),
        ("update 单位", lambda: Unit.objects.filter(pk=unit.pk).update(short_name="批量改")),
        ("update 内设机构", lambda: InternalBody.objects.filter(unit=unit).update(name="批量改")),
        ("update 牌子", lambda: Plaque.objects.filter(unit=unit).update(name="批量改")),
        ("update 单位关系", lambda: UnitRelation.objects.filter(superior=unit).update(note="批量改")),
        ("update 被引用批文", lambda: ApprovalDocument.objects.filter(pk=x.cited.pk).update(title="批量伪造")),
        ("update 批文文件", lambda: DocumentFile.objects.filter(pk=x.file.pk).update(original_name="批量改")),
        ("update 暂停业务", lambda: Hold.objects.filter(unit=unit).update(reason="批量改")),
        ("bulk_create 内设机构", lambda: InternalBody.objects.bulk_create([InternalBody(unit=unit, name="批量新设")])),
        ("save 数据包 取消当前", lambda: save(x.package, is_current=False)),
        ("save 数据包 改状态", lambda: save(x.package, state=PackageState.ENTERING)),
        ("delete 数据包", lambda: delete(x.package)),
        ("create 另一当前数据包", lambda: DataPackage.objects.create(unit=unit, campaign=base.campaign)),
    ]


def _try(attempt, locked, before):
    """Run one attempt in a savepoint; (changed the locked data?, response or refusal). Always rolled back."""
    sid = transaction.savepoint()
    outcome = None
    try:
        with transaction.atomic():
            outcome = attempt()
    except LockedError as exc:
        outcome = exc
    except Exception as exc:  # noqa: BLE001 — any other refusal is recorded (and a 500 is reported)
        outcome = exc
    changed = fingerprint(locked) != before
    transaction.savepoint_rollback(sid)
    return changed, outcome


def test_locked_write_matrix_has_no_success(locked, base):
    before = fingerprint(locked)
    attempts, successes, server_errors, other = 0, [], [], []
    for role in ROLES:
        for label, attempt in http_attempts(locked, role, base.users):
            attempts += 1
            changed, outcome = _try(attempt, locked, before)
            if changed:
                successes.append((role, label))
            status = getattr(outcome, "status_code", None)
            if status is None and not isinstance(outcome, LockedError):
                server_errors.append((role, label, repr(outcome)[:200]))
            elif status is not None and status >= 500:
                server_errors.append((role, label, status))
    for label, attempt in model_attempts(locked, base):
        attempts += 1
        changed, outcome = _try(attempt, locked, before)
        if changed:
            successes.append(("shell", label))
        elif not isinstance(outcome, LockedError):
            other.append((label, repr(outcome)[:120]))
    n_http = len(http_attempts(locked, "admin", base.users))
    print(f"locked-write matrix: {attempts} attempts ({len(ROLES)} roles × {n_http} HTTP paths + "
          f"{len(model_attempts(locked, base))} model paths), {len(successes)} successes")
    assert attempts >= 150
    assert successes == [], successes
    assert server_errors == [], server_errors
    assert other == [], other  # every direct write is refused by the lock itself, not by chance


def test_unlocking_only_through_the_change_request(locked, base):
    admin = base.users["admin"]
    web = Client()
    web.force_login(admin)
    url = f"/admin/workflow/datapackage/{locked.package.pk}/change/"
    data = _admin_form(web, url)
    data.pop("is_current", None)
    web.post(url, data)
    locked.package.refresh_from_db()
    assert locked.package.is_current  # unticking in /admin/ does not unlock
    with pytest.raises(LockedError):
        InternalBody.objects.create(unit=locked.unit, name="仍然锁定")
    package = services.open_change_request(locked.unit, reason="更正内设机构名称", acting_user=admin)
    assert package.is_current and Transition.objects.filter(package=package, name="open_change").exists()
    assert AuditLogEntry.objects.filter(model="datapackage", object_id=str(locked.package.pk), action="update").exists()
    InternalBody.objects.create(unit=locked.unit, name="变更中新设科")  # unlocked for the correction
