"""Generate the labelled 三定 corpus in bench/sanding_corpus/ (reproducible: run it again, same files).

    .venv/bin/python -m bench.make_sanding_corpus

Sources:
- the real (partial) texts in bench/sanding_real_texts/ (from the shared sample folder), with their source header lines, each
  with a hand-checked label file (bench/sanding_corpus/labels_real.py);
- realistic 百色市 documents written here from structured data, in four layouts (old / 2018 /
  post-2019 / county) plus two 调整通知. Each is rendered as .docx (python-docx), text PDF
  (WeasyPrint + Noto CJK) and/or a scan (the PDF rendered by pdftoppm at 200 dpi, slight noise,
  1-bit, stored as PDF or PNG). The label (expected parse) is derived from the same structured data,
  never from the parser.
"""
from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from bianzhi.ingest.extract import normalize_with_map

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "sanding_corpus"
REAL_DIR = Path(__file__).with_name("sanding_real_texts")  # real published texts, each with its source lines
# hand-checked labels of the real texts (written once, read against the source; not produced by the parser)
REAL_LABELS_DIR = ROOT / "sanding_real_labels"

CN = "零一二三四五六七八九十"


def cn_index(n: int) -> str:
    if n <= 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n - 10] if n > 10 else "")
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")


def norm(text: str | None):
    if text is None:
        return None
    return normalize_with_map(text)[0]


# ------------------------------------------------------------------ documents as data
# Each paragraph: (style, text). style: header | docnumber | title | body | flush | sign
def sanding_paragraphs(doc: dict) -> list[tuple[str, str]]:
    paras: list[tuple[str, str]] = []
    for line in doc.get("header", []):
        paras.append(("header", line))
    if doc.get("doc_number"):
        paras.append(("docnumber", doc["doc_number"]))
    paras.append(("title", doc["title"]))
    unit_short = doc["short"]
    duties = doc["duties"]
    bodies = doc["bodies"]
    if doc["layout"] == "old":
        paras.append(("body", "一、职能调整"))
        for i, text in enumerate(doc["adjustments"], 1):
            paras.append(("body", f"（{cn_index(i)}）{text}"))
        paras.append(("body", "二、主要职责"))
        paras.append(("body", f"根据以上职能调整，{unit_short}的主要职责是："))
        for i, text in enumerate(duties, 1):
            paras.append(("body", f"（{cn_index(i)}）{text}"))
        paras.append(("body", "三、内设机构"))
        paras.append(("body", f"根据上述职责，{unit_short}设{len([b for b in bodies if b.get('numbered', True)])}个内设机构："))
        n = 0
        for body in bodies:
            if body.get("numbered", True):
                n += 1
                paras.append(("body", f"（{cn_index(n)}）{body['name']}"))
            else:
                paras.append(("body", body["name"]))
            paras.append(("body", body["duties"]))
        paras.append(("body", "四、人员编制"))
        paras.append(("body", doc["staffing_text"]))
        paras.append(("body", "五、其他事项"))
        paras.append(("body", doc["other_text"]))
    else:
        arts: list[str] = [doc["basis"], doc["nature_sentence"]]
        if doc["layout"] in ("2019", "county"):
            arts.append(f"本规定确定的职能配置、内设机构和人员编制等，是{unit_short}履行职责、配备人员、规范权力以及经费核定的基本依据。")
        duty_art = len(arts) + 1
        arts.append(doc["duty_intro"])
        body_art = len(arts) + 1
        arts.append(f"{unit_short}设下列内设机构：")
        arts.append(doc["staffing_text"])
        arts.extend(doc["tail"])
        for i, text in enumerate(arts, 1):
            paras.append(("body", f"第{cn_index(i)}条\u3000{text}"))
            if i == duty_art:
                for j, duty in enumerate(duties, 1):
                    lines = duty.split("\n")
                    paras.append(("body", f"（{cn_index(j)}）{lines[0]}"))
                    for extra in lines[1:]:
                        paras.append(("body", extra))
            elif i == body_art:
                n = 0
                for body in bodies:
                    if body.get("numbered", True):
                        n += 1
                        paras.append(("body", f"（{cn_index(n)}）{body['name']}。{body['duties']}"))
                    else:
                        paras.append(("body", f"{body['name']}。{body['duties']}"))
    if doc.get("date"):
        paras.append(("sign", doc["date"]))
    return paras


