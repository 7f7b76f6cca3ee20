"""The seed's campaign (百编办〔2017〕11号) on the demo units, with a realistic spread of states.

- materials: most units delivered by 4月30日 (real PDF and Word files, checked and accepted); 百色市公安局、
  百色市林业局 (and its institute) and 靖西市林业局 did not, so from 5月4日 their 出入编 and 工资审核 are on hold;
  百色市市场监督管理局 delivered late, was put on hold and had it lifted when its data was approved;
- review flow: 百色市卫生健康委员会 approved and published, 百色市人民医院 approved; 百色市市场监督管理局
  published; 发展和改革委员会 waits for confirmation; 交通运输局 was sent back by the department with a
  comment; 右江区农业农村局 approved; 右江区财政局 waits for review; 百色市水利局 confirmed by the department;
  百色市教育局 and its units stay 录入中 so that the whole walk can be shown.

Idempotent: the campaign, packages and materials are looked up by natural keys; transitions run only on a
package created in this run.
"""
import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from bianzhi.accounts.demo import DEMO_PASSWORD
from bianzhi.accounts.models import Role, User
from bianzhi.core.pdf import html_to_pdf
from bianzhi.documents.models import ApprovalDocument, DocumentType
from bianzhi.portal.models import PublishedUnit
from bianzhi.registry.demo import demo_unit
from bianzhi.registry.models import Unit

from . import services, sheet
from .materials import package_problems, sha256
from .models import (
    Campaign,
    DataPackage,
    MaterialFile,
    MaterialItem,
    MaterialPackage,
    MaterialStatus,
    PackageState,
)

CAMPAIGN = dict(
    name="2017年机构编制云平台基础数据录入",
    basis="百编办〔2017〕11号",
    accounts_due=datetime.date(2017, 4, 30), materials_due=datetime.date(2017, 4, 30),
    hold_from=datetime.date(2017, 5, 4), entry_start=datetime.date(2017, 5, 2),
    review_due=datetime.date(2017, 6, 15), publish_due=datetime.date(2017, 6, 15),
    publish_by=datetime.date(2017, 6, 30),
    note="市直各部门及县（市、区）试点单位的三定、权力清单、责任清单基础数据录入、确认、审核和对外公开。",
)

LATE = ["百色市公安局", "百色市林业局", "百色市林业科学研究所", "靖西市林业局"]
LATE_THEN_APPROVED = ["百色市市场监督管理局"]

# Department confirmers the seed asks each unit to designate (besides the shared demo account jiaoyu).
CONFIRMERS = [
    ("weijian", "农确认（市卫生健康委）", "百色市卫生健康委员会"),
    ("shichang", "黄确认（市市场监管局）", "百色市市场监督管理局"),
    ("shuili", "陈确认（市水利局）", "百色市水利局"),
]

# unit name -> list of (transition or "comment", username, comment); units not listed stay 录入中.
# Units that other apps' tests edit are never approved here (approved data is locked).
PLAN = {
    "百色市卫生健康委员会": [("submit", "admin", ""), ("confirm", "weijian", ""), ("submit_review", "admin", ""),
                   ("approve", "shenhe", "三定、权责清单与批文一致"), ("publish", "admin", "")],
    "百色市人民医院": [("submit", "admin", ""), ("confirm", "weijian", ""), ("submit_review", "admin", ""),
                ("approve", "shenhe", "")],
    "百色市市场监督管理局": [("submit", "admin", ""), ("confirm", "shichang", ""), ("submit_review", "admin", ""),
                   ("approve", "shenhe", ""), ("publish", "admin", "")],
    "百色市发展和改革委员会": [("submit", "luru", "")],
    "百色市交通运输局": [("submit", "jiaotong", ""),
                  ("comment", "admin", "“负责道路运输市场监管”一项与权力清单第12项实施依据不一致，请核对后修改"),
                  ("dept_return", "admin", "请按意见修改后重新提交")],
    "百色市水利局": [("submit", "admin", ""), ("confirm", "shuili", "")],
    "百色市右江区农业农村局": [("submit", "youjiang", ""), ("confirm", "admin", ""), ("submit_review", "youjiang", ""),
                    ("approve", "shenhe", "")],
    "百色市右江区财政局": [("submit", "youjiang", ""), ("confirm", "admin", ""), ("submit_review", "youjiang", "")],
}

_FILE_CACHE: dict = {}


