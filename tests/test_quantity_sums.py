"""How many things in all over a budget table's rows (issue 16): "tổng cộng bao nhiêu phòng học STEM" adds the
quantity column of the rows whose unit is "Phòng" and whose name holds "phòng học STEM", each part cited; money is
left to the amount sums, and a run of words only one row holds is that row, never a shorter run's total."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.answering.quantity_sums import asked_total
from ingest.text import fold
from tests.fakes import FakeIndex, index_of_text

PROPOSAL_MD = """# ĐỀ ÁN

Triển khai giáo dục STEM trong các trường phổ thông giai đoạn 2022 - 2025

## III. KHÁI TOÁN TỔNG MỨC ĐẦU TƯ

Giai đoạn 1 thí điểm đầu tư phòng học STEM tại một số trường; giai đoạn 2 nhân rộng.

| TT | Nội dung chi | Đơn vị chủ trì | ĐV tính | Đơn giá (triệu đồng) | Số lượng | Thành tiền (triệu đồng) |
|---|---|---|---|---|---|---|
| I | Giai đoạn 1 |  |  |  |  | 21.500 |
| 1.1 | Đầu tư xây dựng phòng học STEM tiêu chuẩn | Sở Giáo dục và Đào tạo | Phòng | 250 | 50 | 12.500 |
| 1.2 | Đầu tư xây dựng phòng học STEM cao cấp | Sở Giáo dục và Đào tạo | Phòng | 450 | 20 | 9.000 |
| 1.3 | Tập huấn giáo viên về STEM | Sở Giáo dục và Đào tạo | Lớp | 60 | 10 | 600 |
| II | Giai đoạn 2 |  |  |  |  | 75.000 |
| 2.1 | Đầu tư xây dựng phòng học STEM | Sở Giáo dục và Đào tạo | Phòng | 250 | 300 | 75.000 |
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("quantity"), "de-an-stem.md", PROPOSAL_MD)


def test_the_thing_a_total_is_asked_of() -> None:
    assert asked_total(fold("Cả hai giai đoạn đầu tư tổng cộng bao nhiêu phòng học STEM?").lower()) == [
        "phong", "hoc", "stem"]
    assert asked_total(fold("tong so may tinh la bao nhieu")) == ["may", "tinh"]
    assert asked_total(fold("Tổng kinh phí là bao nhiêu tiền?").lower()) == []  # money: the amount sums
    assert asked_total(fold("Có bao nhiêu phòng học STEM tiêu chuẩn?").lower()) == []  # one line's figure


def test_the_quantity_column_is_summed_over_the_rows_counting_the_thing(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Cả hai giai đoạn đề án đầu tư tổng cộng bao nhiêu phòng học STEM?")
    assert answer.mode == "table" and not answer.abstained, answer.answer
    first = answer.answer.split("\n")[0]
    assert "370 Phòng = 50 [1] + 20 [2] + 300 [3]" in first, answer.answer
    assert "Tập huấn" not in answer.answer  # counted in "Lớp", not rooms
    assert len(answer.citations) == 3


def test_one_row_is_not_answered_with_a_shorter_runs_total(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Tổng cộng bao nhiêu phòng học STEM cao cấp được đầu tư?")
    assert "370" not in answer.answer, answer.answer


def test_a_phase_named_sums_the_rows_under_it_only(tmp_path) -> None:
    # the phases as bold group rows, as the converted proposal prints them
    bold = PROPOSAL_MD.replace("| I | Giai đoạn 1 |  |  |  |  | 21.500 |", "| **I** | **Giai đoạn 1** |  |  |  |  | **21.500** |")
    bold = bold.replace("| II | Giai đoạn 2 |  |  |  |  | 75.000 |", "| **II** | **Giai đoạn 2** |  |  |  |  | **75.000** |")
    bold = bold.replace("| 2.1 |", "| 1 |")  # a Roman group's items numbered from 1 again
    index = index_of_text(tmp_path, "de-an-stem.md", bold)
    answer = Answerer(index).respond(index, "Giai đoạn 1 của đề án đầu tư tổng cộng bao nhiêu phòng học STEM?")
    assert not answer.abstained, answer.answer
    assert "70 Phòng = 50 [1] + 20 [2]" in answer.answer.split("\n")[0], answer.answer
    assert "300" not in answer.answer