def notice_paragraphs(doc: dict) -> list[tuple[str, str]]:
    paras = [("header", line) for line in doc.get("header", [])]
    paras.append(("docnumber", doc["doc_number"]))
    paras.append(("title", doc["title"]))
    paras.append(("flush", doc["addressee"]))
    paras.append(("body", doc["intro"]))
    for i, (text, _ops) in enumerate(doc["items"], 1):
        paras.append(("body", f"{cn_index(i)}、{text}"))
    paras.append(("body", doc["after"]))
    paras.append(("body", "特此通知。"))
    paras.append(("sign", doc["issuer"]))
    paras.append(("sign", doc["date"]))
    return paras


def sanding_label(doc: dict) -> dict:
    label = {
        "title": norm(doc["title"]), "doc_number": doc.get("doc_number_norm"), "unit": norm(doc["unit"]),
        "nature": norm(doc.get("nature")), "rank": doc.get("rank"), "plaques": [norm(p) for p in doc.get("plaques", [])],
        "duties": [norm(d.replace("\n", "")) for d in doc["duties"]],
        "internal_bodies": [{"name": norm(b["name"]), "duties": norm(b["duties"])} for b in doc["bodies"]],
        "staffing": [{"type": norm(s["type"]), "count": s["count"],
                      "includes": [{"type": norm(i["type"]), "count": i["count"]} for i in s.get("includes", [])]}
                     for s in doc["staffing"]],
        "posts": [{"title": p["title"], "count": p["count"], "rank": p.get("rank"), "note": norm(p.get("note"))}
                  for p in doc["posts"]],
        "internal_leadership": doc["leadership"],
        "changes": [], "totals_after": {"internal_bodies": None, "staffing": [], "leadership": []},
    }
    return label


def notice_label(doc: dict) -> dict:
    changes = []
    for _text, ops in doc["items"]:
        for op in ops:
            changes.append({k: norm(v) if isinstance(v, str) else v for k, v in op.items()})
    return {
        "title": norm(doc["title"]), "doc_number": doc["doc_number_norm"], "unit": norm(doc["unit"]),
        "nature": None, "rank": None, "plaques": [], "duties": [], "internal_bodies": [], "staffing": [], "posts": [],
        "internal_leadership": [], "changes": changes,
        "totals_after": {"internal_bodies": doc["totals"]["internal_bodies"],
                         "staffing": [{"type": norm(s["type"]), "count": s["count"]} for s in doc["totals"]["staffing"]],
                         "leadership": doc["totals"]["leadership"]},
    }


