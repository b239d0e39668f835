"""Table recovery and structure on small literal documents."""

from __future__ import annotations

from ingest.models import Block
from ingest.readers.markdown import read_markdown
from ingest.structure import recover
from ingest.tables import TablePart, build_table


def _build(parts):
    return build_table(parts, annex="II", table_no=1, locator_prefix="PL.II", label_prefix="Phụ lục II")


def test_fragment_after_repeated_header_is_merged_back():
    header = ["STT", "Nội dung", "Kết quả"]
    t = _build([
        TablePart([header, ["I", "NHÓM A", ""], ["1", "Triển khai học bạ", "Đạt"], ["2", "Số hóa hồ sơ của", ""]], page=1),
        TablePart([header, ["", "các cơ sở giáo dục", "Chưa đạt"], ["3", "Dạy học trực tuyến", "Đạt"]], page=2),
    ])
    assert [(r.stt, r.cells["Nội dung"], r.cells["Kết quả"]) for r in t.rows] == [
        ("1", "Triển khai học bạ", "Đạt"),
        ("2", "Số hóa hồ sơ của các cơ sở giáo dục", "Chưa đạt"),
        ("3", "Dạy học trực tuyến", "Đạt"),
    ]
    assert t.rows[1].pages == [1, 2] and t.rows[1].merged_from == 2
    assert t.rows[2].group_path == ["I"] and t.rows[2].group_titles == ["NHÓM A"]


def test_unnumbered_row_under_a_group_stays_a_row():
    header = ["STT", "Nội dung", "Kết quả"]
    t = _build([TablePart([header, ["3", "Phát triển hạ tầng", ""], ["", "Trang bị thiết bị", "Đạt"]], row_bold=[True, True, False])])
    assert [g.stt for g in t.groups] == ["3"]
    assert [(r.stt, r.group_path, r.locator) for r in t.rows] == [("", ["3"], "PL.II/T1/3/_1")]
    assert t.rows[0].label == "Phụ lục II, mục 3, dòng không số (Trang bị thiết bị)"


def test_total_and_typed_amounts():
    header = ["TT", "Hạng mục", "Kinh phí", "Nguồn"]
    t = _build([TablePart([header, ["1", "Camera", "1.650", "Sự nghiệp"], ["2", "Phần mềm", "-", "-"],
                           ["", "TỔNG CỘNG", "1.650", ""]])])
    assert [r.is_total for r in t.rows] == [False, False, True]
    assert t.rows[0].values == {"Kinh phí": 1650.0}
    assert t.rows[1].values == {}
    assert t.totals[0].locator == "PL.II/T1/total"


def test_legal_text_structure():
    md = """QUYẾT ĐỊNH

Về việc ban hành Quy chế dạy học trực tuyến

Chương I

QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

1. Quy chế này quy định về dạy học trực tuyến trong các trường phổ thông.

2. Quy chế áp dụng đối với:

a) Giáo viên các trường trung học cơ sở;

b) Học sinh trung học phổ thông.

Điều 2. Giải thích từ ngữ

Dạy học trực tuyến là hoạt động dạy học qua mạng.

Chương II

TỔ CHỨC THỰC HIỆN

Điều 3. Trách nhiệm của nhà trường

Hiệu trưởng chịu trách nhiệm tổ chức thực hiện.
"""
    doc = recover(read_markdown(md), "qd", "qd.md")
    assert doc.meta.doc_type == "QUYẾT ĐỊNH"
    assert doc.meta.title == "Quyết định Về việc ban hành Quy chế dạy học trực tuyến"
    got = [(s.locator, s.label, s.title) for s in doc.sections]
    assert got == [
        ("C.I", "Chương I", "QUY ĐỊNH CHUNG"),
        ("C.I/1", "Chương I › Điều 1", "Phạm vi điều chỉnh"),
        ("C.I/1/1", "Chương I › Điều 1 › khoản 1", ""),
        ("C.I/1/2", "Chương I › Điều 1 › khoản 2", ""),
        ("C.I/1/2/a", "Chương I › Điều 1 › khoản 2 › điểm a", ""),
        ("C.I/1/2/b", "Chương I › Điều 1 › khoản 2 › điểm b", ""),
        ("C.I/2", "Chương I › Điều 2", "Giải thích từ ngữ"),
        ("C.II", "Chương II", "TỔ CHỨC THỰC HIỆN"),
        ("C.II/3", "Chương II › Điều 3", "Trách nhiệm của nhà trường"),
    ]
    a = next(s for s in doc.sections if s.locator == "C.I/1/2/a")
    assert a.paragraphs[0].text == "a) Giáo viên các trường trung học cơ sở;"


def test_blocks_from_any_reader_share_the_structure_code():
    blocks = [
        Block(kind="para", text="PHẦN I", heading=True, page=1),
        Block(kind="para", text="MỤC TIÊU", heading=True, page=1),
        Block(kind="para", text="1. Mục tiêu chung", bold=True, page=1),
        Block(kind="para", text="Đẩy mạnh chuyển đổi số trong hồ sơ", page=1),
        Block(kind="para", text="điện tử của nhà trường.", page=2),
    ]
    doc = recover(blocks, "x", "x.pdf")
    sec = doc.sections[-1]
    assert (sec.locator, sec.label, sec.title) == ("P.I/1", "Phần I › 1", "Mục tiêu chung")
    assert [p.text for p in sec.paragraphs] == ["Đẩy mạnh chuyển đổi số trong hồ sơ điện tử của nhà trường."]
    assert sec.paragraphs[0].page == 1


def test_points_numbered_a_dot_as_word_writes_them() -> None:
    """'a.' as well as 'a)' opens a point (issue 16: Word documents and scans number them so)."""
    md = "I. XÂY DỰNG KẾ HOẠCH\n\n1. Mục tiêu, yêu cầu\n\na. Mục tiêu:\n\nRà soát quy định.\n\nb. Yêu cầu.\n\n- Cắt giảm thủ tục.\n"
    doc = recover(read_markdown(md), "cv", "cv.md")
    assert [(s.locator, s.label) for s in doc.sections] == [
        ("I", "I"), ("I/1", "I.1"), ("I/1/a", "I.1.a"), ("I/1/b", "I.1.b")]
    b = doc.sections[-1]
    assert [p.text for p in b.paragraphs] == ["b. Yêu cầu.", "Cắt giảm thủ tục."]
