"""Answers over several documents, each named by a user in their own words (issue 16): the document's own facts
(signer, date, number) from its header; the words that name a document do not pull the answer to its title
line; a year the passage does not cover is not answered with its figure; a follow-up keeps its document.

A real document (a development-corpus Markdown one) and small plans built here, in one
typed fake index (tests/fakes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answerer import Answerer
from assistant.answering.document_facts import DocumentFacts, asked_fields, names_other_document
from assistant.index.idf import Idf
from assistant.qa.compose import asked_years, best_passages, other_year, year_outside, years_in
from ingest.models import ParsedDocument, Unit
from ingest.pipeline import parse_path
from ingest.text import fold
from tests.fakes import FakeIndex

ROOT = Path(__file__).resolve().parent.parent
CV_2345 = ROOT / "eval" / "corpus-dev" / "cv-2345-bgddt-gdth-huong-dan-ke-hoach-giao-duc-nha-truong-tieu-hoc.md"

STEM = """# ĐỀ ÁN Giáo dục STEM tỉnh Hòa Bình giai đoạn 2020 - 2025

## I. LỘ TRÌNH

1. Giai đoạn 1 (thí điểm): từ tháng 5/2020 đến tháng 12/2022, thí điểm tại 20 trường.

2. Giai đoạn 2 (nhân rộng): từ tháng 1/2023 đến tháng 12/2025, nhân rộng ra toàn tỉnh.

3. Năm 2023 tổng kết giai đoạn 1.

## II. KINH PHÍ

1. Kinh phí giai đoạn 2021 - 2025 là 12 tỷ đồng từ ngân sách tỉnh.
"""

DIGITAL = """# KẾ HOẠCH Chuyển đổi số ngành Y tế tỉnh Yên Bái

## I. LỘ TRÌNH

1. Giai đoạn 1: số hóa hồ sơ bệnh án tại các bệnh viện tuyến tỉnh trong năm 2026.