EDU_2019 = {
    "id": "s1_baise_jiaoyuju_2019", "layout": "2019", "formats": ["docx", "scan"],
    "header": ["中共百色市委办公室文件"], "doc_number": "百办发〔2019〕23号", "doc_number_norm": "百办发〔2019〕23号",
    "title": "百色市教育局职能配置、内设机构和人员编制规定", "unit": "百色市教育局", "short": "市教育局",
    "basis": "为了规范市教育局的职能配置、内设机构和人员编制，推进机构、职能、权限、程序、责任法定化，根据《中国共产党机构编制工作条例》和《百色市机构改革方案》，制定本规定。",
    "nature_sentence": "市教育局是市政府工作部门，为正处级，加挂市语言文字工作委员会办公室牌子。",
    "nature": "市政府工作部门", "rank": "正处级", "plaques": ["市语言文字工作委员会办公室"],
    "duty_intro": "市教育局贯彻落实党中央、自治区党委和市委关于教育工作的方针政策和决策部署，在履行职责过程中坚持和加强党对教育工作的集中统一领导。主要职责是：",
    "duties": [
        "贯彻执行国家和自治区的教育方针、政策和法律法规，拟订全市教育发展规划和政策措施并组织实施。",
        "负责全市各级各类教育的统筹规划和协调管理，会同有关部门拟订各级各类学校的设置标准，指导全市教育体制改革。",
        "负责本部门教育经费的统筹管理，参与拟订全市教育经费筹措、教育拨款、教育基建投资的政策，监测全市教育经费的使用情况。",
        "负责推进全市义务教育均衡发展和促进教育公平，指导普通高中教育、学前教育和特殊教育工作。",
        "负责全市教育督导工作，指导全市教育督导评估监测，组织实施对县（市、区）人民政府履行教育职责的督导评估。",
        "负责全市教师工作，会同有关部门拟订教师队伍建设规划，指导教师资格认定和教师培训工作。",
        "负责全市语言文字工作，组织实施国家通用语言文字推广工作。",
        "完成市委、市政府交办的其他任务。",
        "职能转变。市教育局要进一步推进教育领域简政放权、放管结合、优化服务改革，加强对全市教育发展的宏观指导和督导评估。",
        "有关职责分工。\n1.与市人力资源和社会保障局的有关职责分工。市教育局负责中等职业学校的管理，市人力资源和社会保障局负责技工学校的管理。\n2.与市卫生健康委员会的有关职责分工。市教育局负责学校卫生工作的管理，市卫生健康委员会负责学校卫生工作的业务指导。",
    ],
    "bodies": [
        {"name": "办公室", "duties": "负责机关日常运转工作。承担信息、安全、保密、信访、政务公开、档案、财务和资产管理等工作。"},
        {"name": "人事科", "duties": "负责机关和所属单位的干部人事、机构编制、劳动工资工作。"},
        {"name": "基础教育科", "duties": "负责统筹管理全市义务教育、普通高中教育、学前教育和特殊教育工作。"},
        {"name": "职业教育与成人教育科", "duties": "负责统筹指导全市中等职业教育、继续教育和社区教育工作。"},
        {"name": "电化教育科", "duties": "负责全市教育信息化和电化教育工作。"},
        {"name": "督导科（市人民政府教育督导室办公室）", "duties": "承担市人民政府教育督导室的日常工作，组织实施教育督导评估监测。"},
        {"name": "机关党委", "duties": "负责机关和所属单位的党群工作。", "numbered": False},
        {"name": "离退休干部工作办公室", "duties": "负责机关离退休干部工作，指导所属单位的离退休干部工作。", "numbered": False},
    ],
    "staffing_text": "市教育局机关行政编制45名（含纪检监察编制2名、援派编制1名）。设局长1名，副局长3名（其中1名兼任市语言文字工作委员会办公室主任），总督学1名（正科级）；正科级领导职数8名（含机关党委专职副书记1名）、副科级领导职数3名。",
    "staffing": [{"type": "机关行政编制", "count": 45, "includes": [{"type": "纪检监察编制", "count": 2}, {"type": "援派编制", "count": 1}]}],
    "posts": [{"title": "局长", "count": 1}, {"title": "副局长", "count": 3, "note": "其中1名兼任市语言文字工作委员会办公室主任"},
              {"title": "总督学", "count": 1, "rank": "正科级"}],
    "leadership": [{"level": "正科级", "count": 8}, {"level": "副科级", "count": 3}],
    "tail": ["市教育局所属事业单位的设置、职责和编制事项另行规定。",
             "本规定由市委负责解释，具体解释工作由市委机构编制委员会办公室承担，其调整由市委机构编制委员会办公室按规定程序办理。",
             "本规定自2019年3月1日起施行。"],
}

