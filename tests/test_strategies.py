"""Each answer strategy alone, over the typed fake index (tests/fakes.py): what it answers, and the None that
lets the next one try. Then the Answerer's order and what it sends to retrieval."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answerer import Answerer, default_strategies
from assistant.answering.abstention import Abstention
from assistant.answering.asked import Asked
from assistant.answering.fact_answers import FactAnswers
from assistant.answering.reader_digest import ReaderDigest
from assistant.answering.staff_intents import StaffIntents
from assistant.answering.table_answers import TableAnswers
from ingest.models import ParsedDocument
from ingest.pipeline import parse_path
from tests.fakes import FakeIndex

PLAN = """# KẾ HOẠCH Chuyển đổi số trong giáo dục năm 2025

## I. MỤC TIÊU

1. Tỷ lệ giáo viên trung học cơ sở sử dụng học liệu số đạt 80%.

2. 100% trường tiểu học triển khai học bạ số.

## II. NHIỆM VỤ

1. Giáo viên THCS xây dựng bài giảng điện tử cho mỗi môn học.

## PHỤ LỤC I. PHÂN CÔNG NHIỆM VỤ

| STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Xây dựng kho học liệu số dùng chung | Phòng Giáo dục Trung học | Trung tâm Tin học | Quý II/2025 |
| 2 | Tập huấn kỹ năng số cho cán bộ quản lý | Phòng Tổ chức cán bộ | Các trường | Quý III/2025 |
| 3 | Triển khai học bạ số tiểu học | Phòng Giáo dục Tiểu học | Các trường tiểu học | Tháng 9/2025 |
"""


@pytest.fixture(scope="module")
def doc(tmp_path_factory) -> ParsedDocument:
    path: Path = tmp_path_factory.mktemp("plan") / "ke-hoach-cds.md"
    path.write_text(PLAN, encoding="utf-8")
    return parse_path(path).document


@pytest.fixture(scope="module")
def index(doc: ParsedDocument) -> FakeIndex:
    return FakeIndex(doc.units, [doc])


def asked(index: FakeIndex, question: str, **filters: str) -> Asked:
    return Answerer(index).prepare(index, question, None, filters)


def test_staff_intents(index: FakeIndex, doc: ParsedDocument) -> None:
    s = StaffIntents()
    r = s.run(asked(index, "Kiểm tra kế hoạch giúp tôi"))
    assert r is not None and r.mode == "staff" and r.intent == "check"
    assert r.answer == f"{doc.title}: 0 vấn đề, 0 ghi chú."  # the checker over the plans the index gives
    assert s.run(asked(index, "Tỷ lệ giáo viên sử dụng học liệu số đạt bao nhiêu?")) is None


def test_reader_digest(index: FakeIndex) -> None:
    d = ReaderDigest()
    r = d.run(asked(index, "Tôi là giáo viên THCS, cần đạt những gì?"))
    assert r is not None and r.mode == "digest"
    assert "80%" in r.answer and "bài giảng điện tử" in r.answer
    assert "học bạ số" not in r.answer  # a primary-school target does not apply to a THCS teacher
    assert d.run(asked(index, "Tỷ lệ giáo viên sử dụng học liệu số đạt bao nhiêu?")) is None  # not a digest
    assert d.run(asked(index, "Kế hoạch cần đạt những gì?")) is None  # names no reader


def test_table_lookup_and_count(index: FakeIndex) -> None:
    t = TableAnswers()
    r = t.run(asked(index, "Đơn vị nào chủ trì xây dựng kho học liệu số dùng chung?"))
    assert r is not None and r.mode == "table"
    assert r.answer == ("Xây dựng kho học liệu số dùng chung: Đơn vị chủ trì: Phòng Giáo dục Trung học; "
                        "Đơn vị phối hợp: Trung tâm Tin học [1]")
    assert r.citations[0].text.startswith("STT: 1")
    r = t.run(asked(index, "Có bao nhiêu nhiệm vụ trong phụ lục I?"))
    assert r is not None and r.intent == "count" and r.answer.startswith("Có 3 nhiệm vụ, theo Phụ lục I:")
    assert len(r.citations) == 3
    assert t.run(asked(index, "Tỷ lệ giáo viên sử dụng học liệu số đạt bao nhiêu?")) is None  # a fact


def test_fact_answers_and_their_none(index: FakeIndex) -> None:
    f = FactAnswers(abstain_below=0.5)
    r = f.run(asked(index, "Tỷ lệ giáo viên trung học cơ sở sử dụng học liệu số phải đạt bao nhiêu?"))
    assert r is not None and "80%" in r.answer and r.answer.endswith("[1]")
    assert r.citations[0].label.startswith("I")
    # A word the plan never uses: no answer from this strategy (the abstention answers).
    assert f.run(asked(index, "Mức phụ cấp thâm niên của nhà giáo là bao nhiêu?")) is None
    # A school level the best passage does not cover.
    assert f.run(asked(index, "Tỷ lệ giáo viên mầm non sử dụng học liệu số đạt bao nhiêu?")) is None


def test_abstention_always_answers(index: FakeIndex) -> None:
    r = Abstention().run(asked(index, "bất kỳ"))
    assert r.abstained and r.citations == [] and "không" in r.answer.lower()


def test_answerer_order_and_retrieval_filters(index: FakeIndex) -> None:
    a = Answerer(index)
    assert [s.name for s in a.strategies] == ["staff", "digest", "cited-by-day", "document", "issue-gap", "bases", "outline", "quantity-sum", "list-total",
                                             "ordinal", "columns", "amount-pair", "table", "named-rows", "list", "heading", "members", "fact",
                                             "abstain"]
    assert [s.name for s in default_strategies(0.5)] == [s.name for s in a.strategies]
    index.searches.clear()
    r = a.respond(index, "Ai chủ trì triển khai học bạ số tiểu học?", filters={"doc": "ke-hoach-cds",
                                                                                "level": "tiểu học"})
    assert r.mode == "table" and "Phòng Giáo dục Tiểu học" in r.answer
    (query, f), = index.searches
    # Document and district narrow retrieval; level and role only steer the answer.
    assert f.doc == "ke-hoach-cds" and f.level_flag is None
    r = a.respond(index, "Mức phụ cấp thâm niên của nhà giáo là bao nhiêu?")
    assert r.abstained and r.mode == "extractive"
    with pytest.raises(ValueError):
        a.respond(index, "x", filters={"level": "sao hỏa"})


def test_a_strategy_can_be_replaced(index: FakeIndex) -> None:
    """Strategies are components: an Answerer with only the fact strategy never lists table rows."""
    a = Answerer(index, strategies=[FactAnswers(), Abstention()])
    r = a.respond(index, "Có bao nhiêu nhiệm vụ trong phụ lục I?")
    assert r.mode != "table"


AGENCY_PLAN = """# KẾ HOẠCH Nâng cao chất lượng dịch vụ công năm 2025