2. Giai đoạn 2: kết nối dữ liệu khám chữa bệnh toàn tỉnh trong năm 2027.
"""


def _unit(uid: str, text: str, doc: str = "kh") -> Unit:
    """A one-passage unit of document `doc`, its id as its locator and label."""
    return Unit(id=uid, doc=doc, doc_title=doc, kind="section", locator=uid, label=uid, text=text, embed_text=text)


def _parse(tmp: Path, name: str, text: str) -> ParsedDocument:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return parse_path(path).document


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> list[ParsedDocument]:
    tmp = tmp_path_factory.mktemp("docs")
    return [parse_path(CV_2345).document, _parse(tmp, "de-an-stem.md", STEM),
            _parse(tmp, "ke-hoach-cds-y-te.md", DIGITAL)]


@pytest.fixture(scope="module")
def index(docs: list[ParsedDocument]) -> FakeIndex:
    return FakeIndex([u for d in docs for u in d.units], docs)


def test_questions_about_the_document_itself() -> None:
    assert asked_fields(fold("Ai ký Công văn 2345/BGDĐT-GDTH?")) == ("Người ký", "Chức vụ người ký", "Người cùng ký")
    assert asked_fields(fold("Người ký công văn giữ chức vụ gì?")) == ("Người ký", "Chức vụ người ký", "Người cùng ký")
    assert asked_fields(fold("Nghị định này được ký ban hành ngày nào?")) == ("Ngày ban hành", "Phụ lục ghi khác")
    assert asked_fields(fold("cong van nay gui cho nhung ai")) == ("Nơi nhận", "Kính gửi")
    # "đăng ký", "kỷ nguyên" and a legal basis are not questions about the document's own header
    assert asked_fields(fold("Hạn chót đăng ký lớp STEM là ngày nào?")) == ()
    assert asked_fields(fold("Chủ đề “Gen Z trong kỷ nguyên AI” diễn ra ngày nào?")) == ()
    assert asked_fields(fold("Kế hoạch căn cứ quyết định số mấy, ban hành ngày nào?")) == ()


def test_signer_from_the_header(index: FakeIndex) -> None:
    r = Answerer(index).respond(index, "Ai ký Công văn 2345/BGDĐT-GDTH hướng dẫn xây dựng kế hoạch giáo dục "
                                       "của nhà trường cấp tiểu học?")
    assert r.answer.splitlines() == ["Người ký: Nguyễn Hữu Độ [1]", "Chức vụ người ký: KT. BỘ TRƯỞNG / THỨ TRƯỞNG [1]"]
    assert r.citations[0].locator == "meta"


def test_a_document_named_by_another_number_is_not_this_one(index: FakeIndex, docs: list[ParsedDocument]) -> None:
    meta = next(u for u in docs[0].units if u.kind == "meta")
    assert names_other_document("Thông tư 28 được ban hành ngày nào?", meta)
    assert not names_other_document("Công văn 2345 được ban hành ngày nào?", meta)
    asked = Answerer(index).prepare(index, "Thông tư 28/2020/TT-BGDĐT được ban hành ngày nào?", None,
                                    {"doc": docs[0].doc})
    assert DocumentFacts().run(asked) is None


def test_the_words_that_name_a_document_do_not_pick_its_title_line(index: FakeIndex) -> None:
    r = Answerer(index).respond(index, "Theo Công văn 2345/BGDĐT-GDTH, kế hoạch giáo dục của nhà trường tiểu "
                                       "học phải ban hành trước ngày nào?")
    assert not r.abstained
    # (over the lexical-only fake the legal basis, which repeats "BGDĐT … ban hành", comes first; with the dense
    # leg the deadline does: eval/gold/corpus-dev cv2345-01)
    assert any("trước ngày 31 tháng 8" in line for line in r.answer.splitlines())
    assert "Tên văn bản" not in r.answer and "Loại văn bản" not in r.answer


def test_a_line_announcing_a_list_does_not_answer() -> None:
    units = [_unit("a", "Sở Giáo dục và Đào tạo ban hành kế hoạch tổ chức hội thi giáo viên dạy giỏi như sau:"),
             _unit("b", "Hội thi giáo viên dạy giỏi tổ chức từ ngày 10/3/2025 đến ngày 20/3/2025.")]
    idf = Idf(u.text for u in units)
    words = ["hội", "thi", "giáo", "viên", "dạy", "giỏi", "tổ", "chức", "ngày"]
    best = best_passages(words, units, idf, accents=True)[0]
    assert best.unit.id == "b"


def test_years_a_passage_covers() -> None:
    assert years_in("giai đoạn 2021 - 2025") == {"2021", "2022", "2023", "2024", "2025"}
    assert years_in("từ năm 2023 đến 2025") == {"2023", "2024", "2025"}
    assert other_year("Kinh phí năm 2027 là bao nhiêu?", "Kinh phí giai đoạn 2021 - 2025 là 12 tỷ đồng")
    assert not other_year("Kinh phí năm 2023 là bao nhiêu?", "Kinh phí giai đoạn 2021 - 2025 là 12 tỷ đồng")
    assert not other_year("Kinh phí năm 2027 là bao nhiêu?", "Kinh phí là 12 tỷ đồng")  # no year: no decision
    # a year in the document's name only names the document
    assert not other_year("Lớp STEM tháng 12/2025 theo thông tư nào?", "Thông tư 36/2018/TT-BTC",
                          "Lịch bồi dưỡng các lớp STEM tháng 12/2025")


def test_a_year_the_whole_document_never_speaks_of() -> None:
    plan = ["Giai đoạn 1 (thí điểm): từ tháng 5/2020 đến tháng 12/2022.", "Bảo đảm đủ kinh phí hằng năm.",
            "Giai đoạn 2: từ 2023 đến 2025."]
    # the passage chosen has no year at all, so other_year cannot decide; the document as a whole can
    assert not other_year("Kinh phí đề án năm 2026 là bao nhiêu?", plan[1])
    def outside(question: str, document: list[str], name: str = "") -> bool:
        return year_outside(asked_years(question, name), document)

    assert outside("Kinh phí đề án năm 2026 là bao nhiêu?", plan)
    assert not outside("Kinh phí đề án năm 2024 là bao nhiêu?", plan)  # inside a span
    assert not outside("Kinh phí đề án là bao nhiêu?", plan)
    assert not outside("Kế hoạch năm 2026 ai ký?", plan, "Kế hoạch năm 2026")  # the name's year
    assert not outside("Kinh phí năm 2026?", ["Bảo đảm đủ kinh phí."])  # no year anywhere: no decision


def test_a_year_not_covered_is_not_answered_with_a_figure(index: FakeIndex) -> None:
    answerer = Answerer(index)
    covered = answerer.respond(index, "Kinh phí đề án STEM tỉnh Hòa Bình năm 2023 là bao nhiêu?")
    assert not covered.abstained and "12 tỷ đồng" in covered.answer
    other = answerer.respond(index, "Kinh phí đề án STEM tỉnh Hòa Bình năm 2027 là bao nhiêu?")
    assert other.abstained, other.answer


def test_a_follow_up_keeps_the_conversation_document(index: FakeIndex, docs: list[ParsedDocument]) -> None:
    history = [("user", "Giai đoạn 1 của đề án STEM tỉnh Hòa Bình kéo dài từ khi nào đến khi nào?"),
               ("assistant", "Giai đoạn 1 (thí điểm): từ tháng 5/2020 đến tháng 12/2022 [1]")]
    answerer = Answerer(index)
    asked = answerer.prepare(index, "còn giai đoạn 2 thì sao?", history, None)
    assert asked.doc == docs[1].doc
    assert index.searches[-1][1].doc == docs[1].doc  # retrieval kept to it
    r = answerer.respond(index, "còn giai đoạn 2 thì sao?", history)
    assert {c.doc for c in r.citations} == {docs[1].doc}
    assert "2023" in r.answer


def test_a_passage_without_the_value_asked_for_does_not_answer() -> None:
    from assistant.answering.fact_answers import lacks_asked_value

    asks_money = fold("Kinh phí đề án STEM cho năm 2026 là bao nhiêu?")
    assert lacks_asked_value(asks_money, ["Bảo đảm đủ nguồn kinh phí triển khai đề án trong kế hoạch ngân sách hàng năm."])
    assert not lacks_asked_value(asks_money, ["Tổng kinh phí thực hiện đề án: 91.585 tỷ đồng"])
    assert not lacks_asked_value(asks_money, ["Hạng mục: Camera; Khái toán kinh phí (triệu đồng): 1.650"])
    # "hợp đồng: 12 tháng" is no amount of money
    asks_price = fold("Giá gói thầu thuê phần mềm là bao nhiêu?")
    assert lacks_asked_value(asks_price, ["Thời gian thực hiện hợp đồng: 12 tháng.", "Hình thức hợp đồng: trọn gói."])
    assert not lacks_asked_value(asks_price, ["Giá gói thầu: 1.200.000.000 đồng"])
    asks_percent = fold("Chỉ số hài lòng năm 2025 đạt bao nhiêu phần trăm?")
    assert lacks_asked_value(asks_percent, ["Trung tâm Quản lý chất lượng tổng hợp, báo cáo lãnh đạo Trường."])
    assert not lacks_asked_value(asks_percent, ["Chỉ số hài lòng đạt 86,5%."])
    assert lacks_asked_value(fold("Tỷ lệ trường dạy trực tuyến là bao nhiêu?"), ["Các trường dạy trực tuyến."])

    asks_day = fold("Hạn chót đăng ký lớp STEM là ngày nào?")
    assert lacks_asked_value(asks_day, ["Đăng ký tại địa chỉ https://taphuan.hcm.edu.vn"])
    assert not lacks_asked_value(asks_day, ["Đăng ký trước ngày 10/12/2025."])
    # the date of a document cited by its number is that document's, even with a space inside its number
    assert lacks_asked_value(asks_day, ["Sơ kết sau 02 năm triển khai Kế hoạch số 1412/QĐ- UBND-HC ngày 23/12/2023."])
    # "tham gia", "báo giá", "không dùng tiền mặt" ask no money
    for q in ["Chỉ tiêu học sinh tham gia STEM là bao nhiêu phần trăm?", "Số điện thoại nộp báo giá là bao nhiêu?",
              "Bao nhiêu cơ sở thanh toán không dùng tiền mặt?"]:
        assert not lacks_asked_value(fold(q), ["Không có số tiền nào ở đây, chỉ có 70%."])


def test_an_abbreviation_the_document_spells_out() -> None:
    from assistant.answering.fact_answers import off_topic
    from assistant.qa.compose import coverage, is_abbreviation, spelled_in
    from assistant.qa.query import parse_query

    assert [w for w in ("qlbv", "đh", "hcm", "lis", "2026", "giáo") if is_abbreviation(w)] == ["qlbv", "đh", "hcm"]
    text = "Thuê phần mềm Quản lý bệnh viện năm 2026 của Trường Đại học Công Thương"
    assert spelled_in(["qlbv", "đh", "cntt"], fold(text).split()) == ["qlbv", "đh"]
    idf = Idf([text, "Nguồn vốn: Nguồn kinh phí chuyển đổi số năm 2026 của Bệnh viện Tâm thần.", "Kế hoạch khác."])
    words = ["phần", "mềm", "qlbv"]
    assert coverage(words, text, idf, accents=True) > coverage(words, "phần mềm kế toán", idf, accents=True)
    # "QLBV" is in no document: not off the topic when the passage or its document's name spells it out
    q = parse_query("Phần mềm QLBV lấy từ nguồn vốn nào?")
    passage = "Nguồn vốn: Nguồn kinh phí chuyển đổi số năm 2026 của Bệnh viện Tâm thần."
    assert off_topic(q, passage, idf)
    assert not off_topic(q, passage, idf, "Thuê phần mềm Quản lý bệnh viện năm 2026")


def test_levels_named_only_in_the_documents_name_do_not_rule_out_a_passage() -> None:
    """A decree named by its title ("… cho trẻ em nhà trẻ, học sinh, học viên …") whose article on entry into force
    speaks of "học sinh và trường phổ thông": the levels the title names describe the document, not the asker, so
    the passage is not off the topic; a level the asker adds of their own still must be the passage's."""
    from assistant.answering.fact_answers import off_topic
    from assistant.qa.compose import unknown_words
    from assistant.qa.query import parse_query

    name = "Nghị định quy định chính sách cho trẻ em nhà trẻ, học sinh, học viên ở vùng đồng bào dân tộc thiểu số"
    passage = ("Nghị định này có hiệu lực thi hành từ ngày 01 tháng 5 năm 2025 và thay thế Nghị định số "
               "116/2016/NĐ-CP về chính sách hỗ trợ học sinh và trường phổ thông ở xã, thôn đặc biệt khó khăn.")
    idf = Idf([name, passage])
    q = parse_query("Nghị định chính sách cho trẻ em nhà trẻ, học sinh, học viên vùng đồng bào dân tộc thiểu số "
                    "có hiệu lực từ ngày nào?")
    assert off_topic(q, passage, idf)  # without the document's name the title's levels rule the passage out
    assert not off_topic(q, passage, idf, name)
    # named by a title without levels, "nhà trẻ" is the asker's own, and the passage is not about it
    other = "Nghị định quy định chính sách cho học sinh ở vùng đồng bào dân tộc thiểu số"
    asker = parse_query("Nghị định chính sách cho học sinh vùng đồng bào dân tộc thiểu số: trẻ em nhà trẻ được "
                        "hưởng từ ngày nào?")
    known = Idf([name, passage, "được hưởng"])
    assert unknown_words(asker.words, known, asker.accents) == []  # off the topic by its level alone
    assert off_topic(asker, passage, known, other)


