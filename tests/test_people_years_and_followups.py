"""Issue 16, round 24: a follow-up that points at a person ("Bà ấy …") or opens with "Vậy …"; a year's total of a
thing given by the month ("15 kg gạo mỗi tháng … 9 tháng/năm học"); a login account that is no bank account; a
person, a source of funds, an allowance or a count of things asked that the passages do not give; the asker's own
office ("sở mình") no word the documents must hold; a part's share of a total; a document named by kind and number;
a circular's number that looks like a month; a signer, a maker or a decision's number asked and not given; where a
document was issued and kept; a product written out whose result is off; what is left to pay; a resolution's
lettered number dated; a follow-up asking a thing of its own; rows named by a cell and the column asked. Literal strings worded like the development documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.answerer import Answerer
from assistant.answering.document_facts import asked_fields
from assistant.answering.fact_answers import _asker_names_own, lacks_asked_value
from assistant.answering.named_rows import NamedRows
from assistant.answering.place_gate import names_none
from assistant.qa.arithmetic import arithmetic_slips
from assistant.qa.docname import named_document
from assistant.qa.kinds import wanted_type
from assistant.qa.query import is_follow_up, parse_query
from assistant.qa.rates import paid_so_far, yearly_total
from assistant.qa.shares import share_of
from assistant.qa.spans import cited_date, named_numbers
from ingest.pipeline import parse_path
from ingest.text import fold
from tests.fakes import FakeIndex


def test_a_question_pointing_at_a_person_or_opening_with_vay_is_a_follow_up() -> None:
    assert is_follow_up("Bà ấy làm việc ở địa chỉ nào?")
    assert is_follow_up("Người đó có số điện thoại không?")
    assert is_follow_up("Vậy cả năm học một em được tối đa bao nhiêu ký gạo?")
    # a question of its own: names its document and asks a whole thing
    assert not is_follow_up("Theo kế hoạch khảo sát hài lòng năm 2026 của Trường ĐH Công Thương, ai ký kế hoạch?")
    assert not is_follow_up("Trường phổ thông dân tộc nội trú được hỗ trợ kinh phí nấu ăn như thế nào theo nghị định?")


def test_a_years_total_of_a_thing_given_by_the_month() -> None:
    line = "c) Hỗ trợ gạo: Mỗi học sinh được hỗ trợ mỗi tháng 15 kg gạo và được hưởng không quá 9 tháng/năm học;"
    assert yearly_total(line, fold("Vậy cả năm học một em được tối đa bao nhiêu ký gạo?")) == \
        "(tính cho cả năm: 9 tháng × 15 kg = 135 kg)"
    money = "Mỗi trẻ được hỗ trợ mỗi tháng là 360.000 đồng và được hưởng không quá 9 tháng/năm học"
    assert yearly_total(money, fold("Cả năm học mỗi trẻ được hỗ trợ tổng cộng bao nhiêu tiền?")) == \
        "(tính cho cả năm: 9 tháng × 360.000 đồng = 3.240.000 đồng)"
    # kilograms asked of a line giving money only: nothing to multiply
    assert yearly_total(money, fold("Cả năm học mỗi trẻ được bao nhiêu ký gạo?")) is None


def test_a_login_account_is_no_bank_account() -> None:
    assert wanted_type("sinh viên làm khảo sát bằng tài khoản/đường dẫn do ai thông báo?") != "account"
    assert wanted_type("Sinh viên đăng nhập bằng tài khoản đăng nhập nào?") != "account"
    assert wanted_type("Học phí lớp STEM chuyển khoản vào số tài khoản nào?") == "account"


def test_a_person_asked_by_name_and_an_answer_naming_nobody() -> None:
    question = fold("Theo kế hoạch khảo sát hài lòng năm 2026, cán bộ đầu mối của Khoa Thương mại là ai?")
    assert names_none(question, "Phân công cán bộ đầu mối phối hợp với Trung tâm Quản lý chất lượng. [1]")
    assert not names_none(question, "Cán bộ đầu mối là ThS. Nguyễn Văn Minh, Khoa Thương mại. [1]")
    listed = fold("Chương trình tập huấn mời những báo cáo viên cụ thể nào (họ tên)?")
    assert names_none(listed, "Mời chuyên gia trong lĩnh vực tâm lý, giáo dục hướng nghiệp. [1]")
    assert not names_none(listed, "TS. Nguyễn Quốc Anh, Phó Hiệu trưởng Trường Đại học Công nghệ TP.HCM; [1]")


def test_a_source_of_funds_an_allowance_or_a_count_of_things_the_passages_do_not_give() -> None:
    source = fold("Gói triển khai kết nối LIS và HIS năm 2026 được chi từ nguồn vốn nào?")
    assert lacks_asked_value(source, ["STT: 20; Danh mục dịch vụ: Kết nối HIS- QLHC; Mô tả yêu cầu: - Kết nối với "
                                      "Phần mềm Quản lý Bệnh viện"])
    assert not lacks_asked_value(source, ["Nguồn vốn: Nguồn thu sự nghiệp của bệnh viện năm 2026."])
    allowance = fold("Mức chi bồi dưỡng cho mỗi chuyên gia, báo cáo viên một buổi tư vấn là bao nhiêu?")
    assert lacks_asked_value(allowance, ["Mời chuyên gia trong lĩnh vực tâm lý, giáo dục hướng nghiệp, tuyển sinh."])
    assert not lacks_asked_value(allowance, ["Chi bồi dưỡng báo cáo viên: 1.000.000 đồng/buổi."])
    printers = fold("Mỗi phòng STEM cao cấp được trang bị bao nhiêu máy in 3D?")
    assert lacks_asked_value(printers, ["Học sinh được trải nghiệm máy in 3D và kính thực tế ảo."])
    assert not lacks_asked_value(printers, ["Mỗi phòng STEM được trang bị 02 máy in 3D và 01 máy chiếu."])


def test_the_askers_own_office_is_no_word_the_documents_must_hold() -> None:
    question = "Mình là chuyên viên Sở Tư pháp. Theo Công văn 4532, sở mình phải lập kế hoạch gì?"
    assert _asker_names_own("sở", question)
    assert not _asker_names_own("kế", question)
    assert _asker_names_own("truong", "truong toi co duoc dau tu phong STEM khong")
    # "trẻ em" is no asker's own "trẻ"; nor is "đồng nghiệp tối thiểu" the asker's "nghiệp"
    assert not _asker_names_own("trẻ", "trẻ em nhà trẻ được hỗ trợ bao nhiêu")
    assert not _asker_names_own("nghiệp", "Mỗi giáo viên phải dự giờ đồng nghiệp tối thiểu bao nhiêu tiết?")


def test_a_thing_named_with_its_demonstrative_is_a_follow_up() -> None:
    assert is_follow_up("Số tiền đó được ghi bằng chữ trong công văn như thế nào?")
    assert is_follow_up("Tiền đó được tính theo giá vé nào?")
    assert not is_follow_up("Kế hoạch hướng nghiệp có mời chuyên gia, trong đó ai đến từ Trường Đại học Việt Đức?")
    # "do" typed without accents is also "by": no demonstrative read there
    assert not is_follow_up("Theo ke hoach chuyen doi so, kinh phi do So cap cho cac truong la bao nhieu tien?")


def test_a_parts_share_of_the_total_stated_before_it() -> None:
    before = ["- Xã hội hóa : 20.000 triệu đồng.", "- Sử dụng vốn đầu tư công : 28.000 triệu đồng",
              "- Ngân sách nhà nước: 7.500 triệu đồng", "Tổng kinh phí: 55.500 triệu đồng trong đó"]
    asked = fold("Trong tổng kinh phí kế hoạch năm 2024, nguồn xã hội hóa chiếm khoảng bao nhiêu phần trăm?")
    assert share_of(before[0], before, asked) == "(tính: 20.000 : 55.500 triệu đồng = 36,04%)"
    # no share asked; a total in another unit; the total's own line
    assert share_of(before[0], before, fold("Nguồn xã hội hóa là bao nhiêu?")) is None
    assert share_of("Xã hội hóa: 20 tỷ đồng", before, asked) is None
    assert share_of(before[3], before[3:], asked) is None


def test_a_document_named_by_kind_and_number_among_documents_sharing_its_words() -> None:
    names = {"cv-2345-huong-dan": "Công văn hướng dẫn kế hoạch giáo dục nhà trường cấp tiểu học 2345/BGDĐT-GDTH",
             "cv-79-lich-stem": "Công văn lịch bồi dưỡng Chương trình giáo dục STEM tháng 12/2025 79/TTTT-CTGD"}
    question = ("Công văn 2345 của Bộ GDĐT viện dẫn hai văn bản về ban hành Chương trình giáo dục phổ thông "
                "(Quyết định 16/2006 và Thông tư 32/2018). Hai văn bản này ban hành cách nhau bao nhiêu năm?")
    assert named_document(question, names) == "cv-2345-huong-dan"


def test_a_circulars_number_is_no_month() -> None:
    folded = fold("Thông tư 12/2022/TT-BTTTT ra đời sau Nghị định 85/2016/NĐ-CP khoảng bao nhiêu năm?")
    assert named_numbers(folded) == ["12", "85"]
    assert named_numbers(fold("Lớp STEM tháng 12/2025 khai giảng ngày nào?")) == []


def test_a_signer_a_makers_company_or_a_decisions_number_that_the_answer_does_not_give() -> None:
    signer = fold("Quyết định 214/QĐ-DCT (căn cứ của kế hoạch khảo sát) do ai ký?")
    assert names_none(signer, "Căn cứ Quy định … của Trường Đại học Công Thương Thành phố Hồ Chí Minh ban hành kèm "
                              "theo Quyết định số 214/QĐ-DCT ngày 12 tháng 01 năm 2026; [1]")
    assert not names_none(signer, "Người ký: Võ Thiện Cang [1]")
    deputy = fold("Quyết định 1693/QĐ-BGDĐT công bố thủ tục này do Thứ trưởng nào ký?")
    assert names_none(deputy, "Số quyết định: 1693/QĐ-BGDĐT [1]")
    maker = fold("Bệnh viện hiện đang dùng phần mềm quản lý bệnh viện của hãng nào?")
    assert names_none(maker, "Thông tư số 54/2017/TT-BYT ngày 29/12/2017 của Bộ Y tế ban hành bộ tiêu chí [1]")
    assert not names_none(maker, "Phần mềm do Công ty Cổ phần Giải pháp Y tế ABC cung cấp [1]")
    number = fold("Danh sách các xã khu vực III được ban hành kèm quyết định số mấy của Thủ tướng Chính phủ?")
    assert lacks_asked_value(number, ["Các xã, thôn đặc biệt khó khăn bao gồm: Các xã khu vực III, các thôn …"])
    assert not lacks_asked_value(number, ["Quyết định số 861/QĐ-TTg ngày 04/6/2021 phê duyệt danh sách các xã"])


def test_where_a_document_was_issued_and_kept_and_no_venue_asked() -> None:
    question = fold("Công văn 2345 hướng dẫn kế hoạch giáo dục nhà trường tiểu học được ban hành ở đâu và bản lưu ở "
                    "những đơn vị nào?")
    assert asked_fields(question) == ("Địa danh", "Nơi nhận", "Kính gửi")
    assert asked_fields(fold("Bản lưu của kế hoạch này được lưu tại những bộ phận nào?")) == ("Nơi nhận", "Kính gửi")
    assert asked_fields(fold("Giáo viên muốn tham gia lớp bồi dưỡng thì đăng ký ở đâu?")) == ()
    assert not names_none(question, "Địa danh: Hà Nội [1]\nNơi nhận: Như trên; Lưu: VT, Vụ GDTH [1]")
    assert names_none(fold("Lớp bồi dưỡng học ở đâu?"), "Thời gian: từ 13/12/2025 đến 20/12/2025 [1]")


def test_a_product_or_sum_written_out_whose_result_is_off() -> None:
    assert arithmetic_slips("Đơn giá: 1.427.000 x 500 HS x 18 = 12.848.519.000 đồng") == \
        ["(kiểm tra phép tính: 1.427.000 × 500 × 18 = 12.843.000.000, văn bản ghi 12.848.519.000)"]
    assert arithmetic_slips("Tổng kinh phí: 27 + 50 = 77,15 tỷ đồng") == \
        ["(kiểm tra phép tính: 27 + 50 = 77, văn bản ghi 77,15)"]
    # right results, decimals, and dates are left alone
    assert arithmetic_slips("Thành tiền: 250 triệu x 50 phòng = 12.500 triệu") == []
    assert arithmetic_slips("13,66 x 2 = 27,32 tỷ đồng") == []
    assert arithmetic_slips("Ngày 12/3/2025 = hạn chót") == []


def test_what_is_left_to_pay_after_the_askers_payment() -> None:
    asked = fold("Trường tôi đăng ký 15 giáo viên học lớp STEM, kế toán mới chuyển 5.000.000 đồng. Theo mức học phí "
                 "trong công văn, trường còn phải chuyển thêm bao nhiêu?")
    assert paid_so_far(asked) == 5_000_000
    assert paid_so_far(fold("Trường tôi cử 15 giáo viên thì tổng học phí là bao nhiêu?")) is None


def test_a_resolutions_lettered_number_is_dated_as_it_is_cited() -> None:
    texts = ["Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể;",
             "Kế hoạch rà soát … gửi về UBND tỉnh trước ngày 05/01/2012."]
    folded = fold("Tính từ ngày Chính phủ ban hành Nghị quyết 30c/NQ-CP đến hạn gửi kế hoạch là bao nhiêu ngày?")
    assert cited_date(texts, folded) == date(2011, 11, 8)


def test_a_follow_up_asking_a_thing_of_its_own_keeps_its_own_intent() -> None:
    history = [("user", "Kế hoạch khảo sát sự hài lòng năm 2026 của Trường ĐH Công Thương chọn những khoa nào?"),
               ("assistant", "Năm khoa: Công nghệ Cơ khí, Công nghệ Thông tin, Sinh học và Môi trường, …")]
    assert parse_query(history[0][1]).intent == "list"
    own = parse_query("Những khoa đó phải cử ai làm đầu mối?", history)
    assert own.follow_up and own.intent == "fact"
    assert parse_query("Còn trường THPT thì sao?", history).intent == "list"


def test_a_child_typed_without_accents_is_no_question_word() -> None:
    words = parse_query("de an STEM: o Ngay hoi STEM tai truong mam non thi tre duoc trai nghiem nhung hoat dong gi?").words
    assert "tre" in words


SCHOOLS = """# Đề án giáo dục STEM

