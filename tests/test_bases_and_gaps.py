"""Issue 16, round 15: the documents a plan is based on ("Căn cứ …" lines) listed, counted and singled out by kind,
issuer or number; how far apart two cited dates are; a field that says the document has no information; a rate's
denominator ("32 tiết/tuần") is no count of weeks. Literal strings worded like the development documents, and small
documents the tests write."""

from __future__ import annotations

from pathlib import Path

from assistant.answerer import Answerer
from assistant.answering.fact_answers import lacks_asked_value, no_information
from assistant.qa.bases import asked_issuers, asked_kinds, asks_bases, bases, selected
from assistant.qa.spans import date_gap
from ingest.models import Unit
from ingest.pipeline import parse_path
from ingest.text import fold
from tests.fakes import FakeIndex

PLAN = """# KẾ HOẠCH
Tổ chức Chương trình Hướng nghiệp - Tuyển sinh năm học 2025 - 2026

Căn cứ Chỉ thị số 29-CT/TW ngày 05 tháng 01 năm 2024 của Bộ Chính trị về phổ cập giáo dục;

Căn cứ Quyết định số 522/QĐ-TTg ngày 14 tháng 5 năm 2018 của Thủ tướng Chính phủ về Phê duyệt Đề án "Giáo dục
hướng nghiệp";

Căn cứ Quyết định số 192/QĐ-UBND ngày 16 tháng 01 năm 2024 của Ủy ban nhân dân Thành phố về Phê duyệt Chiến lược
phát triển giáo dục;

Căn cứ Quyết định số 3871/QĐ-BGDĐT ngày 05 tháng 12 năm 2024 của Bộ trưởng

Bộ Giáo dục và Đào tạo phê duyệt Bộ công cụ điều tra xã hội học;

Sở Giáo dục và Đào tạo ban hành Kế hoạch như sau:

## I. MỤC ĐÍCH

Giúp học sinh lựa chọn ngành nghề phù hợp.
"""


def _units(text: str) -> list[Unit]:
    return [Unit(id=f"u{i}", doc="kh", doc_title="Kế hoạch", kind="section", locator=f"p{i}", label="Mở đầu",
                 text=line, embed_text=line) for i, line in enumerate(text.split("\n\n"))]


def test_the_bases_of_a_line_listing_several_documents_one_per_document() -> None:
    line = ("Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể cải cách "
            "hành chính; Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về Kiểm soát thủ tục hành chính; Văn "
            "bản số 6582/VPCP-KSTT, ngày 21/9/2011 của Văn phòng Chính phủ về việc xây dựng kế hoạch rà soát. Chủ tịch "
            "UBND tỉnh có ý kiến như sau:\nGiao các sở, ban, ngành xây dựng Kế hoạch.")
    found = bases(_units(line))
    assert [b.name for b in found] == ["Nghị quyết số 30c/NQ-CP", "Nghị định số 63/2010/NĐ-CP",
                                       "Văn bản số 6582/VPCP-KSTT"]
    assert found[2].text.endswith("xây dựng kế hoạch rà soát")  # the sentence after it is not the basis
    q = ("Công văn 4532 của UBND tỉnh căn cứ vào mấy văn bản do Chính phủ ban hành (không tính văn bản của Văn phòng "
         "Chính phủ)?")
    assert asks_bases(q)
    assert asked_issuers(q) == ["chinh phu"]  # not the document's own issuer, not the one excluded
    chosen, how = selected(found, q)
    assert [b.key for b in chosen] == ["30c/nq-cp", "63/2010/nd-cp"] and how


def test_laws_without_numbers_and_a_line_cut_in_two() -> None:
    units = _units("Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;\n\nCăn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;\n\n"
                   "Căn cứ Nghị quyết số 41/2021/QH15 ngày 13 tháng 11 năm 2021 của Quốc hội về hoạt động chất vấn;")
    found = bases(units)
    assert [b.name for b in found] == ["Luật Giáo dục", "Luật Trẻ em", "Nghị quyết số 41/2021/QH15"]
    assert asked_kinds("Nghị định được ban hành căn cứ những luật nào?") == {"luat"}
    chosen, _ = selected(found, "Nghị định được ban hành căn cứ những luật nào?")
    assert [b.name for b in chosen] == ["Luật Giáo dục", "Luật Trẻ em"]
    cut = bases(_units(PLAN))
    assert cut[-1].text.endswith("phê duyệt Bộ công cụ điều tra xã hội học")  # joined with the line after it
    assert [u.id for u in cut[-1].units] == ["u4", "u5"]