def test_a_years_target_is_not_answered_from_last_years_results() -> None:
    """A yearly plan reviews the year before ("KẾT QUẢ THỰC HIỆN MỤC TIÊU ĐỀ ÁN", no year in the heading) and then
    sets the year's targets: "chỉ tiêu … năm 2024" prefers the 2024 section even where the review's row repeats the
    question's words better and the plan's name says 2024; a question asking for results still gets the review."""
    from assistant.qa.compose import best_passages
    from assistant.qa.query import content_words

    review = Unit(id="r6", doc="kh", doc_title="kh", kind="section", locator="r6", label="Phụ lục I, dòng 6",
                  text="Chỉ tiêu thanh toán không dùng tiền mặt 50%: đã thực hiện 465/597, đạt 78,18%.",
                  embed_text="", metadata={"path": "Phụ lục I › KẾT QUẢ THỰC HIỆN MỤC TIÊU ĐỀ ÁN"})
    target = Unit(id="t", doc="kh", doc_title="kh", kind="section", locator="t", label="II.1",
                  text="Triển khai thanh toán không dùng tiền mặt trong 80% cơ sở giáo dục.", embed_text="",
                  metadata={"path": "NỘI DUNG KẾ HOẠCH NĂM 2024 › Nhiệm vụ trọng tâm năm 2024"})
    idf = Idf([review.text, target.text, "Kế hoạch chuyển đổi số năm 2024"])
    names = {"kh": "Kế hoạch chuyển đổi số năm 2024"}
    asked = content_words("Chỉ tiêu thanh toán không dùng tiền mặt năm 2024?")
    assert best_passages(asked, [review, target], idf, names=names)[0].unit is target
    results = content_words("Kết quả thanh toán không dùng tiền mặt năm 2023 đạt bao nhiêu?")
    assert best_passages(results, [review, target], idf, names=names)[0].unit is review


