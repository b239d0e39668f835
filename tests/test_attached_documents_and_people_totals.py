"""Issue 16, round 26: a document attached inside another (a guide sent with its cover letter, a form in an annex)
starts with its own header: its organisation, number, the motto, place and date, and its subject. Those lines are
never the headings of what follows ("Độc lập - Tự do - Hạnh phúc › 1. Mục tiêu"): the attached document is one
section named by its subject, its header lines its first paragraph. And people counted over a budget table: rows
measured "Người/lượt" count the teachers their name says ("Tập huấn cho giáo viên và CBQL")."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answerer import Answerer
from ingest.pipeline import parse_path
from tests.fakes import FakeIndex, index_of_text

LETTER_WITH_GUIDE = """UBND TỈNH PHÚ THỌ

Số: 4532/UBND-KSTTHC

V/v xây dựng kế hoạch rà soát quy định, thủ tục hành chính

CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

Phú Thọ, ngày 07 tháng 12 năm 2011

Kính gửi: Các sở, ban, ngành; UBND các huyện, thành, thị.

Kế hoạch rà soát của các cơ quan, đơn vị gửi về UBND tỉnh trước ngày 05/01/2012.

Nơi nhận:
- Như trên;
- Lưu: VT.

UBND TỈNH PHÚ THỌ

VĂN PHÒNG

Số: 620/VP-KSTTHC

CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

Phú Thọ, ngày 07 tháng 12 năm 2011

Về việc Hướng dẫn xây dựng và thực hiện kế hoạch rà soát quy định, thủ tục hành chính.

Kính gửi: Các sở, ban, ngành của tỉnh.

I. NỘI DUNG

1. Mục tiêu, yêu cầu, phạm vi rà soát.

Rà soát quy định, thủ tục hành chính nhằm kịp thời phát hiện để sửa đổi, bổ sung, thay thế, bãi bỏ.
"""


def _sections(tmp_path: Path, name: str, text: str) -> list[tuple[str, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    doc = parse_path(tmp_path / name).document
    return [(u.label, u.text) for u in doc.units if u.kind == "section"]


def test_an_attached_guides_header_is_one_section_named_by_its_subject(tmp_path: Path) -> None:
    units = _sections(tmp_path, "cong-van.txt", LETTER_WITH_GUIDE)
    labels = [label for label, _ in units]
    assert not any("Độc lập" in label or "CỘNG HOÀ" in label or label.endswith("VĂN PHÒNG") for label in labels), labels
    header = [text for label, text in units if label.startswith("Hướng dẫn xây dựng và thực hiện kế hoạch rà soát")]
    assert header, labels
    assert "Số: 620/VP-KSTTHC" in header[0] and "VĂN PHÒNG" in header[0] and "ngày 07 tháng 12 năm 2011" in header[0]
    # its body is read as before: the recipients under the guide's section, the numbered parts by their numbers
    assert any(text.startswith("Kính gửi: Các sở, ban, ngành của tỉnh") and label.startswith("Hướng dẫn")
               for label, text in units), units
    assert any("sửa đổi, bổ sung, thay thế, bãi bỏ" in text and "1" in label for label, text in units), units


def test_a_form_in_an_annex_is_named_by_its_title_not_its_motto(tmp_path: Path) -> None:
    text = """# NGHỊ ĐỊNH

Quy định chính sách cho học sinh bán trú.

Điều 1. Phạm vi điều chỉnh

Nghị định này quy định chính sách cho học sinh.

## PHỤ LỤC I

Mẫu số 01

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

ĐƠN ĐỀ NGHỊ HƯỞNG CHÍNH SÁCH HỌC SINH BÁN TRÚ

Kính gửi: Trường…………………….

Họ và tên học sinh: ………………………
"""
    units = _sections(tmp_path, "nghi-dinh.md", text)
    labels = [label for label, _ in units]
    assert not any("Độc lập" in label or "CỘNG HÒA" in label for label in labels), labels
    assert any(label.endswith("ĐƠN ĐỀ NGHỊ HƯỞNG CHÍNH SÁCH HỌC SINH BÁN TRÚ") and text.startswith("Kính gửi: Trường")
               for label, text in units), units


def test_a_plans_own_header_is_still_its_metadata(tmp_path: Path) -> None:
    (tmp_path / "cong-van.txt").write_text(LETTER_WITH_GUIDE, encoding="utf-8")
    meta = parse_path(tmp_path / "cong-van.txt").document.meta
    assert meta.number.startswith("4532"), meta  # the first header is the document's, the attached one's is not


BUDGET_MD = """# ĐỀ ÁN GIÁO DỤC STEM

## III. KHÁI TOÁN KINH PHÍ