FIN_2018 = {
    "id": "s2_baise_caizhengju_2018", "layout": "2018", "formats": ["pdf", "docx"],
    "header": [], "doc_number": "百办发〔2018〕61号", "doc_number_norm": "百办发〔2018〕61号",
    "title": "百色市财政局职能配置、内设机构和人员编制规定", "unit": "百色市财政局", "short": "市财政局",
    "basis": "根据《中共中央关于深化党和国家机构改革的决定》、《深化党和国家机构改革方案》和自治区党委、自治区人民政府批准的《百色市机构改革方案》，制定本规定。",
    "nature_sentence": "市财政局是市政府工作部门，为正处级，对外保留市国有资产管理局牌子。",
    "nature": "市政府工作部门", "rank": "正处级", "plaques": ["市国有资产管理局"],
    "duty_intro": "市财政局贯彻落实党中央关于财政工作的方针政策和决策部署，在履行职责过程中坚持和加强党对财政工作的集中统一领导。主要职责是：",
    "duties": [
        "拟订全市财税发展战略、规划、政策和改革方案并组织实施，参与拟订全市宏观经济政策，运用财税政策实施宏观调控。",
        "负责管理市级各项财政收支，编制年度市级预决算草案并组织执行，受市人民政府委托向市人民代表大会及其常务委员会报告财政预算、执行和决算等情况。",
        "负责政府非税收入管理，按规定管理行政事业性收费、政府性基金，管理财政票据。",
        "组织制定市级国库管理制度、国库集中收付制度，指导和监督市级国库业务，开展国库现金管理工作。",
        "负责制定和组织实施全市政府采购监督管理制度，负责政府采购活动的监督管理。",
        "负责管理市级行政事业单位国有资产，拟订资产管理制度并组织实施。",
        "完成市委、市政府交办的其他任务。",
        "职能转变。市财政局要进一步完善财政管理体制，全面实施预算绩效管理，提高财政资金使用效益。",
    ],
    "bodies": [
        {"name": "办公室", "duties": "负责机关日常运转工作，承担文电、会务、机要、档案、信息、安全保密、政务公开等工作。"},
        {"name": "预算科", "duties": "拟订市级预算管理制度，编制市级年度预决算草案，组织市级预算执行的日常管理工作。"},
        {"name": "国库科", "duties": "拟订市级国库管理制度，负责国库集中收付管理工作。"},
        {"name": "行政政法科", "duties": "承担行政、政法等方面的部门预算和有关财政资金管理工作。"},
        {"name": "社会保障科", "duties": "承担社会保障和就业等方面的部门预算和有关财政资金管理工作。"},
        {"name": "政府采购监督管理科", "duties": "拟订政府采购监督管理制度，负责政府采购活动的监督管理和投诉处理。"},
        {"name": "机关党委", "duties": "负责机关和所属单位的党群工作。", "numbered": False},
        {"name": "离退休干部科", "duties": "负责机关离退休干部工作。", "numbered": False},
    ],
    "staffing_text": "市财政局机关行政编制五十二名（含政法专项编制两名）。设局长一名，副局长四名；正科级领导职数十二名、副科级领导职数两名。",
    "staffing": [{"type": "机关行政编制", "count": 52, "includes": [{"type": "政法专项编制", "count": 2}]}],
    "posts": [{"title": "局长", "count": 1}, {"title": "副局长", "count": 4}],
    "leadership": [{"level": "正科级", "count": 12}, {"level": "副科级", "count": 2}],
    "tail": ["市财政局所属事业单位的设置、职责和编制事项另行规定。",
             "本规定由市委机构编制委员会办公室负责解释，其调整由市委机构编制委员会办公室按规定程序办理。",
             "本规定自2018年12月28日起施行。"],
}