def test_a_header_left_blank_is_said_so() -> None:
    from assistant.answering.document_facts import blank

    assert blank("Số: (chưa ghi số)/KH-SGDĐT")
    assert blank("Ngày ban hành: năm 2025 (chưa ghi ngày)")
    assert not blank("Ngày ban hành: tháng 6 năm 2026 (chưa ghi ngày)")  # the month is known
    assert not blank("Ngày ban hành: 07/06/2021 (ngày 07 tháng 06 năm 2021)")
    assert not blank("Số: 2345/BGDĐT-GDTH")


def test_a_passage_with_the_kind_of_value_asked_for_is_preferred() -> None:
    from assistant.qa.kinds import wanted_type

    # Both cover the question about as well and both hold a number; only one holds an amount of money.
    units = [_unit("row", "Lớp Phương pháp dạy học STEM: học 24 tiết.", "cv"),
             _unit("fee", "Lớp Phương pháp dạy học STEM: 500.000 đồng.", "cv")]
    idf = Idf(u.text for u in units)
    question = "Lớp Phương pháp dạy học STEM bao nhiêu tiền?"
    assert wanted_type(question) == "money"
    assert wanted_type("Hạn chót nộp hồ sơ là ngày nào?") == "day"
    words = ["lớp", "phương", "pháp", "dạy", "học", "stem", "tiền"]
    assert best_passages(words, units, idf, accents=True, want=wanted_type(question))[0].unit.id == "fee"
    assert best_passages(words, units, idf, accents=True, want="number")[0].unit.id == "row"  # without the type


