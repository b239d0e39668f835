"""Issue 16, round 20: days counted between a date the question writes (or the day a document was issued, read
from its header or from its legal bases) and a date of the passage; the fee line a total of the asker's quantity
needs, wherever retrieval ranked it; a role added to the teachers the asker sends; a table whose one group, or no
row, names what the question counts or the place it asks about. Literal strings from the development documents,
and small documents the tests write."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answerer import Answerer
from assistant.answering.document_facts import asked_fields
from assistant.qa.rates import given_quantity
from assistant.qa.spans import cited_date, given_gap, refers_to_issue
from ingest.tags import levels_of
from ingest.text import fold
from tests.fakes import FakeIndex, index_of_text

SURVEY_ROW = ("TT: 3; Nội dung công việc: Triển khai khảo sát trực tuyến; theo dõi, đôn đốc sinh viên thực hiện; "
              "Thời gian thực hiện: 29/6/2026 - 09/7/2026; Đơn vị chủ trì/phối hợp: Trung tâm QLCL; các khoa")
REPORT_LINE = ("Thời gian tổng hợp, hoàn thiện báo cáo kết quả khảo sát: từ ngày 10/7/2026 đến ngày 13/7/2026; hoàn "
               "thành việc gửi báo cáo theo yêu cầu của Bộ Giáo dục và Đào tạo trước ngày 15/7/2026.")
BASIS = ("Căn cứ Công văn số 2637/BGDĐT-VP ngày 15 tháng 5 năm 2026 của Bộ Giáo dục và Đào tạo về việc hướng dẫn "
         "khảo sát, xác định chỉ số hài lòng;")


def test_days_from_a_date_the_question_writes_to_the_start_of_the_passage_period() -> None:
    q = fold("Kế hoạch khảo sát ký ngày 23/6/2026; từ ngày ký đến ngày bắt đầu cho sinh viên làm khảo sát cách nhau "
             "mấy ngày?")
    assert not refers_to_issue(q)  # the signing day is the one the question writes
    gap = given_gap([SURVEY_ROW], q)
    assert gap is not None and "cách nhau 6 ngày, từ 23/06/2026 đến 29/06/2026" in gap, gap
    # the period's end when the question counts to its end; nothing when it says neither end
    end = given_gap([SURVEY_ROW], fold("Tính từ ngày 23/6/2026 đến khi kết thúc khảo sát là bao nhiêu ngày?"))
    assert end is not None and "16 ngày" in end, end
    assert given_gap([SURVEY_ROW], fold("Từ ngày 23/6/2026 đến đợt khảo sát là bao nhiêu ngày?")) is None
    # a period the given date opens: its other end
    opened = given_gap(["Thời hạn tiếp nhận báo giá: từ ngày 27/02/2026 đến ngày 05/3/2026."],
                       fold("Thời hạn nhận báo giá bắt đầu ngày 27/02/2026; ngày kết thúc cách đó bao nhiêu ngày?"))
    assert opened is not None and "cách nhau 6 ngày" in opened, opened


def test_days_from_a_cited_document_to_a_deadline() -> None:
    q = fold("Tính từ ngày Bộ GDĐT ban hành Công văn 2637 hướng dẫn khảo sát chỉ số hài lòng đến hạn Trường phải gửi "
             "báo cáo kết quả về Bộ là bao nhiêu ngày?")
    assert refers_to_issue(q)
    issued = cited_date(["Thời gian khảo sát", BASIS], q)
    assert issued == date(2026, 5, 15)
    gap = given_gap([REPORT_LINE], q, issued)  # the deadline "trước ngày 15/7/2026", not the period's 13/7
    assert gap is not None and "cách nhau 61 ngày, từ 15/05/2026 đến 15/07/2026" in gap, gap
    assert cited_date([BASIS], fold("Công văn 9999 ban hành ngày nào, cách bao nhiêu ngày?")) is None


@pytest.mark.parametrize("question", ["Học sinh đăng ký ngày nào?", "Kỹ thuật viên ký ngày 12/3/2025 thì sao?",
                                      "Học kỳ 1 bắt đầu ngày nào?"])
def test_what_is_not_counting_from_the_issue_day(question: str) -> None:
    assert not refers_to_issue(fold(question))


GUIDE_TXT = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 2345/BGDĐT-GDTH
V/v hướng dẫn xây dựng kế hoạch giáo dục của nhà trường cấp tiểu học

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Nội, ngày 07 tháng 06 năm 2021

Kính gửi: Các Sở Giáo dục và Đào tạo

1. Nhà trường xây dựng kế hoạch giáo dục, hiệu trưởng phê duyệt và ban hành trước ngày 31 tháng 8 hằng năm.

2. Các Sở Giáo dục và Đào tạo chỉ đạo, kiểm tra việc xây dựng kế hoạch giáo dục của nhà trường.
"""


