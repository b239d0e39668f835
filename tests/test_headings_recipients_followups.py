"""Issue 16, round 25: a heading's points counted and listed when the question names the heading ("Phần tổ chức
thực hiện … giao trách nhiệm cho mấy cấp") or counts what it is titled by ("nêu bao nhiêu yêu cầu thực hiện"),
points that are paragraphs ("1. Sở GDĐT ban hành …") as well as headings; what a heading named by its title says
("Thế còn phần yêu cầu thì ghi gì?"); a table chosen by what it lists, not by what its rows were chosen by ("05 khoa
được lựa chọn theo yêu cầu …"); the recipients counted; follow-ups that name what the conversation named in the
first of two questions, or begin "Ngoài … đó, …". A small Markdown plan the test writes, worded like the
development documents, and literal strings."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answerer import Answerer
from assistant.answering.document_facts import asked_fields, recipients
from assistant.answering.heading_items import HeadingItems
from assistant.answering.place_gate import names_a_school, names_none
from assistant.answering.table_answers import _has, _names_a_case
from assistant.qa.compose import Passage, field_label_asked, labelled_item, unknown_words
from assistant.qa.query import is_follow_up, parse_query
from assistant.qa.rates import norm_total
from assistant.qa.shares import target_count
from assistant.qa.widen import widened_for_several
from ingest.models import Unit
from ingest.pipeline import parse_path
from ingest.text import fold
from tests.fakes import FakeIndex

PLAN = """# KẾ HOẠCH Tổ chức khảo sát ý kiến người học năm 2026

## I. MỤC ĐÍCH, YÊU CẦU

### 1. Mục đích

- Ghi nhận ý kiến của người học về chất lượng dịch vụ giáo dục.
- Cung cấp dữ liệu phục vụ cải tiến chất lượng.

### 2. Yêu cầu thực hiện

- Khảo sát được triển khai khách quan, trung thực, đúng đối tượng.
- Danh sách người học được lựa chọn ngẫu nhiên.
- Dữ liệu khảo sát bảo đảm tính bảo mật thông tin theo quy định.

## II. TỔ CHỨC THỰC HIỆN

1. Sở GDĐT ban hành văn bản chỉ đạo, hướng dẫn, kiểm tra việc thực hiện kế hoạch; kịp thời biểu dương các đơn vị.

2. Phòng GDĐT chỉ đạo, hướng dẫn, hỗ trợ các trường trên địa bàn; tổng hợp báo cáo Sở.

3. Các trường xây dựng và tổ chức thực hiện kế hoạch của nhà trường.

## III. PHÂN CÔNG NHIỆM VỤ

### 1. Trung tâm Quản lý chất lượng

- Là đơn vị đầu mối tổ chức triển khai khảo sát.

### 2. Phòng Đào tạo và Phòng Công tác sinh viên