def test_a_label_value_line_is_no_heading() -> None:
    """A heading line travels with the sentence after it; a "label: value" line is a statement of its own."""
    from assistant.qa.compose import segments

    total = _unit("t", "Tổng kinh phí (ước tính) cho giai đoạn 1: 13.66 tỷ đồng\nGIAI ĐOẠN 2: Từ 1/2023-12/2025. Nhân rộng.")
    assert segments(total)[0] == "Tổng kinh phí (ước tính) cho giai đoạn 1: 13.66 tỷ đồng"
    heading = _unit("h", "Yêu cầu chung\nBáo giá đã bao gồm thuế VAT.")
    assert segments(heading) == ["Yêu cầu chung: Báo giá đã bao gồm thuế VAT."]


def test_the_cell_a_question_names_comes_first_with_its_headers_unit() -> None:
    """"đơn giá … là bao nhiêu" over a row of "Đơn giá (triệu đồng)": the value with its unit, then the row."""
    from assistant.qa.compose import Cites, Passage, asked_cell, fact_answer

    cells = {"TT": "1.1", "Nội dung chi": "Đầu tư xây dựng phòng học STEM tiêu chuẩn", "ĐV tính": "Phòng",
             "Đơn giá (triệu đồng)": "250", "Số lượng": "50", "Thành tiền (triệu đồng)": "12,500"}
    text = "; ".join(f"{k}: {v}" for k, v in cells.items())
    row = Unit(id="r1", doc="d", doc_title="d", kind="row", locator="T4/1.1", label="Bảng 4, dòng 1.1", text=text,
               embed_text=text, cells=cells)
    assert asked_cell(row, fold("don gia phong hoc stem tieu chuan la bao nhieu")) == "Đơn giá: 250 triệu đồng"
    assert asked_cell(row, fold("Thành tiền xây phòng học STEM tiêu chuẩn?")) == "Thành tiền: 12,500 triệu đồng"
    assert asked_cell(row, fold("Phòng học STEM tiêu chuẩn được đầu tư thế nào?")) == ""  # no column named
    answer = fact_answer([Passage(row, text, 1.0, 0)], Cites(), fold("Đơn giá phòng học STEM tiêu chuẩn?"))
    assert answer.startswith("Đơn giá: 250 triệu đồng — Bảng 4, dòng 1.1: TT: 1.1;") and answer.endswith("[1]")


