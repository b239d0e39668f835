"""Issue 16, round 14: the document a question names in words is the one answered from; an office or body the
documents never mention; how many days or hours a stated period lasts; several quantities of people the asker
gives, summed; the asker's introduction of themselves; a ward asked as an address; a scan's e-mail without its "@";
a tax code or a unit of measure asked and not given. Literal strings worded like the development documents, and
small documents the tests write."""

from __future__ import annotations

from pathlib import Path

from assistant.answerer import Answerer
from assistant.answering.document_facts import asked_fields
from assistant.answering.fact_answers import lacks_asked_value
from assistant.qa.docname import named_document
from assistant.qa.kinds import holds_kind, wanted_type
from assistant.qa.places import body_outside, named_bodies
from assistant.qa.query import parse_query, without_introduction
from assistant.qa.rates import given_quantity
from assistant.qa.spans import hour_ranges, periods, span_days, span_hours
from ingest.pipeline import parse_path
from ingest.text import fold
from tests.fakes import FakeIndex

PROCEDURE = "Tên thủ tục: Xét tuyển sinh vào trường phổ thông dân tộc nội trú"
DECREE = "Nghị định quy định chính sách cho trẻ em nhà trẻ, học sinh, học viên ở vùng đồng bào dân tộc thiểu số"
NAMES = {"tthc-xet-tuyen-sinh-truong-pho-thong-dan-toc-noi-tru": PROCEDURE,
         "nd-chinh-sach-tre-em-hoc-sinh-vung-dtts": DECREE,
         "de-an-giao-duc-stem-nghe-an": "ĐỀ ÁN\nĐề án TRIỂN KHAI CHƯƠNG TRÌNH GIÁO DỤC STEM TẠI NGHỆ AN"}


def test_the_document_a_question_names_by_its_kind_and_words() -> None:
    q = "Theo thủ tục xét tuyển sinh vào trường phổ thông dân tộc nội trú, hồ sơ dự tuyển phải nộp mấy bộ?"
    assert named_document(q, NAMES) == "tthc-xet-tuyen-sinh-truong-pho-thong-dan-toc-noi-tru"
    # a pair led by a function word ("cho trẻ") names nothing: the proposal is named, not the decree
    q2 = "nghe noi de an giao duc STEM cua tinh co trang bi bo kit STEM cho tre mam non o Nghe An, don gia bao nhieu?"
    assert named_document(q2, NAMES) == "de-an-giao-duc-stem-nghe-an"
    # words shared with a name but no kind of document: a topic, not a name
    assert named_document("học sinh vùng đồng bào dân tộc thiểu số được hỗ trợ gì?", NAMES) is None
    # words every candidate shares tell nothing apart
    assert named_document("Kế hoạch giáo dục năm 2026 có mấy mục tiêu?", NAMES) is None


def _index(tmp_path: Path, files: dict[str, str]) -> FakeIndex:
    units, docs = [], []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        doc = parse_path(tmp_path / name).document
        units += doc.units
        docs.append(doc)
    return FakeIndex(units, docs)


def test_a_question_naming_one_document_is_not_answered_from_another(tmp_path: Path) -> None:
    index = _index(tmp_path, {
        "thu-tuc-xet-tuyen.md": "# THỦ TỤC HÀNH CHÍNH\n\nTên thủ tục: Xét tuyển sinh vào trường phổ thông dân tộc nội "
                                "trú\n\nCấp thực hiện: Cấp Tỉnh\n\nThành phần hồ sơ: Học bạ cấp trung học cơ sở (bản "
                                "chính); giấy khai sinh (bản sao).\n",
        "nghi-dinh-chinh-sach.md": "# NGHỊ ĐỊNH\n\nQuy định chính sách cho trẻ em nhà trẻ, học sinh ở vùng đồng bào dân "
                                   "tộc thiểu số\n\n## Điều 9. Hồ sơ\n\nMỗi đối tượng đề nghị được hưởng chính sách nộp "
                                   "01 bộ hồ sơ cho cơ sở giáo dục nơi học sinh theo học.\n"})
    q = "Theo thủ tục xét tuyển sinh vào trường phổ thông dân tộc nội trú, mỗi học sinh nộp mấy bộ hồ sơ cho cơ sở giáo dục?"
    r = Answerer(index).ask(q)
    assert r.abstained or {c.doc for c in r.citations} == {"thu-tuc-xet-tuyen"}
    assert "01 bộ" not in r.answer


def test_an_office_no_document_mentions() -> None:
    q = "cong van ra soat quy dinh thu tuc hanh chinh cua UBND tinh Phu Tho giao So Tu phap lam nhiem vu gi?"
    assert named_bodies(q) == [("tu phap", "stp")]
    assert named_bodies("Văn phòng Sở chủ trì sơ kết sau bao nhiêu năm?") == []  # the body's own office
    assert named_bodies("Bộ GDĐT yêu cầu gì?") == []  # an abbreviation, checked elsewhere
    assert named_bodies("Tôi làm ở Phòng Nội vụ, Sở Nội vụ giao gì?") == []  # the asker's own
    text = ["Các sở, ban, ngành gửi kế hoạch về Văn phòng UBND tỉnh trước ngày 05/01/2012."]
    assert body_outside(named_bodies(q), text)
    assert not body_outside(named_bodies("Sở Tư pháp làm gì?"), ["Giao Sở Tư pháp thẩm định."])
    assert not body_outside(named_bodies("Sở Tư pháp làm gì?"), ["STP chủ trì thẩm định."])