NDRC_OLD = {
    "id": "s3_baise_fagaiwei_old", "layout": "old", "formats": ["pdf", "scan"],
    "header": ["百色市人民政府办公室文件"], "doc_number": "百政办发〔2010〕45号", "doc_number_norm": "百政办发〔2010〕45号",
    "title": "百色市发展和改革委员会主要职责内设机构和人员编制规定", "unit": "百色市发展和改革委员会", "short": "市发展和改革委员会",
    "nature": None, "rank": None, "plaques": [],
    "adjustments": ["取消的职责。取消已由市人民政府公布取消的行政审批事项。",
                    "加强的职责。加强对全市国民经济和社会发展的宏观指导，加强规划、政策的统筹协调。"],
    "duties": [
        "拟订并组织实施全市国民经济和社会发展战略、中长期规划和年度计划，统筹协调经济社会发展。",
        "负责监测全市宏观经济和社会发展态势，承担预测预警和信息引导的责任。",
        "负责汇总分析全市财政、金融等方面的情况，参与制定财政政策、土地政策。",
        "承担规划全市重大建设项目和生产力布局的责任，拟订全社会固定资产投资总规模和投资结构的调控目标。",
        "推进全市经济结构战略性调整，组织拟订综合性产业政策。",
        "负责全市价格管理工作，拟订并组织实施价格政策。",
        "承办市人民政府交办的其他事项。",
    ],
    "bodies": [
        {"name": "办公室", "duties": "负责文电、会务、机要、档案等机关日常运转工作，承担信息、安全、保密、信访、政务公开工作。"},
        {"name": "发展规划科", "duties": "研究提出全市国民经济和社会发展战略，组织拟订全市中长期规划和年度计划。"},
        {"name": "固定资产投资科", "duties": "监测分析全市固定资产投资状况，拟订全社会固定资产投资总规模和投资结构的调控目标。"},
        {"name": "产业协调科", "duties": "组织拟订全市综合性产业政策，协调第一、二、三产业发展的重大问题。"},
        {"name": "价格管理科", "duties": "组织实施价格政策，监测全市价格总水平变化。"},
        {"name": "机关党委", "duties": "负责机关和所属单位的党群工作。", "numbered": False},
    ],
    "staffing_text": "市发展和改革委员会机关行政编制48名，机关工勤人员编制6名。其中：主任1名、副主任4名（其中1名兼任市物价局局长）；正科级领导职数13名、副科级领导职数4名。",
    "staffing": [{"type": "机关行政编制", "count": 48}, {"type": "机关工勤人员编制", "count": 6}],
    "posts": [{"title": "主任", "count": 1}, {"title": "副主任", "count": 4, "note": "其中1名兼任市物价局局长"}],
    "leadership": [{"level": "正科级", "count": 13}, {"level": "副科级", "count": 4}],
    "other_text": "市发展和改革委员会所属事业单位的设置、职责和编制事项另行规定。",
    "date": "二〇一〇年八月十二日",
}

YJ_COUNTY = {
    "id": "s4_youjiang_jiaotongju_county", "layout": "county", "formats": ["docx", "pdf", "scan"],
    "header": ["中共百色市右江区委办公室文件"], "doc_number": "右办发〔2019〕31号", "doc_number_norm": "右办发〔2019〕31号",
    "title": "百色市右江区交通运输局职能配置、内设机构和人员编制规定", "unit": "百色市右江区交通运输局", "short": "区交通运输局",
    "basis": "根据《中国共产党机构编制工作条例》和《百色市右江区机构改革方案》，制定本规定。",
    "nature_sentence": "区交通运输局是区人民政府工作部门，为正科级，加挂区地方海事处、区港航管理所牌子。",
    "nature": "区人民政府工作部门", "rank": "正科级", "plaques": ["区地方海事处", "区港航管理所"],
    "duty_intro": "区交通运输局贯彻落实党中央、自治区党委、市委和区委关于交通运输工作的方针政策和决策部署，在履行职责过程中坚持和加强党对交通运输工作的集中统一领导。主要职责是：",
    "duties": [
        "贯彻执行交通运输行业的法律法规和方针政策，拟订全区交通运输发展规划并组织实施。",
        "负责全区农村公路的建设、养护和管理工作，指导乡镇交通运输工作。",
        "负责全区道路运输市场监管，指导城乡客运及有关设施规划和管理工作。",
        "负责全区水路运输和地方海事管理工作。",
        "负责全区交通运输行业安全生产和应急管理工作。",
        "完成区委、区人民政府交办的其他任务。",
    ],
    "bodies": [
        {"name": "办公室", "duties": "负责机关日常运转和文电、会务、档案、财务、人事等工作。"},
        {"name": "综合规划股", "duties": "负责拟订全区交通运输发展规划，承担交通运输统计工作。"},
        {"name": "建设管理股", "duties": "负责全区农村公路建设和养护的监督管理工作。"},
        {"name": "运输管理股", "duties": "负责全区道路运输和水路运输市场监管工作。"},
        {"name": "安全监督股", "duties": "负责全区交通运输行业安全生产监督管理工作。"},
    ],
    "staffing_text": "区交通运输局机关行政编制十二名，事业编制（参照公务员法管理）五名。设局长1名，副局长两名；股级领导职数5名。",
    "staffing": [{"type": "机关行政编制", "count": 12}, {"type": "事业编制（参照公务员法管理）", "count": 5}],
    "posts": [{"title": "局长", "count": 1}, {"title": "副局长", "count": 2}],
    "leadership": [{"level": "股级", "count": 5}],
    "tail": ["本规定由区委机构编制委员会办公室负责解释。", "本规定自2019年3月20日起施行。"],
}

