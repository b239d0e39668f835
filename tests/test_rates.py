"""A rate the plan states times a quantity the asker gives (issue 16): "Trường tôi cử 10 giáo viên đi học … thì
tổng học phí phải chuyển là bao nhiêu?" over a notice's "Học phí: 500.000 đồng/học viên" is answered with that
line and "10 × 500.000 đồng = 5.000.000 đồng", instead of "not in the plan" (the question's own figure and its
"tổng … phải chuyển" are not words the notice holds)."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.qa.rates import given_quantity, rate_for_given, rates_in
from ingest.text import fold
from tests.fakes import FakeIndex, index_of_text

NOTICE = """# THÔNG BÁO

Lịch khai giảng lớp bồi dưỡng chuyên đề Phương pháp dạy học STEM tháng 12/2025

## 1. Thời gian và hình thức

Thứ Bảy 13/12/2025 và Thứ Bảy 20/12/2025, học trực tuyến từ 8g00 đến 16g30.

## 2. Đối tượng tham gia bồi dưỡng

Cán bộ quản lý, giáo viên các trường Tiểu học, THCS, THPT đăng ký tại trang tập huấn của Sở.

## 3. Học phí và hình thức thanh toán

Học phí: 500.000 đồng/học viên (năm trăm nghìn đồng).

Thông tin chuyển khoản: Đơn vị: Công ty Cổ phần Giáo dục ABC; Ngân hàng: Vietcombank.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("rates"), "thong-bao-stem.md", NOTICE)


def test_the_quantity_the_asker_gives() -> None:
    given = given_quantity(fold("Trường tôi cử 10 giáo viên đi học thì tổng học phí phải chuyển là bao nhiêu?"))
    assert given is not None and (given.count, given.noun) == (10, "giao vien")
    assert {"cu", "10", "giao", "vien", "tong"} <= given.words and "hoc" not in given.words
    assert given_quantity(fold("lop 10 hoc sinh dong hoc phi bao nhieu")) is None  # "lớp 10": a grade, not a count
    assert given_quantity(fold("Học phí mỗi học viên là bao nhiêu?")) is None  # no quantity given
    assert given_quantity(fold("Có 10 giáo viên tham gia không?")) is None  # no total asked


def test_rates_the_passage_states() -> None:
    (rate,) = rates_in("Học phí: 500.000 đồng/học viên (năm trăm nghìn đồng).")
    assert (rate.amount, rate.quoted, rate.currency, rate.unit) == (500000, "500.000", "đồng", "hoc vien")
    (rate,) = rates_in("Tiền ăn: 1,5 triệu đồng/ người/tháng")
    assert (rate.amount, rate.currency, rate.unit) == (1.5, "triệu đồng", "nguoi")
    assert rates_in("Tổng kinh phí: 91.585 triệu đồng.") == []  # an amount, no rate


def test_a_rate_is_multiplied_only_for_its_own_unit() -> None:
    fee = "Học phí: 500.000 đồng/học viên."
    question = fold("Trường cử 10 giáo viên thì tổng học phí là bao nhiêu?")
    given, rate = rate_for_given(fee, question) or (None, None)
    assert given is not None and rate is not None and given.count * rate.amount == 5_000_000
    assert rate_for_given("Thuê phòng: 2.000.000 đồng/ngày.", question) is None  # per day, people counted
    assert rate_for_given("Học phí: 500.000 đồng/học viên; tài liệu: 50.000 đồng/học viên.", question) is None


def test_the_total_for_the_given_quantity_is_answered(index: FakeIndex) -> None:
    answer = Answerer(index).respond(
        index, "Trường tôi cử 10 giáo viên đi học lớp STEM tháng 12/2025 thì tổng học phí phải chuyển là bao nhiêu?")
    assert not answer.abstained, answer.answer
    first = answer.answer.split("\n")[0]
    assert "500.000 đồng/học viên" in first and "10 × 500.000 đồng = 5.000.000 đồng" in first, answer.answer


def test_the_rate_alone_is_quoted_without_arithmetic(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Học phí lớp STEM tháng 12/2025 là bao nhiêu?")
    assert "500.000 đồng/học viên" in answer.answer and "×" not in answer.answer, answer.answer

