"""Issue 16, round 29: what a document the plan only cites says ("Theo Công văn 3089 mà Đề án viện dẫn, …") is not
answered from the line citing it; which cited document bears a day the question gives ("văn bản ban hành ngày
30/3/2018 là văn bản nào?"); whether the document is sent to someone ("… có gửi cho Chủ tịch … không?"); a body the
question names that the document never mentions ("Bệnh viện Đa khoa tỉnh …"); "tháng mấy hằng năm" counts nothing; a
sum of amounts said in the header's unit. Literal strings from the development documents, and small documents the
tests write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.answerer import Answerer
from assistant.qa.dated_refs import asks_document_of_day, references_of_day
from assistant.qa.places import named_bodies, named_places
from assistant.qa.query import open_entity
from ingest.text import fold
from tests.fakes import index_of_texts


def test_the_cited_document_bearing_a_day() -> None:
    assert asks_document_of_day("Trong công văn lịch bồi dưỡng STEM, văn bản ban hành ngày 30/3/2018 là văn bản nào, "
                                "của cơ quan nào?") == date(2018, 3, 30)
    assert asks_document_of_day("văn bản nào được viện dẫn có ngày ban hành 28/11/2011?") == date(2011, 11, 28)
    assert asks_document_of_day("Từ ngày 28/11/2011 đến ngày 05/01/2012 là bao nhiêu ngày?") is None  # no document
    line = ("Nguồn kinh phí: các đơn vị thực hiện theo Thông tư 36/2018/TT-BTC ngày 30 tháng 3 năm 2018 của Bộ Tài "
            "Chính về ban hành Thông tư hướng dẫn lập dự toán; Các nguồn chi khác hoặc do cá nhân tự túc.")
    assert references_of_day(line, date(2018, 3, 30)) == [
        "Thông tư 36/2018/TT-BTC ngày 30 tháng 3 năm 2018 của Bộ Tài Chính về ban hành Thông tư hướng dẫn lập dự toán"]
    assert references_of_day(line, date(2018, 3, 31)) == []
    scan = ("Văn bản số 348/KSTT-VP ngày 28/11/2011 của Cục Kiểm soát thủ tục hành chính về việc hướng dẫn nghiệp vụ "
            "xây dựng và thực hiện kế hoạch rà soát quy định, thủ tục hành chính.")
    assert references_of_day(scan, date(2011, 11, 28))[0].startswith("Văn bản số 348/KSTT-VP ngày 28/11/2011 của Cục")


def test_a_place_ends_before_a_bracket_and_bodies_are_named_by_kind() -> None:
    assert named_places("kế hoạch năm 2011 của tỉnh Phú Thọ (Công văn 4532 và hướng dẫn kèm theo), văn bản nào") == [
        "Phú Thọ"]
    assert named_bodies("… năm 2026 của Bệnh viện Đa khoa tỉnh Quảng Ngãi có bao nhiêu phân hệ?") == [("da khoa", "bvdk")]
    assert named_bodies("… của Trường Đại học Công nghiệp TP.HCM") == [("cong nghiep", "dhcn")]
    assert open_entity(fold("Ngày hội STEM cấp tỉnh được tổ chức vào tháng mấy hằng năm?")) == ("", "")
    assert open_entity(fold("Có bao nhiêu hàng ghế?")) == ("count", "hang ghe")


PLAN = ("CÔNG VĂN VỀ VIỆC TỔ CHỨC LỚP BỒI DƯỠNG STEM\n\n1. Căn cứ\n\nCăn cứ Công văn số 3089/BGDĐT-GDTrH ngày 14/8/2020 "
        "về việc triển khai thực hiện giáo dục STEM trong giáo dục trung học.\n\n2. Học phí\n\nHọc phí: 500.000 "
        "đồng/học viên. Nguồn kinh phí: các đơn vị thực hiện theo Thông tư 36/2018/TT-BTC ngày 30 tháng 3 năm 2018 "
        "của Bộ Tài Chính về ban hành Thông tư hướng dẫn lập dự toán; Các nguồn chi khác.\n\n3. Nội dung\n\nMỗi "
        "trường xây dựng tối thiểu 02 chủ đề STEM trong một học kỳ.\n\nNơi nhận:\n- Như trên;\n- Viện KHGDVN;\n"
        "- Lưu: VT.\n")


def test_a_cited_documents_content_and_its_day(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("cv-lop-stem.txt", PLAN)))
    cited = answerer.ask("Theo Công văn 3089/BGDĐT-GDTrH mà công văn về lớp bồi dưỡng STEM viện dẫn, mỗi trường phải "
                         "xây dựng tối thiểu bao nhiêu chủ đề STEM trong một học kỳ?")
    assert cited.abstained  # the letter's own "02 chủ đề" is not what the cited one says
    own = answerer.ask("Theo công văn về lớp bồi dưỡng STEM, mỗi trường xây dựng tối thiểu bao nhiêu chủ đề STEM "
                       "trong một học kỳ?")
    assert not own.abstained and "02 chủ đề" in own.answer
    day = answerer.ask("Trong công văn về lớp bồi dưỡng STEM, văn bản ban hành ngày 30/3/2018 là văn bản nào, của cơ "
                       "quan nào?")
    assert not day.abstained and "Thông tư 36/2018/TT-BTC" in day.answer and "Bộ Tài Chính" in day.answer
    assert day.citations and "Thông tư 36/2018/TT-BTC" in day.citations[0].text


def test_whether_the_document_is_sent_to_someone(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("cv-lop-stem.txt", PLAN)))
    sent = answerer.ask("cong van ve lop boi duong STEM co gui cho vien nao thuoc Bo GDDT khong?")
    assert not sent.abstained and "Viện KHGDVN" in sent.answer and "Nơi nhận" in sent.answer


def test_a_sum_is_said_in_the_unit_its_header_gives() -> None:
    import re

    from assistant.qa.compose import header_unit
    from ingest import vocab

    name, unit = header_unit("Thành tiền (triệu đồng)")
    assert name == "Thành tiền" and re.fullmatch(vocab.MONEY_UNIT, unit) and unit == "triệu đồng"
    assert re.fullmatch(vocab.MONEY_UNIT, header_unit("Số lượng (lượt)")[1]) is None


def test_a_month_asked_that_no_passage_gives() -> None:
    from assistant.answering.fact_answers import lacks_asked_value

    yearly = ["Năm 2015, Bộ Khoa học và Công nghệ Việt Nam và Liên minh STEM tổ chức ngày hội STEM lần đầu tiên, tiếp "
              "theo đó là nhiều sự kiện tương tự trên toàn quốc nổi bật là Ngày hội STEM quốc gia đã được tổ chức liên "
              "tục hàng năm."]
    assert lacks_asked_value(fold("Ngày hội STEM cấp tỉnh được tổ chức vào tháng mấy hằng năm?"), yearly)
    for said in ("Tháng 7/2026: Tổ chức Hội nghị tổng kết.", "Thời gian: tháng 12 năm 2025.", "Học kỳ I: tổng kết"):
        assert not lacks_asked_value(fold("Hội nghị tổng kết tổ chức vào tháng mấy?"), [said]), said


def test_a_phone_as_a_device_asks_no_phone_number() -> None:
    from ingest import vocab

    assert not vocab.PHONE_Q.search(fold("dịch vụ công có phải cung cấp được trên điện thoại, thiết bị di động không?"))
    assert vocab.PHONE_Q.search(fold("số điện thoại văn phòng Sở là bao nhiêu?"))
    assert vocab.PHONE_Q.search(fold("điện thoại liên hệ của cô Thảo là gì?"))


DUTIES = ("KẾ HOẠCH KHẢO SÁT SỰ HÀI LÒNG NĂM 2026\n\n5. Phân công trách nhiệm\n\n5.1. Trung tâm Quản lý chất lượng\n\n"
          "- Là đơn vị đầu mối tham mưu ban hành kế hoạch và tổ chức triển khai khảo sát.\n\n- Phối hợp với Phòng Đào "
          "tạo chuẩn bị dữ liệu sinh viên, thực hiện chọn mẫu ngẫu nhiên.\n\n- Tổng hợp kết quả, tham mưu báo cáo kết "
          "quả khảo sát.\n\n5.2. Phòng Đào tạo\n\n- Cung cấp dữ liệu sinh viên.\n")


def test_how_many_duties_a_body_is_given(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("kh-khao-sat.txt", DUTIES)))
    r = answerer.ask("Theo kế hoạch khảo sát sự hài lòng năm 2026, Trung tâm Quản lý chất lượng được giao tất cả mấy "
                     "nhiệm vụ?")
    assert not r.abstained and r.answer.startswith("Có 3 nhiệm vụ"), r.answer
    assert "chọn mẫu ngẫu nhiên" in r.answer and "Cung cấp dữ liệu" not in r.answer
