"""Group rows whatever their numbering (issue 16): rows restarting at 1 under each group get the group as
context and a label that names it, on small literal annexes written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import ParsedDocument
from ingest.pipeline import parse_path
from ingest.tables import TablePart, build_table
from ingest.text import fold

# A budget-allocation decision: every district is a group row (Roman numeral, name in capitals, its total),
# its schools numbered 1, 2, 3 under it.
DECISION_MD = """# QUYẾT ĐỊNH

Về việc phân bổ kinh phí mua sắm thiết bị dạy học năm 2025

## PHỤ LỤC 01

PHÂN BỔ KINH PHÍ CHO CÁC TRƯỜNG

Đơn vị tính: triệu đồng

| STT | Đơn vị | Kinh phí | Ghi chú |
|---|---|---|---|
| I | HUYỆN AN PHÚ | 1.200 | |
| 1 | Trường THCS Bình Minh | 500 | |
| 2 | Trường THCS Hòa Lạc | 400 | |
| 3 | Trường TH Phú Hữu | 300 | |
| II | HUYỆN CHÂU THÀNH | 700 | |
| 1 | Trường THCS Vĩnh Bình | 300 | |
| 2 | Trường TH Cần Đăng | 400 | Bổ sung |
| III | THÀNH PHỐ LONG XUYÊN | 450 | |
| 1 | Trường THPT Long Xuyên | 450 | |
| | TỔNG CỘNG | 2.350 | |
"""


def _parse(tmp_path: Path, name: str, text: str) -> ParsedDocument:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_path(path).document


@pytest.fixture
def decision(tmp_path: Path) -> ParsedDocument:
    return _parse(tmp_path, "qd-phan-bo.md", DECISION_MD)


def test_district_groups_with_totals(decision: ParsedDocument) -> None:
    (table,) = decision.tables
    assert [(g.stt, g.title, g.values) for g in table.groups] == [
        ("I", "HUYỆN AN PHÚ", {"Kinh phí": 1200.0}),
        ("II", "HUYỆN CHÂU THÀNH", {"Kinh phí": 700.0}),
        ("III", "THÀNH PHỐ LONG XUYÊN", {"Kinh phí": 450.0}),
    ]
    # 6 schools and the grand total; the districts are not items (their totals would count twice)
    assert len(table.items) == 6 and len(table.totals) == 1
    assert sum(r.values["Kinh phí"] for r in table.items) == table.totals[0].values["Kinh phí"] == 2350
    got = [(r.stt, r.group_path, r.group_titles, r.occurrence, r.locator, r.label) for r in table.items]
    assert got == [
        ("1", ["I"], ["HUYỆN AN PHÚ"], 1, "PL.01/T1/I/1", "Phụ lục 01, HUYỆN AN PHÚ, dòng 1 (Trường THCS Bình Minh)"),
        ("2", ["I"], ["HUYỆN AN PHÚ"], 1, "PL.01/T1/I/2", "Phụ lục 01, HUYỆN AN PHÚ, dòng 2 (Trường THCS Hòa Lạc)"),
        ("3", ["I"], ["HUYỆN AN PHÚ"], 1, "PL.01/T1/I/3", "Phụ lục 01, HUYỆN AN PHÚ, dòng 3 (Trường TH Phú Hữu)"),
        ("1", ["II"], ["HUYỆN CHÂU THÀNH"], 1, "PL.01/T1/II/1",
         "Phụ lục 01, HUYỆN CHÂU THÀNH, dòng 1 (Trường THCS Vĩnh Bình)"),
        ("2", ["II"], ["HUYỆN CHÂU THÀNH"], 1, "PL.01/T1/II/2",
         "Phụ lục 01, HUYỆN CHÂU THÀNH, dòng 2 (Trường TH Cần Đăng)"),
        ("1", ["III"], ["THÀNH PHỐ LONG XUYÊN"], 1, "PL.01/T1/III/1",
         "Phụ lục 01, THÀNH PHỐ LONG XUYÊN, dòng 1 (Trường THPT Long Xuyên)"),
    ]
    assert not any("lần" in r.label for r in table.rows)


def test_row_units_carry_their_group(decision: ParsedDocument) -> None:
    """'Trường Hòa Lạc thuộc huyện nào?': the district is in what is cited (label) and what is indexed."""
    rows = [u for u in decision.units if u.kind == "row"]
    assert len(rows) == 6
    u = next(u for u in rows if "Hòa Lạc" in u.text)
    assert "HUYỆN AN PHÚ" in u.label and "HUYỆN AN PHÚ" in u.embed_text
    assert u.group_titles == ["HUYỆN AN PHÚ"]
    assert u.metadata["group"] == "I" and u.metadata["group_title"] == "HUYỆN AN PHÚ"
    assert u.text == "STT: 2; Đơn vị: Trường THCS Hòa Lạc; Kinh phí (triệu đồng): 400; Thuộc: HUYỆN AN PHÚ"


def test_district_totals_are_units_but_not_items(decision: ParsedDocument) -> None:
    totals = [u for u in decision.units if u.kind == "total"]
    assert [(u.label, u.values, bool(u.metadata.get("subtotal"))) for u in totals] == [
        ("Phụ lục 01, dòng TỔNG CỘNG", {"Kinh phí": 2350.0}, False),
        ("Phụ lục 01, mục I (HUYỆN AN PHÚ)", {"Kinh phí": 1200.0}, True),
        ("Phụ lục 01, mục II (HUYỆN CHÂU THÀNH)", {"Kinh phí": 700.0}, True),
        ("Phụ lục 01, mục III (THÀNH PHỐ LONG XUYÊN)", {"Kinh phí": 450.0}, True),
    ]
    # after the table's own rows and total: the table's first total is still the one it states
    assert [u.metadata["position"] for u in totals] == [7, 8, 9, 10]
    sub = totals[2]
    assert sub.text == "STT: II; Đơn vị: HUYỆN CHÂU THÀNH; Kinh phí (triệu đồng): 700"
    assert sub.group_titles == ["HUYỆN CHÂU THÀNH"] and sub.metadata["group_title"] == "HUYỆN CHÂU THÀNH"
    assert len({u.locator for u in decision.units}) == len(decision.units)


HEADER = ["STT", "Tên trường", "Cấp học"]


def _build(rows: list[list[str]], bold: list[bool] | None = None):
    return build_table([TablePart([HEADER, *rows], row_bold=[True] + (bold or [False] * len(rows)))],
                       annex="2", table_no=1, locator_prefix="PL.2", label_prefix="Phụ lục 2")


def test_letter_groups_and_roman_letters_in_sequence() -> None:
    """A, B, C: 'C' after 'B' is a letter, not Roman 100; each restarts its numbering."""
    t = _build([["A", "HUYỆN X", ""], ["1", "Trường TH Một", "Tiểu học"], ["2", "Trường TH Hai", "Tiểu học"],
                ["B", "HUYỆN Y", ""], ["1", "Trường THCS Ba", "THCS"],
                ["C", "HUYỆN Z", ""], ["1", "Trường THPT Bốn", "THPT"]])
    assert [(g.stt, g.group_path) for g in t.groups] == [("A", []), ("B", []), ("C", [])]
    assert [(r.locator, r.group_titles, r.label) for r in t.rows] == [
        ("PL.2/T1/A/1", ["HUYỆN X"], "Phụ lục 2, HUYỆN X, dòng 1 (Trường TH Một)"),
        ("PL.2/T1/A/2", ["HUYỆN X"], "Phụ lục 2, HUYỆN X, dòng 2 (Trường TH Hai)"),
        ("PL.2/T1/B/1", ["HUYỆN Y"], "Phụ lục 2, HUYỆN Y, dòng 1 (Trường THCS Ba)"),
        ("PL.2/T1/C/1", ["HUYỆN Z"], "Phụ lục 2, HUYỆN Z, dòng 1 (Trường THPT Bốn)"),
    ]


def test_a_row_of_another_numbered_group_is_about_another_phase() -> None:
    from types import SimpleNamespace

    from assistant.qa.tableqa import of_other_group

    def row(*titles: str) -> SimpleNamespace:
        return SimpleNamespace(group_titles=list(titles))

    asked = fold("giai đoạn 2 của đề án mua bao nhiêu bộ kit STEM cho học sinh?")
    assert of_other_group(row("Giai đoạn 1"), asked)  # type: ignore[arg-type]
    assert not of_other_group(row("Giai đoạn 2"), asked)  # type: ignore[arg-type]
    assert not of_other_group(row("HUYỆN AN PHÚ"), asked)  # type: ignore[arg-type]
    assert not of_other_group(row("Giai đoạn 1"), fold("cả hai giai đoạn mua bao nhiêu bộ kit?"))  # type: ignore[arg-type]
    assert not of_other_group(row("Giai đoạn 1"), fold("giai đoạn 1 và giai đoạn 2 khác nhau thế nào"))  # type: ignore[arg-type]


def test_groups_numbered_like_their_items() -> None:
    """'1 | HUYỆN X' over schools numbered again from 1, and '2 | HUYỆN Y | 700' over items a, b."""
    t = _build([["1", "HUYỆN X", ""], ["1", "Trường TH Một", "Tiểu học"], ["2", "Trường TH Hai", "Tiểu học"],
                ["2", "HUYỆN Y", "700"], ["a", "Trường THCS Ba", "THCS"], ["b", "Trường THCS Bốn", "THCS"]])
    assert [(g.stt, g.title, g.values) for g in t.groups] == [("1", "HUYỆN X", {}), ("2", "HUYỆN Y", {"Cấp học": 700.0})]
    assert [(r.locator, r.label) for r in t.rows] == [
        ("PL.2/T1/1/1", "Phụ lục 2, HUYỆN X, dòng 1 (Trường TH Một)"),
        ("PL.2/T1/1/2", "Phụ lục 2, HUYỆN X, dòng 2 (Trường TH Hai)"),
        ("PL.2/T1/2/a", "Phụ lục 2, HUYỆN Y, dòng a (Trường THCS Ba)"),
        ("PL.2/T1/2/b", "Phụ lục 2, HUYỆN Y, dòng b (Trường THCS Bốn)"),
    ]
    # an item whose name is in capitals, in a list numbered on, is still an item
    t = _build([["1", "TRƯỜNG TH MỘT", ""], ["2", "TRƯỜNG TH HAI", ""]])
    assert t.groups == [] and [r.stt for r in t.rows] == ["1", "2"]


def test_unnumbered_capitalised_group_rows() -> None:
    t = _build([["", "HUYỆN TÂN HỒNG", ""], ["1", "Trường TH Giồng Găng", "Tiểu học"],
                ["2", "Trường THCS Tân Hộ Cơ", "THCS"], ["", "HUYỆN TAM NÔNG", ""],
                ["1", "Trường TH Tràm Chim 2", "Tiểu học"]])
    assert [(g.stt, g.title, g.locator, g.label) for g in t.groups] == [
        ("", "HUYỆN TÂN HỒNG", "PL.2/T1/huyen-tan-hong", "Phụ lục 2, HUYỆN TÂN HỒNG"),
        ("", "HUYỆN TAM NÔNG", "PL.2/T1/huyen-tam-nong", "Phụ lục 2, HUYỆN TAM NÔNG"),
    ]
    assert [(r.group_path, r.locator, r.label) for r in t.rows] == [
        (["HUYỆN TÂN HỒNG"], "PL.2/T1/huyen-tan-hong/1", "Phụ lục 2, HUYỆN TÂN HỒNG, dòng 1 (Trường TH Giồng Găng)"),
        (["HUYỆN TÂN HỒNG"], "PL.2/T1/huyen-tan-hong/2", "Phụ lục 2, HUYỆN TÂN HỒNG, dòng 2 (Trường THCS Tân Hộ Cơ)"),
        (["HUYỆN TAM NÔNG"], "PL.2/T1/huyen-tam-nong/1", "Phụ lục 2, HUYỆN TAM NÔNG, dòng 1 (Trường TH Tràm Chim 2)"),
    ]


def test_bold_unnumbered_group_and_numbering_that_continues() -> None:
    """A bold title row without figures over rows numbered on across groups: still a group."""
    t = _build([["", "Khối trung học cơ sở", ""], ["1", "Trường THCS A", "THCS"], ["2", "Trường THCS B", "THCS"],
                ["", "Khối trung học phổ thông", ""], ["3", "Trường THPT C", "THPT"]],
               bold=[True, False, False, True, False])
    assert [g.title for g in t.groups] == ["Khối trung học cơ sở", "Khối trung học phổ thông"]
    assert [(r.stt, r.group_titles) for r in t.rows] == [
        ("1", ["Khối trung học cơ sở"]), ("2", ["Khối trung học cơ sở"]), ("3", ["Khối trung học phổ thông"])]
    assert t.rows[2].label == "Phụ lục 2, Khối trung học phổ thông, dòng 3 (Trường THPT C)"


def test_row_whose_cells_repeat_one_text_is_a_group() -> None:
    """A merged group row expanded by a converter: its title in every column."""
    header = ["TT", "Nhiệm vụ", "Chủ trì", "Thời gian"]
    title = "Tăng cường hạ tầng số"
    t = build_table([TablePart([header, ["I", title, title, title], ["1", "Phủ sóng 5G", "Doanh nghiệp", "2025"],
                                ["II", "Thúc đẩy phối hợp", "Thúc đẩy phối hợp", "Thúc đẩy phối hợp"],
                                ["2", "Đo kiểm chất lượng", "UBND huyện", "Thường xuyên"]])],
                    annex=None, table_no=1, locator_prefix="doc", label_prefix="Bảng 1")
    assert [(g.stt, g.title, g.cells) for g in t.groups] == [
        ("I", title, {"TT": "I", "Nhiệm vụ": title, "Chủ trì": "", "Thời gian": ""}),
        ("II", "Thúc đẩy phối hợp", {"TT": "II", "Nhiệm vụ": "Thúc đẩy phối hợp", "Chủ trì": "", "Thời gian": ""}),
    ]
    # a heading-like group (a task category, not a place): named by its number, as in the corpus plan
    assert [(r.group_titles, r.label) for r in t.rows] == [
        ([title], "Bảng 1, mục I, dòng 1 (Phủ sóng 5G)"),
        (["Thúc đẩy phối hợp"], "Bảng 1, mục II, dòng 2 (Đo kiểm chất lượng)"),
    ]


def test_duplicated_number_inside_one_group_is_still_a_second_occurrence() -> None:
    """The corpus plan's case: two items '5' under the same group are not a restart."""
    t = _build([["II", "NỀN TẢNG ỨNG DỤNG", ""], ["5", "Số hóa tài liệu", ""], ["5", "Chữ ký số", ""]])
    assert [(r.occurrence, r.locator, r.label) for r in t.rows] == [
        (1, "PL.2/T1/II/5", "Phụ lục 2, mục II, dòng 5 (Số hóa tài liệu)"),
        (2, "PL.2/T1/II/5~2", "Phụ lục 2, mục II, dòng 5 (lần 2) (Chữ ký số)"),
    ]