def test_no_bases_question_is_not_one() -> None:
    assert not asks_bases("Căn cứ vào đâu để xét tuyển học sinh?")
    assert not asks_bases("Kế hoạch có mấy mục tiêu?")
    assert asks_bases("kế hoạch căn cứ vào bao nhiêu văn bản")
    assert asks_bases("Quyết định 3871/QĐ-BGDĐT mà kế hoạch căn cứ phê duyệt nội dung gì?")


def test_bases_answered_counted_and_singled_out(tmp_path: Path) -> None:
    (tmp_path / "ke-hoach-huong-nghiep.md").write_text(PLAN, encoding="utf-8")
    doc = parse_path(tmp_path / "ke-hoach-huong-nghiep.md").document
    answerer = Answerer(FakeIndex(doc.units, [doc]))
    r = answerer.ask("Kế hoạch căn cứ tổng cộng bao nhiêu văn bản? Trong đó những quyết định nào là của UBND Thành phố?",
                     filters={"doc": doc.doc})
    assert not r.abstained
    assert "4 văn bản làm căn cứ" in r.answer
    assert "1 văn bản (Quyết định số 192/QĐ-UBND)" in r.answer
    r = answerer.ask("Quyết định 3871/QĐ-BGDĐT mà kế hoạch căn cứ phê duyệt nội dung gì?", filters={"doc": doc.doc})
    assert "Bộ công cụ điều tra xã hội học" in r.answer and "522/QĐ-TTg" not in r.answer


def test_how_far_apart_two_cited_dates_are() -> None:
    texts = ["Văn bản số 6582/VPCP-KSTT, ngày 21/9/2011 của Văn phòng Chính phủ về việc xây dựng kế hoạch;",
             "Văn bản số 4532/UBND-KSTTHC, ngày 07/12/2011 của UBND tỉnh về việc xây dựng kế hoạch rà soát;"]
    q = fold("Văn bản 6582/VPCP-KSTT được ban hành trước Công văn 4532 của UBND tỉnh bao nhiêu ngày?")
    gap = date_gap(texts, q)
    assert gap is not None and "cách nhau 77 ngày" in gap and "từ 21/09/2011 đến 07/12/2011" in gap
    row = "Ngày bắt đầu: Thứ Bảy 13/12/2025; Ngày kết thúc: Thứ Bảy 20/12/2025"
    assert "cách nhau 7 ngày" in (date_gap([row], fold("Hai ngày đó cách nhau mấy ngày?")) or "")
    two = ["Nghị định số 20/2008/NĐ-CP ngày 14/02/2008 của Chính phủ", "Nghị định số 63/2010/NĐ-CP ngày 08/6/2010"]
    q2 = fold("nghị định 20/2008 và nghị định 63/2010, nghị định nào ban hành trước và trước khoảng bao lâu?")
    assert "khoảng 2 năm 3 tháng" in (date_gap(two, q2) or "")
    assert date_gap(texts, fold("Văn bản 6582 ban hành ngày nào?")) is None  # not asked how far apart


def test_a_field_saying_no_information_and_a_rate_is_no_count() -> None:
    assert no_information("Cơ quan phối hợp: Không có thông tin")
    assert not no_information("Phí, lệ phí: Không")  # there is none: that is an answer
    assert not no_information("Không có thông tin nào được công bố trước ngày thi của các trường trong tỉnh: mục 3")
    passage = "tối thiểu là 9 buổi/tuần với 32 tiết/tuần."
    assert lacks_asked_value(fold("học kỳ I phải có tối thiểu bao nhiêu tuần thực học?"), [passage])
    assert not lacks_asked_value(fold("mỗi tuần học bao nhiêu tiết?"), [passage])
    assert not lacks_asked_value(fold("năm học có bao nhiêu tuần?"), ["Năm học có 35 tuần thực học."])


def test_how_many_the_askers_money_pays_for() -> None:
    from assistant.qa.rates import count_for_budget, given_budget

    q = fold("Trường tôi còn 3 triệu đồng kinh phí bồi dưỡng, cử được tối đa bao nhiêu giáo viên đi học lớp STEM?")
    budget = given_budget(q)
    assert budget is not None and budget.amount == 3_000_000 and budget.noun == "giao vien"
    paid = count_for_budget("Học phí: 500.000 đồng/học viên (năm trăm nghìn đồng).", q)
    assert paid is not None and paid[2] == 6
    assert count_for_budget("Học phí: 700.000 đồng/học viên.", q)[2] == 4  # type: ignore[index]  # rounded down
    assert count_for_budget("Tổng kinh phí: 500.000 đồng.", q) is None  # no rate per person
    assert not lacks_asked_value(q, ["Học phí: 500.000 đồng/học viên."])
    assert given_budget(fold("Học phí là bao nhiêu?")) is None


