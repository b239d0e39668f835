"""Issue 16, round 28: a term's definition asked ('"học viên bán trú" được hiểu là ai?') read from the line that
defines it; the day a time limit counted from an event ends from the day the asker gives ("06 tháng kể từ ngày ký
hợp đồng", signed 01/4/2026); a quantity given per group ("3 trường, mỗi trường cử 5 giáo viên"); a question naming
another document by its number, answered from passages that never name it (abstain); a question of a conversation
that names no document stays on the conversation's. Literal strings from the development documents, and small
documents the tests write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.answerer import Answerer
from assistant.qa.deadlines import add_limit, deadline_from, limit_counted_from
from assistant.qa.definitions import defined_term, defines
from assistant.qa.rates import given_quantity
from ingest.text import fold
from tests.fakes import index_of_texts


def test_the_term_whose_meaning_is_asked_and_the_line_defining_it() -> None:
    assert defined_term('Theo nghị định …, "học viên bán trú" được hiểu là ai?') == "hoc vien ban tru"
    assert defined_term("Thế nào là trường chuẩn quốc gia?") == "truong chuan quoc gia"
    assert defined_term("theo de an, STEM lab la gi?") == "stem lab"
    assert defined_term("Học phí lớp STEM là bao nhiêu?") is None  # an amount asked, no meaning
    line = ("3. Học viên bán trú là học viên đang học chương trình giáo dục thường xuyên cấp trung học cơ sở, trung "
            "học phổ thông đáp ứng điều kiện quy định tại khoản 3 Điều 4 Nghị định này")
    assert defines(line, "hoc vien ban tru")
    assert not defines("Chính sách đối với học sinh bán trú và học viên bán trú", "hoc vien ban tru")
    assert not defines("2. Học sinh bán trú là học sinh đang học tại cơ sở giáo dục phổ thông", "hoc vien ban tru")


def test_the_day_a_limit_counted_from_an_event_ends() -> None:
    q = fold("Giả sử hợp đồng gói kết nối LIS và HIS được ký ngày 01/4/2026. Gói thầu phải thực hiện xong chậm nhất "
             "vào khoảng thời điểm nào?")
    # the scan's "kê từ" reads as "kể từ"
    said = deadline_from("3. Thời gian thực hiện gói thầu: 06 tháng kê từ ngày ký hợp đồng.", q)
    assert said == "(tính từ ngày 01/04/2026 thêm 06 tháng: đến ngày 01/10/2026)"
    assert limit_counted_from("05 ngày làm việc, kể từ ngày hợp đồng có hiệu lực") is None  # working days: not counted
    assert deadline_from("06 tháng kể từ ngày ký hợp đồng", fold("Gói thầu thực hiện trong bao lâu?")) is None  # no day
    assert add_limit(date(2026, 1, 31), 1, "thang") == date(2026, 2, 28)  # a month without that day: its last
    assert add_limit(date(2026, 6, 29), 10, "ngay") == date(2026, 7, 9)


def test_a_quantity_given_per_group_is_multiplied() -> None:
    given = given_quantity(fold("Cụm chuyên môn gồm 3 trường THCS, mỗi trường cử 5 giáo viên học lớp STEM. Tổng học "
                                "phí cả cụm phải chuyển là bao nhiêu?"))
    assert given is not None and given.count == 15 and given.noun == "giao vien"
    alone = given_quantity(fold("Trường tôi cử 5 giáo viên, tổng học phí phải chuyển là bao nhiêu?"))
    assert alone is not None and alone.count == 5


PLAN = ("KẾ HOẠCH KHẢO SÁT SỰ HÀI LÒNG NĂM 2026\n\n1. Căn cứ\n\nCăn cứ Công văn số 2637/BGDĐT-VP ngày 15 tháng 5 năm 2026 "
        "của Bộ Giáo dục và Đào tạo về việc hướng dẫn khảo sát.\n\n2. Đối tượng khảo sát\n\nSinh viên thuộc 05 khoa "
        "được Nhà trường lựa chọn: Khoa Cơ khí, Khoa Công nghệ Thông tin, Khoa Môi trường, Khoa Kế toán, Khoa Thương "
        "mại. Mỗi khoa chọn tối thiểu 100 sinh viên tham gia khảo sát.\n")


def test_what_another_document_says_is_not_read_from_passages_that_never_name_it(tmp_path: Path) -> None:
    index = index_of_texts(tmp_path, ("kh-khao-sat.txt", PLAN))
    answerer = Answerer(index)
    other = answerer.ask("Theo Công văn 2637/BGDĐT-VP, mỗi khoa phải chọn tối thiểu bao nhiêu sinh viên tham gia khảo "
                         "sát sự hài lòng?")
    assert other.abstained  # the plan's own figure is not attributed to the letter it is based on
    own = answerer.ask("Theo kế hoạch khảo sát sự hài lòng năm 2026, mỗi khoa chọn tối thiểu bao nhiêu sinh viên?")
    assert not own.abstained and "100" in own.answer
    older = answerer.ask("Theo Nghị định 116/2016/NĐ-CP trước đây, mỗi khoa chọn tối thiểu bao nhiêu sinh viên tham "
                         "gia khảo sát?")
    assert older.abstained  # another decree's figure, which the plan never quotes


SCHEDULE = ("KẾ HOẠCH GIÁO DỤC NHÀ TRƯỜNG NĂM HỌC 2025-2026\n\n1. Thời gian năm học\n\nNgày khai giảng: ngày 05/9/2025.\n"
            "Học kỳ I: từ ngày 08/9/2025 đến trước ngày 17/01/2026, gồm 18 tuần thực học, còn lại dành cho các hoạt "
            "động khác.\n")
TENDER = ("THÔNG BÁO MỜI CHÀO GIÁ GÓI PHẦN MỀM XÉT NGHIỆM\n\n1. Yêu cầu\n\nGiao nhận mẫu học kỳ: quét lưu thời gian, "
          "người nhận mẫu; thông tin yêu cầu ghi trên phiếu gồm barcode, loại mẫu, lý do từ chối mẫu.\n")


def test_a_conversations_question_naming_no_document_stays_on_the_conversations(tmp_path: Path) -> None:
    index = index_of_texts(tmp_path, ("kh-giao-duc.txt", SCHEDULE), ("tb-chao-gia.txt", TENDER))
    history = [("user", "Trong kế hoạch giáo dục nhà trường năm học 2025-2026, ngày khai giảng là ngày nào?"),
               ("assistant", "Ngày khai giảng: ngày 05/9/2025.")]
    answerer = Answerer(index)
    # longer than a follow-up, sharing words with the tender's line ("mẫu", "yêu cầu ghi", "thông tin", "học kỳ")
    asked = answerer.prepare(index, "Còn học kỳ I của năm học thì phiếu mẫu yêu cầu ghi thông tin gồm bao nhiêu tuần "
                             "thực học?", history, None)
    assert not asked.query.follow_up and asked.named == "kh-giao-duc"
    assert asked.hits and all(u.doc == "kh-giao-duc" for u in asked.hits)
    r = answerer.ask("Còn học kỳ I của năm học thì gồm bao nhiêu tuần thực học, còn lại dành cho các hoạt động nào?",
                     history=history)
    assert r.citations and all(c.doc == "kh-giao-duc" for c in r.citations)
    assert "18 tuần thực học" in r.answer
    named = answerer.prepare(index, "Thông báo mời chào giá gói phần mềm xét nghiệm yêu cầu ghi những thông tin gì "
                             "trên phiếu?", history, None)
    assert named.named != "kh-giao-duc"  # a question naming its document is about that one


def test_a_count_of_copies_beds_or_faculties_that_no_passage_gives() -> None:
    from assistant.answering.fact_answers import lacks_asked_value

    row = ("STT: 28; Danh mục dịch vụ: Kết nối kính hiện vi; Mô tả yêu cầu: Kết nối 07 kính hiển vi. kiểm tra khả năng "
           "kết nối sủa camera trên kính.")
    assert lacks_asked_value(fold("Bệnh viện Từ Dũ là bệnh viện hạng mấy và có bao nhiêu giường bệnh?"), [row])
    assert lacks_asked_value(fold("mỗi sở phải gửi kế hoạch rà soát thành mấy bản?"),
                             ["Kế hoạch rà soát gửi về UBND tỉnh (qua Văn phòng UBND tỉnh) trước ngày 05/01/2012."])
    assert not lacks_asked_value(fold("Có bao nhiêu khoa tham gia khảo sát?"),
                                 ["Đối tượng khảo sát là sinh viên thuộc 05 khoa được Nhà trường lựa chọn"])
    assert not lacks_asked_value(fold("Mỗi trường được đăng ký tối đa mấy đội dự thi?"),
                                 ["Mỗi trường đăng ký tối đa 05 đội, mỗi đội từ 3 đến 5 học sinh."])


def test_a_kind_of_company_asked_is_answered_by_describing_it() -> None:
    from assistant.answering.place_gate import names_none

    said = ("Đẩy mạnh công tác xã hội hóa; Ưu tiên cho các doanh nghiệp có cam kết đầu tư cơ sở vật chất trên địa bàn "
            "Tỉnh tham gia các dự án giáo dục STEM. [1]")
    assert not names_none(fold("Đề án ưu tiên những doanh nghiệp nào tham gia các dự án giáo dục STEM?"), said)
    # one company asked by name: a description names none
    assert names_none(fold("Đề án ký hợp đồng với doanh nghiệp nào để xây phòng STEM?"), said)


def test_a_term_of_the_offer_asked_that_the_passages_never_name() -> None:
    from assistant.answering.fact_answers import lacks_asked_value

    contract = ["Thời gian thực hiện hợp đồng: 12 tháng.", "Thời gian triển khai cài đặt: 05 ngày làm việc."]
    assert lacks_asked_value(fold("Thời gian bảo hành phần mềm yêu cầu là bao nhiêu tháng?"), contract)
    assert not lacks_asked_value(fold("Thời gian bảo hành yêu cầu là bao lâu?"),
                                 ["Thời gian bảo hành: 01 năm kề từ ngày nghiệm thu"])
    fee = ["Học phí: 500.000 đồng/học viên (năm trăm nghìn đồng)."]
    assert lacks_asked_value(fold("Học phí 500.000 đồng đã bao gồm thuế VAT chưa?"), fee)
    # a standard the bidder must hold is its certificate ("chứng nhận ISO" over "tiêu chuẩn ISO 27001")
    assert not lacks_asked_value(fold("Nhà thầu phải đạt chứng nhận ISO nào?"),
                                 ["Nhà thầu phải đạt các tiêu chuẩn ISO 27001: 2022 hoặc tương đương."])