def test_placeholder_header_after_a_page_break_continues_the_table() -> None:
    """'Col1 … Col4' on the part after a break (a converter's stand-in header): the same table; a cell of it
    that is not a placeholder ends the row the break cut."""
    header = ["TT", "Nhiệm vụ", "Chủ trì", "Kết quả"]
    t = build_table([TablePart([header, ["1", "Xây dựng quy hoạch", "Sở", "Triển khai quy hoạch theo"]], page=1),
                     TablePart([["Col1", "Col2", "Col3", "quy định của pháp luật."],
                                ["2", "Đo kiểm", "UBND huyện", "Công bố chất lượng"]], page=2)],
                    annex=None, table_no=1, locator_prefix="doc", label_prefix="Bảng 1")
    assert [(r.stt, r.cells["Kết quả"], r.pages) for r in t.rows] == [
        ("1", "Triển khai quy hoạch theo quy định của pháp luật.", [1, 2]),
        ("2", "Công bố chất lượng", [2]),
    ]


PLACEHOLDER_MD = """## PHỤ LỤC

<table>
<thead><tr><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th></tr></thead>
<tbody>
<tr><td>**I**</td><td>**Hạ tầng**</td><td>**Hạ tầng**</td></tr>
<tr><td>1</td><td>Phủ sóng 5G</td><td>Doanh nghiệp</td></tr>
</tbody>
</table>
<table>
<thead><tr><th>Col1</th><th>Col2</th><th>Col3</th></tr></thead>
<tbody>
<tr><td>**II**</td><td>**Phối hợp**</td><td>**Phối hợp**</td></tr>
<tr><td>2</td><td>Đo kiểm</td><td>UBND huyện</td></tr>
</tbody>
</table>
"""


