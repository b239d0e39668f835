"""Answers that must hold a kind of value (issue 16). How long: "phải thực hiện trong bao lâu?", "mấy tháng?" are
answered by the line giving a span ("06 tháng kể từ ngày ký hợp đồng"), not by a line that merely holds a digit
(an address, a date). Which annex: "soạn theo mẫu ở phụ lục số mấy?" by the line naming one ("theo Phụ lục 3"),
even where retrieval ranked it below the lines that repeat the question's words."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.qa.kinds import holds_kind, wanted_type
from ingest import vocab
from ingest.text import fold
from tests.fakes import FakeIndex, index_of_text

NOTICE = """# THÔNG BÁO

Mời chào giá gói thầu triển khai kết nối tích hợp phần mềm xét nghiệm với phần mềm quản lý bệnh viện

## II. YÊU CẦU VỀ GÓI THẦU

1. Địa điểm thực hiện gói thầu: Bệnh viện, 284 đường Cống Quỳnh, phường Bến Thành.

2. Thời gian thực hiện gói thầu: 06 tháng kể từ ngày ký hợp đồng.

3. Hạn nộp báo giá: trước 16 giờ 30 ngày 05/03/2026.
"""


GUIDE = """# HƯỚNG DẪN

Xây dựng và tổ chức thực hiện kế hoạch giáo dục của nhà trường cấp tiểu học

## I. KẾ HOẠCH BÀI DẠY

1. Kế hoạch bài dạy (trước đây gọi là bài soạn, giáo án) do giáo viên tiểu học thiết kế gồm yêu cầu cần đạt, đồ dùng dạy học và các hoạt động dạy học.

2. Giáo viên lưu trữ kế hoạch bài dạy theo hình thức phù hợp và báo cáo tổ trưởng chuyên môn khi có yêu cầu.

3. Tổ trưởng chuyên môn quản lý kế hoạch bài dạy của giáo viên trong tổ theo mẫu thống nhất.

4. Trên cơ sở kế hoạch dạy học đã được Hiệu trưởng phê duyệt, giáo viên xây dựng kế hoạch bài dạy theo Phụ lục 3.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("duration"), "thong-bao.md", NOTICE)


@pytest.fixture(scope="module")
def guide(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("annex"), "huong-dan.md", GUIDE)


def test_duration_questions_are_recognised() -> None:
    assert wanted_type("Gói thầu phải thực hiện trong bao lâu?") == "duration"
    assert wanted_type("thoi gian trien khai may thang") == "duration"
    assert wanted_type("Có bao nhiêu khoa tham gia?") == "number"
    assert wanted_type("Giáo viên soạn kế hoạch bài dạy theo mẫu ở phụ lục số mấy?") == "annex"
    assert wanted_type("bao cao theo bieu mau nao") == "annex"


@pytest.mark.parametrize(("kind", "text", "held"), [
    ("duration", "Thời gian thực hiện gói thầu: 06 tháng kể từ ngày ký hợp đồng.", True),
    ("duration", "Báo giá có hiệu lực tối thiểu 60 ngày.", True),
    ("duration", "284 đường Cống Quỳnh, phường Bến Thành", False),
    ("duration", "kể từ ngày 27 tháng 2 năm 2026", False),  # a date, not a span
    ("duration", "hạn chót 05/03/2026", False),
    ("address", "Bệnh viện, 284 đường Cống Quỳnh, phường Bến Thành", True),
    ("address", "Địa chỉ: 300 Điện Biên Phủ, Phường Xuân Hòa", True),
    ("address", "gửi về hộp thư vanphong@moet.edu.vn", True),
    ("address", "Cổng dịch vụ công https://dichvucong.gov.vn", True),
    ("address", "Số 12, Lê Lợi", True),
    ("address", "Học sinh nộp hồ sơ xét tuyển trực tiếp tại trường", False),
    ("address", "giáo dục kỹ năng sống, hoạt động xã hội", False),
    ("year", "triển khai thực hiện hướng dẫn này từ năm học 2021-2022", True),
    ("year", "giai đoạn 2021 - 2025", True),
    ("year", "kinh phí năm 2024", True),
    ("year", "Thông tư số 32/2018/TT-BGDĐT ngày 26/12/2018", False),  # a cited document's number and date
])
def test_a_kind_in_a_text(kind: str, text: str, held: bool) -> None:
    """A span of time and a year on the accent-free text, an address on the text as written (its capitals)."""
    assert holds_kind(kind, text) is held