@pytest.fixture(scope="module")
def guide(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("guide"), "cong-van-2345.txt", GUIDE_TXT)


def test_days_from_the_issue_day_to_a_date_the_question_writes(guide: FakeIndex) -> None:
    q = ("Tính từ ngày Bộ GDĐT ký Công văn 2345 hướng dẫn xây dựng kế hoạch giáo dục nhà trường cấp tiểu học đến hạn "
         "ban hành kế hoạch giáo dục của năm học đầu tiên (31/8/2021) thì các trường có bao nhiêu ngày?")
    assert asked_fields(fold(q)) == ()  # a count of days, not the date of signing alone
    answer = Answerer(guide).respond(guide, q)
    assert not answer.abstained, answer.answer
    assert answer.answer.startswith("Ngày ban hành: 07/06/2021"), answer.answer
    assert "cách nhau 85 ngày, từ 07/06/2021 đến 31/08/2021" in answer.answer
    # the signing date alone is still the header's fact
    signed = Answerer(guide).respond(guide, "Công văn 2345 hướng dẫn kế hoạch giáo dục tiểu học ký ngày nào?")
    assert "07/06/2021" in signed.answer and "cách nhau" not in signed.answer, signed.answer


NOTICE = """# THÔNG BÁO

Lịch bồi dưỡng các lớp STEM tháng 12/2025 của Trung tâm Thông tin và Chương trình Giáo dục

## 1. Lịch học

| STT | Tên lớp | Ngày bắt đầu | Ngày kết thúc | Hình thức học |
|---|---|---|---|---|
| 1 | Phương pháp dạy học STEM | Thứ Bảy 13/12/2025 | Thứ Bảy 20/12/2025 | Học trực tuyến từ 8g00-16g30 |
| 2 | Thiết kế bài học STEM tiểu học | Chủ nhật 14/12/2025 | Chủ nhật 21/12/2025 | Học trực tuyến từ 8g00-16g30 |

## 2. Đối tượng

Cán bộ quản lý, giáo viên Tiểu học, THCS, THPT của các cơ sở giáo dục trên địa bàn thành phố.

## 3. Học phí và hình thức thanh toán

Học phí: 500.000 đồng/học viên (năm trăm nghìn đồng).
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("notice"), "lich-stem.md", NOTICE)


def test_a_role_added_to_the_teachers_sent_is_counted_with_them() -> None:
    given = given_quantity(fold("Tổ tôi có 4 giáo viên THCS và thêm 1 phó hiệu trưởng đăng ký lớp STEM. Cả tổ phải "
                                "chuyển tổng cộng bao nhiêu tiền học phí?"))
    assert given is not None and given.count == 5
    assert given_quantity(fold("cử 1 hiệu trưởng thì tổng học phí là bao nhiêu?")) is None  # one person: no sum


def test_a_fee_per_attendee_is_no_level() -> None:
    assert levels_of("Học phí: 500.000 đồng/học viên (năm trăm nghìn đồng).") == set()
    assert levels_of("Mỗi học viên được cấp tài liệu.") == set()
    assert levels_of("Học viên các trung tâm giáo dục thường xuyên") == {"gdtx"}


def test_the_fee_line_answers_a_total_whatever_ranks_first(notice: FakeIndex) -> None:
    """The class's row holds most of the question's words; the total is read off the fee line."""
    answer = Answerer(notice).respond(notice, "truong toi co 12 giao vien tieu hoc muon hoc lop Phuong phap day hoc "
                                              "STEM thang 12/2025, tong hoc phi phai chuyen la bao nhieu?")
    assert not answer.abstained, answer.answer
    assert "12 × 500.000 đồng = 6.000.000 đồng" in answer.answer, answer.answer


SOFTWARE_MD = """# YÊU CẦU KỸ THUẬT