def test_a_cited_documents_date_is_not_the_day_asked() -> None:
    """"… là ngày nào?" with only the dates of documents cited by number ("Thông tư số 54/2017/TT-BYT ngày
    29/12/2017") among the passages: no day found (the question is not answered from them), unless the question
    names that kind of document."""
    from assistant.answering.fact_answers import lacks_asked_value

    refs = ["Thông tư số 54/2017/TT-BYT ngày 29/12/2017 của Bộ Y tế ban hành bộ tiêu chí ứng dụng CNTT;",
            "Văn bản số 348/KSTT-VP ngày 28/11/2011 của Cục Kiểm soát thủ tục hành chính về việc hướng dẫn."]
    assert lacks_asked_value(fold("Thời điểm đóng thầu gói thuê phần mềm là ngày nào?"), refs)
    assert not lacks_asked_value(fold("Thông tư 54 về tiêu chí ứng dụng CNTT ban hành ngày nào?"), refs)
    assert not lacks_asked_value(fold("Công văn 348 của Cục Kiểm soát được ban hành ngày nào?"), refs)  # its number
    assert lacks_asked_value(fold("Đề án được phê duyệt theo quyết định số mấy, ngày nào?"),
                             ["Chỉ thị số 15/CT-UBND ngày 30/8/2019 của UBND tỉnh về giáo dục STEM"])
    assert not lacks_asked_value(fold("Hạn nộp hồ sơ là ngày nào?"),
                                 ["Theo Công văn số 12/SGDĐT ngày 5/3/2024, hạn nộp hồ sơ ngày 15/3/2024."])


