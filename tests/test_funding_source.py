"""Where the money comes from (issue 16): "dùng nguồn kinh phí nào?", "lấy từ nguồn nào?" are answered by the line
that names a source of funds (the state budget, a public-private partnership, socialised contributions), not by
the line that gives the same phase's amount."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.qa.kinds import wanted_type
from tests.fakes import FakeIndex, index_of_text

PROPOSAL = """# ĐỀ ÁN

Triển khai giáo dục STEM trong các trường phổ thông giai đoạn 2022 - 2025

## I. KINH PHÍ THỰC HIỆN

1. Tổng kinh phí (ước tính) cho giai đoạn 1: 13,66 tỷ đồng.

2. Tổng kinh phí (ước tính) cho giai đoạn 2: 77,15 tỷ đồng.

## II. PHƯƠNG ÁN TÀI CHÍNH

1. Giai đoạn 1: Sử dụng 100% ngân sách của tỉnh.

2. Giai đoạn 2: Hợp tác công tư (PPP), ngân sách tỉnh 30%, nhà đầu tư 70%.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("source"), "de-an-stem.md", PROPOSAL)


def test_source_questions_are_recognised() -> None:
    assert wanted_type("Giai đoạn 1 của đề án dùng nguồn kinh phí nào?") == "source"
    assert wanted_type("kinh phi mua thiet bi lay tu dau") == "source"
    assert wanted_type("Tiền thuê phần mềm lấy từ nguồn vốn nào?") == "source"
    assert wanted_type("Kinh phí giai đoạn 1 là bao nhiêu?") == "money"  # an amount, not a source


def test_the_line_naming_the_source_answers(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Giai đoạn 1 của đề án STEM dùng nguồn kinh phí nào?")
    assert not answer.abstained
    first = answer.answer.split("\n")[0]
    assert "100% ngân sách của tỉnh" in first, answer.answer


def test_the_source_bonus_outranks_retrieval_order(index: FakeIndex) -> None:
    """The amount line ranked first by retrieval, the source line second: for a source question the line naming
    the source comes first; for a question without a kind, retrieval's order stands."""
    from assistant.index.idf import Idf
    from assistant.qa.compose import best_passages
    from assistant.qa.query import content_words

    units = index.units(None)
    amount = next(u for u in units if "13,66 tỷ" in u.text)
    source = next(u for u in units if "100% ngân sách" in u.text)
    words = content_words("Giai đoạn 1 dùng nguồn kinh phí nào?")
    idf = Idf(u.embed_text for u in units)
    assert best_passages(words, [amount, source], idf, want="source")[0].unit is source
    assert best_passages(words, [amount, source], idf, want=None)[0].unit is amount
