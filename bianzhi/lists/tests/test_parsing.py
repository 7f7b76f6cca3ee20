"""Pure parsing: basis citations, duty numbers, stage texts (no database)."""
from bianzhi.lists.citations import format_citations, parse_basis
from bianzhi.lists.columns import guess_mapping
from bianzhi.lists.duties import format_duty_refs, parse_duty_refs
from bianzhi.lists.stages import format_stages, parse_stages


def test_basis_cell_from_a_published_list_splits_into_citations():
    cell = ("1.《代理记账管理办法》 (财政部令第80号) 第三条第一款;\n2.《中华人民共和国会计法》 第三十六条第一款;\n"
            "3.《代理记账管理办法》 (财政部令第80号) 第二条第二款。")
    got = [(c.law, c.doc_number, c.article) for c in parse_basis(cell)]
    assert got == [("代理记账管理办法", "财政部令第80号", "第三条第一款"), ("中华人民共和国会计法", "", "第三十六条第一款"),
                   ("代理记账管理办法", "财政部令第80号", "第二条第二款")]
    again = [(c.law, c.doc_number, c.article) for c in parse_basis(format_citations(got))]
    assert again == got
    assert [(c.law, c.article) for c in parse_basis("《城市道路管理条例》（国务院令第198号）第三十条")] == [
        ("城市道路管理条例", "第三十条")]


def test_duty_numbers_in_the_forms_departments_write():
    assert parse_duty_refs("（一）；（三）") == [1, 3]
    assert parse_duty_refs("1、3,12") == [1, 3, 12]
    assert parse_duty_refs("第十二项") == [12]
    assert parse_duty_refs("见三定") is None
    assert format_duty_refs([3, 1, 12]) == "（一）；（三）；（十二）"


def test_stage_text_round_trip():
    text = "一般程序:\n1.立案责任:\n发现违法行为。\n2.调查取证责任:\n调查取证。"
    stages = parse_stages(text)
    assert stages == [("", "一般程序:"), ("立案", "发现违法行为。"), ("调查取证", "调查取证。")]
    assert parse_stages(format_stages(stages)) == stages


def test_header_synonyms_of_real_files():
    assert guess_mapping("power", ["部门", "序号", "权力类型", "事项名称", "子项名称", "备注"]) == {
        "0": "unit", "2": "category", "3": "name", "4": "sub_name", "5": "note"}
    assert guess_mapping("stage", ["职权名称", "职权类型", "审核转报", "职权编码", "法定主体", "责任事项"]) == {
        "0": "name", "1": "category", "3": "code", "4": "unit", "5": "stages"}


def test_formula_scan_reads_the_sheet_in_chunks_and_finds_formulas_across_chunk_ends(tmp_path):
    """The formula scan inflates the sheet XML straight from the archive in chunks; a formula element cut by a
    chunk's end (any cut, down to chunks of a few bytes) is still found, with its row and column."""
    import zipfile

    from openpyxl import Workbook

    from bianzhi.lists import tabular

    path = tmp_path / "f.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "权力清单"
    for i in range(1, 301):
        ws.append([f"事项{i}", "=A1&\"x\"" if i % 97 == 0 else "行政许可", f"=SUM(C1:C{i})" if i % 61 == 5 else i])
    wb.save(path)
    expected = {97: [(1, '=A1&"x"')], 194: [(1, '=A1&"x"')], 291: [(1, '=A1&"x"')], 5: [(2, "=SUM(C1:C5)")],
                66: [(2, "=SUM(C1:C66)")], 127: [(2, "=SUM(C1:C127)")], 188: [(2, "=SUM(C1:C188)")],
                249: [(2, "=SUM(C1:C249)")]}
    assert tabular._formula_cells(path, "权力清单") == expected
    for size in (7, 64, 1000, 4099):
        assert tabular._formula_cells(path, "权力清单", chunk_size=size) == expected
    with zipfile.ZipFile(path) as zf:  # the chunks are the member's bytes, deflated or stored
        member = tabular._sheet_paths(zf)["权力清单"]
        assert b"".join(tabular._inflated(zf, member, 100)) == zf.read(member)
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    with zipfile.ZipFile(stored) as zf:
        assert b"".join(tabular._inflated(zf, member, 100)) == zf.read(member)
    assert tabular._formula_cells(stored, "权力清单", chunk_size=50) == expected


def test_formula_start_found_by_its_rare_byte_as_the_substring_search_finds_it(tmp_path):
    """The scan asks each chunk whether b"<f" is in it by finding the byte "f" (rare in sheet XML) and looking at
    the byte before; the answer is the substring search's for any data, many "f"s (that search's fallback) too.
    A sheet whose inline texts are full of "f" still has its formula found."""
    import random

    from openpyxl import Workbook

    from bianzhi.lists import tabular

    pick = random.Random(14).choice
    for length in (0, 1, 2, 3, 10, 200, 5000):
        for _ in range(300):
            data = bytes(pick(b"<f&#;a") for _ in range(length))
            assert tabular._may_hold_formula(data) == (b"<f" in data), data
    assert tabular._may_hold_formula(b"f" * 500 + b"<f>") and not tabular._may_hold_formula(b"f" * 500 + b"<g>")
    assert tabular._may_hold_formula(b"<f/>") and not tabular._may_hold_formula(b"f<c r=\"A1\"/>")

    path = tmp_path / "f.xlsx"
    wb = Workbook(write_only=True)  # inline strings: the texts' letters are in the sheet XML
    ws = wb.create_sheet("权力清单")
    for i in range(1, 201):
        ws.append([f"staff offer of fees for ferry traffic {i}", "=B1&\"f\"" if i == 150 else "行政许可"])
    wb.save(path)
    for size in (None, 97, 4099):
        found = tabular._formula_cells(path, "权力清单", **({"chunk_size": size} if size else {}))
        assert found == {150: [(1, '=B1&"f"')]}