def test_the_cells_a_question_names_with_the_rows_unit_of_measure() -> None:
    from assistant.qa.compose import asked_cell

    cells = {"STT": "4", "Danh mục dịch vụ": "Kết nối HIS - Quản lý thông tin xét nghiệm", "Mô tả yêu cầu": "Nhận chỉ định",
             "Khối lượng": "1", "Đơn vị tính": "Gói"}
    text = "; ".join(f"{k}: {v}" for k, v in cells.items())
    row = Unit(id="r4", doc="d", doc_title="d", kind="row", locator="T1/4", label="Bảng 1, dòng 4", text=text,
               embed_text=text, cells=cells)
    assert asked_cell(row, fold("Khối lượng và đơn vị tính của danh mục dịch vụ là gì?")) == \
        "Khối lượng: 1 Gói; Đơn vị tính: Gói"


def test_an_allowance_or_salary_asked_needs_an_amount_in_the_passages() -> None:
    from assistant.answering.fact_answers import lacks_asked_value

    row = ["Nội dung nhiệm vụ: Đào tạo, diễn tập ứng phó sự cố an toàn thông tin cho giáo viên kiêm nhiệm công nghệ "
           "thông tin; Đơn vị chủ trì: Phòng GDTrH&TX"]
    assert lacks_asked_value(fold("Giáo viên kiêm nhiệm CNTT được hưởng phụ cấp bao nhiêu mỗi tháng?"), row)
    assert lacks_asked_value(fold("Mức lương của giáo viên tiểu học là bao nhiêu?"), row)
    assert not lacks_asked_value(fold("Phụ cấp cho giáo viên kiêm nhiệm là bao nhiêu?"),
                                 ["Giáo viên kiêm nhiệm được phụ cấp 500.000 đồng/tháng."])
    assert not lacks_asked_value(fold("Số lượng giáo viên kiêm nhiệm là bao nhiêu?"), row)  # no amount asked


def test_the_kind_of_money_and_the_people_counted_must_be_in_the_passages() -> None:
    from assistant.answering.fact_answers import lacks_asked_value

    budget = ["Tập huấn triển khai giáo dục STEM cho giáo viên tiểu học; Kinh phí (triệu đồng): 200"]
    assert lacks_asked_value(fold("Mức lương của giáo viên tiểu học năm 2024 là bao nhiêu?"), budget)
    assert not lacks_asked_value(fold("Kinh phí tập huấn STEM cho giáo viên là bao nhiêu?"), budget)
    assert lacks_asked_value(fold("Toàn tỉnh có tổng cộng bao nhiêu giáo viên?"), budget)
    assert not lacks_asked_value(fold("Có bao nhiêu giáo viên được tập huấn?"),
                                 ["Đã tập huấn cho 1.200 giáo viên tiểu học về giáo dục STEM."])
    assert not lacks_asked_value(fold("Mỗi lớp có bao nhiêu học viên?"), ["Quy mô lớp học 70 học viên/lớp."])
    assert not lacks_asked_value(fold("Với bao nhiêu học sinh tham gia?"), ["40% cơ sở có STEM, 30% học sinh tham gia."])


def test_a_count_stated_in_parts_is_added_up_only_when_the_parts_stand_side_by_side() -> None:
    from assistant.qa.compose import stated_parts_sum

    q = fold("Huyện Thanh Chương hiện có bao nhiêu trường đã thành lập câu lạc bộ STEM?")
    clubs = ("Tại huyện Thanh Chương, hiện nay có 15 trường THCS, 11 trường Tiểu học thành lập được các câu lạc bộ "
             "STEM với lịch sinh hoạt ít nhất 1 tiết/ tuần.")
    assert stated_parts_sum(clubs, q) == "(cộng lại: 15 + 11 = 26 trường)"
    assert stated_parts_sum("Toàn tỉnh có 220 trường, trong đó 10 trường chưa có phòng STEM.", q) == ""  # a part
    assert stated_parts_sum("Có 15 trường THCS đạt chuẩn. Năm 2025 có 11 trường Tiểu học.", q) == ""  # two statements
    assert stated_parts_sum(clubs, fold("Câu lạc bộ STEM sinh hoạt mấy tiết mỗi tuần?")) == ""  # another noun