def _cache_dir():
    from django.conf import settings

    path = settings.DATA_DIR / "cache" / "demo-materials-2"  # -2: set in the shipped font, not a system one
    path.mkdir(parents=True, exist_ok=True)
    return path


def _render_pdfs(titles) -> None:
    """Render the cover pages of many documents in ONE WeasyPrint run (font subsetting dominates the cost),
    split into one PDF per document with pypdf, and keep them on disk for the next demo load."""
    import hashlib
    import io

    from pypdf import PdfReader, PdfWriter

    todo = [t for t in dict.fromkeys(titles) if ("pdf", t) not in _FILE_CACHE]
    cache = _cache_dir()
    missing = []
    for title in todo:
        path = cache / (hashlib.sha256(title.encode()).hexdigest() + ".pdf")
        if path.exists():
            _FILE_CACHE[("pdf", title)] = path.read_bytes()
        else:
            missing.append(title)
    if not missing:
        return
    pages = "".join(
        f'<section style="page-break-after:always"><p style="text-align:center;color:#b3261e;font-size:22pt">'
        f'百色市机构编制委员会文件</p><h2 style="text-align:center">{title}</h2><p>（盖章文件扫描件）</p></section>'
        for title in missing)
    whole = html_to_pdf(f"<html><body>{pages}</body></html>")
    reader = PdfReader(io.BytesIO(whole))
    for title, page in zip(missing, reader.pages, strict=False):
        writer = PdfWriter()
        writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
        _FILE_CACHE[("pdf", title)] = data
        (cache / (hashlib.sha256(title.encode()).hexdigest() + ".pdf")).write_bytes(data)


def _pdf_bytes(title: str) -> bytes:
    _render_pdfs([title])
    return _FILE_CACHE[("pdf", title)]


def _docx_bytes(title: str) -> bytes:
    if ("docx", title) not in _FILE_CACHE:
        import hashlib
        import io

        from docx import Document

        path = _cache_dir() / (hashlib.sha256(title.encode()).hexdigest() + ".docx")
        if path.exists():
            _FILE_CACHE[("docx", title)] = path.read_bytes()
        else:
            doc = Document()
            doc.add_heading(title, level=1)
            doc.add_paragraph("根据有关文件精神，制定本规定。")
            out = io.BytesIO()
            doc.save(out)
            _FILE_CACHE[("docx", title)] = out.getvalue()
            path.write_bytes(out.getvalue())
    return _FILE_CACHE[("docx", title)]


def _store(item, fmt, data, user):
    from django.core.files.storage import default_storage


    digest = sha256(data)
    obj = MaterialFile(item=item, fmt=fmt, original_name=f"{item.title}.{fmt}", size=len(data), sha256=digest,
                       uploaded_by=user)
    name = f"materials/{digest[:2]}/{digest}"
    if default_storage.exists(name):
        obj.file.name = name
    else:
        obj.file.save(name, ContentFile(data), save=False)
    obj.save()


def _documents_for(unit):
    """The unit's 三定 documents: those registered on the platform, or the founding 三定 of the demo."""

    docs = list(ApprovalDocument.objects.filter(unit=unit, doc_type__in=[DocumentType.SANDING,
                                                                          DocumentType.ADJUSTMENT]))
    items = [(d.title, d.doc_number or d.doc_number_raw, d.issued_on or datetime.date(2019, 3, 1),
              "sanding" if d.doc_type == DocumentType.SANDING else "adjustment", d) for d in docs]
    if not items:
        items = [(f"{unit.name}主要职责内设机构和人员编制规定", "", datetime.date(2010, 1, 1), "sanding", None)]
    sanding = [i for i in items if i[3] == "sanding"] or items
    newest = max(sanding, key=lambda i: i[2])
    rest = sorted((i for i in items if i is not newest), key=lambda i: i[2])
    return [newest] + rest


def _deliver(unit, campaign, admin, received_at):
    package, created = MaterialPackage.objects.get_or_create(unit=unit, campaign=campaign)
    if not created:
        return package
    package.contact_name, package.contact_office_phone = unit.contact_name or "办公室", "0776-2872890"
    for position, (title, number, issued_on, kind, document) in enumerate(_documents_for(unit), 1):
        item = MaterialItem.objects.create(package=package, title=title, doc_number=number or "", issued_on=issued_on,
                                           kind=kind, position=position, marked_newest=position == 1,
                                           document=document)
        _store(item, "pdf", _pdf_bytes(title), admin)
        _store(item, "docx", _docx_bytes(title), admin)

    package.problems = package_problems(package)
    package.received_at, package.received_by = received_at, admin
    package.decided_at, package.decided_by = received_at + datetime.timedelta(days=1), admin
    package.status = MaterialStatus.ACCEPTED if not package.problems else MaterialStatus.RETURNED
    package.return_reasons = "；".join(package.problems)
    package.save()
    return package


