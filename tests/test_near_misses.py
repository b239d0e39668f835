"""Near misses (issue 16, round 12): questions about the topic of a passage that asks for a fact it does not give, and
questions worded so that a check misread them. Small documents the tests write, worded like the development
documents: a count of lessons or questions answered by a text giving none; alternatives none of which any document
names; a table counted for a noun the question names only in naming the school; a single syllable found inside
another word ("câu" in "yêu cầu"); a document's number read as a year; an abbreviation the document's name
spells; a group named with words in brackets; the word for what is listed that the text never uses."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.qa.compose import asked_years, offered_words, other_year
from tests.fakes import FakeIndex, index_of_text

SURVEY = """# KẾ HOẠCH KHẢO SÁT SỰ HÀI LÒNG CỦA SINH VIÊN NĂM 2026

## I. Đối tượng khảo sát

Đối tượng khảo sát là sinh viên thuộc 03 khoa được Nhà trường lựa chọn theo yêu cầu tại Công văn số 2637/BGDĐT-VP, gồm:

| TT | Khoa tham gia khảo sát | Đối tượng khảo sát |
|---|---|---|
| 1 | Khoa Cơ khí | Sinh viên năm cuối |
| 2 | Khoa Công nghệ Thông tin | Sinh viên năm cuối |
| 3 | Khoa Thương mại | Sinh viên năm cuối |

## II. Các bước thực hiện

Bước 1: Trung tâm Quản lý chất lượng xây dựng kế hoạch khảo sát, trình Hiệu trưởng phê duyệt.

Bước 2: Sinh viên truy cập hệ thống, đọc kỹ hướng dẫn và trả lời đầy đủ các câu hỏi trong phiếu khảo sát.

Bước 3: Trung tâm Quản lý chất lượng tổng hợp kết quả, báo cáo Hiệu trưởng.

## III. Căn cứ

Căn cứ Công văn số 1910/SGDĐT-GDTH ngày 24 tháng 4 năm 2023 của Sở Giáo dục và Đào tạo về hướng dẫn khảo sát, \
theo Công văn số 909/BGDĐT-GDTH ngày 08/3/2023 của Bộ Giáo dục và Đào tạo.

Thực hiện Thông tư số 32/2018/TT-BGDĐT ngày 26/12/2018 của Bộ trưởng Bộ Giáo dục và Đào tạo.
"""

SOFTWARE = """# YÊU CẦU KỸ THUẬT THUÊ PHẦN MỀM QUẢN LÝ BỆNH VIỆN NĂM 2026

## Bảng chức năng chi tiết

| STT | Tên phân hệ/chức năng | Ghi chú |
|---|---|---|
| 1 | Quản lý dược (thông tin thuốc) | |
| 1.1 | Nhập kho thuốc | |
| 1.2 | Xuất kho thuốc | |
| 1.3 | Tra cứu thẻ kho | |
| 2 | Quản lý viện phí | |
| 2.1 | Thu tạm ứng | |
| 2.2 | Hoàn ứng | |
"""

LESSONS = """# HƯỚNG DẪN XÂY DỰNG KẾ HOẠCH GIÁO DỤC CỦA NHÀ TRƯỜNG CẤP TIỂU HỌC

## 1. Thời lượng

Nhà trường tổ chức dạy học 2 buổi/ngày, mỗi ngày bố trí không quá 7 tiết học, mỗi tiết 35 phút.

Hàng tháng, tổ chuyên môn tổ chức các buổi sinh hoạt chuyên môn theo nghiên cứu bài học; nội dung do tổ trưởng đề xuất.

## 2. Tổ chức hoạt động dạy học