- Phối hợp cung cấp, rà soát thông tin người học.
- Phối hợp truyền thông, đôn đốc người học tham gia khảo sát.
"""


@pytest.fixture()
def plan(tmp_path: Path) -> FakeIndex:
    (tmp_path / "ke-hoach-khao-sat.md").write_text(PLAN, encoding="utf-8")
    doc = parse_path(tmp_path / "ke-hoach-khao-sat.md").document
    return FakeIndex(doc.units, [doc])


def _run(index: FakeIndex, question: str, history: list[tuple[str, str]] | None = None) -> str | None:
    answer = HeadingItems().run(Answerer(index).prepare(index, question, history or [], None))
    return None if answer is None else answer.answer


def test_a_named_part_whose_points_are_paragraphs_is_counted_and_listed(plan: FakeIndex) -> None:
    answer = _run(plan, "Phần tổ chức thực hiện của kế hoạch khảo sát giao trách nhiệm cho mấy cấp, là những cấp nào?")
    assert answer is not None
    assert answer.splitlines() == [
        "Mục «TỔ CHỨC THỰC HIỆN» gồm 3 điểm:",
        "- 1. Sở GDĐT ban hành văn bản chỉ đạo, hướng dẫn, kiểm tra việc thực hiện kế hoạch; [1]",
        "- 2. Phòng GDĐT chỉ đạo, hướng dẫn, hỗ trợ các trường trên địa bàn; [2]",
        "- 3. Các trường xây dựng và tổ chức thực hiện kế hoạch của nhà trường. [3]"]


def test_a_count_of_what_a_heading_is_titled_by(plan: FakeIndex) -> None:
    answer = _run(plan, "ke hoach khao sat y kien nguoi hoc neu bao nhieu yeu cau thuc hien, ke ra?")
    assert answer is not None
    assert answer.splitlines() == [
        "Mục «Yêu cầu thực hiện» gồm 3 điểm:", "2. Yêu cầu thực hiện",
        "- Khảo sát được triển khai khách quan, trung thực, đúng đối tượng. [1]",
        "- Danh sách người học được lựa chọn ngẫu nhiên. [2]",
        "- Dữ liệu khảo sát bảo đảm tính bảo mật thông tin theo quy định. [3]"]


def test_what_a_heading_named_by_its_title_says(plan: FakeIndex) -> None:
    history = [("user", "Kế hoạch khảo sát ý kiến người học năm 2026 nhằm mục đích gì?"),
               ("assistant", "Ghi nhận ý kiến của người học về chất lượng dịch vụ giáo dục.")]
    answer = _run(plan, "Thế còn phần yêu cầu thực hiện thì ghi gì?", history)
    assert answer is not None
    assert answer.splitlines() == [
        "2. Yêu cầu thực hiện", "- Khảo sát được triển khai khách quan, trung thực, đúng đối tượng. [1]",
        "- Danh sách người học được lựa chọn ngẫu nhiên. [2]",
        "- Dữ liệu khảo sát bảo đảm tính bảo mật thông tin theo quy định. [3]"]
    assert _run(plan, "Thế còn phần kinh phí thì ghi gì?", history) is None  # no such heading


def test_a_table_is_not_a_list_of_what_its_rows_were_chosen_by() -> None:
    title = fold("Đối tượng khảo sát là sinh viên thuộc 05 khoa được Nhà trường lựa chọn theo yêu cầu tại Công văn")
    assert not _has("yeu cau", title)
    assert _has("yeu cau", fold("Bảng các yêu cầu kỹ thuật của phần mềm"))
    assert _has("khoa", title)


def test_the_recipients_counted() -> None:
    line = ("Nơi nhận: Như trên; Ban Giám đốc Sở (để báo cáo); Phòng GDPT, GDTX, NN và ĐH (để phối hợp thực hiện); "
            "Lưu TTTT (ĐTh)")
    assert asked_fields(fold("Công văn lịch bồi dưỡng STEM tháng 12/2025 gửi Ban Giám đốc Sở và các phòng GDPT, GDTX "
                             "với mục đích gì?")) == ("Nơi nhận", "Kính gửi")
    assert asked_fields(fold("Học viên gửi hồ sơ với mục đích gì?")) == ()
    assert recipients([line, "Kính gửi: Thủ trưởng các cơ sở giáo dục"]) == 4
    assert recipients(["Kính gửi: Thủ trưởng các cơ sở giáo dục"]) == 0


def test_follow_ups_naming_what_the_conversation_named() -> None:
    assert is_follow_up("Tiền đó được tính theo giá vé nào? Nếu quê cháu không có phương tiện giao thông công cộng "
                        "thì tính thế nào?")
    assert is_follow_up("Ngoài biểu đồ đó, hạng mục này còn phải quản lý những thông tin gì?")
    assert is_follow_up("Ngoài những việc trên, nhà trường còn phải làm gì?")
    # a question of its own: names its document, or "ngoài ra" with nothing the conversation named
    assert not is_follow_up("Theo nghị định về chính sách cho học sinh vùng dân tộc thiểu số, tiền tàu xe được tính "
                            "theo giá vé nào? Trong đó học sinh bán trú được bao nhiêu?")
    assert not is_follow_up("Ngoài học phí, học viên lớp bồi dưỡng STEM tháng 12/2025 có phải đóng khoản nào khác?")


def test_the_conversations_own_document_pointed_at() -> None:
    history = [("user", "Thủ tục xét tuyển sinh vào trường phổ thông dân tộc nội trú (mã 1.005090) do cơ quan nào "
                        "thực hiện?"), ("assistant", "Sở Giáo dục và Đào tạo.")]
    q = parse_query("Vậy kết quả cuối cùng mà thủ tục này trả ra là gì?", history)
    assert q.follow_up
    assert "thủ" not in q.focus and "kết" in q.focus
    # longer than a short follow-up: "thủ tục này" is the conversation's, "thủ tục xét tuyển" names one
    assert is_follow_up("Vậy kết quả cuối cùng mà thủ tục này trả ra cho học sinh dân tộc thiểu số là gì?")
    assert not is_follow_up("Vậy kết quả cuối cùng mà thủ tục xét tuyển trả ra cho học sinh dân tộc thiểu số là gì?")


def test_a_field_label_is_the_questions_words_with_their_tone_marks() -> None:
    # "mà thủ tục" folds to the "ma thu tuc" of "Mã thủ tục", and is not it
    typed = "Vậy kết quả cuối cùng mà thủ tục này trả ra là gì?"
    assert not field_label_asked("Mã thủ tục: 1.005090", fold(typed), typed)
    assert field_label_asked("Mã thủ tục: 1.005090", fold(typed))  # accent-free, the question may mean it
    asked = "Thủ tục này có mã thủ tục là gì?"
    assert field_label_asked("Mã thủ tục: 1.005090", fold(asked), asked)


def test_a_stage_of_work_is_no_word_the_documents_must_hold(plan: FakeIndex) -> None:
    q = parse_query("khâu triển khai khảo sát trực tuyến có những ai chủ trì?")
    assert "khâu" not in unknown_words(q.words, plan.idf(), q.accents)


def _row(n: int, task: str, lead: str) -> Unit:
    cells = {"TT": str(n), "Nội dung công việc": task, "Thời gian thực hiện": "Trước ngày 30/6/2026",
             "Đơn vị chủ trì/phối hợp": lead}
    text = "; ".join(f"{k}: {v}" for k, v in cells.items())
    return Unit(id=f"r{n}", doc="kh", doc_title="Kế hoạch khảo sát", kind="row", locator=f"bang-2/dong-{n}",
                label=f"Bảng 2, dòng {n}", text=text, embed_text=text, cells=cells)


def test_a_row_named_by_the_question_is_not_widened_to_its_table() -> None:
    rows = [_row(1, "Ban hành kế hoạch; rà soát danh sách sinh viên", "Phòng Đào tạo; Trung tâm QLCL"),
            _row(2, "Triển khai khảo sát trực tuyến; theo dõi, đôn đốc sinh viên thực hiện",
                 "Trung tâm QLCL; các khoa; cố vấn học tập")]
    best = [Passage(rows[1], rows[1].text, 1.0, 0)]
    named = fold("khâu triển khai khảo sát trực tuyến, theo dõi, đôn đốc sinh viên có những ai chủ trì/phối hợp?")
    assert [p.unit.id for p in widened_for_several(best, rows, rows, named)] == ["r2"]
    several = fold("bảng tiến độ có những việc nào do Trung tâm QLCL chủ trì?")
    assert [p.unit.id for p in widened_for_several(best, rows, rows, several)] == ["r1", "r2"]


def test_schools_asked_by_name_and_an_answer_naming_none() -> None:
    question = fold("Đề án chọn 10 trường nào để triển khai thí điểm câu lạc bộ STEM?")
    assert names_none(question, "Triển khai thí điểm câu lạc bộ STEM tại 10 trường; [1] Tại huyện Thanh Chương có "
                                "15 trường THCS, 11 trường Tiểu học thành lập câu lạc bộ STEM. [2]")
    assert not names_none(question, "Trường THCS Nguyễn Siêu; Trường Tiểu học Lê Ngọc Hân [1]")
    assert names_a_school("140. Trường phổ thông dân tộc nội trú Bà Rịa - Vũng Tàu; [1]")
    assert names_a_school("TRƯỜNG THCS LÊ LỢI") and names_a_school("THPT Thanh Bình 1")
    assert not names_a_school("tại 10 trường thực hiện mô hình STEM")


def test_a_count_under_a_norm_per_so_many() -> None:
    line = ("đ) Được hỗ trợ kinh phí phục vụ nấu ăn cho học sinh bán trú: cứ 45 học sinh bán trú thì được hưởng 01 "
            "định mức hỗ trợ là 4.738.500 đồng/tháng, số dư từ 20 học sinh bán trú trở lên được tính 01 định mức.")
    assert norm_total(line, fold("Trường tôi có 100 học sinh bán trú thì mỗi tháng được bao nhiêu tiền?")) == \
        "(tính theo định mức: 100 : 45 = 2 định mức (số dư 10 dưới 20, không tính); 2 × 4.738.500 đồng = 9.477.000 đồng)"
    assert norm_total(line, fold("Trường có 110 học sinh bán trú thì được bao nhiêu?")) == \
        "(tính theo định mức: 110 : 45 = 3 định mức (số dư 20, từ 20 trở lên, tính thêm); 3 × 4.738.500 đồng = " \
        "14.215.500 đồng)"
    assert norm_total(line, fold("Trường có 45 học sinh bán trú được bao nhiêu tiền?")) == \
        "(tính theo định mức: 45 : 45 = 1 định mức; 1 × 4.738.500 đồng = 4.738.500 đồng)"
    assert norm_total(line, fold("Mức hỗ trợ nấu ăn là bao nhiêu?")) is None  # no count of its own
    assert norm_total(line, fold("Cứ 45 học sinh bán trú thì được bao nhiêu tiền?")) is None  # the norm repeated


def test_a_bodys_duties_under_the_heading_naming_it(plan: FakeIndex) -> None:
    history = [("user", "Trong kế hoạch khảo sát ý kiến người học, Trung tâm Quản lý chất lượng có nhiệm vụ gì?"),
               ("assistant", "Là đơn vị đầu mối tổ chức triển khai khảo sát.")]
    answer = _run(plan, "Còn Phòng Công tác sinh viên thì được giao những việc gì?", history)
    assert answer is not None
    assert answer.splitlines() == ["2. Phòng Đào tạo và Phòng Công tác sinh viên",
                                   "- Phối hợp cung cấp, rà soát thông tin người học. [1]",
                                   "- Phối hợp truyền thông, đôn đốc người học tham gia khảo sát. [2]"]
    assert _run(plan, "Còn Phòng Tài vụ thì được giao những việc gì?", history) is None  # no heading names it


def test_an_item_named_by_its_label_and_number() -> None:
    labels = [("chu de", "2")]
    assert labelled_item("- Chủ đề 2: Tìm hiểu hệ thống đào tạo từ trung cấp đến đại học.", labels)
    assert not labelled_item("- Chủ đề 12: Kỹ năng mềm.", labels)
    assert not labelled_item("Chương trình Hướng nghiệp với chủ đề 2 buổi", labels)


def test_a_group_number_or_a_table_number_is_no_case_of_the_askers() -> None:
    assert not _names_a_case("Theo bảng chức năng chi tiết của gói QLBV 2026, mục 9 gồm những chức năng nào?")
    assert not _names_a_case("Phụ lục 2 có những trường nào?")
    assert _names_a_case("Tuần 10 mất 7 tiết thì bù vào những tuần nào?")


def test_a_target_share_of_a_total_and_how_many_more() -> None:
    question = fold("Năm 2023 đã có 465/595 cơ sở triển khai thanh toán không dùng tiền mặt. Để đạt chỉ tiêu 80% năm "
                    "2024 cần bao nhiêu cơ sở, phải tăng thêm bao nhiêu?")
    assert target_count([], question) == "(tính: 80% × 595 = 476; cần thêm 476 − 465 = 11)"
    # the share from the quoted target line, rounded up
    assert target_count(["Phấn đấu 85% trường đạt chuẩn quốc gia."],
                        fold("Hiện có 30/47 trường đạt chuẩn, cần thêm bao nhiêu trường để đạt chỉ tiêu?")) == \
        "(tính: 85% × 47 = 40 (làm tròn lên); cần thêm 40 − 30 = 10)"
    assert target_count([], fold("Tỷ lệ 465/595 là bao nhiêu phần trăm?")) is None