Thuê phần mềm quản lý bệnh viện năm 2026

| STT | Tên chức năng | Ghi chú |
|---|---|---|
| 1 | Quản lý khám bệnh | |
| 1.1 | Tiếp nhận bệnh nhân | |
| 1.2 | Chỉ định dịch vụ | |
| 1.3 | Kê đơn thuốc | |
| 1.4 | In phiếu khám | |
| 2 | Quản lý phòng bệnh, giường bệnh | |
| 2.1 | Thêm giường | |
| 2.2 | Kê giường | |
| 3 | Quản lý viện phí | |
| 3.1 | Thu tạm ứng | |
| 3.2 | Thanh toán ra viện | |
| 3.3 | Hoàn ứng | |
"""


@pytest.fixture(scope="module")
def software(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("software"), "yeu-cau-phan-mem.md", SOFTWARE_MD)


def test_one_group_title_does_not_say_what_the_table_lists(software: FakeIndex) -> None:
    """"giường bệnh" is the title of one group of functions: the table is no list of beds."""
    answer = Answerer(software).respond(software, "Bệnh viện hiện có bao nhiêu giường bệnh?")
    assert not answer.answer.startswith("Có 9 giường bệnh"), answer.answer
    assert "giường bệnh, theo Bảng" not in answer.answer, answer.answer


SCHOOLS_MD = """# ĐỀ ÁN

Triển khai giáo dục STEM tại tỉnh Nghệ An

## 1. Kinh nghiệm trong nước

Tại thành phố Vinh, nhiều trường tiểu học và THCS đã đưa giáo dục STEM vào hoạt động chính khóa.

Bảng 2. Các trường đã triển khai giáo dục STEM

| TT | Địa phương | Trường |
|---|---|---|
| 1 | TP Hà Nội | Trường Tiểu học Đoàn Thị Điểm |
| 2 | TP Hà Nội | Trường Tiểu học Nam Thành Công |
| 3 | TP Hồ Chí Minh | Trường THCS Nguyễn Du |
"""


@pytest.fixture(scope="module")
def schools(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("schools"), "de-an-stem.md", SCHOOLS_MD)


def test_a_place_no_row_names_is_not_counted_from_the_table(schools: FakeIndex) -> None:
    answer = Answerer(schools).respond(
        schools, "Theo đề án STEM Nghệ An, thành phố Vinh có bao nhiêu trường đã đưa STEM vào chương trình chính khóa?")
    assert not answer.answer.startswith("Có 3 trường"), answer.answer
    listed = Answerer(schools).respond(schools, "Thành phố Hà Nội có những trường nào đã triển khai giáo dục STEM?")
    assert "Đoàn Thị Điểm" in listed.answer, listed.answer  # a place the rows name is still listed


FORMS_MD = """# YÊU CẦU KỸ THUẬT

Phần mềm quản lý bệnh viện: danh sách các chức năng và phiếu in phải có.

| STT | Tên chức năng |
|---|---|
| 1 | Quản lý khám bệnh |
| 1.1 | Tiếp nhận bệnh nhân |
| 1.2 | Kê đơn thuốc |
| 2 | Phiếu in |
| 2.1 | Phiếu khám bệnh |
| 2.2 | Đơn thuốc gây nghiện |
| 2.3 | Đơn thuốc thường |
| 2.4 | Đơn thuốc đông y |
| 2.5 | Giấy ra viện |
| 3 | Báo cáo |
| 3.1 | Báo cáo doanh thu |
| 3.2 | Báo cáo tồn kho |
"""


def test_the_rows_a_noun_names_are_listed_not_the_table(tmp_path) -> None:
    """"những loại đơn thuốc nào": the rows named "Đơn thuốc …" (the table lists functions, not prescriptions)."""
    forms = index_of_text(tmp_path, "phieu-in.md", FORMS_MD)
    answer = Answerer(forms).respond(forms, "Trong danh sách phiếu in, phần mềm phải in được những loại đơn thuốc nào?")
    assert answer.answer.startswith("Có 3 mục (tên bắt đầu bằng «Đơn thuốc …»"), answer.answer
    assert "Đơn thuốc đông y" in answer.answer and "Giấy ra viện" not in answer.answer


PROGRAMMES_MD = """# KẾ HOẠCH

