"""Issue 8, end to end: the corpus plan printed with ruled tables, scanned (image-only PDF, 200 dpi, no text
layer), ingested through `ingest.pipeline.parse_path`, comes out like the text version of the same PDF:
the same section tree, the same annex tables (Phụ lục IV: 36 schools whose names match the source), and
corpus questions get the same answers citing the same places.

Slow: the whole plan goes through Tesseract (about 100 s for 29 pages on 2 cores); done once per module.
"""

from __future__ import annotations

import re
import time

import pytest

from eval.ocr_metrics import TableScore, cer, norm, score_rows
from ingest.text import fold
from tests.test_ocr_tables import needs_tesseract
from tests.test_structure_corpus import EXPECTED_IV

pytestmark = [pytest.mark.slow, needs_tesseract]

DOC_ID = "kh-dong-thap-2024-rendered"  # both versions under one id, so citations compare as they are
OCR_MARK = re.compile(r"\s*\(OCR[^()]*\)$")  # "(OCR, tr. 28, độ tin cậy 95%)" added to OCR units' labels


@pytest.fixture(scope="module")
def versions(rendered_corpus):
    from ingest.pipeline import parse_path

    text = parse_path(rendered_corpus.text_pdf, doc_id=DOC_ID).document
    t0 = time.perf_counter()
    scan = parse_path(rendered_corpus.image_pdf, doc_id=DOC_ID).document
    seconds = time.perf_counter() - t0
    print(f"\nOCR of the image-only plan: {len(rendered_corpus.pages)} pages in {seconds:.0f} s "
          f"({seconds / len(rendered_corpus.pages):.1f} s/page)")
    return text, scan


def test_the_scan_is_read_by_ocr(versions, rendered_corpus):
    text, scan = versions
    assert scan.pages == text.pages == len(rendered_corpus.pages)
    assert getattr(scan, "ocr", True) and not getattr(text, "ocr", False)


def test_section_tree_is_the_text_versions(versions):
    text, scan = versions
    assert [s.locator for s in scan.sections] == [s.locator for s in text.sections]
    titles = [(a.title, b.title) for a, b in zip(text.sections, scan.sections, strict=True)]
    assert [fold(a) for a, _ in titles] == [fold(b) for _, b in titles]  # tone marks may be misread
    assert [(a.number, fold(a.title)) for a in scan.annexes] == [(a.number, fold(a.title)) for a in text.annexes]


def test_annex_tables_have_the_same_rows(versions):
    text, scan = versions
    assert [(t.annex, t.table_no, t.columns, len(t.rows)) for t in scan.tables] == \
        [(t.annex, t.table_no, t.columns, len(t.rows)) for t in text.tables]
    total = TableScore()
    for a, b in zip(text.tables, scan.tables, strict=True):
        total = total.add(score_rows({r.locator: list(r.cells.values()) for r in a.rows},
                                     {r.locator: list(r.cells.values()) for r in b.rows}))
    print(f"\nannex tables: {total.rows_recovered}/{total.rows_source} rows recovered, "
          f"{total.cell_rate:.3f} of cells exactly equal, CER {total.cer:.4f}")
    assert total.row_rate == 1.0
    assert total.cell_rate >= 0.95 and total.cer <= 0.01  # measured 0.987 and 0.0004


def test_annex_iv_has_36_schools_named_as_in_the_source(versions):
    from underthesea import text_normalize

    _, scan = versions
    table = next(t for t in scan.tables if t.annex == "IV")
    assert [r.stt for r in table.rows] == [str(i) for i in range(1, 37)]
    want = [line.split("|")[0] for line in EXPECTED_IV.splitlines()]
    got = [r.cells["Tên trường"] for r in table.rows]
    exact = sum(a == b for a, b in zip(want, got, strict=True)) / 36
    # "Hoà" and "Hòa" are one name in two tone-mark placements (the OCR repair writes the newer one).
    same = sum(text_normalize(a) == text_normalize(b) for a, b in zip(want, got, strict=True)) / 36
    rate = cer("\n".join(want), "\n".join(got))
    print(f"\nPhụ lục IV after OCR: {exact:.3f} of school names exactly equal ({same:.3f} up to tone-mark "
          f"placement), CER {rate:.4f}")
    # As in test_ocr_tables: two names with one wrong mark each at most; a row fault fails both.
    assert same >= 34 / 36 and rate <= 0.02
    assert [r.cells["Cấp học"] for r in table.rows] == [line.split("|")[1] for line in EXPECTED_IV.splitlines()]


