"""The template columns of each list, and the header synonyms real files use.

A template column is (key, header). `SYNONYMS` maps the headers departments actually send (权力类型,
实施主体, 职权名称 …) to template keys; the mapping step pre-selects them and the user confirms.
"""
from dataclasses import dataclass, field

from bianzhi.core.text import search_key


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 16
    synonyms: tuple[str, ...] = field(default_factory=tuple)
    help: str = ""


POWER_COLUMNS = [
    Column("code", "编码", 18, ("事项编码", "职权编码", "权力编码", "基本编码", "编号", "事项代码"),
           "留空则按编码规则自动生成；填写已有编码表示更新该事项"),
    Column("name", "事项名称", 40, ("主项名称", "职权名称", "权力名称", "权力事项名称", "事项", "项目名称", "主项"),
           "主项名称；子项行填所属主项的名称"),
    Column("sub_name", "子项名称", 30, ("子项", "子项名称"), "子项行填写；主项行留空"),
    Column("category", "事项类别", 14, ("权力类型", "事项类型", "职权类型", "权力类别", "类别", "类型", "职权类别"),
           "按“事项类别”字典填写，如 行政许可"),
    Column("unit", "实施部门", 24, ("实施主体", "法定主体", "部门", "实施机关", "实施单位", "责任主体", "部门名称",
                                  "实施机构"), "单位全称、简称或牌子名称"),
    Column("internal_body", "承办机构", 16, ("承办科室", "内设机构", "责任科室", "承办处室", "承办股室")),
    Column("target", "实施对象", 20, ("行使对象", "服务对象", "对象")),
    Column("setting_basis", "设定依据", 40, ("法律依据", "依据", "设定和实施依据", "法定依据"),
           "每条一行：《法规名称》（令号）第X条"),
    Column("implementing_basis", "实施依据", 40, ("执行依据",)),
    Column("exercise_level", "行使层级", 10, ("层级", "行使层级")),
    Column("statutory_limit", "法定时限", 12, ("法定期限", "法定办结时限")),
    Column("promised_limit", "承诺时限", 12, ("承诺期限", "承诺办结时限")),
    Column("duties", "关联职责", 14, ("对应职责", "所属职责", "职责序号", "关联职能职责"),
           "三定主要职责的序号，如 （一）；（三）"),
    Column("accountability", "追责情形", 30, ("问责情形", "责任追究情形")),
    Column("note", "备注", 20, ("说明",)),
]

DUTY_COLUMNS = [
    Column("name", "事项名称", 36, ("责任事项", "具体工作事项", "工作事项", "责任事项名称", "主要职责"),
           "主要职责 / 具体工作事项 / 边界事项 / 监管事项的名称"),
    Column("kind", "类型", 14, ("责任类型", "清单类型", "事项类型"), "主要职责、职责边界、事中事后监管或公共服务"),
    Column("unit", "实施部门", 24, ("部门", "责任部门", "责任主体", "实施主体", "法定主体", "部门名称")),
    Column("content", "内容", 50, ("事项内容", "工作内容", "具体内容", "监管措施", "责任内容", "具体工作事项内容")),
    Column("basis", "依据", 40, ("法律依据", "设定依据", "实施依据", "政策依据")),
    Column("accountability_scope", "追责对象范围", 24, ("追责对象", "责任对象", "问责对象")),
    Column("related_units", "相关单位", 24, ("相关部门", "配合部门", "协同部门"), "职责边界：以“、”分隔"),
    Column("division", "分工", 40, ("职责分工", "边界划分", "分工情况")),
    Column("duties", "关联职责", 14, ("对应职责", "所属职责", "职责序号")),
    Column("power_codes", "关联权力事项编码", 20, ("关联权力事项", "权力事项编码")),
    Column("note", "备注", 20, ("说明",)),
]

STAGE_COLUMNS = [
    Column("code", "权力事项编码", 18, ("职权编码", "编码", "事项编码", "权力编码")),
    Column("name", "权力事项名称", 36, ("职权名称", "事项名称", "权力名称")),
    Column("category", "事项类别", 14, ("职权类型", "权力类型", "事项类型", "类别")),
    Column("unit", "实施部门", 24, ("法定主体", "实施主体", "部门", "责任主体")),
    Column("stages", "责任事项", 60, ("环节责任", "责任事项内容", "责任内容"),
           "按环节书写：1.受理责任：……（换行）2.审查责任：……"),
    Column("accountability", "追责情形", 40, ("问责情形", "责任追究情形")),
]

COLUMNS = {"power": POWER_COLUMNS, "duty": DUTY_COLUMNS, "stage": STAGE_COLUMNS}
SHEET_NAMES = {"power": "权力清单", "duty": "责任清单", "stage": "环节责任清单"}
KIND_LABELS = {"power": "权力清单", "duty": "责任清单（按部门）", "stage": "责任清单（按权力事项）"}
IGNORED_HEADERS = {"序号", "审核转报", "部门序号"}


def columns_for(kind: str) -> list[Column]:
    return COLUMNS[kind]


def header_index(kind: str) -> dict[str, str]:
    """search_key(header or synonym) → template key; template headers win over synonyms."""
    index = {}
    for col in COLUMNS[kind]:
        for syn in col.synonyms:
            index.setdefault(search_key(syn), col.key)
    for col in COLUMNS[kind]:
        index[search_key(col.header)] = col.key
    return index


def guess_mapping(kind: str, headers: list) -> dict[str, str]:
    """{column position (as str): template key} for the headers we recognise; each key used once."""
    index = header_index(kind)
    mapping, used = {}, set()
    for pos, header in enumerate(headers):
        key = index.get(search_key(header or ""))
        if key and key not in used:
            mapping[str(pos)] = key
            used.add(key)
    return mapping