def test_html_table_split_with_placeholder_header_is_one_table(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "phu-luc.md", PLACEHOLDER_MD)
    (table,) = doc.tables
    assert table.columns == ["TT", "Nhiệm vụ", "Chủ trì"]
    assert [(g.stt, g.title) for g in table.groups] == [("I", "Hạ tầng"), ("II", "Phối hợp")]
    assert [(r.stt, r.group_path, r.cells["Chủ trì"]) for r in table.rows] == [
        ("1", ["I"], "Doanh nghiệp"), ("2", ["II"], "UBND huyện")]


# A scanned table cut by three page breaks: the header repeated on each page, once with a column lost (the last
# page's table is narrower), once misread by OCR ("s2 Danh mục SỈ quang" for "STT | Danh mục dịch vụ"), and once
# in the middle of a page's rows (the reader saw no break there): one table of every item.
SCAN_HEADER = ["STT", "Danh mục dịch vụ", "Mô tả yêu cầu", "Khối lượng", "Đơn vị tính"]


def _scan_parts() -> list[TablePart]:
    return [
        TablePart([SCAN_HEADER, ["1", "Nâng cấp chức năng chữ ký số", "Xuất kết quả ra file PDF", "1", "Gói"],
                   ["ŸTT", "Danh mục dịch vụ", "Mô tả yêu cầu", "Khối lượng", "Đơn vị tính"],
                   ["2", "Kết nối HIS-Vi Sinh", "Nhận chỉ định Vi Sinh", "", ""]], page=2),
        TablePart([["STT", "Danh mục dịch vụ", "Mô tả yêu cầu", "Khối lượng"],
                   ["3", "Kết nối HIS- GPB", "Nhận chỉ định GPB", ""]], page=6),
        TablePart([["s2 Danh mục SỈ quang", "", "Mô tả yêu cầu", "Khối lượng", "Đơn vị tính"],
                   ["4", "Kết nối kính hiện vi", "Kết nối 07 kính hiển vi.", "", ""]], page=7),
    ]