# ------------------------------------------------------------------------------------ questions

QUESTIONS = {  # gold id -> question (eval/gold/dong-thap-2024.jsonl): sections and rows of all four annexes
    "dt-001": "Tỷ trọng nội dung chương trình giáo dục phổ thông dạy trực tuyến ở bậc tiểu học năm 2024 là bao nhiêu?",
    "dt-008": "Theo mục tiêu cụ thể, tối thiểu bao nhiêu % cơ sở giáo dục từ tiểu học đến trung học phải hoàn thiện "
              "mô hình quản trị số?",
    "dt-029": "Có bao nhiêu cán bộ quản lý và giáo viên đã được trang bị chữ ký số?",
    "dt-088": "Sở Tài chính có nhiệm vụ gì trong kế hoạch này?",
    "dt-050": "Có mấy nhiệm vụ năm 2023 bị đánh giá chưa đạt?",
    "dt-076": "Ai chủ trì nhiệm vụ xây dựng nền tảng dạy - học trực tuyến năm 2024?",
    "dt-055": "Nguồn xã hội hóa bao nhiêu tiền, gồm những khoản nào?",
    "dt-108": "truong nao o Lai Vung duoc dau tu thiet bi STEM",
    "dt-110": "Có bao nhiêu trường tiểu học trong danh sách được trang bị thiết bị STEM 2024?",
}


def _gold(qid: str) -> list[list[str]]:
    import json

    from tests.conftest import ROOT

    for line in (ROOT / "eval" / "gold" / "dong-thap-2024.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if q["id"] == qid:
            return q["answers"]
    raise KeyError(qid)


@pytest.fixture(scope="module")
def assistants(versions, tmp_path_factory):
    from assistant.answerer import Answerer
    from assistant.embedder import get_embedder
    from assistant.index.index import Index
    from assistant.settings import Settings

    out = []
    for doc in versions:
        home = tmp_path_factory.mktemp("ocr-home")  # pytest's temporary folders, not one left per run
        settings = Settings(home=home, embedder="fake", corpus_dir=home / "no-corpus")
        index = Index(settings, get_embedder(settings))
        index.add_documents([doc])
        out.append(Answerer(index, abstain_below=settings.abstain_below))
    return out


def _place(locator: str) -> str:
    return locator.split("#")[0]  # "P.II/I/2/a#3": the section; "#3" numbers its chunks, which may differ


@pytest.mark.parametrize("qid", list(QUESTIONS))
def test_question_same_answer_same_places(assistants, qid):
    from eval.match import answer_correct

    from_text, from_scan = (a.ask(QUESTIONS[qid]) for a in assistants)
    assert from_text.abstained is from_scan.abstained is False
    assert [_place(c.locator) for c in from_scan.citations] == [_place(c.locator) for c in from_text.citations]
    assert [fold(OCR_MARK.sub("", c.label)) for c in from_scan.citations] == \
        [fold(c.label) for c in from_text.citations]
    gold = _gold(qid)
    assert answer_correct(from_text.answer, gold) and answer_correct(from_scan.answer, gold)
    # The answer itself: the same, up to OCR tone marks in quoted text and the annex title the OCR
    # version may add; its numbers are exactly the same.
    numbers = re.compile(r"\d+(?:[.,]\d+)*%?")
    assert numbers.findall(from_scan.answer.split(":", 1)[-1]) == numbers.findall(from_text.answer.split(":", 1)[-1])
    assert cer(fold(from_text.answer), fold(from_scan.answer)) <= 0.25, (norm(from_text.answer), norm(from_scan.answer))