EDU_NOTICE = {
    "id": "n1_baise_jiaoyuju_tiaozheng", "kind": "notice", "formats": ["docx", "png"],
    "header": ["中共百色市委机构编制委员会办公室文件"], "doc_number": "百编办〔2021〕35号", "doc_number_norm": "百编办〔2021〕35号",
    "title": "关于调整百色市教育局机构编制事项的通知", "unit": "百色市教育局", "addressee": "市教育局：",
    "intro": "你局《关于调整内设机构的请示》（百教报〔2021〕12号）收悉。经研究，现将有关事项通知如下：",
    "items": [
        ("将市人力资源和社会保障局承担的职业技能培训管理职责划入市教育局，相应从市人力资源和社会保障局划转机关行政编制2名、正科级领导职数1名到市教育局。",
         [{"op": "duty_in", "text": "职业技能培训管理职责", "from_unit": "市人力资源和社会保障局"},
          {"op": "staffing_transfer", "type": "机关行政编制", "count": 2, "from_unit": "市人力资源和社会保障局", "to_unit": "市教育局"},
          {"op": "leadership_transfer", "level": "正科级", "count": 1, "from_unit": "市人力资源和社会保障局", "to_unit": "市教育局"}]),
        ("将市教育局承担的校外培训机构审批职责划出，交由市行政审批局承担。",
         [{"op": "duty_out", "text": "校外培训机构审批职责", "to_unit": "市行政审批局"}]),
        ("市教育局不再加挂市语言文字工作委员会办公室牌子。", [{"op": "plaque_remove", "name": "市语言文字工作委员会办公室"}]),
        ("设立职业技能培训科，负责全市职业技能培训的统筹规划和监督管理。",
         [{"op": "body_create", "name": "职业技能培训科", "duties": "负责全市职业技能培训的统筹规划和监督管理。"}]),
        ("撤销电化教育科，其职责并入办公室。", [{"op": "body_abolish", "name": "电化教育科"}]),
        ("将基础教育科更名为基础教育与学前教育科。", [{"op": "body_rename", "old_name": "基础教育科", "new_name": "基础教育与学前教育科"}]),
        ("市教育考试院机构规格由副科级调整为正科级。", [{"op": "rank_change", "target": "市教育考试院", "old_rank": "副科级", "new_rank": "正科级"}]),
        ("将《百色市教育局职能配置、内设机构和人员编制规定》第四条第（五）项中的“负责全市教育督导工作”修改为“统筹指导全市教育督导评估监测工作”。",
         [{"op": "duty_reword", "ref": "第四条第(五)项", "old_text": "负责全市教育督导工作", "new_text": "统筹指导全市教育督导评估监测工作"}]),
    ],
    "after": "调整后，市教育局内设机构8个，机关行政编制47名，局长1名、副局长3名，正科级领导职数9名、副科级领导职数3名。",
    "totals": {"internal_bodies": 8, "staffing": [{"type": "机关行政编制", "count": 47}],
               "leadership": [{"level": "局长", "count": 1}, {"level": "副局长", "count": 3},
                              {"level": "正科级", "count": 9}, {"level": "副科级", "count": 3}]},
    "issuer": "中共百色市委机构编制委员会办公室", "date": "2021年6月18日",
}

