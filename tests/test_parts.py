"""A question asking two things (issue 16): each part the answer to the whole leaves out is answered on its own
and joined to it, with its citations renumbered ("… theo hình thức nào và phương thức đấu thầu ra sao?" quoted
only the first line of the section holding both)."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.qa.parts import joined, question_parts, said, unsaid
from ingest.models import Citation
from tests.fakes import FakeIndex, index_of_text

TENDER = """# CHƯƠNG V. YÊU CẦU KỸ THUẬT

Gói thầu thuê phần mềm quản lý bệnh viện năm 2026

## 1. Thông tin chung

- Hình thức lựa chọn nhà thầu: Chào hàng cạnh tranh trong nước, qua mạng.
- Phương thức đấu thầu: Một giai đoạn, một túi hồ sơ.
- Thời gian thực hiện hợp đồng: 12 tháng.

## 2. Yêu cầu về lưu trữ

- Dữ liệu được lưu trữ trên hệ thống đạt tiêu chuẩn lưu trữ dữ liệu quốc tế Uptime Tier III.
- Nền tảng đám mây của nhà thầu phải được phê duyệt cấp độ an toàn thông tin cấp độ 3.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("parts"), "chuong-v.md", TENDER)


@pytest.mark.parametrize(("question", "parts"), [
    ("Giai đoạn nhân rộng dự kiến xây bao nhiêu phòng học STEM và hết bao nhiêu tiền?",
     ["Giai đoạn nhân rộng dự kiến xây bao nhiêu phòng học STEM?",
      "Giai đoạn nhân rộng dự kiến xây phòng học STEM hết bao nhiêu tiền?"]),  # the short part lent the subject
    ("liên hệ chuyên viên nào, email gì?", ["liên hệ chuyên viên nào?", "liên hệ chuyên viên email gì?"]),
    ("Lớp STEM học trực tiếp hay online, học từ mấy giờ đến mấy giờ?",
     ["Lớp STEM học trực tiếp hay online?", "học từ mấy giờ đến mấy giờ?"]),  # a long part keeps its own words
    ("Đơn vị nào, cấp nào chủ trì và phòng nào phối hợp?",
     ["Đơn vị nào?", "Đơn vị cấp nào chủ trì?", "Đơn vị phòng nào phối hợp?"]),  # three parts
    ("Có bao nhiêu giáo viên và học sinh tham gia?", []),  # "và" joins two nouns of one question
    ("Trường có được hỗ trợ hay không?", []),
    ("Tổng kinh phí của kế hoạch là bao nhiêu?", []),
])
def test_the_parts_of_a_question(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


def _c(i: str) -> Citation:
    return Citation(id=i, doc="d", doc_title="D", kind="section", label=i, locator=i, text=i)


def test_two_answers_joined_renumber_the_second() -> None:
    text, cites = joined(("A [1] B [2]", [_c("a"), _c("b")]), ("C [1] D [2]", [_c("b"), _c("c")]))
    assert text == "A [1] B [2]\nC [2] D [3]"  # "b" keeps its number; "c" is the third
    assert [c.id for c in cites] == ["a", "b", "c"]


def test_said() -> None:
    assert said("Phương thức đấu thầu: Một giai đoạn. [2]", "… Phương thức đấu thầu: Một giai đoạn. [1]")
    assert not said("Phương thức đấu thầu: Một giai đoạn. [1]", "Hình thức: Chào hàng cạnh tranh. [1]")


def test_only_the_lines_a_part_adds_are_joined() -> None:
    whole = "Căn cứ Quyết định số 2034/QĐ-BGDĐT ngày 13 tháng 7 năm 2023; [1]"
    part = "Căn cứ Quyết định số 2034/QĐ-BGDĐT ngày 13 tháng 7 năm 2023; [1]\nNgày ban hành: tháng 6 năm 2026 [2]"
    new = unsaid(part, whole)
    assert new == "Ngày ban hành: tháng 6 năm 2026 [2]"  # the line said already is not repeated
    text, cites = joined((whole, [_c("a")]), (new, [_c("a"), _c("m")]))
    assert text == f"{whole}\nNgày ban hành: tháng 6 năm 2026 [2]"
    assert [c.id for c in cites] == ["a", "m"]
    _, cites = joined(("X [1]", [_c("a")]), ("Y [2]", [_c("b"), _c("c")]))
    assert [c.id for c in cites] == ["a", "c"]  # "b" no line cites any more
    assert unsaid("A. [1]", "… A. [3]") == ""


def test_both_parts_are_answered(index: FakeIndex) -> None:
    r = Answerer(index).ask("Gói thầu lựa chọn nhà thầu theo hình thức nào và phương thức đấu thầu ra sao?")
    assert not r.abstained
    assert "Chào hàng cạnh tranh" in r.answer and "Một giai đoạn, một túi hồ sơ" in r.answer, r.answer


def test_a_question_asking_one_thing_is_answered_as_before(index: FakeIndex) -> None:
    r = Answerer(index).ask("Phương thức đấu thầu của gói thầu là gì?")
    assert "Một giai đoạn, một túi hồ sơ" in r.answer and "Chào hàng" not in r.answer, r.answer
