"""Held-out scanned 三定 documents: new texts that the OCR tuning never saw.

    .venv/bin/python -m bench.sanding_unseen              # generate bench/sanding_unseen/
    .venv/bin/python -m bench.sanding_accuracy --corpus bench/sanding_unseen

Written after the main corpus (bench/sanding_corpus/) had been used to choose the OCR preprocessing,
tesseract options and vocabulary, and scored only once those were fixed. Each document is rendered
through the same path as the main corpus (bench.make_sanding_corpus: WeasyPrint text PDF, then
`scan_pages`: 200 dpi gray, slight tilt, speckles, blur, 1-bit), with a different noise seed, and also
kept as a text PDF so that parser limits and OCR errors can be told apart. Labels come from the
structured data below, never from the parser.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from bench import make_sanding_corpus as gen

OUT = Path(__file__).resolve().parent / "sanding_unseen"

FOREST_2019 = {
    "id": "u1_baise_linyeju_2019", "layout": "2019",
    "header": ["中共百色市委办公室文件"], "doc_number": "百办发〔2019〕37号", "doc_number_norm": "百办发〔2019〕37号",
    "title": "百色市林业局职能配置、内设机构和人员编制规定", "unit": "百色市林业局", "short": "市林业局",
    "basis": "为了规范市林业局的职能配置、内设机构和人员编制，推进机构、职能、权限、程序、责任法定化，根据《中国共产党机构编制工作条例》和《百色市机构改革方案》，制定本规定。",
    "nature_sentence": "市林业局是市政府工作部门，为正处级，加挂市国有林场管理办公室牌子。",
    "nature": "市政府工作部门", "rank": "正处级", "plaques": ["市国有林场管理办公室"],
    "duty_intro": "市林业局贯彻落实党中央、自治区党委和市委关于林业工作的方针政策和决策部署，在履行职责过程中坚持和加强党对林业工作的集中统一领导。主要职责是：",
    "duties": [
        "负责全市林业及其生态保护修复的监督管理，拟订全市林业发展规划并组织实施。",
        "组织全市植树造林、封山育林和以植树种草等生物措施防治水土流失工作，指导全市森林资源的保护和管理。",
        "负责全市森林防火的有关工作，指导林业有害生物防治和检疫工作。",
        "负责全市自然保护地的监督管理，指导国有林场的建设和发展。",
        "负责推进全市林业改革，指导集体林权制度改革和林下经济发展。",
        "完成市委、市政府交办的其他任务。",
        "职能转变。市林业局要加强森林资源保护，推动林业高质量发展，提高生态系统质量和稳定性。",
    ],
    "bodies": [
        {"name": "办公室", "duties": "负责机关文电、会务、机要、档案、督办等日常运转工作，承担安全保密、信访和政务公开工作。"},
        {"name": "生态保护修复科", "duties": "承担全市森林资源保护和生态修复工作，组织开展植树造林和封山育林。"},
        {"name": "森林资源管理科", "duties": "拟订森林资源保护和利用的管理办法，承担林地管理和林木采伐监督工作。"},
        {"name": "林业改革发展科", "duties": "指导集体林权制度改革，承担林下经济和林业产业发展的协调工作。"},
        {"name": "防火减灾科", "duties": "指导全市森林防火和林业有害生物防治工作，承担林业安全生产的监督管理。"},
        {"name": "机关党委", "duties": "负责机关和所属单位的党群工作。", "numbered": False},
    ],
    "staffing_text": "市林业局机关行政编制26名（含纪检监察编制1名）。设局长1名，副局长3名；正科级领导职数6名、副科级领导职数2名。",
    "staffing": [{"type": "机关行政编制", "count": 26, "includes": [{"type": "纪检监察编制", "count": 1}]}],
    "posts": [{"title": "局长", "count": 1}, {"title": "副局长", "count": 3}],
    "leadership": [{"level": "正科级", "count": 6}, {"level": "副科级", "count": 2}],
    "tail": ["市林业局所属事业单位的设置、职责和编制事项另行规定。",
             "本规定由市委负责解释，具体解释工作由市委机构编制委员会办公室承担，其调整由市委机构编制委员会办公室按规定程序办理。",
             "本规定自2019年4月1日起施行。"],
}

WATER_2018 = {
    "id": "u2_baise_shuiliju_2018", "layout": "2018",
    "header": [], "doc_number": "百办发〔2018〕74号", "doc_number_norm": "百办发〔2018〕74号",
    "title": "百色市水利局职能配置、内设机构和人员编制规定", "unit": "百色市水利局", "short": "市水利局",
    "basis": "根据《中共中央关于深化党和国家机构改革的决定》、《深化党和国家机构改革方案》和自治区党委、自治区人民政府批准的《百色市机构改革方案》，制定本规定。",
    "nature_sentence": "市水利局是市政府工作部门，为正处级。",
    "nature": "市政府工作部门", "rank": "正处级", "plaques": [],
    "duty_intro": "市水利局贯彻落实党中央关于水利工作的方针政策和决策部署，在履行职责过程中坚持和加强党对水利工作的集中统一领导。主要职责是：",
    "duties": [
        "负责保障全市水资源的合理开发利用，拟订全市水利发展规划和政策措施并监督实施。",
        "负责全市生活、生产经营和生态环境用水的统筹和保障，组织实施最严格水资源管理制度。",
        "负责全市水利工程建设和运行管理，组织实施重点水利工程的建设和验收。",
        "指导全市水土保持工作，组织实施水土流失的综合防治和监测预报。",
        "负责落实综合防灾减灾规划相关要求，组织编制洪水干旱灾害防治规划和防护标准并指导实施。",
        "完成市委、市政府交办的其他任务。",
    ],
    "bodies": [
        {"name": "办公室", "duties": "负责机关日常运转工作，承担文电、会务、档案、财务、安全保密、政务公开等工作。"},
        {"name": "规划计划科", "duties": "组织编制全市水利发展规划，承担水利固定资产投资计划的管理工作。"},
        {"name": "水资源管理科", "duties": "承担实施最严格水资源管理制度的有关工作，组织开展取水许可和水资源论证。"},
        {"name": "建设与运行管理科", "duties": "指导全市水利工程建设和运行管理，承担水利工程质量和安全监督工作。"},
        {"name": "水旱灾害防御科", "duties": "组织编制洪水干旱灾害防治规划，承担水情旱情监测预警工作。"},
        {"name": "机关党委", "duties": "负责机关和所属单位的党群工作。", "numbered": False},
    ],
    "staffing_text": "市水利局机关行政编制二十四名。设局长一名，副局长三名；正科级领导职数七名、副科级领导职数一名。",
    "staffing": [{"type": "机关行政编制", "count": 24}],
    "posts": [{"title": "局长", "count": 1}, {"title": "副局长", "count": 3}],
    "leadership": [{"level": "正科级", "count": 7}, {"level": "副科级", "count": 1}],
    "tail": ["市水利局所属事业单位的设置、职责和编制事项另行规定。",
             "本规定由市委机构编制委员会办公室负责解释，其调整由市委机构编制委员会办公室按规定程序办理。",
             "本规定自2018年12月30日起施行。"],
}

TIANDONG_COUNTY = {
    "id": "u3_tiandong_nongyeju_county", "layout": "county",
    "header": ["中共田东县委办公室文件"], "doc_number": "东办发〔2019〕12号", "doc_number_norm": "东办发〔2019〕12号",
    "title": "田东县农业农村局职能配置、内设机构和人员编制规定", "unit": "田东县农业农村局", "short": "县农业农村局",
    "basis": "根据《中国共产党机构编制工作条例》和《田东县机构改革方案》，制定本规定。",
    "nature_sentence": "县农业农村局是县人民政府工作部门，为正科级，加挂县扶贫开发办公室牌子。",
    "nature": "县人民政府工作部门", "rank": "正科级", "plaques": ["县扶贫开发办公室"],
    "duty_intro": "县农业农村局贯彻落实党中央、自治区党委、市委和县委关于“三农”工作的方针政策和决策部署，在履行职责过程中坚持和加强党对“三农”工作的集中统一领导。主要职责是：",
    "duties": [
        "统筹研究和组织实施全县“三农”工作的发展规划和政策措施，指导乡村振兴工作。",
        "负责全县种植业、畜牧业、渔业等农业各产业的监督管理，指导粮食等农产品生产。",
        "负责全县农产品质量安全监督管理，组织开展农产品质量安全监测。",
        "负责全县农田建设项目管理，组织实施高标准农田建设工作。",
        "负责全县农业科技推广和农民教育培训工作。",
        "完成县委、县人民政府交办的其他任务。",
    ],
    "bodies": [
        {"name": "办公室", "duties": "负责机关日常运转工作，承担文电、会务、机要、档案、财务、信息、安全保密等工作。"},
        {"name": "乡村振兴股", "duties": "承担全县乡村振兴和农村社会事业发展的统筹协调工作。"},
        {"name": "种植业管理股", "duties": "负责全县种植业生产的监督管理，指导农作物病虫害防治工作。"},
        {"name": "农产品质量安全监管股", "duties": "组织开展农产品质量安全监测和追溯管理工作。"},
        {"name": "农田建设管理股", "duties": "承担全县高标准农田建设项目的组织实施和监督管理。"},
    ],
    "staffing_text": "县农业农村局机关行政编制十五名，事业编制（参照公务员法管理）四名。设局长1名，副局长三名；股级领导职数5名。",
    "staffing": [{"type": "机关行政编制", "count": 15}, {"type": "事业编制（参照公务员法管理）", "count": 4}],
    "posts": [{"title": "局长", "count": 1}, {"title": "副局长", "count": 3}],
    "leadership": [{"level": "股级", "count": 5}],
    "tail": ["本规定由县委机构编制委员会办公室负责解释。", "本规定自2019年3月28日起施行。"],
}

FOREST_NOTICE = {
    "id": "u4_baise_linyeju_tiaozheng", "kind": "notice",
    "header": ["中共百色市委机构编制委员会办公室文件"], "doc_number": "百编办〔2022〕17号", "doc_number_norm": "百编办〔2022〕17号",
    "title": "关于调整百色市林业局机构编制事项的通知", "unit": "百色市林业局", "addressee": "市林业局：",
    "intro": "经市委机构编制委员会研究同意，现将有关事项通知如下：",
    "items": [
        ("市林业局加挂市林长制工作办公室牌子。", [{"op": "plaque_add", "name": "市林长制工作办公室"}]),
        ("设立自然保护地管理科，负责全市自然保护地的监督管理工作。",
         [{"op": "body_create", "name": "自然保护地管理科", "duties": "负责全市自然保护地的监督管理工作。"}]),
        ("将林业改革发展科更名为林业产业发展科。", [{"op": "body_rename", "old_name": "林业改革发展科", "new_name": "林业产业发展科"}]),
        ("为市林业局核增机关行政编制2名。", [{"op": "staffing_add", "type": "机关行政编制", "count": 2}]),
    ],
    "after": "调整后，市林业局内设机构6个，机关行政编制28名，局长1名、副局长3名，正科级领导职数7名、副科级领导职数2名。",
    "totals": {"internal_bodies": 6, "staffing": [{"type": "机关行政编制", "count": 28}],
               "leadership": [{"level": "局长", "count": 1}, {"level": "副局长", "count": 3},
                              {"level": "正科级", "count": 7}, {"level": "副科级", "count": 2}]},
    "issuer": "中共百色市委机构编制委员会办公室", "date": "2022年5月16日",
}

DOCS = [FOREST_2019, WATER_2018, TIANDONG_COUNTY, FOREST_NOTICE]


def build(seed: int = 23):
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    manifest = []
    for doc in DOCS:
        notice = doc.get("kind") == "notice"
        paras = gen.notice_paragraphs(doc) if notice else gen.sanding_paragraphs(doc)
        label = gen.notice_label(doc) if notice else gen.sanding_label(doc)
        (OUT / f"{doc['id']}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1), encoding="utf-8")
        layout = "notice" if notice else doc["layout"]
        pdf_path = OUT / f"{doc['id']}.pdf"
        gen.write_pdf(paras, pdf_path)
        common = {"label": f"{doc['id']}.json", "layout": layout, "source": "unseen"}
        manifest.append({"file": pdf_path.name, "format": "pdf", **common})
        images = gen.scan_pages(pdf_path, seed=seed)
        target = OUT / f"{doc['id']}.scan.pdf"
        images[0].save(target, save_all=True, append_images=images[1:], resolution=200)
        manifest.append({"file": target.name, "format": "scan", "pages": len(images), **common})
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(manifest)} documents in {OUT}")


if __name__ == "__main__":
    build()
