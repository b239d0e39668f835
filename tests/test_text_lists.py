"""Counts over lists written as text (issue 16): a plan's attached list of schools in numbered groups ("I.
TRƯỜNG PHỔ THÔNG" 1–5, "II. TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN" 6–8, numbering running on) is counted per group
when the question names the group by its number or its heading; a figure the text states is still quoted."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answerer import Answerer
from assistant.qa.listqa import item_lists, item_text
from ingest.models import ParsedDocument
from ingest.pipeline import parse_path
from tests.fakes import FakeIndex

PLAN_TXT = """ỦY BAN NHÂN DÂN TỈNH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
KẾ HOẠCH
Tổ chức Chương trình Hướng nghiệp - Tuyển sinh năm học 2025-2026

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Giúp học sinh lớp 12 chọn ngành nghề phù hợp. Chương trình tổ chức tại 8 trường và trung tâm.
2. Yêu cầu
Các đơn vị phối hợp chặt chẽ, bảo đảm an toàn.

II. NỘI DUNG
1. Tư vấn trực tiếp tại trường
Thời gian: từ ngày 01/10/2025 đến ngày 30/4/2026.
2. Tư vấn trực tuyến
Phát trực tiếp trên trang của Sở.

DANH SÁCH CÁC TRƯỜNG VÀ TRUNG TÂM DỰ KIẾN TỔ CHỨC
I. TRƯỜNG PHỔ THÔNG
1. Trường trung học phổ thông Bùi Thị Xuân;
2. Trường trung học phổ thông Lương Thế Vinh;
3. Trường trung học phổ thông Trưng Vương;
4. Trường trung học phổ thông Lê Quý Đôn;
5. Trường trung học phổ thông Marie Curie;
II. TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN
6. Trung tâm giáo dục thường xuyên Chu Văn An;
7. Trung tâm giáo dục thường xuyên Gia Định;
8. Trung tâm giáo dục thường xuyên Tiếng Hoa.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    tmp: Path = tmp_path_factory.mktemp("lists")
    # one paragraph per line, as a word processor exports them (blank lines between)
    (tmp / "ke-hoach-huong-nghiep.txt").write_text(PLAN_TXT.replace("\n", "\n\n"), encoding="utf-8")
    doc: ParsedDocument = parse_path(tmp / "ke-hoach-huong-nghiep.txt").document
    return FakeIndex(list(doc.units), [doc])


def test_numbered_items_grouped_under_their_heading(index: FakeIndex) -> None:
    lists = {lst.title: lst for lst in item_lists(index.units())}
    assert lists["TRƯỜNG PHỔ THÔNG"].numbers == [1, 2, 3, 4, 5]
    assert lists["TRƯỜNG PHỔ THÔNG"].numeral == "I"
    assert lists["TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN"].numbers == [6, 7, 8]
    assert item_text(lists["TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN"].items[-1][1]) == \
        "Trung tâm giáo dục thường xuyên Tiếng Hoa"


def test_a_group_counted_by_its_number(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Danh sách dự kiến tổ chức có bao nhiêu trường phổ thông (nhóm I)?")
    assert answer.mode == "list" and answer.answer.startswith("Có 5 trường phổ thông trong «TRƯỜNG PHỔ THÔNG»"), answer.answer
    assert "5. Trường trung học phổ thông Marie Curie" in answer.answer
    assert len(answer.citations) == 5


def test_a_group_counted_by_its_heading_with_an_abbreviation(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Trong danh sách đính kèm, nhóm trung tâm GDTX có bao nhiêu đơn vị?")
    assert answer.mode == "list" and answer.answer.startswith("Có 3 mục"), answer.answer
    assert "6. Trung tâm giáo dục thường xuyên Chu Văn An" in answer.answer  # the items' own numbers


def test_a_count_about_something_else_is_not_the_list(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Kế hoạch hướng nghiệp có bao nhiêu học sinh lớp 12 tham gia?")
    assert answer.mode != "list", answer.answer


PROCEDURE_MD = """# Thủ tục: Xét tuyển sinh vào trường phổ thông dân tộc nội trú

## 2. Trình tự thực hiện

a) Sở Giáo dục và Đào tạo hướng dẫn tuyển sinh đối với các trường có cấp học cao nhất là trung học phổ thông.

b) Trường Hữu Nghị 80, Trường Hữu Nghị T78, Trường Phổ thông Vùng cao Việt Bắc lập kế hoạch tuyển sinh, báo cáo cơ quan chủ quản và trình Bộ Giáo dục và Đào tạo phê duyệt.
"""


def test_a_count_the_sentence_gives_by_naming_each_one() -> None:
    from assistant.qa.named_count import named_count
    from ingest.text import fold

    text = PROCEDURE_MD.split("b) ", 1)[1].strip()
    q = fold("Có bao nhiêu trường tự lập kế hoạch tuyển sinh trình Bộ GDĐT phê duyệt?")
    assert named_count(text, q) == ("(đếm được: 3 trường — Trường Hữu Nghị 80; Trường Hữu Nghị T78; "
                                    "Trường Phổ thông Vùng cao Việt Bắc)")
    # "và" inside a name goes on with it, "và" before the next name parts them
    assert named_count("Trường THCS Lê Lợi và Trường THCS Kim Đồng phối hợp thực hiện.", q).startswith(
        "(đếm được: 2 trường — Trường THCS Lê Lợi; Trường THCS Kim Đồng)")
    assert named_count("Giao Trường Cao đẳng Sư phạm và Đào tạo chủ trì; Trường THPT A phối hợp.", q) == ""
    assert named_count("03 trường: Trường A, Trường B, Trường C.", q) == ""  # the text says how many itself
    assert named_count(text, fold("Kế hoạch tuyển sinh gồm những nội dung gì?")) == ""  # nothing counted


def test_a_named_count_is_answered_with_its_sentence(tmp_path: Path) -> None:
    from tests.fakes import index_of_text

    index = index_of_text(tmp_path, "tthc-xet-tuyen.md", PROCEDURE_MD)
    r = Answerer(index).ask("Có bao nhiêu trường tự lập kế hoạch tuyển sinh trình Bộ Giáo dục và Đào tạo phê duyệt?")
    assert not r.abstained, r.answer
    assert "Trường Hữu Nghị T78" in r.answer and "đếm được: 3 trường" in r.answer, r.answer
