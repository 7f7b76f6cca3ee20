"""Import of 实名制 records from the xlsx a 实名制 system exports (人员信息表: 所在单位, 所在机构, 姓名, 性别, 身份证号,
民族, 人员分类, 编制类别, 编制经费形式, 进入形式, 进入时间, 入编时间, 入编文号, 职务, 职级 …).

All or nothing, like the lists import: every row is checked first; any problem → a list of Chinese messages naming
row, column and value, and nothing is written. Otherwise every person and its 导入 event are written in one
transaction.
"""
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from bianzhi.accounts import permissions
from bianzhi.core.text import nfkc
from bianzhi.registry.models import FundingForm, InternalBody, Unit
from bianzhi.sanding.models import StaffingType

from . import crypto, idcard
from .models import EntryMethod, EventKind, LeaderRole, Person, PersonEvent, Sex

HEADER_SEARCH_ROWS = 10
# field -> (column headings as the exports spell them, required)
COLUMNS = {
    "unit": (("所在单位", "单位名称", "单位"), True),
    "body": (("所在机构", "内设机构", "所在科室"), False),
    "name": (("姓名",), True),
    "sex": (("性别",), False),
    "id_number": (("身份证号", "公民身份号码", "身份证号码"), True),
    "ethnicity": (("民族",), False),
    "category": (("人员分类", "人员类别"), False),
    "staffing_type": (("编制类别", "编制类型", "占用编制情况"), True),
    "funding_form": (("编制经费形式", "经费形式"), False),
    "entry_method": (("进入形式", "进入方式"), False),
    "entered_on": (("进入时间",), False),
    "entry_date": (("入编时间", "入编日期"), False),
    "entry_document": (("入编文号",), False),
    "post": (("职务",), False),
    "rank": (("职级", "领导职务级别", "非领导职务级别"), False),
}
LABELS = {key: names[0] for key, (names, _) in COLUMNS.items()}

TYPE_ALIASES = {**{label: value for value, label in StaffingType.choices},
                "行政": "admin", "参公事业编制": "inst_civil", "参照公务员法管理事业编制": "inst_civil",
                "事业编制(参公)": "inst_civil", "事业": "inst", "工勤编制": "worker", "工勤人员编制": "worker",
                "机关工勤编制": "worker", "政法专项": "legal", "机关其他编制": "other", "其他": "other"}
FUNDING_ALIASES = {**{label: value for value, label in FundingForm.choices}, "全额": "full", "差额补贴": "partial",
                   "差额": "partial", "经费自理": "self", "自收自支": "self"}
ENTRY_ALIASES = {**{label: value for value, label in EntryMethod.choices}, "公务员考试": "exam", "考录": "exam",
                 "事业单位招考": "recruit", "公开招聘": "recruit", "军转": "military", "军队转业": "military",
                 "调任": "transfer_in", "分配": "graduate"}
CATEGORY_ALIASES = {"部门正职领导": "unit_head", "单位正职领导": "unit_head", "部门副职领导": "unit_deputy",
                    "单位副职领导": "unit_deputy", "内设机构正职领导": "body_head", "内设机构副职领导": "body_deputy",
                    "非领导人员": "", "非领导职务": "", "": ""}
SEX_ALIASES = {"男": Sex.MALE, "女": Sex.FEMALE}


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)
    created: list = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", "", nfkc(str(value)))


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})[-./年](\d{1,2})(?:[-./月](\d{1,2})日?)?月?", text) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})?", text)
    if not m:
        raise ValueError(text)
    return datetime.date(int(m[1]), int(m[2]), int(m[3] or 1))


def _key(text: str) -> str:
    return _text(text).replace("（", "(").replace("）", ")")