Tổ chức chương trình hướng nghiệp và tư vấn tuyển sinh năm học 2025-2026

## 1. Chương trình hướng nghiệp chủ đề "Chọn nghề trong kỷ nguyên AI"

### 1.1. Thời gian

Từ tháng 10/2025 đến tháng 3/2026.

### 1.2. Danh sách chuyên gia, báo cáo viên

- Ông Nguyễn Công Kỳ, Trưởng phòng Nghiệp vụ;
- TS. Lưu Trung Thủy, Trưởng Ban Công tác Sinh viên;
- TS. Nguyễn Đức Nghĩa, Nguyên Phó Giám đốc;
- ThS. Chế Dạ Thảo, Chuyên gia Tâm lý - Kỹ năng.

## 2. Chương trình tư vấn tuyển sinh "Đúng ngành nghề"

### 2.1. Danh sách chuyên gia, báo cáo viên

- Ông Nguyễn Công Kỳ, Trưởng phòng Nghiệp vụ;
- TS. Hà Thúc Viên, Phó Hiệu trưởng;
- TS. Trần Đình Lý, Phó Hiệu trưởng.

### 2.2. Số lượng học sinh tham dự

Dự kiến khoảng 150.000 học sinh.
"""


@pytest.fixture(scope="module")
def programmes(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("programmes"), "ke-hoach-huong-nghiep.md", PROGRAMMES_MD)


def test_people_counted_in_the_list_the_question_names(programmes: FakeIndex) -> None:
    """"Danh sách chuyên gia, báo cáo viên của chương trình hướng nghiệp … có bao nhiêu người?": the persons of that
    programme's list (its title written with a comma, as the question writes it), not the other programme's."""
    answer = Answerer(programmes).respond(
        programmes, "Danh sách chuyên gia, báo cáo viên của chương trình hướng nghiệp chủ đề chọn nghề trong kỷ "
                    "nguyên AI có bao nhiêu người?")
    assert answer.answer.startswith("Có 4 người trong «Danh sách chuyên gia, báo cáo viên»"), answer.answer
    assert "Chế Dạ Thảo" in answer.answer
    # people the text states as a figure are still quoted, not counted from a list
    stated = Answerer(programmes).respond(programmes, "Chương trình tư vấn tuyển sinh có bao nhiêu học sinh tham dự?")
    assert "150.000 học sinh" in stated.answer and not stated.answer.startswith("Có 3"), stated.answer


DECREE_MD = """# NGHỊ ĐỊNH

Quy định chính sách cho học sinh vùng đồng bào dân tộc thiểu số

## Điều 14. Tổ chức thực hiện

### 1. Bộ Giáo dục và Đào tạo

a) Hướng dẫn, kiểm tra việc thực hiện chính sách tại các cơ sở giáo dục.

### 2. Bộ Dân tộc và Tôn giáo

a) Phối hợp kiểm tra việc thực hiện chính sách.

