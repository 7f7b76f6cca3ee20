"""The command-line contract: `bianzhi parse-sanding FILE` and `bianzhi parse-docnumber TEXT`."""
import json
import os
import subprocess
import sys
from pathlib import Path

from bianzhi.ingest.parser import KEYS

from .conftest import CORPUS

BIANZHI = Path(sys.executable).with_name("bianzhi")


def run(*args):
    env = dict(os.environ, DEBUG="1")
    return subprocess.run([str(BIANZHI), *args], capture_output=True, text=True, env=env, timeout=120)


def test_parse_sanding_prints_pure_json_with_the_contract_keys():
    proc = run("parse-sanding", str(CORPUS / "s1_baise_jiaoyuju_2019.docx"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)  # nothing but one JSON object
    assert list(data) == [*KEYS, "inferred", "stated_counts"]  # fields are added at the end, never renamed
    assert data["inferred"] == [] and data["stated_counts"] == {}  # every field read by the rules
    assert "百色市教育局" in proc.stdout  # ensure_ascii=False
    assert data["unit"] == "百色市教育局" and data["doc_number"] == "百办发〔2019〕23号"
    assert data["internal_bodies"][0] == {"name": "办公室", "duties": "负责机关日常运转工作。承担信息、安全、保密、信访、政务公开、档案、财务和资产管理等工作。"}
    assert data["totals_after"] == {"internal_bodies": None, "staffing": [], "leadership": []}


def test_parse_sanding_names_the_fields_a_learned_model_inferred(tmp_path):
    page = tmp_path / "档案局.txt"
    page.write_text("青岭市档案局,是青岭市人民政府主管全市档案工作的工作部门。\n青岭市档案局内部机构设置如下:\n"
                    "- 办公室:负责文电、会务、机要等机关日常运转工作。\n- 业务指导科:负责全市档案业务的监督指导。\n"
                    "- 档案接收征集科:负责档案的接收、征集工作。\n- 编研利用科:负责档案编研和利用服务。\n", encoding="utf-8")
    proc = run("parse-sanding", str(page))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["inferred"] == ["internal_bodies"]
    assert [b["name"] for b in data["internal_bodies"]] == ["办公室", "业务指导科", "档案接收征集科", "编研利用科"]


def test_parse_sanding_unreadable_file_exits_2_with_message():
    proc = run("parse-sanding", "/nonexistent/三定.docx")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "文件不存在" in proc.stderr
    bad = CORPUS / "manifest.json"
    proc = run("parse-sanding", str(bad))
    assert proc.returncode == 2 and "不支持的文件类型" in proc.stderr


def test_parse_docnumber():
    proc = run("parse-docnumber", "百编〔2017〕18号")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {"raw": "百编〔2017〕18号", "normalized": "百编〔2017〕18号", "issuer_code": "百编",
                                       "year": 2017, "serial": 18, "conforms": True}
    proc = run("parse-docnumber", "百政发[2016]第017号")
    assert json.loads(proc.stdout)["normalized"] == "百政发〔2016〕17号"
    proc = run("parse-docnumber", "百编〔17〕18号")
    assert proc.returncode == 2 and "年份应为四位数字" in proc.stderr


def test_parse_sanding_runs_without_any_configuration(tmp_path):
    """A stranger's first call: no SECRET_KEY, no demo flag — the reading commands need none (a server still does)."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"SECRET_KEY", "BIANZHI_DEMO", "DEBUG", "BIANZHI_TESTING", "DJANGO_SETTINGS_MODULE"}}
    env["BIANZHI_DATA_DIR"] = str(tmp_path)
    files = Path(__file__).resolve().parent / "files"
    proc = subprocess.run([str(BIANZHI), "parse-sanding", str(files / "n1_baise_jiaoyuju_tiaozheng.doc")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["doc_number"] == "百编办〔2021〕35号"
    proc = subprocess.run([str(BIANZHI), "check"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode != 0 and "未设置 SECRET_KEY" in proc.stderr