Khi tổ chức hoạt động dạy học (thực hiện kế hoạch bài dạy), giáo viên cần chú ý một số nội dung sau: chuyển giao \
nhiệm vụ học tập; theo dõi, hỗ trợ học sinh thực hiện nhiệm vụ; tổ chức cho học sinh trình bày kết quả và thảo luận.
"""


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("survey"), "ke-hoach-khao-sat.md", SURVEY)


@pytest.fixture(scope="module")
def software(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("software"), "yeu-cau-phan-mem.md", SOFTWARE)


@pytest.fixture(scope="module")
def lessons(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("lessons"), "huong-dan-tieu-hoc.md", LESSONS)


def test_a_count_of_steps_is_not_the_row_count_of_a_table_naming_the_school(survey: FakeIndex) -> None:
    # "trường" is in the question (the school's plan) and in the table's lead-in ("Nhà trường lựa chọn"): the
    # table of faculties still counts no steps
    r = Answerer(survey).ask("Kế hoạch khảo sát của trường có tất cả bao nhiêu bước thực hiện?")
    assert "Khoa Cơ khí" not in r.answer
    assert not r.answer.startswith("Có 3")


def test_a_count_of_questions_is_not_answered_by_a_text_giving_none(survey: FakeIndex) -> None:
    # "câu hỏi" is not the "cầu" of "yêu cầu" in the table's lead-in, and the step that mentions the questions
    # does not say how many
    r = Answerer(survey).ask("Phiếu khảo sát sự hài lòng của sinh viên gồm bao nhiêu câu hỏi?")
    assert r.abstained


def test_a_documents_number_is_not_a_year_asked_about(survey: FakeIndex) -> None:
    assert asked_years("cái công văn 1910 đó lại thực hiện theo công văn nào của Bộ?") == set()
    assert asked_years("Công văn 1910/SGDĐT-GDTH hướng dẫn gì?") == set()
    assert asked_years("kinh phí năm 2026 là bao nhiêu?") == {"2026"}
    assert asked_years("kế hoạch 2024 có bao nhiêu nhiệm vụ?") == {"2024"}  # the plan of that year
    assert not other_year("công văn 1910 thực hiện theo công văn nào?", "Thực hiện Thông tư số 32/2018/TT-BGDĐT")
    r = Answerer(survey).ask("Công văn 1910 thực hiện theo công văn nào của Bộ Giáo dục và Đào tạo?")
    assert not r.abstained
    assert "909/BGDĐT-GDTH" in r.answer


def test_a_group_named_in_brackets_and_an_abbreviation_the_name_spells(software: FakeIndex) -> None:
    r = Answerer(software).ask("phan mem QLBV: phan he quan ly duoc (thong tin thuoc) co bao nhieu chuc nang chi tiet?")
    assert not r.abstained
    assert r.answer.startswith("Có 3")
    assert "Tra cứu thẻ kho" in r.answer and "Thu tạm ứng" not in r.answer


def test_lessons_counted_need_a_number_beside_them(lessons: FakeIndex) -> None:
    r = Answerer(lessons).ask("Mỗi tiết học ở tiểu học kéo dài bao nhiêu phút?")
    assert not r.abstained and "35 phút" in r.answer
    r = Answerer(lessons).ask("Hàng tháng tổ chuyên môn tổ chức bao nhiêu buổi sinh hoạt chuyên môn?")
    assert r.abstained  # the line about those sessions gives no number of them


def test_the_word_for_what_is_listed_may_be_one_the_text_never_uses(lessons: FakeIndex) -> None:
    r = Answerer(lessons).ask("Khi tổ chức hoạt động dạy học, giáo viên tiểu học cần chú ý những khâu nào?")
    assert not r.abstained
    assert "chuyển giao" in r.answer


def test_alternatives_no_document_names_are_asked_of_documents_that_do_not_say() -> None:
    assert offered_words("Lớp học trực tiếp hay online?", names_too=False) == {"truc", "tiep", "online"}
    assert offered_words("Lớp học qua nền tảng nào, Zoom hay Google Meet?", names_too=False) == set()
    assert offered_words("Lớp học qua nền tảng nào, Zoom hay Google Meet?") == {"zoom", "google", "meet"}


def test_a_platform_no_document_names_is_not_answered(tmp_path) -> None:
    notice = "# LỊCH BỒI DƯỠNG STEM THÁNG 12\n\n## Hình thức\n\nLớp Phương pháp dạy học STEM: học trực tuyến từ 8g00 trên nền tảng của Trung tâm.\n"
    index = index_of_text(tmp_path, "lich-stem.md", notice)
    assert Answerer(index).ask("Lớp Phương pháp dạy học STEM học trực tuyến qua nền tảng nào, Zoom hay Google Meet?").abstained
    assert not Answerer(index).ask("Lớp Phương pháp dạy học STEM học trực tiếp hay online?").abstained


PROCEDURE = """# THỦ TỤC XÉT TUYỂN SINH VÀO TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ

Tên thủ tục: Xét tuyển sinh vào trường phổ thông dân tộc nội trú

Cấp thực hiện: Cấp Tỉnh, Cấp Xã

Loại thủ tục: TTHC được luật giao quy định chi tiết