def test_how_many_days_a_period_lasts() -> None:
    q = fold("Sinh viên có tổng cộng bao nhiêu ngày để làm khảo sát trực tuyến?")
    text = "Thời gian triển khai khảo sát: từ ngày 29/6/2026 đến hết ngày 09/7/2026."
    note = span_days(text, q)
    assert note is not None and "11 ngày" in note and "29/06/2026" in note
    assert periods("Thời gian thực hiện: 29/6/2026 - 09/7/2026")[0][1].day == 9
    assert periods("từ 20/12 đến 10/01/2026")[0][0].year == 2025  # the first date takes the year before
    two = "từ ngày 29/6/2026 đến hết ngày 09/7/2026; tổng hợp từ ngày 10/7/2026 đến ngày 13/7/2026"
    assert span_days(two, q) is None  # which period is asked is the reader's call
    assert span_days(text, fold("Khảo sát bắt đầu ngày nào?")) is None
    # a period counts as the days asked for, not as a passage lacking them
    assert not lacks_asked_value(q, ["Thời gian thực hiện: 29/6/2026 - 09/7/2026"])
    assert holds_kind("duration", "Thời gian thực hiện: 29/6/2026 - 09/7/2026")


def test_how_many_hours_a_session_lasts() -> None:
    note = span_hours("Hình thức học: Học trực tuyến từ 8g00-16g30", fold("Mỗi ngày học kéo dài bao nhiêu tiếng?"))
    assert note is not None and "8,5 giờ" in note and "8 giờ 30 phút" in note
    assert hour_ranges("từ 7h30 đến 11h") == [(450, 660)]
    assert hour_ranges("ngày 13/12/2025 - 20/12/2025") == []


def test_several_quantities_of_people_are_summed() -> None:
    g = given_quantity(fold("Trường tôi cử 3 cán bộ quản lý và 5 giáo viên đi học thì tổng học phí phải chuyển là "
                            "bao nhiêu?"))
    assert g is not None and g.count == 8
    g1 = given_quantity(fold("cử 10 giáo viên thì tổng học phí bao nhiêu"))
    assert g1 is not None and g1.count == 10


def test_the_askers_introduction_is_not_what_a_passage_must_say() -> None:
    q = ("toi la giao vien mam non o Nghe An, nghe noi de an co trang bi bo kit STEM cho tre mam non, vay don gia "
         "moi bo kit la bao nhieu tien?")
    assert without_introduction(q) == ("nghe noi de an co trang bi bo kit STEM cho tre mam non, vay don gia moi bo kit "
                                       "la bao nhieu tien?")
    parsed = parse_query(q)
    assert "mam" in parsed.words and "nghe" in parsed.words  # "mầm non" of the kit stays, the intro's goes
    assert parsed.words.count("mam") == 1
    assert parse_query("toi la giao vien mam non o Nghe An, vay don gia moi bo kit STEM la bao nhieu tien?").levels == \
        {"mam_non"}  # who asks is still read from the introduction
    assert without_introduction("Trường tôi có được đầu tư STEM không?") is None


def test_kinds_of_value_asked() -> None:
    assert wanted_type("tru so Trung tam Thong tin va Chuong trinh Giao duc nam o phuong nao?") == "address"
    assert not holds_kind("address", "Căn cứ Công văn của Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh;")
    assert holds_kind("address", "66 - 68 Lê Thánh Tôn, Phường Sài Gòn, Thành phố Hồ Chí Minh")
    assert holds_kind("email", "Email (file excel): quanlydauthautudu.com.vn")  # a scan lost the "@"
    assert not lacks_asked_value("bao gia file excel gui qua dia chi email nao", ["Email (file excel): abctudu.com.vn"])
    assert lacks_asked_value(fold("Công ty nhận học phí có mã số thuế là gì?"),
                             ["Thông tin chuyển khoản: Đơn vị: Công ty Cổ phần Giáo dục KDI"])
    assert not lacks_asked_value("ma so thue cua cong ty la gi", ["Mã số thuế: 0312345678"])
    assert lacks_asked_value("yeu cau duong truyen internet toi thieu bao nhieu mbps",
                             ["Nền tảng lưu trữ dữ liệu điện toán đám mây phải đạt cấp độ 3"])
    assert not lacks_asked_value("duong truyen toi thieu bao nhieu mbps", ["Đường truyền tối thiểu 100 Mbps."])
    assert asked_fields(fold("Bệnh viện Từ Dũ trực thuộc cơ quan nào?")) == ("Cơ quan chủ quản",)
