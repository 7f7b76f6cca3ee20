"""Factories for personnel rule tests (factory_boy), on top of the session-loaded demo (regions, units, users)."""
import datetime
import io
import itertools

import factory
from openpyxl import Workbook

from bianzhi.documents.models import ApprovalDocument, DocumentType
from bianzhi.registry.models import InternalBody, Region, Unit, UnitKind
from bianzhi.sanding import services as sanding
from bianzhi.sanding.models import StaffingType

from .. import crypto, idcard
from ..models import Person, StaffingApplication

_seq = itertools.count(1)


def new_id(born=datetime.date(1990, 5, 17), male=True, region="451002") -> str:
    n = next(_seq) % 499
    return idcard.make(region, born, 2 * n + (1 if male else 2))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}号局")
    kind = UnitKind.ORGAN
    region = factory.LazyFunction(lambda: Region.objects.get(code="451000"))


def with_quota(unit, staffing: dict, date=datetime.date(2020, 1, 1), bodies=(), heads=(), number=None):
    """Give a unit an approved 三定 with the given 编制 ({type: count}), internal bodies ((name, heads, deputies))
    and head posts ((title, count))."""
    doc = ApprovalDocument(doc_number_raw=number or f"测编〔{date.year}〕{next(_seq)}号", title=f"{unit.name}三定",
                           issued_on=date, effective_on=date, doc_type=DocumentType.SANDING, unit=unit)
    doc.full_clean()
    doc.save()
    v = sanding.create_draft_version(unit, doc, effective_date=date)
    sanding.set_statement(v, f"{unit.name}是政府工作部门，为正处级。", "zhengchu")
    for i, (name, h, d) in enumerate(bodies, start=1):
        sanding.create_internal_body(v, name, "", h, d, position=i)
    for staffing_type, count in staffing.items():
        sanding.set_staffing(v, staffing_type, count)
    for title, count in heads:
        sanding.set_head_post(v, title, count)
    sanding.approve_version(v)
    return unit


def body(unit, name):
    return InternalBody.objects.get(unit=unit, name=name)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person in 编 (entered directly, as an import would): use services.do_enter to test 入编 itself."""

    class Meta:
        model = Person

    class Params:
        number = factory.LazyFunction(new_id)

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"测试{n}")
    sex = factory.LazyAttribute(lambda o: idcard.sex(o.number))
    id_cipher = factory.LazyAttribute(lambda o: crypto.encrypt(o.number))
    id_index = factory.LazyAttribute(lambda o: crypto.blind_index(o.number))
    id_masked = factory.LazyAttribute(lambda o: idcard.mask(o.number))
    birth_date = factory.LazyAttribute(lambda o: idcard.birth_date(o.number))
    staffing_type = StaffingType.ADMIN
    entry_date = datetime.date(2020, 3, 1)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffingApplication

    unit = factory.SubFactory(UnitFactory)
    staffing_type = StaffingType.ADMIN
    count = 1
    reason = "补充人员"
    planned_date = datetime.date(2026, 9, 1)


# The 人员信息表 columns of a 实名制 system (tests/data/08_taizhang_and_shimingzhi_field_layouts.txt, section D).
HEADER = ["序号", "所在单位", "所在机构", "姓名", "性别", "身份证号", "人员分类", "编制类别", "编制经费形式", "人员状态",
          "进入形式", "进入时间", "入编时间", "入编文号", "职务", "职级", "民族"]


def workbook(rows, header=HEADER) -> bytes:
    """An xlsx in the shape of a 实名制 system's 人员信息表 export (title row, then the header, then people)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "人员信息表"
    ws.append(["机构编制实名制人员信息表"])
    ws.append(header)
    for i, row in enumerate(rows, start=1):
        ws.append([i, *row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def import_row(unit, name, number, body="", staffing="行政编制", category="非领导人员", **extra):
    values = {"所在单位": unit.name, "所在机构": body, "姓名": name, "性别": "", "身份证号": number, "人员分类": category,
              "编制类别": staffing, "编制经费形式": "", "人员状态": "在职", "进入形式": "公务员考试",
              "进入时间": "2015-09-01", "入编时间": datetime.date(2015, 9, 1), "入编文号": "镇编〔2015〕3号",
              "职务": "", "职级": "", "民族": "汉族", **extra}
    return list(values.values())