def test_a_longer_question_opening_with_con_neu_follows_the_conversation() -> None:
    from assistant.qa.query import is_follow_up

    assert is_follow_up("còn nếu trường tôi cử 7 người thì phải chuyển tổng cộng bao nhiêu?")
    assert not is_follow_up("Con tôi học lớp 7 ở xã khu vực III thì được hỗ trợ bao nhiêu tiền ăn mỗi tháng?")
    assert not is_follow_up("Còn trường phổ thông dân tộc bán trú ở xã khó khăn thì định mức điện, nước là bao nhiêu?")
    assert not is_follow_up("còn nếu kế hoạch khảo sát sự hài lòng của trường đại học thì gửi báo cáo trước ngày nào?")


def test_the_signers_capacity_and_the_symbol_are_header_facts() -> None:
    from assistant.answering.document_facts import asked_fields

    assert asked_fields(fold("Ông Nguyễn Hữu Độ ký văn bản này với chức danh gì?"))[:1] == ("Chức vụ người ký",)
    assert "Số" in asked_fields(fold("Công văn này do đơn vị nào ban hành và có ký hiệu gì?"))


def test_a_scans_email_and_things_asked_by_number_or_count() -> None:
    from assistant.qa.kinds import holds_kind

    line = "đề nghị liên hệ Bà Cao Thúy An, Phòng Phát hành - Sự kiện, ĐT: 0984.056.377, email: thuyancaovn(gmail.com."
    assert holds_kind("email", line)
    assert lacks_asked_value(fold("đơn đăng ký dự tuyển phải làm theo mẫu số mấy?"),
                             ["Đơn đăng ký dự tuyển của học sinh (theo mẫu của nhà trường)."])
    assert not lacks_asked_value(fold("đơn đăng ký làm theo mẫu số mấy?"), ["Đơn đăng ký theo Mẫu số 02 kèm theo."])
    assert lacks_asked_value(fold("nhà thầu phải cung cấp bao nhiêu màn hình LCD?"),
                             ["Gọi tên và thông báo trên LCD hàng đợi"])
    assert not lacks_asked_value(fold("cung cấp bao nhiêu màn hình?"), ["Cung cấp 04 màn hình LCD 43 inch."])


def test_the_points_under_the_heading_a_question_asks_several_of(tmp_path: Path) -> None:
    text = ("# CÔNG VĂN\nHướng dẫn xây dựng kế hoạch giáo dục của nhà trường\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\n"
            "a) Phát huy tính chủ động, linh hoạt của nhà trường trong việc thực hiện chương trình.\n\n"
            "b) Nâng cao hiệu lực, hiệu quả quản trị hoạt động giáo dục của nhà trường.\n\n### 2. Yêu cầu\n\n"
            "a) Kế hoạch giáo dục bảo đảm thực hiện chương trình linh hoạt.\n\n"
            "b) Kế hoạch giáo dục bảo đảm đáp ứng yêu cầu thực hiện nhiệm vụ năm học.\n")
    (tmp_path / "cong-van-huong-dan.md").write_text(text, encoding="utf-8")
    doc = parse_path(tmp_path / "cong-van-huong-dan.md").document
    r = Answerer(FakeIndex(doc.units, [doc])).ask("Việc xây dựng kế hoạch giáo dục nhằm những mục đích gì?",
                                                 filters={"doc": doc.doc})
    assert not r.abstained
    assert "tính chủ động" in r.answer and "quản trị" in r.answer  # both points, not the best one alone
    assert "đáp ứng yêu cầu" not in r.answer  # not the points of the next heading


def test_what_is_no_bases_question_and_no_basis() -> None:
    assert not asks_bases("Theo Kế hoạch 45, học sinh được chọn căn cứ vào những tiêu chí nào?")
    assert not asks_bases("Căn cứ kết quả kiểm tra, trường phải gửi báo cáo theo công văn nào?")
    units = _units("Căn cứ Quyết định số 192/QĐ-UBND ngày 16/01/2024 của Ủy ban nhân dân Thành phố;")
    task = Unit(id="t", doc="kh", doc_title="Kế hoạch", kind="section", locator="II/1", label="II.1",
                text="- Thực hiện nghiêm Thông tư số 22/2021/TT-BGDĐT về đánh giá học sinh.",
                embed_text="", metadata={"path": "NHIỆM VỤ"})
    assert [b.key for b in bases(units + [task])] == ["192/qd-ubnd"]  # a task under a heading is no basis
    amended = bases(_units("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Giáo dục ngày 01 tháng 7 năm 2024;\n\n"
                           "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Ngân sách nhà nước ngày 29 tháng 11 năm "
                           "2024;"))
    assert len(amended) == 2  # two amending laws, not one key "sửa đổi, bổ sung một"