def test_the_line_giving_the_span_answers(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Gói thầu kết nối tích hợp phần mềm xét nghiệm phải thực hiện trong bao lâu?")
    assert not answer.abstained, answer.answer
    assert "06 tháng" in answer.answer.split("\n")[0], answer.answer


def test_the_line_naming_the_annex_answers(guide: FakeIndex) -> None:
    answer = Answerer(guide).respond(guide, "Giáo viên tiểu học soạn kế hoạch bài dạy theo mẫu ở phụ lục số mấy?")
    assert not answer.abstained, answer.answer
    assert "theo Phụ lục 3" in answer.answer.split("\n")[0], answer.answer


def test_the_annex_line_outranks_retrieval_order(guide: FakeIndex) -> None:
    """Retrieval ranked the line defining the lesson plan first (it holds "soạn", "tiểu học"): for "phụ lục số mấy" the line naming an annex
    comes first; for a question asking no kind of value, retrieval's order stands."""
    from assistant.index.idf import Idf
    from assistant.qa.compose import best_passages
    from assistant.qa.query import content_words

    units = guide.units(None)
    kept = next(u for u in units if "bài soạn" in u.text)
    annex = next(u for u in units if "Phụ lục 3" in u.text)
    idf = Idf(u.embed_text for u in units)
    question = "Giáo viên tiểu học soạn kế hoạch bài dạy theo mẫu ở phụ lục số mấy?"
    words = content_words(question)
    assert best_passages(words, [kept, annex], idf, want=wanted_type(question))[0].unit is annex
    assert best_passages(words, [kept, annex], idf, want=None)[0].unit is kept


def test_a_line_without_the_kind_never_answers_when_one_has_it(index: FakeIndex) -> None:
    """The place line ranked first by retrieval and covering the question's words better, the span line last: for
    "bao lâu" only lines with a span are passages; without a kind asked, the place line comes first."""
    from assistant.index.idf import Idf
    from assistant.qa.compose import best_passages
    from assistant.qa.query import content_words

    units = index.units(None)
    place = next(u for u in units if "Địa điểm" in u.text)
    span = next(u for u in units if "06 tháng" in u.text)
    idf = Idf(u.embed_text for u in units)
    question = "Địa điểm thực hiện gói thầu ở bệnh viện, thực hiện trong bao lâu?"
    words = content_words(question)
    others = [u for u in units if u not in (place, span)]
    passages = best_passages(words, [place, *others, span], idf, want=wanted_type(question))
    assert passages and all("06 tháng" in p.text for p in passages)
    assert best_passages(words, [place, *others, span], idf, want=None)[0].unit is place


PROCEDURE = """# THỦ TỤC XÉT TUYỂN

Tuyển sinh trường phổ thông dân tộc nội trú

## I. TRÌNH TỰ THỰC HIỆN

1. Học sinh nộp hồ sơ xét tuyển trực tiếp tại trường trong thời hạn tuyển sinh.

2. Thành phần hồ sơ xét tuyển: đơn đăng ký, học bạ cấp tiểu học, giấy khai sinh.
"""


def test_an_address_asked(index: FakeIndex, tmp_path) -> None:
    assert wanted_type("Hồ sơ xét tuyển nộp ở địa chỉ nào?") == "address"
    assert wanted_type("dia chi benh vien o dau") == "address"
    assert wanted_type("Hồ sơ nộp ở đâu?") is None  # a place, maybe an office: not only an address answers
    answer = Answerer(index).respond(index, "Gói thầu được thực hiện ở địa chỉ nào?")
    assert not answer.abstained and "284 đường Cống Quỳnh" in answer.answer.split("\n")[0], answer.answer
    procedure = index_of_text(tmp_path, "thu-tuc.md", PROCEDURE)
    # the lines about submitting give no address: the document does not say where, in that sense
    none = Answerer(procedure).respond(procedure, "Hồ sơ xét tuyển nộp ở địa chỉ nào?")
    assert none.abstained, none.answer
    where = Answerer(procedure).respond(procedure, "Hồ sơ xét tuyển nộp ở đâu?")
    assert not where.abstained and "tại trường" in where.answer, where.answer


LETTER = """# CÔNG VĂN

Hướng dẫn xây dựng kế hoạch giáo dục của nhà trường cấp tiểu học

## I. KẾ HOẠCH BÀI DẠY

1. Kế hoạch bài dạy do giáo viên thiết kế bao gồm các hoạt động của học sinh và giáo viên trong một tiết học.

2. Giáo viên căn cứ vào yêu cầu cần đạt của chương trình, sách giáo khoa, thiết bị dạy học để xây dựng kế hoạch bài dạy gồm: Yêu cầu cần đạt, đồ dùng dạy học, hoạt động dạy học chủ yếu, điều chỉnh sau bài dạy, cụ thể như sau:

3. Tổ trưởng chuyên môn quản lý kế hoạch bài dạy theo nguyên tắc giảm nhẹ áp lực hành chính.

## II. TỔ CHỨC THỰC HIỆN

1. Căn cứ Thông tư số 32/2018/TT-BGDĐT ngày 26/12/2018 của Bộ trưởng Bộ Giáo dục và Đào tạo.

2. Các Sở GDĐT chỉ đạo các cơ sở giáo dục triển khai thực hiện hướng dẫn này từ năm học 2021-2022.
"""


@pytest.fixture(scope="module")
def letter(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("letter"), "cong-van.md", LETTER)


def test_a_year_asked_is_answered_by_a_line_giving_one(letter: FakeIndex) -> None:
    assert wanted_type("Hướng dẫn được áp dụng từ năm học nào?") == "year"
    assert wanted_type("ke hoach thuc hien den nam nao") == "year"
    assert wanted_type("Đề án thực hiện trong mấy năm?") == "duration"
    answer = Answerer(letter).respond(letter, "Hướng dẫn xây dựng kế hoạch giáo dục được thực hiện từ năm học nào?")
    assert not answer.abstained and "2021-2022" in answer.answer.split("\n")[0], answer.answer


def test_the_parts_of_a_thing_from_the_line_announcing_them(letter: FakeIndex) -> None:
    assert wanted_type("Kế hoạch bài dạy gồm những phần chính nào?") == "parts"
    assert wanted_type("ho so bao gom nhung giay to gi") == "parts"
    assert vocab.COMPOSITION_IN_TEXT.search(fold("xây dựng kế hoạch bài dạy gồm: Yêu cầu cần đạt, đồ dùng"))
    assert vocab.COMPOSITION_IN_TEXT.search(fold("Hồ sơ gồm 03 bộ"))
    assert not vocab.COMPOSITION_IN_TEXT.search(fold("bao gồm các hoạt động của học sinh và giáo viên"))
    answer = Answerer(letter).respond(letter, "Kế hoạch bài dạy gồm những phần chính nào?")
    assert not answer.abstained and "gồm: Yêu cầu cần đạt, đồ dùng dạy học" in answer.answer.split("\n")[0], answer.answer


def test_a_list_written_on_one_line_stays_one_passage() -> None:
    """"… các chủ điểm: A; B; C." is split at its ";" for matching, and put back together: the answer quotes every
    item, not the first one alone."""
    from assistant.qa.compose import segments
    from ingest.models import Unit

    text = ("Ghi chú: Căn cứ vào các điều kiện thực tế, nhà trường có thể lựa chọn các chủ điểm: Truyền thống nhà "
            "trường; Nhớ ơn Bác Hồ; Hoạt động trải nghiệm... và ghi vào cột “Chủ điểm”. Hiệu trưởng phê duyệt kế hoạch.")
    unit = Unit(id="u", doc="d", doc_title="", kind="section", locator="1", label="1", text=text, embed_text=text)
    assert segments(unit) == [text.rsplit(" Hiệu trưởng", 1)[0], "Hiệu trưởng phê duyệt kế hoạch."]
    tasks = "Phòng GDĐT: Tổ chức tập huấn; Kiểm tra việc thực hiện. Sở GDĐT: Tổng hợp báo cáo."
    plain = Unit(id="v", doc="d", doc_title="", kind="section", locator="2", label="2", text=tasks, embed_text=tasks)
    assert segments(plain) == ["Phòng GDĐT: Tổ chức tập huấn; Kiểm tra việc thực hiện.", "Sở GDĐT: Tổng hợp báo cáo."]