def test_header_repeated_with_a_lost_or_misread_cell_continues_the_table() -> None:
    t = build_table(_scan_parts(), annex=None, table_no=1, locator_prefix="doc", label_prefix="Bảng 1")
    assert t.columns == SCAN_HEADER
    assert [(r.stt, r.cells["Danh mục dịch vụ"], r.cells["Mô tả yêu cầu"], r.page) for r in t.rows] == [
        ("1", "Nâng cấp chức năng chữ ký số", "Xuất kết quả ra file PDF", 2),
        ("2", "Kết nối HIS-Vi Sinh", "Nhận chỉ định Vi Sinh", 2),
        ("3", "Kết nối HIS- GPB", "Nhận chỉ định GPB", 6),
        ("4", "Kết nối kính hiện vi", "Kết nối 07 kính hiển vi.", 7),
    ]


def test_a_part_whose_header_lost_a_middle_column_keeps_cells_under_their_names() -> None:
    header = ["TT", "Nhiệm vụ", "Chủ trì", "Thời gian"]
    t = build_table([TablePart([header, ["1", "Đo kiểm", "Sở", "2025"]], page=1),
                     TablePart([["TT", "Nhiệm vụ", "Thời gian"], ["2", "Công bố", "2026"]], page=2)],
                    annex=None, table_no=1, locator_prefix="doc", label_prefix="Bảng 1")
    assert [(r.stt, r.cells["Chủ trì"], r.cells["Thời gian"]) for r in t.rows] == [("1", "Sở", "2025"),
                                                                                    ("2", "", "2026")]