def _confirmers(log):
    made = 0
    for username, display, unit_name in CONFIRMERS:
        unit = demo_unit(unit_name)
        if unit is None or User.objects.filter(username=username).exists():
            continue
        user = User(username=username, display_name=display, role=Role.CONFIRMER, unit=unit)
        user.set_password(DEMO_PASSWORD)
        user.save()
        made += 1
    return made


def load(log=print) -> None:
    admin = User.objects.filter(username="admin").first()
    campaign = Campaign.objects.filter(name=CAMPAIGN["name"]).first()
    if campaign is None:
        campaign = Campaign.objects.create(**CAMPAIGN)
        campaign.units.add(*Unit.objects.filter(status="active"))
    # the demo's campaign covers the units it was created with; units a user added later are theirs
    units = list(campaign.units.filter(status="active").order_by("tree_path"))
    made_users = _confirmers(log)
    users = {u.username: u for u in User.objects.all()}
    tz = timezone.get_current_timezone()
    _render_pdfs([d[0] for u in units if u.name not in LATE and not MaterialPackage.objects.filter(
        unit=u, campaign=campaign).exists() for d in _documents_for(u)])
    for i, unit in enumerate(units):
        if unit.name in LATE:
            continue
        day = 14 if unit.name in LATE_THEN_APPROVED else 20 + i % 10
        month = 5 if unit.name in LATE_THEN_APPROVED else 4
        _deliver(unit, campaign, admin, datetime.datetime(2017, month, day, 10, 30, tzinfo=tz))
    # the job as it ran on 5月4日: holds on every unit that had not delivered
    services.place_holds(campaign, today=campaign.hold_from, acting_user=None)
    fresh = []
    for unit in units:
        if not DataPackage.objects.filter(unit=unit).exists():
            fresh.append(services.ensure_package(unit, campaign).pk)
    refused = []
    for unit in units:  # in tree order: a 主管部门 before its units
        steps = PLAN.get(unit.name)
        package = DataPackage.objects.filter(unit=unit, is_current=True).first()
        if not steps or package is None or package.pk not in fresh:
            continue
        for name, username, comment in steps:
            try:
                if name == "comment":
                    services.add_comment(package, comment, acting_user=users[username])
                    continue
                # the demo's signers read the 确认单 as it is now
                digest = sheet.current_digest(package) if name in sheet.SIGNING else None
                package = services.fire(package, name, comment, sheet_digest=digest, acting_user=users[username])
            except services.WorkflowRefused as exc:
                refused.append(f"{unit.name} {name}：{exc}")
                break
    if refused:
        for line in refused:
            log(f"  （演示流转未执行）{line}")
    states = {s.label: DataPackage.objects.filter(campaign=campaign, is_current=True, state=s).count()
              for s in PackageState}
    log(f"  批次：{campaign.name}，{campaign.units.count()} 个单位；确认员账号新建 {made_users}；"
        f"数据包 " + "，".join(f"{k} {v}" for k, v in states.items() if v)
        + f"；暂停业务 {campaign.holds.filter(lifted_at__isnull=True).count()} 项")
    publish_approved(admin, log)


def publish_approved(admin, log=print) -> None:
    """Make public what the demo review flow approved (idempotent): the 发布 transition, as the 市编办
    administrator, for every unit whose current data package is 审核通过 — so the public site shows exactly what
    went through the flow, and units still 录入中 / 待确认 / 待审核 stay unpublic."""
    done = 0
    for package in (DataPackage.objects.filter(is_current=True, state=PackageState.APPROVED)
                    .exclude(unit__publications__is_current=True).select_related("unit")
                    .order_by("unit__tree_path")):
        services.fire(package, "publish", comment="演示数据：审核通过后公开", acting_user=admin)
        done += 1
    total = PublishedUnit.objects.filter(is_current=True).count()
    log(f"  公开门户：本次经审核流程发布 {done} 个单位，现公开 {total} 个单位")

