"""Issue 16, round 22: a document's own parts counted and listed; a period of months counted; the days between a
document the plan cites and the plan itself, or between two it cites, read from the plan's own lines wherever they
are; "pháp lý" named as a place in the plan is no request for its bases; a row asked by the number its name carries;
recipients asked with a purpose. Literal strings worded like the development documents, and small documents the
tests write."""

from __future__ import annotations

from pathlib import Path

from assistant.answerer import Answerer
from assistant.qa.bases import asks_bases
from assistant.qa.spans import dated_numbers, month_periods, span_months
from ingest import vocab
from ingest.pipeline import parse_path
from ingest.text import fold
from tests.fakes import FakeIndex

CONG_VAN = """# CÔNG VĂN

Số: 79/TTTT-CTGD

Thành phố Hồ Chí Minh, ngày 19 tháng 11 năm 2025

V/v lịch bồi dưỡng các lớp STEM tháng 12/2025

Kính gửi: Thủ trưởng các cơ sở giáo dục.

Căn cứ Công văn số 1557/SGDĐT-GDPT ngày 19 tháng 8 năm 2025 về hướng dẫn thực hiện nhiệm vụ giáo dục phổ thông;

Căn cứ Thông tư số 36/2018/TT-BTC ngày 30 tháng 3 năm 2018 của Bộ Tài chính về kinh phí đào tạo, bồi dưỡng;

## 1. Thời lượng và thời gian tổ chức khóa bồi dưỡng

Các lớp khai giảng từ ngày 13/12/2025.

## 2. Đối tượng tham gia bồi dưỡng

Cán bộ quản lý, giáo viên Tiểu học, THCS, THPT của các cơ sở giáo dục.

## 3. Học phí và hình thức thanh toán

Học phí: 500.000 đồng/học viên.

Nơi nhận:
- Như trên;
- Ban Giám đốc Sở (để báo cáo);
- Phòng GDPT, GDTX, NN và ĐH (để phối hợp thực hiện);
- Lưu: VT.

GIÁM ĐỐC

Võ Thiện Cang
"""


def _answerer(tmp_path: Path, text: str = CONG_VAN) -> tuple[Answerer, str]:
    (tmp_path / "cong-van-lich-stem.md").write_text(text, encoding="utf-8")
    doc = parse_path(tmp_path / "cong-van-lich-stem.md").document
    return Answerer(FakeIndex(doc.units, [doc])), doc.doc


def test_the_parts_a_document_is_divided_into(tmp_path: Path) -> None:
    answerer, doc = _answerer(tmp_path)
    r = answerer.ask("Công văn này chia nội dung thông báo thành mấy mục chính, gồm những mục nào?", filters={"doc": doc})
    assert not r.abstained
    assert r.answer.startswith("Văn bản gồm 3 phần (mục) chính:"), r.answer
    for title in ("1. Thời lượng và thời gian tổ chức khóa bồi dưỡng", "2. Đối tượng tham gia bồi dưỡng",
                  "3. Học phí và hình thức thanh toán"):
        assert title in r.answer
    assert not vocab.OUTLINE_Q.search(fold("Mục 2 có mấy đối tượng tham gia?"))  # one heading's points: not this


def test_a_period_of_months_counted() -> None:
    assert month_periods("GIAI ĐOẠN 2: Từ1/2023-12/2025.Nhân rộng và triển khai đại trà") == [(1, 2023, 12, 2025)]
    assert span_months("GIAI ĐOẠN 2: Từ1/2023-12/2025.Nhân rộng", fold("Giai đoạn 2 kéo dài bao nhiêu tháng?")) == \
        "(tính từ các tháng nêu trên: 36 tháng = 3 năm, từ tháng 01/2023 đến hết tháng 12/2025)"
    assert span_months("từ tháng 5/2020 đến tháng 12/2022", fold("kéo dài mấy năm")).startswith(
        "(tính từ các tháng nêu trên: 32 tháng,")
    # a period of days is counted in days, and "mấy tháng tuổi" asks no length
    assert span_months("từ ngày 01/11/2025 đến ngày 30/3/2026", fold("kéo dài mấy tháng")) is None
    assert not vocab.MONTHS_COUNT_Q.search(fold("trẻ mấy tháng tuổi được nhận?"))


def test_days_from_a_cited_document_to_the_plan_itself(tmp_path: Path) -> None:
    answerer, doc = _answerer(tmp_path)
    r = answerer.ask("Thông tư 36/2018/TT-BTC, được công văn 79 viện dẫn, ra đời trước công văn này khoảng bao lâu?",
                     filters={"doc": doc})
    assert not r.abstained
    assert "cách nhau 2791 ngày, khoảng 7 năm 7 tháng, từ 30/03/2018 đến 19/11/2025" in r.answer, r.answer
    assert "Thông tư số 36/2018/TT-BTC" in r.answer and "Ngày ban hành: 19/11/2025" in r.answer


