"""Numbered items a PDF text layer ran together into one paragraph are split back, one block per item
(issue 16: a list of 210 schools and centres)."""

from __future__ import annotations

from ingest.inline_items import split_inline_items
from ingest.models import Block
from ingest.structure import recover


def _para(text: str, bold: bool = False) -> Block:
    return Block(kind="para", text=text, bold=bold, page=18)


def test_run_together_items_are_split() -> None:
    out = split_inline_items([_para("112. Trường trung học phổ thông Đinh Tiên Hoàng; 113. Trường trung học phổ "
                                    "thông Trần Nguyên Hãn; 114. Trường trung học phổ thông Nguyễn Huệ;")])
    assert [b.text for b in out] == ["112. Trường trung học phổ thông Đinh Tiên Hoàng;",
                                     "113. Trường trung học phổ thông Trần Nguyên Hãn;",
                                     "114. Trường trung học phổ thông Nguyễn Huệ;"]


def test_a_wrapped_heading_rejoins_its_first_line() -> None:
    out = split_inline_items([_para("II. TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN VÀ TRUNG TÂM", bold=True),
                              _para("GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN 171. Trung tâm giáo dục thường "
                                    "xuyên Lê Quý Đôn; 172. Trung tâm giáo dục thường xuyên Chu Văn An.")])
    assert [b.text for b in out] == [
        "II. TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN VÀ TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN",
        "171. Trung tâm giáo dục thường xuyên Lê Quý Đôn;", "172. Trung tâm giáo dục thường xuyên Chu Văn An."]


def test_numbers_that_are_not_a_list_stay() -> None:
    text = "Kinh phí năm 2025 là 12. Tổng cộng 13. đơn vị tham gia, theo Điều 5. Nghị định 60."
    assert [b.text for b in split_inline_items([_para(text)])] == [text]


def test_every_item_becomes_a_section_under_its_group() -> None:
    blocks = [Block(kind="para", text="DANH SÁCH CÁC TRƯỜNG", heading=True, page=17),
              _para("I. TRƯỜNG TRUNG HỌC PHỔ THÔNG", bold=True),
              _para("1. Trường THPT Bùi Thị Xuân; 2. Trường THPT Lê Quý Đôn; 3. Trường THPT Marie Curie;"),
              _para("II. TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN VÀ TRUNG TÂM", bold=True),
              _para("GIÁO DỤC NGHỀ NGHIỆP 4. Trung tâm GDTX Chu Văn An; 5. Trung tâm GDNN-GDTX Bình Tây.")]
    doc = recover(blocks, "ds", "ds.pdf")
    numbered = [(s.number, s.locator.split("/")[0]) for s in doc.sections if s.number.isdigit()]
    assert numbered == [("1", "I"), ("2", "I"), ("3", "I"), ("4", "II"), ("5", "II")]


def test_an_enumeration_inside_brackets_stays_in_its_sentence() -> None:
    text = ("- Chủ đề 4: Đề án đào tạo nguồn nhân lực quốc tế (08 ngành: 1. Công nghệ thông tin - Truyền thông; "
            "2. Cơ khí - Tự động hóa; 3. Trí tuệ nhân tạo; 4. Y tế) theo Chương trình hành động số 02-CTrHĐ/TU;")
    assert [b.text for b in split_inline_items([_para(text)])] == [text]
    blocks = [_para("3.2. Nội dung"), _para(text), _para("- Chủ đề 5: Tư vấn tâm lý, sức khỏe mùa thi."),
              _para("3.3. Danh sách chuyên gia, báo cáo viên"), _para("3.3.1. Phần tư vấn chung")]
    doc = recover(blocks, "hn", "hn.pdf")
    assert [s.locator for s in doc.sections if s.locator] == ["3.2", "3.3", "3.3/3.3.1"]