def test_no_budget_in_a_class_name_and_no_gap_not_asked() -> None:
    from assistant.qa.rates import given_budget

    assert given_budget(fold("Lớp 6D có bao nhiêu học sinh được hỗ trợ?")) is None
    two = ["Thi ngày 10/6/2025 và ngày 11/6/2025 tại trường."]
    assert date_gap(two, fold("Sau khi nộp hồ sơ bao nhiêu ngày thì có kết quả?")) is None
    assert date_gap(two, fold("Hai buổi thi cách nhau mấy ngày?")) is not None


def test_a_heading_numbered_in_roman_numerals() -> None:
    from assistant.qa.listqa import headed_by

    def unit(i: int, path: str, text: str) -> Unit:
        return Unit(id=f"h{i}", doc="kh", doc_title="Kế hoạch", kind="section", locator=str(i), label=path,
                    text=text, embed_text=text, metadata={"path": path})

    units = [unit(1, "II. MỤC ĐÍCH", "1. Nâng cao chất lượng giáo dục."), unit(2, "II. MỤC ĐÍCH", "2. Đổi mới quản trị."),
             unit(3, "III. YÊU CẦU", "1. Bảo đảm tiến độ.")]
    found = headed_by(units, "muc dich", "ke hoach nham nhung muc dich gi")
    assert [u.id for u in found["II. MỤC ĐÍCH"]] == ["h1", "h2"]


def test_amounts_in_a_schools_short_forms_are_amounts() -> None:
    q = fold("Giải nhì cuộc thi khởi nghiệp cấp trường được thưởng bao nhiêu tiền?")
    assert not lacks_asked_value(q, ["Giải thưởng cấp trường (nhất 1.5tr, nhì 1tr, ba 500k ): 3.000.000đ."])
    assert not lacks_asked_value(q, ["Tổng kết, tuyên dương (giải nhì 1tr; giải ba 500k)."])
    assert lacks_asked_value(q, ["Tổng kết, tuyên dương các đội đạt giải tại hội trường."])


DE_AN = """# ĐỀ ÁN TRIỂN KHAI GIÁO DỤC STEM

## PHẦN I. SỰ CẦN THIẾT

> **2.1. Cơ sở pháp lý**

1.  Nghị quyết số 29-NQ/TW "về đổi mới căn bản, toàn diện giáo dục và đào tạo" hội nghị trung ương 8 (khóa XI) nêu rõ:

"... Đối với giáo dục phổ thông, tập trung phát triển trí tuệ, thể chất."

2.  Nghị quyết số 88/2014/QH13 ngày 28/11/2014 của Quốc hội về đổi mới chương trình, sách giáo khoa giáo dục phổ
thông; Quyết định số 404/QĐ-TTg ngày 27/3/2015 của Thủ tướng Chính phủ về phê duyệt Đề án đổi mới chương trình.

3.  Số 3089/BGDĐT-GDTrH ngày 14/8/2020 về việc triển khai thực hiện giáo dục STEM trong giáo dục trung học.

4.  Chỉ thị số 15/CT-UBND ngày 30/8/2019 của UBND tỉnh về việc triển khai nhiệm vụ giáo dục và đào tạo năm học
2019- 2020.

> **2.2. Cơ sở thực tiễn và sự cần thiết**

1.  ***Xu hướng phát triển của giáo dục STEM***

Giáo dục STEM mở rộng việc nghiên cứu kỹ thuật trong từng môn học. Quyết định số 999/QĐ-TTg không phải căn cứ.
"""


def test_bases_written_as_numbered_items_under_their_heading(tmp_path: Path) -> None:
    """No "Căn cứ" opens them: the heading says what the items are; one basis an item (item 2 cites two documents),
    an item citing no document by kind kept, the next heading ("2.2. Cơ sở thực tiễn") ends them."""
    (tmp_path / "de-an-stem.md").write_text(DE_AN, encoding="utf-8")
    doc = parse_path(tmp_path / "de-an-stem.md").document
    found = bases(doc.units)
    assert [b.key for b in found] == ["29-nq/tw", "88/2014/qh13", fold("Số 3089/BGDĐT-GDTrH ngày 14/8/2020 về việc "
                                                                     "triển khai thực hiện giáo dục STEM trong")[:60],
                                      "15/ct-ubnd"]
    r = Answerer(FakeIndex(doc.units, [doc])).ask("Phần cơ sở pháp lý của đề án liệt kê bao nhiêu mục căn cứ, và mục "
                                                  "cuối cùng là văn bản nào?", filters={"doc": doc.doc})
    assert "4 văn bản làm căn cứ" in r.answer and "Chỉ thị số 15/CT-UBND" in r.answer and "999" not in r.answer
