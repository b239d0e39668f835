"""A province the question names by its proper name that the document never mentions (issue 16: "Xã nào ở tỉnh Hà
Giang …" asked of a decree that names no province was answered with its general rule), and a school level the
document's name does not cover asked of a passage that names none."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.qa.places import named_places, place_outside
from tests.fakes import FakeIndex, index_of_text

DECREE = """# NGHỊ ĐỊNH

Quy định chính sách hỗ trợ học sinh bán trú ở xã khu vực III vùng đồng bào dân tộc thiểu số

## Điều 1. Đối tượng áp dụng

1. Học sinh bán trú thường trú tại xã khu vực III, thôn đặc biệt khó khăn vùng đồng bào dân tộc thiểu số và miền núi.

## Điều 2. Mức hỗ trợ

1. Mỗi học sinh bán trú được hỗ trợ tiền ăn 360.000 đồng mỗi tháng.

## Điều 3. Tổ chức thực hiện

1. Ủy ban nhân dân huyện Mường Tè lập danh sách học sinh bán trú gửi Sở Giáo dục và Đào tạo tỉnh.
"""

GUIDE = """# HƯỚNG DẪN XÂY DỰNG KẾ HOẠCH GIÁO DỤC NHÀ TRƯỜNG CẤP TIỂU HỌC

## I. KHUNG KẾ HOẠCH

1. Nhà trường xây dựng kế hoạch giáo dục theo mẫu tại Phụ lục 1 kèm theo hướng dẫn này.

2. Giáo viên xây dựng kế hoạch bài dạy theo mẫu tại Phụ lục 3.
"""


@pytest.fixture(scope="module")
def decree(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("decree"), "nghi-dinh.md", DECREE)


@pytest.fixture(scope="module")
def guide(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("guide"), "huong-dan.md", GUIDE)


@pytest.mark.parametrize(("question", "names"), [
    ("Xã nào ở tỉnh Hà Giang thuộc xã khu vực III?", ["Hà Giang"]),
    ("thành phố Hồ Chí Minh có bao nhiêu trường?", ["Hồ Chí Minh"]),
    ("Kế hoạch của tỉnh Kiên Giang Năm 2024 có bao nhiêu chỉ tiêu?", ["Kiên Giang"]),  # "Năm" ends it
    ("Tỉnh Đồng Tháp, TP.HCM và Cần Thơ", ["Đồng Tháp"]),  # an abbreviation is no name
    ("Tôi dạy ở tỉnh Đồng Tháp, tỷ lệ dạy trực tuyến là bao nhiêu?", []),  # the asker's own place
    ("Ngày tư vấn tại Trường THPT Bùi Thị Xuân là ngày nào?", []),  # a school: as often the asker's context
    ("Học sinh huyện Tam Nông có được dự thi không?", []),  # so is a district
    ("xa nao o tinh ha giang", []),  # without capitals the name has no boundary: nothing is read
    ("Các xã ở tỉnh có bao nhiêu trường?", []),
])
def test_named_places(question: str, names: list[str]) -> None:
    assert named_places(question) == names


def test_a_place_counts_as_mentioned_by_its_name_or_initials() -> None:
    assert not place_outside(["Hồ Chí Minh"], ["Sở Giáo dục và Đào tạo TP.HCM"])
    assert not place_outside(["Hà Giang"], ["Nghị định …", "tỉnh HÀ GIANG"])
    assert place_outside(["Hà Giang"], ["tỉnh Kiên Giang", "Hà Nội"])
    assert not place_outside([], ["x"])


def test_a_place_the_document_never_mentions_is_not_answered(decree: FakeIndex) -> None:
    answer = Answerer(decree).respond(decree, "Xã nào ở tỉnh Hà Giang thuộc xã khu vực III được hỗ trợ tiền ăn?")
    assert answer.abstained, answer.answer
    named = Answerer(decree).respond(decree, "Ủy ban nhân dân huyện Mường Tè lập danh sách học sinh bán trú gửi đâu?")
    assert not named.abstained and "Sở Giáo dục và Đào tạo" in named.answer, named.answer
    # every word known to the index ("Mường", "Khu"), the name itself nowhere: the place rule decides
    other = Answerer(decree).respond(decree, "Học sinh bán trú ở tỉnh Mường Khu được hỗ trợ tiền ăn bao nhiêu?")
    assert other.abstained, other.answer
    own = Answerer(decree).respond(decree, "Tôi ở tỉnh Mường Khu, học sinh bán trú được hỗ trợ tiền ăn bao nhiêu?")
    assert not own.abstained and "360.000 đồng" in own.answer, own.answer


def test_a_level_the_document_does_not_cover_is_not_answered(guide: FakeIndex) -> None:
    answer = Answerer(guide).respond(guide, "Hướng dẫn yêu cầu trường THCS xây dựng kế hoạch giáo dục theo mẫu phụ lục nào?")
    assert answer.abstained, answer.answer
    level = Answerer(guide).respond(guide, "Trường tiểu học xây dựng kế hoạch giáo dục theo mẫu phụ lục nào?")
    assert not level.abstained and "Phụ lục 1" in level.answer, level.answer


def test_the_gate_turns_any_strategys_answer_about_another_place_into_an_abstention(decree: FakeIndex) -> None:
    """Whatever strategy answered (a table sum, a list, a digest), an answer citing only documents that never
    mention the place named is replaced by the abstention; one citing a document that does is kept."""
    from assistant.answering.place_gate import checked
    from assistant.schemas import AskResponse

    unit = next(u for u in decree.units(None) if "360.000" in u.text)
    answer = AskResponse(answer=f"{unit.text} [1]", abstained=False, citations=[unit.citation()], intent="fact")
    answerer = Answerer(decree)
    other = answerer.prepare(decree, "Học sinh bán trú ở tỉnh Mường Khu được hỗ trợ bao nhiêu?", None, None)
    assert checked(other, answer).abstained
    named = answerer.prepare(decree, "Học sinh bán trú ở tỉnh Mường Tè được hỗ trợ bao nhiêu?", None, None)
    assert checked(named, answer) is answer  # the decree names Mường Tè (in another article): not another place
    plain = answerer.prepare(decree, "Học sinh bán trú được hỗ trợ bao nhiêu?", None, None)
    assert checked(plain, answer) is answer


def test_the_level_rule_itself_on_a_passage_naming_no_level() -> None:
    """The rule alone (in the one-document index above "THCS" is also a word the index never holds, which
    abstains by itself): a passage naming no level speaks for its document's one level."""
    from assistant.answering.fact_answers import off_topic
    from assistant.index.idf import Idf
    from assistant.qa.query import parse_query

    passage = "Nhà trường xây dựng kế hoạch giáo dục theo mẫu tại Phụ lục 1 kèm theo hướng dẫn này."
    idf = Idf(["Trường THCS, trường tiểu học", passage])
    q = parse_query("Trường THCS xây dựng kế hoạch giáo dục theo mẫu phụ lục nào?")
    assert off_topic(q, passage, idf, "Hướng dẫn xây dựng kế hoạch giáo dục nhà trường cấp tiểu học")
    assert not off_topic(q, passage, idf, "Hướng dẫn xây dựng kế hoạch giáo dục nhà trường")  # no level named
    # a name listing several levels may cover more than it lists: no conclusion
    assert not off_topic(q, passage, idf, "Nghị định chính sách cho trẻ em nhà trẻ, học viên giáo dục thường xuyên")