## PHỤ LỤC. NHIỆM VỤ CỤ THỂ

| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm |
|---|---|---|---|---|---|
| 1 | Xây dựng đề án số hoá hồ sơ tuyển sinh | Sở Giáo dục và Đào tạo | Sở Tài chính | Quý III/2025 | Đề án |
| 2 | Rà soát thủ tục hành chính cấp xã | Văn phòng UBND tỉnh | Các sở, ngành | Tháng 10/2025 | Báo cáo |
"""


def test_lookup_reads_the_lead_column_under_an_unfamiliar_header(tmp_path: Path) -> None:
    """"Cơ quan chủ trì" is the lead column (it used to be taken for a district because of "quan"): the
    answer names the agency, not the product."""
    from ingest.units import column_key

    assert [column_key(h) for h in ("Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Sản phẩm", "Quận/Huyện")] \
        == ["lead", "partner", "deadline", "product", "district"]
    path = tmp_path / "ke-hoach-dvc.md"
    path.write_text(AGENCY_PLAN, encoding="utf-8")
    doc = parse_path(path).document
    index = FakeIndex(doc.units, [doc])
    r = TableAnswers().run(asked(index, "Cơ quan nào chủ trì xây dựng đề án số hoá hồ sơ tuyển sinh?"))
    assert r is not None and r.mode == "table"
    assert r.answer == ("Xây dựng đề án số hoá hồ sơ tuyển sinh: Cơ quan chủ trì: Sở Giáo dục và Đào tạo; "
                        "Cơ quan phối hợp: Sở Tài chính [1]")
    row = next(u for u in doc.units if u.kind == "row")
    assert "district" not in row.metadata and row.metadata["lead"] == "Sở Giáo dục và Đào tạo"


def test_a_lookup_without_a_lead_column_shows_the_whole_row() -> None:
    from assistant.qa.tableqa import answer_lookup
    from ingest.models import Unit

    row = Unit(id="r1", doc="d", doc_title="Kế hoạch", kind="row", label="Phụ lục, dòng 1", locator="d#PL/1",
               text="STT: 1; Hoạt động: Hội thi giáo viên giỏi; Người thực hiện: Tổ chuyên môn",
               embed_text="x", cells={"STT": "1", "Hoạt động": "Hội thi giáo viên giỏi",
                                      "Người thực hiện": "Tổ chuyên môn"})
    assert answer_lookup(row, lambda u: "[1]") == "Hội thi giáo viên giỏi: Người thực hiện: Tổ chuyên môn [1]"