def test_number_and_date_asked_show_what_an_annex_says_otherwise(tmp_path) -> None:
    from tests.fakes import index_of_text
    from tests.test_meta_layouts import DECREE_WITH_ANNEX

    index = index_of_text(tmp_path, "nghi-dinh.md", DECREE_WITH_ANNEX)
    number = Answerer(index).respond(index, "Nghị định này có số hiệu là gì?")
    assert number.answer.split("\n")[0].startswith("Số: 60/2025/NĐ-CP"), number.answer
    assert "Phụ lục ghi khác: Kèm theo Nghị định số 66/2025/NĐ-CP ngày 12 tháng 3 năm 2025" in number.answer
    signed = Answerer(index).respond(index, "Nghị định được ký ban hành ngày nào?")
    assert "12/03/2026" in signed.answer and "12 tháng 3 năm 2025" in signed.answer, signed.answer
    who = Answerer(index).respond(index, "Ai ký nghị định này?")
    assert "Phụ lục ghi khác" not in who.answer, who.answer


def test_words_about_the_document_itself_are_not_unknown_things() -> None:
    """"các dòng của bảng", "các con số có khớp nhau không", the asker's "cháu": words the asker talks about the
    document or their child with, which its text need not contain; a platform it never names still is unknown."""
    from assistant.qa.compose import unknown_words
    from assistant.qa.query import parse_query

    idf = Idf(["Tổng kinh phí của đề án: 110 triệu đồng.", "Bảng thành phần hồ sơ gồm đơn xin học và giấy khai sinh.",
               "Học sinh lớp 1, lớp 2 có nhu cầu tự túc chỗ ở gần trường được hỗ trợ tiền nhà ở."])
    for question in ("Tổng kinh phí của đề án là bao nhiêu? Các con số có khớp nhau không?",
                     "Bảng thành phần hồ sơ có bao nhiêu dòng?",
                     "Cháu học lớp 2, tự túc chỗ ở gần trường thì được hỗ trợ tiền nhà ở không?"):
        q = parse_query(question)
        assert unknown_words(q.words, idf, q.accents) == [], question
    q = parse_query("Lớp học trên Zoom hay không?")
    assert unknown_words(q.words, idf, q.accents) == ["zoom"]


def test_a_day_written_without_its_year_or_zeros_is_a_day_the_text_gives() -> None:
    """The survey plan's schedule row "Thời gian thực hiện: 29/6/2026 - 09/7/2026" asked as "(29/6 – 09/7/2026)" (the
    year written once) or "05/01" of "5/1/2012": the same days, not words the documents never contain; a day no
    date of the text has ("30/6") and a year it does not give ("29/6/2025") still are."""
    from assistant.qa.compose import unknown_words
    from assistant.qa.query import parse_query

    idf = Idf(["TT: 3; Nội dung công việc: Triển khai khảo sát trực tuyến; theo dõi, đôn đốc sinh viên thực hiện; "
               "Thời gian thực hiện: 29/6/2026 - 09/7/2026; Đơn vị chủ trì/phối hợp: Trung tâm QLCL; các khoa",
               "Kế hoạch gửi về UBND tỉnh trước ngày 5/1/2012"])
    q = parse_query("Đợt triển khai khảo sát trực tuyến (29/6 – 09/7/2026) ai theo dõi, đôn đốc sinh viên?")
    assert unknown_words(q.words, idf, q.accents) == []
    q = parse_query("Ngày 05/01 là ngày gửi kế hoạch phải không?")
    assert unknown_words(q.words, idf, q.accents) == []
    for day in ("30/6", "29/6/2025"):
        q = parse_query(f"Ngày {day} triển khai khảo sát trực tuyến phải không?")
        assert unknown_words(q.words, idf, q.accents) == [day]
