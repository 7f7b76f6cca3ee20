"""`load_demo` on a used database creates nothing (issue 11, finding 10): load, use (edits through the services,
as a person would), load again — every table holds the same number of rows."""
import datetime

import pytest
from django.apps import apps
from django.core.management import call_command

from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.documents.models import ApprovalDocument
from bianzhi.registry.models import Unit
from bianzhi.sanding import services as s
from bianzhi.sanding.models import DutyKind, SandingVersion, VersionStatus

pytestmark = pytest.mark.django_db


def _counts():
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()
            if m is not AuditLogEntry and not m._meta.label.startswith(("sessions.", "huey"))}


def test_load_demo_again_after_use_creates_nothing(demo, users):
    education = Unit.objects.get(name="百色市教育局")
    doc = ApprovalDocument.objects.create(doc_number_raw="百编〔2024〕3号", title="关于调整百色市教育局职责的通知",
                                          issued_on=datetime.date(2024, 3, 1), effective_on=datetime.date(2024, 3, 1),
                                          doc_type="adjustment", unit=education)
    v = s.create_draft_version(education, doc)
    first = s.snapshot(education, draft=v).duties_of(DutyKind.MAIN)[0]
    s.reword_duty(v, first.duty, first.text.rstrip("。") + "，统筹推进教育数字化。")
    s.add_duty(v, "负责全市校外培训监管工作。")
    s.approve_version(v, acting_user=users["admin"])
    short = education.short_name
    education.short_name = (short or "") + "（用后）"
    education.save()
    # what the new user did: a second 百色市教育局 under 百色市 (finding 9), and a unit renamed
    Unit.objects.create(name="百色市教育局", region=education.region, kind=education.kind)
    approved = SandingVersion.objects.filter(status=VersionStatus.APPROVED).count()

    before = _counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    after = _counts()
    assert {k: (before[k], after[k]) for k in before if before[k] != after[k]} == {}
    assert SandingVersion.objects.filter(status=VersionStatus.APPROVED).count() == approved
    education.refresh_from_db()
    assert education.short_name.endswith("（用后）")   # the user's edit survives
