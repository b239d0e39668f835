"""The document's other statements of a figure asked for (issue 16: "figures that disagree with each other"): a
proposal's narrative total and its estimate section's total, the text's phase budget and the annex row of that
phase. Both are shown, cited, to compare; steps of a computation and other things' figures are not."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.qa.same_figures import labelled_figure, same_thing
from ingest.text import tokens
from tests.fakes import FakeIndex, index_of_text

PROPOSAL = """# ĐỀ ÁN

Triển khai giáo dục STEM trong trường phổ thông giai đoạn 2022-2025

## I. KINH PHÍ THỰC HIỆN

1. Tổng kinh phí (ước tính) cho giai đoạn 1: 13,66 tỷ đồng

2. Tổng kinh phí (ước tính) cho giai đoạn 2: 77,15 tỷ đồng

3. Tổng kinh phí thực hiện đề án: 91,585 tỷ đồng

4. Tập huấn giáo viên. Tổng kinh phí (1) + (2): 200 triệu đồng

## II. KHÁI TOÁN TỔNG MỨC ĐẦU TƯ

Tổng kinh phí khái toán: 165.970.007.000 đồng

## III. DỰ TOÁN CHI TIẾT

| TT | Nội dung chi | Thành tiền (triệu đồng) |
|---|---|---|
| I | Giai đoạn 1 | 88.820 |
| 1 | Mua sắm thiết bị phòng học STEM | 80.000 |
| II | Giai đoạn 2 | 77.150 |

## IV. HỌC PHÍ

Học phí tập huấn: 500.000 đồng/học viên
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("proposal"), "de-an.md", PROPOSAL)


def test_labelled_figure_and_what_counts_as_the_same_thing() -> None:
    assert labelled_figure("3. Tổng kinh phí thực hiện đề án: 91,585 tỷ đồng") == (
        "Tổng kinh phí thực hiện đề án", "91,585 tỷ đồng")
    assert labelled_figure("Bố trí đủ ngân sách để triển khai.") is None
    asked = set(tokens("Tổng kinh phí thực hiện đề án là bao nhiêu?"))
    assert same_thing("Tổng kinh phí khái toán", "tong kinh", asked)
    assert not same_thing("Tổng kinh phí (1) + (2)", "tong kinh", asked)  # a step of a computation
    assert not same_thing("Học phí tập huấn", "tong kinh", asked)  # another figure
    assert not same_thing("Tổng kinh phí mua sắm thiết bị dạy học", "tong kinh", asked)  # another thing's total


def test_a_total_stated_twice_is_shown_twice(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Tổng kinh phí thực hiện đề án là bao nhiêu?").answer
    assert "91,585 tỷ đồng" in answer and "Tổng kinh phí khái toán: 165.970.007.000 đồng" in answer, answer
    compared = answer.split("cần đối chiếu", 1)[1]
    assert "200 triệu" not in compared and "13,66" not in compared, answer  # a computation's step; shown already


def test_a_phase_budget_and_its_annex_row(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Kinh phí giai đoạn 1 của đề án là bao nhiêu?").answer
    assert "13,66 tỷ đồng" in answer and "Giai đoạn 1; Thành tiền (triệu đồng): 88.820" in answer, answer
    assert "Giai đoạn 2;" not in answer and "80.000" not in answer, answer


def test_a_figure_stated_once_gets_no_comparison(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Học phí tập huấn là bao nhiêu?").answer
    assert "500.000 đồng" in answer and "đối chiếu" not in answer, answer


def test_a_row_answering_first_brings_the_other_rows_the_question_names(tmp_path) -> None:
    from tests.test_markdown_boxes import PROPOSAL as BOXED

    index = index_of_text(tmp_path, "de-an.md", BOXED)
    answer = Answerer(index).respond(index, "Giai đoạn 2 hợp tác công tư thì ngân sách tỉnh và nhà đầu tư đóng góp "
                                            "bao nhiêu?").answer
    assert "27 tỷ đồng" in answer and "50 tỷ đồng" in answer, answer
    assert "Phòng học STEM" not in answer, answer  # a row the question does not name