YJ_NOTICE = {
    "id": "n2_youjiang_jiaotongju_tiaozheng", "kind": "notice", "formats": ["pdf", "scan"],
    "header": ["百色市右江区机构编制委员会办公室文件"], "doc_number": "右编办〔2022〕8号", "doc_number_norm": "右编办〔2022〕8号",
    "title": "关于百色市右江区交通运输局加挂牌子和调整编制的通知", "unit": "百色市右江区交通运输局", "addressee": "区交通运输局：",
    "intro": "经区委机构编制委员会研究同意，现将有关事项通知如下：",
    "items": [
        ("区交通运输局加挂区铁路护路联防工作办公室牌子。", [{"op": "plaque_add", "name": "区铁路护路联防工作办公室"}]),
        ("将区交通运输局的机关行政编制1名划转到区应急管理局。",
         [{"op": "staffing_transfer", "type": "机关行政编制", "count": 1, "from_unit": "区交通运输局", "to_unit": "区应急管理局"}]),
        ("为区交通运输局核增事业编制（参照公务员法管理）2名。",
         [{"op": "staffing_add", "type": "事业编制(参照公务员法管理)", "count": 2}]),
        ("撤销建设管理股，其职责并入综合规划股。", [{"op": "body_abolish", "name": "建设管理股"}]),
        ("区港航管理所机构规格由副股级调整为正股级。", [{"op": "rank_change", "target": "区港航管理所", "old_rank": "副股级", "new_rank": "正股级"}]),
        ("核减机关工勤人员编制一名。", [{"op": "staffing_remove", "type": "机关工勤人员编制", "count": 1}]),
    ],
    "after": "调整后，区交通运输局内设机构4个，机关行政编制11名，事业编制（参照公务员法管理）7名，局长1名、副局长2名，股级领导职数4名。",
    "totals": {"internal_bodies": 4, "staffing": [{"type": "机关行政编制", "count": 11}, {"type": "事业编制（参照公务员法管理）", "count": 7}],
               "leadership": [{"level": "局长", "count": 1}, {"level": "副局长", "count": 2}, {"level": "股级", "count": 4}]},
    "issuer": "百色市右江区机构编制委员会办公室", "date": "2022年3月9日",
}

DOCS = [EDU_2019, FIN_2018, NDRC_OLD, YJ_COUNTY, EDU_NOTICE, YJ_NOTICE]