def read_rows(data: bytes):
    """(header map, [(row number, {field: value})]) or raise ValueError with a Chinese message."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ValueError(f"无法读取该文件：请上传 .xlsx 格式的人员信息表（{exc.__class__.__name__}）")
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    wb.close()
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [_key(c) for c in row]
        if "姓名" in texts:
            header_row = index
            break
    else:
        raise ValueError(f"工作表「{ws.title}」前{HEADER_SEARCH_ROWS}行中没有找到表头（应含“姓名”“身份证号”等列）")
    texts = [_key(c) for c in rows[header_row]]
    columns = {}
    for key, (names, required) in COLUMNS.items():
        found = next((i for i, t in enumerate(texts) if t in names), None)
        if found is None and required:
            raise ValueError(f"工作表「{ws.title}」第{header_row + 1}行表头缺少“{names[0]}”列")
        if found is not None:
            columns[key] = found
    out = []
    for offset, row in enumerate(rows[header_row + 1:], start=header_row + 2):
        values = {key: (row[i] if i < len(row) else None) for key, i in columns.items()}
        if all(_text(v) == "" for v in values.values()):
            continue
        out.append((offset, values))
    return columns, out


def import_people(data: bytes, *, acting_user, filename: str = "") -> ImportResult:
    result = ImportResult()
    try:
        _, rows = read_rows(data)
    except ValueError as exc:
        result.errors.append(str(exc))
        return result
    result.rows = len(rows)
    if not rows:
        result.errors.append("表中没有人员数据")
        return result
    units = {}
    for unit in Unit.objects.all():
        units.setdefault(_key(unit.name), unit)
    bodies = {(b.unit_id, _key(b.name)): b for b in InternalBody.objects.filter(abolished_on__isnull=True)}
    seen: dict = {}
    prepared = []
    for number, v in rows:
        def err(key, problem, number=number):
            result.errors.append(f"第{number}行「{LABELS[key]}」：{problem}")

        unit = units.get(_key(v.get("unit")))
        if unit is None:
            err("unit", f"未找到单位“{_text(v.get('unit'))}”（须与机构库中的单位全称一致）")
        elif not permissions.may_manage_people(acting_user, unit):
            err("unit", f"您无权导入「{unit.name}」的实名制数据")
            unit = None
        body = None
        if unit is not None and _text(v.get("body")) and _key(v.get("body")) != _key(unit.name):
            body = bodies.get((unit.pk, _key(v.get("body"))))
            if body is None:
                err("body", f"「{unit.name}」没有内设机构“{_text(v.get('body'))}”")
        name = _text(v.get("name"))
        if not name:
            err("name", "姓名不能为空")
        number_value = None
        try:
            number_value = idcard.validate(v.get("id_number"))
        except idcard.IdNumberError as exc:
            err("id_number", str(exc))
        if number_value:
            index = crypto.blind_index(number_value)
            if index in seen:
                err("id_number", f"公民身份号码 {idcard.mask(number_value)} 与第{seen[index]}行重复，同一人只能登记一次")
            else:
                seen[index] = number
                twin = Person.objects.filter(id_index=index, exit_date__isnull=True).select_related("unit").first()
                if twin:
                    err("id_number", f"公民身份号码 {idcard.mask(number_value)} 已在「{twin.unit.name}」在编（{twin.name}），"
                                     "同一人不能重复登记")
            stated = SEX_ALIASES.get(_text(v.get("sex")))
            if _text(v.get("sex")) and stated is None:
                err("sex", f"性别应为“男”或“女”，实际为“{_text(v.get('sex'))}”")
            elif stated and stated != idcard.sex(number_value):
                err("sex", f"性别“{_text(v.get('sex'))}”与公民身份号码不符")
        staffing_type = TYPE_ALIASES.get(_key(v.get("staffing_type")))
        if staffing_type is None:
            err("staffing_type", f"未知的编制类型“{_text(v.get('staffing_type'))}”（可填：{'、'.join(StaffingType.labels)}）")
        funding = FUNDING_ALIASES.get(_text(v.get("funding_form")), None) if _text(v.get("funding_form")) else ""
        if funding is None:
            err("funding_form", f"未知的经费形式“{_text(v.get('funding_form'))}”（可填：全额拨款、差额拨款、自收自支）")
        method = ENTRY_ALIASES.get(_text(v.get("entry_method")), None) if _text(v.get("entry_method")) else "other"
        if method is None:
            method = "other"
        category = CATEGORY_ALIASES.get(_text(v.get("category")).replace("、", ""))
        if category is None:
            err("category", f"未知的人员分类“{_text(v.get('category'))}”")
        entry_date = None
        for key in ("entry_date", "entered_on"):
            try:
                entry_date = entry_date or _date(v.get(key))
            except ValueError:
                err(key, f"“{_text(v.get(key))}”不是有效日期（如 2019-03-01）")
        if entry_date is None and not any(e.startswith(f"第{number}行「入编时间") for e in result.errors):
            err("entry_date", "须填写入编时间（或进入时间）")
        if number_value and entry_date and entry_date < idcard.birth_date(number_value):
            err("entry_date", "入编时间早于出生日期")
        prepared.append(dict(unit=unit, internal_body=body, name=name, number=number_value,
                             ethnicity=_text(v.get("ethnicity")), staffing_type=staffing_type, funding_form=funding or "",
                             entry_method=method, entry_date=entry_date,
                             entry_document=_text(v.get("entry_document")), post=_text(v.get("post")),
                             rank=_text(v.get("rank")), leader_role=category or LeaderRole.NONE))
    if result.errors:
        return result
    with transaction.atomic():
        for p in prepared:
            number = p.pop("number")
            person = Person.objects.create(
                **p, id_cipher=crypto.encrypt(number), id_index=crypto.blind_index(number),
                id_masked=idcard.mask(number), birth_date=idcard.birth_date(number), sex=idcard.sex(number))
            PersonEvent.objects.create(person=person, kind=EventKind.IMPORT, date=person.entry_date,
                                       document=person.entry_document, user=acting_user,
                                       note=f"自实名制系统导出表导入：{filename}"[:300])
            result.created.append(person)
    return result