def test_scanned_table_parts_recovered_as_one_table() -> None:
    from ingest.models import Block
    from ingest.structure import recover

    blocks = [Block(kind="para", text="DANH MỤC DỊCH VỤ", heading=True, page=2)]
    blocks += [Block(kind="table", rows=p.rows, page=p.page, row_bold=[False] * len(p.rows)) for p in _scan_parts()]
    doc = recover(blocks, "tb", "tb.pdf")
    (table,) = doc.tables
    assert [r.stt for r in table.rows] == ["1", "2", "3", "4"]


def test_data_rows_sharing_values_are_not_a_repeated_header() -> None:
    """Rows sharing marks or figures with the first row ("x", "2025") repeat no header; a header's own names do."""
    from ingest.tables import header_columns

    assert header_columns(["2", "Trường C", "x", "x"], ["1", "Trường A", "x", "x"]) is None
    assert header_columns(["2", "Trường C", "2025", "Sở"], ["1", "Trường A", "2025", "Sở"]) is None
    assert header_columns(["ŸTT", "Danh mục dịch vụ", "Mô tả yêu cầu"], SCAN_HEADER) == {0: 0, 1: 1, 2: 2}


def test_numbered_requirement_over_its_continuation_is_an_item_and_a_group() -> None:
    """A requirement row ("21.1 | Hệ thống cung cấp … Thông tư số 32/2023/TT-BYT, các loại hồ sơ như:") followed by
    an unnumbered row listing what it names is the context of that row and an item quoted in its own words; the
    next number of its level ("21.2") sits beside it, not under it."""
    rows = [["STT", "Tên phân hệ/chức năng", "Ghi chú"],
            ["21", "Quản lý hồ sơ bệnh án", ""],
            ["21.1", "Hệ thống cung cấp các mẫu biểu hồ sơ bệnh án chung được xây dựng theo quy định của Bộ Y tế "
                     "ban hành, các mẫu hồ sơ bệnh án đáp ứng đúng theo Thông tư số 32/2023/TT-BYT, các loại hồ "
                     "sơ bệnh án như:", ""],
            ["", "Bệnh án nội khoa\nBệnh án sản khoa", ""],
            ["21.2", "- Các chức năng chính: + Duyệt bệnh án", ""],
            ["22", "Quản lý phòng mổ", ""],
            ["22.1", "Khám mê", ""]]
    t = build_table([TablePart(rows=rows)], annex=None, table_no=2, locator_prefix="X", label_prefix="Bảng 2")
    by_stt = {r.stt: r for r in t.rows}
    assert "32/2023/TT-BYT" in by_stt["21.1"].cells["Tên phân hệ/chức năng"]
    assert by_stt["21.1"].label.startswith("Bảng 2, mục 21, dòng 21.1 (Hệ thống cung cấp")
    continuation = next(r for r in t.rows if not r.stt)
    assert continuation.group_path == ["21", "21.1"]
    assert "32/2023/TT-BYT" in continuation.group_titles[-1]
    assert by_stt["21.2"].group_path == ["21"] and by_stt["21.2"].label.startswith("Bảng 2, mục 21, dòng 21.2")
    assert [r.stt for r in t.rows] == ["21.1", "", "21.2", "22.1"]
    assert len({r.locator for r in t.rows}) == 4
    # a short heading over a continuation stays a heading only
    short = [rows[0], ["3", "Quản lý danh mục", ""], ["", "Danh mục thuốc", ""], ["4", "Báo cáo", "x"]]
    t2 = build_table([TablePart(rows=short)], annex=None, table_no=1, locator_prefix="Y", label_prefix="Bảng 1")
    assert [r.stt for r in t2.rows] == ["", "4"]