## Phần I. Thực trạng

Bảng các trường đã đưa giáo dục STEM vào chương trình:

| TT | Địa phương | Trường |
|---|---|---|
| 1 | TP Hà Nội | Trường THCS Nguyễn Siêu |
| 2 | TP Đà Nẵng | Trường Tiểu học Lê Lai |
| 3 | TP Hồ Chí Minh | Trường Tiểu học Lê Ngọc Hân |
"""


def test_rows_named_by_a_cell_answer_the_column_asked(tmp_path: Path) -> None:
    (tmp_path / "de-an-stem.md").write_text(SCHOOLS, encoding="utf-8")
    doc = parse_path(tmp_path / "de-an-stem.md").document
    index = FakeIndex(doc.units, [doc])
    asked = Answerer(index).prepare(index, "Trong bảng các trường đã đưa giáo dục STEM vào chương trình, Trường THCS "
                                           "Nguyễn Siêu và Trường Tiểu học Lê Ngọc Hân thuộc địa phương nào?", [], None)
    answer = NamedRows().run(asked)
    assert answer is not None
    assert answer.answer.splitlines() == ["Trường THCS Nguyễn Siêu — Địa phương: TP Hà Nội [1]",
                                          "Trường Tiểu học Lê Ngọc Hân — Địa phương: TP Hồ Chí Minh [2]"]
    both = Answerer(index).prepare(index, "Trường Tiểu học Lê Lai thuộc địa phương nào, có số thứ tự mấy?", [], None)
    whole = NamedRows().run(both)
    assert whole is not None and whole.answer == \
        "Trường Tiểu học Lê Lai — TT: 2; Địa phương: TP Đà Nẵng; Trường: Trường Tiểu học Lê Lai [1]"
    # a column the table does not have, or no row named: not this strategy's
    none = Answerer(index).prepare(index, "Trường THCS Nguyễn Siêu được đầu tư bao nhiêu tiền?", [], None)
    assert NamedRows().run(none) is None