def test_two_cited_documents_dated_by_the_plans_own_lines() -> None:
    lines = ["- Quyết định số 3176/QĐ-BYT ngày 29/10/2024 của Bộ trưởng Bộ Y tế về việc sửa đổi, bổ sung Quyết định "
             "số 4750/QĐ-BYT ngày 29/12/2023 của Bộ trưởng Bộ Y tế", "Thời gian thực hiện hợp đồng: 12 tháng."]
    q = fold("Quyết định 3176/QĐ-BYT sửa đổi Quyết định 4750/QĐ-BYT sau khoảng bao lâu kể từ khi 4750 được ban hành?")
    from datetime import date
    assert dated_numbers(lines, q) == [(0, date(2024, 10, 29)), (0, date(2023, 12, 29))]
    assert dated_numbers(lines, fold("Nghị định 12/2020 và thông tư 28/2020")) == []  # a decree's number, undated


def test_legal_bases_named_as_a_place_are_no_request_for_them() -> None:
    for q in ("Trong phần cơ sở pháp lý của đề án, Chỉ thị 16/CT-TTg giao Bộ GDĐT thí điểm từ năm học nào?",
              "ve co so phap ly, de an de nghi xay dung cac quy che gom nhung noi dung nao?"):
        assert asks_bases(q) and not vocab.BASES_WHOLE_Q.search(fold(q))
    for q in ("Phần cơ sở pháp lý của đề án liệt kê bao nhiêu mục căn cứ?", "Cơ sở pháp lý của đề án là gì?",
              "can cu phap ly cua thu tuc la thong tu nao", "Căn cứ pháp lý của kế hoạch?"):
        assert vocab.BASES_WHOLE_Q.search(fold(q)), q


def test_recipients_asked_with_a_purpose(tmp_path: Path) -> None:
    answerer, doc = _answerer(tmp_path)
    r = answerer.ask("cong van gui Phong GDPT, GDTX, NN va DH cua So de lam gi?", filters={"doc": doc})
    assert "phối hợp thực hiện" in r.answer, r.answer
    r = answerer.ask("Công văn được gửi để báo cáo đến những cơ quan nào?", filters={"doc": doc})
    assert "Ban Giám đốc Sở (để báo cáo)" in r.answer, r.answer


REPORTS = """# YÊU CẦU KỸ THUẬT

## Danh sách báo cáo

| STT | Tên phân hệ/chức năng |
|---|---|
| 13.2.14 | Sổ theo dõi khám bệnh ngoại trú |
| 13.2.15 | DS người bệnh BHYT khám chữa bệnh ngoại trú đề nghị thanh toán_79 |
| 13.2.16 | DS người bệnh BHYT khám chữa bệnh nội trú đề nghị thanh toán_80 |
| 13.2.17 | Báo cáo tổng hợp 2025 theo mẫu 179 |
"""


def test_a_row_asked_by_the_number_its_name_carries(tmp_path: Path) -> None:
    answerer, doc = _answerer(tmp_path, REPORTS)
    r = answerer.ask("bao cao so 79 va so 80 trong danh sach bao cao la danh sach gi?", filters={"doc": doc})
    assert "Thứ 79:" in r.answer and "ngoại trú đề nghị thanh toán_79" in r.answer, r.answer
    assert "Thứ 80:" in r.answer and "nội trú đề nghị thanh toán_80" in r.answer
    assert "mẫu 179" not in r.answer  # 79 inside a longer number is no code


def test_the_parts_of_a_thing_the_document_describes_are_not_its_own(tmp_path: Path) -> None:
    answerer, doc = _answerer(tmp_path)
    r = answerer.ask("Kế hoạch bài dạy gồm những phần chính nào?", filters={"doc": doc})
    assert not r.answer.startswith("Văn bản gồm"), r.answer


def test_a_row_asked_by_its_numbered_code(tmp_path: Path) -> None:
    answerer, doc = _answerer(tmp_path, REPORTS)
    r = answerer.ask("Trong danh sách báo cáo, mục 13.2.16 là chức năng gì?", filters={"doc": doc})
    assert r.answer.startswith("13.2.16: ") and "nội trú đề nghị thanh toán_80" in r.answer, r.answer
    assert "ngoại trú" not in r.answer


PLAN_753 = """# KẾ HOẠCH

Khảo sát sự hài lòng của người học năm 2026

## 5. Phân công trách nhiệm

### 5.1. Trung tâm Quản lý chất lượng

Là đơn vị đầu mối tham mưu ban hành kế hoạch và tổ chức triển khai khảo sát.

### 5.2. Phòng Đào tạo và Phòng Công tác sinh viên

Phối hợp chuẩn bị dữ liệu sinh viên, thực hiện chọn mẫu.

### 5.3. Các khoa tham gia khảo sát

Phân công cán bộ đầu mối phối hợp với Trung tâm Quản lý chất lượng.

## 6. Kinh phí

Từ nguồn kinh phí hoạt động thường xuyên của Trường.
"""


def test_a_heading_named_in_the_question_lists_the_headings_under_it(tmp_path: Path) -> None:
    answerer, doc = _answerer(tmp_path, PLAN_753)
    r = answerer.ask("Mục phân công trách nhiệm của kế hoạch giao việc cho mấy nhóm đơn vị, là những đơn vị nào?",
                     filters={"doc": doc})
    assert r.answer.startswith("Mục «Phân công trách nhiệm» gồm 3 điểm:"), r.answer
    assert "5.2. Phòng Đào tạo và Phòng Công tác sinh viên" in r.answer and "Kinh phí" not in r.answer