# ------------------------------------------------------------------ renderers
def write_docx(paras, path: Path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(14)
    style.font.name = "仿宋_GB2312"
    style.element.rPr.get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    for kind, text in paras:
        p = document.add_paragraph()
        run = p.add_run(text)
        if kind in ("header", "title"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(20 if kind == "header" else 18)
        elif kind == "docnumber":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "sign":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "body":
            p.paragraph_format.first_line_indent = Pt(28)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


NOTO_SERIF_TTC = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
_FONT_CSS: list[str] = []


def font_face(tmp: str) -> str:
    """A subset of Noto Serif CJK SC as a plain OTF file: WeasyPrint then embeds only the glyphs used
    (from the .ttc collection it embeds the whole font, ~250 KB per PDF)."""
    if _FONT_CSS:
        return _FONT_CSS[0]
    try:
        from fontTools import subset

        opts = subset.Options()
        opts.font_number, opts.hinting, opts.name_IDs, opts.notdef_outline = 2, False, ["*"], True
        font = subset.load_font(NOTO_SERIF_TTC, opts)
        subsetter = subset.Subsetter(opts)
        # the glyphs of the documents written here and of the held-out documents (bench/sanding_unseen.py)
        texts = [Path(__file__).read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in [ROOT / "sanding_unseen.py"] if p.exists()]
        subsetter.populate(text="".join(texts) + "0123456789（）〔〕：；，。、“”《》")
        subsetter.subset(font)
        path = Path(tmp) / "corpus-serif.otf"
        font.save(str(path))
        css = f"@font-face {{ font-family: CorpusSerif; src: url({path.as_uri()}); }}"
    except (ImportError, OSError):
        css = ""
    _FONT_CSS.append(css)
    return css


CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 20mm; }
body { font-family: CorpusSerif, "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12.5pt; line-height: 1.55; }
p { margin: 0 0 2pt 0; text-align: justify; }
p.body { text-indent: 2em; }
p.header { text-align: center; font-size: 19pt; font-weight: bold; color: #000; margin-bottom: 6pt; }
p.docnumber { text-align: center; margin-bottom: 10pt; }
p.title { text-align: center; font-size: 15pt; font-weight: bold; margin: 6pt 0 10pt 0; }
p.sign { text-align: right; }
"""


def write_pdf(paras, path: Path):
    from html import escape

    from weasyprint import HTML

    body = "".join(f'<p class="{kind}">{escape(text)}</p>' for kind, text in paras)
    html = (f"<html lang='zh-CN'><head><meta charset='utf-8'><style>{font_face(_TMP.name)}{CSS}</style></head>"
            f"<body>{body}</body></html>")
    HTML(string=html).write_pdf(str(path))


_TMP = tempfile.TemporaryDirectory(prefix="bz-corpus-")


def scan_pages(pdf_path: Path, dpi: int = 200, seed: int = 7):
    """Render the PDF like a scanner: gray at `dpi`, a little speckle noise and a slight tilt, 1-bit."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf_path), f"{tmp}/p"], check=True)
        images = []
        for png in sorted(Path(tmp).glob("p-*.png")):
            img = Image.open(png).convert("L")
            img = img.rotate(rng.uniform(-0.4, 0.4), resample=Image.BICUBIC, fillcolor=255)
            px = img.load()
            w, h = img.size
            for _ in range(w * h // 4000):  # speckles
                x, y = rng.randrange(w), rng.randrange(h)
                px[x, y] = rng.choice((0, 90, 160))
            img = img.filter(ImageFilter.GaussianBlur(0.4))
            images.append(img.point(lambda v: 255 if v > 150 else 0, mode="1"))
        return images


def build():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    manifest = []
    # real texts, with their source header lines
    for src in sorted(REAL_DIR.glob("*.txt")):
        shutil.copyfile(src, OUT / src.name)
        shutil.copyfile(REAL_LABELS_DIR / f"{src.stem}.json", OUT / f"{src.stem}.json")
        manifest.append({"file": src.name, "label": f"{src.stem}.json", "format": "text",
                         "layout": REAL_LAYOUTS[src.stem], "source": "real"})
    for doc in DOCS:
        notice = doc.get("kind") == "notice"
        paras = notice_paragraphs(doc) if notice else sanding_paragraphs(doc)
        label = notice_label(doc) if notice else sanding_label(doc)
        (OUT / f"{doc['id']}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1), encoding="utf-8")
        layout = "notice" if notice else doc["layout"]
        pdf_path = OUT / f"{doc['id']}.pdf"
        need_pdf = any(f in doc["formats"] for f in ("pdf", "scan", "png"))
        if need_pdf:
            write_pdf(paras, pdf_path)
        for fmt in doc["formats"]:
            if fmt == "docx":
                write_docx(paras, OUT / f"{doc['id']}.docx")
                manifest.append({"file": f"{doc['id']}.docx", "format": "docx"})
            elif fmt == "pdf":
                manifest.append({"file": f"{doc['id']}.pdf", "format": "pdf"})
            elif fmt == "scan":
                images = scan_pages(pdf_path)
                target = OUT / f"{doc['id']}.scan.pdf"
                images[0].save(target, save_all=True, append_images=images[1:], resolution=200)
                manifest.append({"file": target.name, "format": "scan", "pages": len(images)})
            elif fmt == "png":
                images = scan_pages(pdf_path)
                for n, img in enumerate(images, 1):
                    suffix = "" if len(images) == 1 else f"-{n}"
                    img.save(OUT / f"{doc['id']}.scan{suffix}.png", optimize=True)
                manifest.append({"file": f"{doc['id']}.scan.png" if len(images) == 1 else f"{doc['id']}.scan-1.png",
                                 "format": "scan", "pages": len(images)})
            manifest[-1].update({"label": f"{doc['id']}.json", "layout": layout, "source": "generated"})
        if need_pdf and "pdf" not in doc["formats"]:
            pdf_path.unlink()
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{len(manifest)} documents, {total // 1024} KB in {OUT}")


REAL_LAYOUTS = {
    "01_guojia_kuangshan_anquan_jianchaju_PARTIAL": "2019",
    "03_jiedong_gongye_xinxihua_he_kejiju_2019_PARTIAL": "county",
    "04_guowuyuan_bangongting_jiu_geshi_PARTIAL": "old",
    "06_shengtai_huanjingbu_2018_PARTIAL": "2018",
}


if __name__ == "__main__":
    build()