Kết quả thực hiện: Danh sách thí sinh được tuyển vào học tại trường phổ thông dân tộc nội trú

## 1. Trình tự thực hiện

c) Tuyển thẳng vào trường PTDTNT các đối tượng sau:
- Học sinh dân tộc thiểu số rất ít người theo quy định của Chính phủ;
- Học sinh trung học cơ sở đạt giải cấp quốc gia về văn hóa, văn nghệ, thể thao.

## 4. Tổ chức hoạt động dạy học

4. Khi tổ chức hoạt động dạy học, giáo viên cần chú ý một số nội dung sau:

a) Chuyển giao nhiệm vụ học tập: nhiệm vụ rõ ràng, phù hợp với khả năng của học sinh.

b) Tổ chức cho học sinh thực hiện nhiệm vụ học tập: khuyến khích học sinh hợp tác.

c) Tổ chức cho học sinh trình bày kết quả và thảo luận.
"""


@pytest.fixture(scope="module")
def procedure(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("procedure"), "thu-tuc-xet-tuyen.md", PROCEDURE)


def test_a_field_labelled_with_the_words_asked_answers() -> None:
    from assistant.qa.compose import field_label_asked

    assert field_label_asked("Cấp thực hiện: Cấp Tỉnh, Cấp Xã", "thu tuc nay duoc thuc hien o cap nao?")
    assert field_label_asked("Loại thủ tục: TTHC được luật giao", "thu tuc thuoc loai thu tuc hanh chinh nao?")
    assert not field_label_asked("Tên thủ tục: Xét tuyển sinh", "thu tuc thuoc loai thu tuc hanh chinh nao?")
    assert not field_label_asked("Kinh phí: 60 triệu đồng", "kinh phi giai doan 1 la bao nhieu?")  # no field asked


def test_the_procedures_level_is_read_from_its_field(procedure: FakeIndex) -> None:
    r = Answerer(procedure).ask("Thủ tục xét tuyển vào trường phổ thông dân tộc nội trú được thực hiện ở cấp nào?")
    assert not r.abstained
    assert "Cấp Tỉnh, Cấp Xã" in r.answer


def test_a_list_announced_is_quoted_with_its_items(procedure: FakeIndex) -> None:
    r = Answerer(procedure).ask("Những học sinh nào được tuyển thẳng vào trường phổ thông dân tộc nội trú?")
    assert not r.abstained
    assert "rất ít người" in r.answer and "giải cấp quốc gia" in r.answer  # both items, in the unit and after it


def test_points_announced_in_units_of_their_own_are_quoted(procedure: FakeIndex) -> None:
    r = Answerer(procedure).ask("Khi tổ chức hoạt động dạy học, giáo viên cần chú ý những khâu nào?")
    assert not r.abstained
    for point in ("Chuyển giao nhiệm vụ", "thực hiện nhiệm vụ", "trình bày kết quả"):
        assert point in r.answer


TRAINING = """# LỊCH BỒI DƯỠNG GIÁO DỤC STEM THÁNG 12 NĂM 2025

## 1. Thời gian

Lớp Phương pháp dạy học STEM học trực tuyến từ ngày 13/12/2025 đến ngày 20/12/2025.

## 2. Đối tượng

Đối tượng tham gia bồi dưỡng: Cán bộ quản lý, giáo viên Tiểu học, THCS, THPT của các cơ sở giáo dục trên địa bàn \
thành phố đăng ký tham gia bồi dưỡng tại địa chỉ https://taphuan.hcm.edu.vn

## 3. Học phí

Học phí: 1.500.000 đồng/học viên, chuyển khoản trước ngày khai giảng.
"""


def test_a_level_the_asker_names_while_asking_which_levels_is_checked_not_filtered(tmp_path) -> None:
    index = index_of_text(tmp_path, "cv-lich-boi-duong-stem.md", TRAINING)
    r = Answerer(index).ask("Giáo viên mầm non có đăng ký tham gia bồi dưỡng STEM được không, hay chỉ dành cho "
                            "giáo viên cấp nào?")
    assert not r.abstained and "Tiểu học, THCS, THPT" in r.answer, r.answer
    # a level the passage does not cover, where the question does not ask whom it is for: still no answer
    r = Answerer(index).ask("Giáo viên mầm non học lớp STEM thì học phí được giảm bao nhiêu?")
    assert r.abstained, r.answer