b) Hướng dẫn các trường dự bị đại học quy định danh mục trang cấp đồ dùng cá nhân, học phẩm cho học sinh.
"""


def test_the_body_a_task_stands_under_answers_which_body(tmp_path) -> None:
    decree = index_of_text(tmp_path, "nghi-dinh.md", DECREE_MD)
    answer = Answerer(decree).respond(decree, "Bộ nào hướng dẫn các trường dự bị đại học quy định danh mục trang cấp "
                                              "đồ dùng cá nhân, học phẩm?")
    assert answer.answer.startswith("Bộ Dân tộc và Tôn giáo: b) Hướng dẫn các trường dự bị đại học"), answer.answer
    # a question that asks no body: the item as it stands
    what = Answerer(decree).respond(decree, "Danh mục trang cấp đồ dùng cá nhân, học phẩm do các trường dự bị đại học "
                                            "quy định theo hướng dẫn nào?")
    assert not what.answer.startswith("Bộ Dân tộc"), what.answer


def test_a_time_of_day_asked_needs_one_in_the_passage() -> None:
    from assistant.answering.fact_answers import lacks_asked_value

    q = fold("Công văn 2345 quy định buổi sáng học sinh vào học lúc mấy giờ?")
    assert lacks_asked_value(q, ["Tổ chức dạy học 2 buổi/ngày, mỗi ngày bố trí không quá 7 tiết học."])
    assert not lacks_asked_value(q, ["Buổi sáng: vào học lúc 7g15, tan học lúc 10g45."])
    assert not lacks_asked_value(fold("Lớp học trực tuyến bắt đầu từ mấy giờ?"), ["Học trực tuyến từ 8g00-16g30"])


def test_a_resolution_number_with_a_letter_dates_it() -> None:
    from assistant.qa.spans import date_gap

    line = ("Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ; Nghị định số 63/2010/NĐ-CP ngày "
            "08/6/2010 của Chính phủ về Kiểm soát thủ tục hành chính; Nghị định số 20/2008/NĐ-CP ngày 14/02/2008")
    gap = date_gap([line], fold("Nghị định 63/2010 ra đời trước Nghị quyết 30c/NQ-CP khoảng bao lâu?"))
    assert gap is not None and "từ 08/06/2010 đến 08/11/2011" in gap and "1 năm 5 tháng" in gap, gap


CONTACTS_MD = """# CÔNG VĂN

Lịch bồi dưỡng các lớp STEM tháng 12/2025 của Trung tâm Thông tin và Chương trình Giáo dục

## 1. Học phí

Học phí: 500.000 đồng/học viên, chuyển khoản vào tài khoản của Công ty Cổ phần Giáo dục KDI.

## 2. Liên hệ

Trung tâm Thông tin và Chương trình Giáo dục, địa chỉ 66 - 68 Lê Thánh Tôn, Phường Sài Gòn, Thành phố Hồ Chí Minh.
"""


def test_an_address_asked_of_one_body_is_not_another_bodys(tmp_path) -> None:
    letter = index_of_text(tmp_path, "lich-stem.md", CONTACTS_MD)
    other = Answerer(letter).respond(letter, "Công ty Cổ phần Giáo dục KDI, đơn vị nhận học phí lớp STEM tháng 12/2025 "
                                             "của Trung tâm Thông tin và Chương trình Giáo dục, có trụ sở ở đâu?")
    assert other.abstained, other.answer
    own = Answerer(letter).respond(letter, "Trung tâm Thông tin và Chương trình Giáo dục có địa chỉ ở đâu?")
    assert "66 - 68 Lê Thánh Tôn" in own.answer, own.answer


FACULTIES_MD = """# KẾ HOẠCH

Khảo sát sự hài lòng của sinh viên năm 2026

## 1. Các khoa tham gia khảo sát

| TT | Khoa tham gia khảo sát | Đối tượng khảo sát |
|---|---|---|
| 1 | Khoa Công nghệ Cơ khí | Sinh viên được chọn mẫu |
| 2 | Khoa Công nghệ Thông tin | Sinh viên được chọn mẫu |
| 3 | Khoa Sinh học và Môi trường | Sinh viên được chọn mẫu |
| 4 | Khoa Tài chính - Kế toán | Sinh viên được chọn mẫu |
| 5 | Khoa Thương mại | Sinh viên được chọn mẫu |

## 2. Thời gian

