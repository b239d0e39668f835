"""A school's own plan saved from Word as plain text (issue 16): one paragraph per line, no blank lines,
CRLF, tab tables, dates "Từ ngày dd/mm – đến hết ngày dd/mm/yyyy". Its narrative structure comes from the
numbering as in Markdown, and each date is cited from the section it belongs to."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import ParsedDocument
from ingest.pipeline import parse_path
from ingest.readers.markdown import one_paragraph_per_line, read_markdown

SCHOOL_PLAN = """PHÒNG GD&ĐT HUYỆN CHÂU THÀNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRƯỜNG TIỂU HỌC AN HIỆP\tĐộc lập - Tự do - Hạnh phúc
Số: 25/KH-THAH\tAn Hiệp, ngày 05 tháng 9 năm 2025
KẾ HOẠCH
Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025
Căn cứ Công văn số 1234/PGDĐT-GDTH ngày 28/8/2025 của Phòng Giáo dục và Đào tạo huyện Châu Thành về việc \
tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025;
Căn cứ tình hình thực tế của nhà trường, Trường Tiểu học An Hiệp xây dựng kế hoạch tổ chức Tuần lễ hưởng ứng \
học tập suốt đời năm 2025 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức của cán bộ, giáo viên, nhân viên, học sinh và cha mẹ học sinh về vai trò của học tập suốt đời.
- Khuyến khích học sinh hình thành thói quen đọc sách, tự học.
2. Yêu cầu
- Tổ chức các hoạt động thiết thực, hiệu quả, tránh hình thức.
II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN
1. Thời gian
Từ ngày 01/10 – đến hết ngày 07/10/2025.
2. Nội dung hoạt động
a) Tuyên truyền
Tuyên truyền trên trang thông tin điện tử của nhà trường từ ngày 25/9 – đến hết ngày 30/9/2025.
b) Ngày hội đọc sách
Tổ chức Ngày hội đọc sách cho học sinh khối 3, 4, 5 vào ngày 03/10/2025 tại thư viện trường.
3. Phân công thực hiện
TT\tNội dung công việc\tThời gian\tNgười thực hiện
1\tXây dựng kế hoạch\tTừ ngày 05/9 – đến hết ngày 10/9/2025\tHiệu trưởng
2\tTrang trí thư viện\tTừ ngày 28/9 – đến hết ngày 30/9/2025\tGiáo viên thư viện
3\tTổng hợp báo cáo\tTrước ngày 10/10/2025\tPhó Hiệu trưởng
III. KINH PHÍ
Kinh phí tổ chức từ nguồn chi thường xuyên của nhà trường năm 2025, dự kiến 3.000.000 đồng.
IV. TỔ CHỨC THỰC HIỆN
1. Hiệu trưởng
\tChỉ đạo chung, phân công nhiệm vụ cho các bộ phận.
2. Giáo viên chủ nhiệm
Tuyên truyền đến cha mẹ học sinh; báo cáo kết quả về nhà trường trước ngày 09/10/2025, \
kèm danh sách học sinh
tham gia Ngày hội đọc sách.
Trên đây là kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025 của Trường Tiểu học An Hiệp./.
Nơi nhận:\tHIỆU TRƯỞNG
- Phòng GD&ĐT (b/c);\t
- CB, GV, NV (t/h);\t(Đã ký)
- Lưu: VT.\t
\tTrần Thị Bích Ngọc
"""

SECTIONS = [
    ("mo-dau", ""),
    ("I", "MỤC ĐÍCH, YÊU CẦU"),
    ("I/1", "Mục đích"),
    ("I/2", "Yêu cầu"),
    ("II", "NỘI DUNG VÀ THỜI GIAN THỰC HIỆN"),
    ("II/1", "Thời gian"),
    ("II/2", "Nội dung hoạt động"),
    ("II/2/a", "Tuyên truyền"),
    ("II/2/b", "Ngày hội đọc sách"),
    ("II/3", "Phân công thực hiện"),
    ("III", "KINH PHÍ"),
    ("IV", "TỔ CHỨC THỰC HIỆN"),
    ("IV/1", "Hiệu trưởng"),
    ("IV/2", "Giáo viên chủ nhiệm"),
]


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> ParsedDocument:
    path = tmp_path_factory.mktemp("txt") / "ke-hoach-tuan-le-hoc-tap.txt"
    path.write_bytes(SCHOOL_PLAN.replace("\n", "\r\n").encode("utf-8"))  # Word writes CRLF
    return parse_path(path).document


def test_sections_from_the_numbering(plan: ParsedDocument) -> None:
    assert [(s.locator, s.title) for s in plan.sections] == SECTIONS
    labels = {s.locator: s.label for s in plan.sections}
    assert labels["II/2/a"] == "II.2.a" and labels["IV/2"] == "IV.2"


def test_each_date_is_cited_from_its_section(plan: ParsedDocument) -> None:
    def where(phrase: str) -> list[str]:
        return [u.locator.split("#")[0] for u in plan.units if u.kind == "section" and phrase in u.text]

    assert where("Từ ngày 01/10 – đến hết ngày 07/10/2025") == ["II/1"]
    assert where("từ ngày 25/9 – đến hết ngày 30/9/2025") == ["II/2/a"]
    assert where("03/10/2025") == ["II/2/b"]
    assert where("3.000.000 đồng") == ["III"]
    assert where("Chỉ đạo chung") == ["IV/1"]  # the line indented with a tab is text, not a table
    # a line cut inside a sentence is joined again, inside its section
    assert where("trước ngày 09/10/2025, kèm danh sách học sinh tham gia Ngày hội đọc sách.") == ["IV/2"]
    u = next(u for u in plan.units if u.locator == "II/1")
    assert u.label == "II.1" and u.text.startswith("1. Thời gian\n")


def test_tab_table_is_a_table_of_its_section(plan: ParsedDocument) -> None:
    (table,) = plan.tables  # the header and the signature, laid out with tabs, are not tables
    assert table.section_locator == "II/3"
    assert table.columns == ["TT", "Nội dung công việc", "Thời gian", "Người thực hiện"]
    assert [(r.stt, r.cells["Thời gian"]) for r in table.rows] == [
        ("1", "Từ ngày 05/9 – đến hết ngày 10/9/2025"),
        ("2", "Từ ngày 28/9 – đến hết ngày 30/9/2025"),
        ("3", "Trước ngày 10/10/2025"),
    ]
    row = next(u for u in plan.units if u.kind == "row" and "Trang trí" in u.text)
    assert "Phân công thực hiện" in row.embed_text


def test_word_plain_text_is_told_from_markdown() -> None:
    lines = SCHOOL_PLAN.split("\n")
    assert one_paragraph_per_line(lines)
    # hard-wrapped text (no line longer than ~80 characters) and Markdown keep joining their lines
    wrapped = ["Kế hoạch này được xây dựng nhằm nâng cao chất lượng", "dạy học trực tuyến trong các trường"] * 6
    assert not one_paragraph_per_line(wrapped)
    assert not one_paragraph_per_line(["# KẾ HOẠCH", *lines])
    blocks = read_markdown("Đoạn một được viết\ntrên hai dòng.\n\nĐoạn hai.")
    assert [b.text for b in blocks] == ["Đoạn một được viết trên hai dòng.", "Đoạn hai."]


def test_header_and_signature_laid_out_with_tabs(plan: ParsedDocument) -> None:
    m = plan.meta
    assert (m.doc_type, m.title) == ("KẾ HOẠCH", "Kế hoạch Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025")
    assert (m.number, m.place, m.date) == ("25/KH-THAH", "An Hiệp", "2025-09-05")
    assert (m.issuer, m.issuer_parent) == ("TRƯỜNG TIỂU HỌC AN HIỆP", "PHÒNG GD&ĐT HUYỆN CHÂU THÀNH")
    assert (m.signer, m.signer_title) == ("Trần Thị Bích Ngọc", "HIỆU TRƯỞNG")
    assert m.recipients == ["Phòng GD&ĐT (b/c)", "CB, GV, NV (t/h)", "Lưu: VT"]
    meta = next(u for u in plan.units if u.kind == "meta")
    assert "Người ký: Trần Thị Bích Ngọc" in meta.text and "Ngày ban hành: 05/09/2025" in meta.text
    assert plan.title == m.title


def test_a_numbered_list_past_99_items(tmp_path: Path) -> None:
    from ingest.numbering import classify

    assert classify("120. Trường trung học phổ thông số 120;").number == "120"  # type: ignore[union-attr]
    assert classify("500.000 đồng mỗi học viên") is None  # an amount, not item 500
    assert classify("2026. Năm học mới") is None
    items = "\n\n".join(f"{i}. Trường trung học phổ thông số {i};" for i in range(1, 131))
    path = tmp_path / "danh-sach.md"
    path.write_text(f"# DANH SÁCH CÁC TRƯỜNG\n\n## I. TRƯỜNG PHỔ THÔNG\n\n{items}\n", encoding="utf-8")
    doc = parse_path(path).document
    numbered = [s for s in doc.sections if s.locator.startswith("I/")]
    assert [s.number for s in numbered] == [str(i) for i in range(1, 131)]  # not 99 items and one long last one


def test_a_short_word_export_whose_lines_are_all_short() -> None:
    """A short plan saved from Word may have no line over 100 characters: its lines still end a sentence or an item,
    or are headings, where hard-wrapped prose breaks inside sentences."""
    lines = ["TRƯỜNG THCS NGUYỄN TRÃI", "Số: 45/KH-THCSNT", "I. MỤC ĐÍCH, YÊU CẦU",
             "Nâng cao ý thức chấp hành pháp luật về an toàn giao thông.", "II. CƠ CẤU GIẢI THƯỞNG",
             "01 giải Nhất: 1.000.000 đồng;", "02 giải Nhì: mỗi giải 700.000 đồng;",
             "03 giải Ba: mỗi giải 500.000 đồng.", "III. KINH PHÍ", "Kinh phí được chi từ nguồn hoạt động của trường."]
    assert one_paragraph_per_line(lines)
    wrapped = ["Kế hoạch này được xây dựng nhằm nâng cao chất lượng", "dạy học trực tuyến trong các trường",
               "trung học cơ sở trên địa bàn, bảo đảm mỗi học sinh", "được tiếp cận học liệu số và các",
               "khóa học trực tuyến mở.", "Các trường chủ động bố trí kinh phí"]
    assert not one_paragraph_per_line(wrapped)