| TT | Nội dung chi | ĐV tính | Đơn giá (triệu đồng) | Số lượng | Thành tiền (triệu đồng) |
|---|---|---|---|---|---|
| I | Giai đoạn 1 |  |  |  | 12.725 |
| 1.1 | Đầu tư xây dựng phòng học STEM tiêu chuẩn | Phòng | 250 | 50 | 12.500 |
| 1.2 | Tập huấn cho giáo viên và CBQL | Người/lượt | 1.5 | 150 | 225 |
| 1.3 | Kiểm tra, đánh giá giữa kỳ | Lượt | 1 | 50 | 50 |
| II | Giai đoạn 2 |  |  |  | 1.600 |
| 2.1 | Tập huấn cho giáo viên và CBQL | Người/lượt | 1.5 | 1000 | 1.500 |
| 2.2 | Kiểm tra, đánh giá giữa kỳ | Lượt | 1 | 100 | 100 |
"""


@pytest.fixture(scope="module")
def budget(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("people"), "de-an-stem.md", BUDGET_MD)


def test_people_are_counted_over_rows_measured_in_people(budget: FakeIndex) -> None:
    answer = Answerer(budget).respond(budget, "Cộng cả hai giai đoạn, đề án tập huấn tổng cộng bao nhiêu giáo viên và "
                                              "cán bộ quản lý?")
    assert not answer.abstained and answer.mode == "table", answer.answer
    first = answer.answer.split("\n")[0]
    assert "1.150" in first and "150 [1] + 1.000 [2]" in first, answer.answer
    assert "(giáo viên)" in first, first
    assert "giáo viên và)" not in first  # the run's last word is no conjunction left hanging
    assert "Kiểm tra" not in answer.answer  # "Lượt" rows that count no teachers


def test_a_count_of_pupils_is_not_a_sum_of_checks(budget: FakeIndex) -> None:
    answer = Answerer(budget).respond(budget, "Tổng cộng bao nhiêu học sinh được tham gia?")
    assert "150" not in answer.answer.split("\n")[0] or answer.abstained, answer.answer


def test_teachers_of_a_province_are_not_the_trainees_of_a_budget_line(budget: FakeIndex) -> None:
    answer = Answerer(budget).respond(budget, "Toàn tỉnh có tổng cộng bao nhiêu giáo viên?")
    assert "1.150" not in answer.answer, answer.answer


PHASES_MD = """# ĐỀ ÁN GIÁO DỤC STEM

## III. KHÁI TOÁN KINH PHÍ

| TT | Nội dung chi | ĐV tính | Đơn giá (triệu đồng) | Số lượng | Thành tiền (triệu đồng) |
|---|---|---|---|---|---|
| I | Giai đoạn 1 |  |  |  | 88.820 |
| 1.1 | Tập huấn cho giáo viên và CBQL | Người/lượt | 1.5 | 150 | 225 |
| 1.2 | Kinh phí hỗ trợ các hoạt động khác | Lượt hoạt động | 15 | 15 | 225 |
| II | Giai đoạn 2 |  |  |  | 77.150 |
| 2.1 | Tập huấn cho giáo viên và CBQL | Người/lượt | 1.5 | 1000 | 1.500 |
| 2.2 | Kinh phí hỗ trợ các hoạt động khác | Lượt hoạt động | 15 | 30 | 450 |
"""


@pytest.fixture(scope="module")
def phases(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("phases"), "de-an-stem.md", PHASES_MD)


def test_several_columns_of_a_line_under_the_phase_named(phases: FakeIndex) -> None:
    answer = Answerer(phases).respond(phases, "Khoản tập huấn cho giáo viên và CBQL ở giai đoạn 1 có đơn giá, số lượng "
                                              "và thành tiền bao nhiêu?")
    assert not answer.abstained, answer.answer
    assert "Đơn giá (triệu đồng): 1.5; Số lượng: 150; Thành tiền (triệu đồng): 225" in answer.answer, answer.answer
    assert "1000" not in answer.answer and "88.820" not in answer.answer  # phase 2's line, the phase's own row


def test_a_line_each_phase_has_is_summed_with_its_quantity(phases: FakeIndex) -> None:
    answer = Answerer(phases).respond(phases, "Cộng cả hai giai đoạn, đề án dự trù bao nhiêu triệu đồng cho khoản kinh "
                                              "phí hỗ trợ các hoạt động khác, ứng với tổng bao nhiêu lượt hoạt động?")
    assert not answer.abstained, answer.answer
    lines = answer.answer.split("\n")
    assert "675 triệu đồng = 225 [1] + 450 [2]" in lines[0], answer.answer  # the header's unit said
    assert any("45 Lượt hoạt động = 15 [1] + 30 [2]" in line for line in lines), answer.answer
    assert len(lines) == len(set(lines)), answer.answer  # a part's answer already said is not said twice


def test_one_phase_named_is_no_sum(phases: FakeIndex) -> None:
    answer = Answerer(phases).respond(phases, "Ở giai đoạn 2, khoản kinh phí hỗ trợ các hoạt động khác có thành tiền "
                                              "bao nhiêu?")
    assert "450" in answer.answer and "675" not in answer.answer, answer.answer