Khảo sát vào thứ 7, ngày 13/6/2026.
"""


def test_rows_asked_by_their_place(tmp_path) -> None:
    from assistant.answering.ordinal_rows import asked_places

    assert asked_places(fold("khoa đứng thứ 3 và thứ 4 là những khoa nào?")) == [3, 4]
    assert asked_places(fold("lớp học vào thứ 7, ngày 13/12/2025 hay thứ 7 (20/12)?")) == []  # weekdays
    plan = index_of_text(tmp_path, "khao-sat.md", FACULTIES_MD)
    answer = Answerer(plan).respond(plan, "Trong bảng các khoa tham gia khảo sát, khoa đứng thứ 3 và thứ 4 là những "
                                          "khoa nào?")
    lines = answer.answer.splitlines()
    assert lines[0].startswith("Thứ 3: ") and "Khoa Sinh học và Môi trường" in lines[0], answer.answer
    assert lines[1].startswith("Thứ 4: ") and "Khoa Tài chính - Kế toán" in lines[1], answer.answer
    assert "Khoa Thương mại" not in answer.answer


def test_a_monthly_amount_over_the_months_a_year() -> None:
    from assistant.qa.rates import yearly_total

    line = ("Hỗ trợ tiền ăn trưa: Mỗi trẻ em nhà trẻ được hỗ trợ mỗi tháng là 360.000 đồng và được hưởng không quá "
            "9 tháng/năm học.")
    q = fold("Một trẻ nhà trẻ bán trú hưởng đủ số tháng tối đa thì cả năm học được hỗ trợ tiền ăn trưa tổng cộng "
             "bao nhiêu?")
    assert yearly_total(line, q) == "(tính cho cả năm: 9 tháng × 360.000 đồng = 3.240.000 đồng)"
    assert yearly_total(line, fold("Mỗi tháng trẻ được hỗ trợ tiền ăn trưa bao nhiêu?")) is None  # a month asked
    two = line + " Học sinh được hỗ trợ mỗi tháng là 936.000 đồng, không quá 9 tháng/năm học."
    assert yearly_total(two, q) is None  # two monthly amounts: which one is the reader's call


PROCEDURE_MD = """# THỦ TỤC HÀNH CHÍNH

Xét tuyển sinh vào trường phổ thông dân tộc nội trú

## 2. Tổ chức tuyển sinh

b) Đảm bảo các quy định tại Quy chế tuyển sinh trung học cơ sở và trung học phổ thông.

c) Tuyển thẳng vào trường PTDTNT các đối tượng sau:

- Học sinh dân tộc thiểu số rất ít người quy định tại Nghị định số 57/2017/NĐ-CP;

- Học sinh trung học cơ sở đạt giải cấp quốc gia do Bộ Giáo dục và Đào tạo tổ chức.

d) Hồ sơ gồm 02 bộ.
"""


def test_the_items_an_announcement_lists_are_counted(tmp_path) -> None:
    from assistant.qa.widen import announced_count

    procedure = index_of_text(tmp_path, "thu-tuc.md", PROCEDURE_MD)
    answer = Answerer(procedure).respond(procedure, "Theo thủ tục này, có mấy nhóm đối tượng được tuyển thẳng vào "
                                                    "trường PTDTNT?", filters={"doc": "thu-tuc"})
    assert "(đếm được: 2 mục sau «c) Tuyển thẳng vào trường PTDTNT các đối tượng sau»)" in answer.answer, answer.answer
    assert "Nghị định số 57/2017" in answer.answer and "đạt giải cấp quốc gia" in answer.answer
    # an announcement of something else is not counted for the noun asked
    units = [u for u in procedure.documents[0].units if u.kind == "section"]
    first = next(u for u in units if "các đối tượng sau" in u.text)
    from assistant.qa.compose import Passage

    assert announced_count([Passage(first, first.text, 1.0, 0)], units, fold("có mấy bộ hồ sơ?")) is None


def test_an_announcement_stating_its_count_is_not_counted_again() -> None:
    from assistant.qa.compose import Passage
    from assistant.qa.widen import announced_count
    from ingest.models import Unit

    text = ("Chương trình Hướng nghiệp - Tuyển sinh lần thứ 18 gồm 05 chương trình như sau:\n- Chương trình A.\n"
            "- Chương trình B.\n- Chương trình C.\n- Chương trình D.\n- Chương trình E.")
    unit = Unit(id="u1", doc="kh", doc_title="Kế hoạch", kind="section", locator="II", label="II", text=text,
                embed_text=text)
    assert announced_count([Passage(unit, text, 1.0, 0)], [unit], fold("gồm mấy chương trình?")) is None
    plain = text.replace("gồm 05 chương trình như sau", "gồm các chương trình sau")
    unit2 = unit.model_copy(update={"text": plain, "embed_text": plain})
    found = announced_count([Passage(unit2, plain, 1.0, 0)], [unit2], fold("gồm mấy chương trình?"))
    assert found is not None and found[1] == 5
