"""OCR benchmark (`make bench`, or `python -m bench.ocr`): the corpus plan printed with ruled
tables and scanned (tests/render_corpus.py: image-only PDF, 200 dpi), read back by OCR and compared with
the text version of the same PDF.

(1) Tables alone: `ingest.ocr.table_image.find_tables` on every page holding a table, against the cells the
    PDF reader takes from the text layer of the same page: seconds per page, cells exactly equal.
(2) The whole pipeline: `ingest.pipeline.parse_path` on the image-only PDF: seconds per page, character
    error rate of the running text (section titles and paragraphs of Phần I-II), the section tree, and
    for Phụ lục IV and for all annex tables: rows recovered (same locator, rows recovered / rows in the
    source tables), cells exactly equal, CER of the rows.
(3) The gold questions (fake embedder: retrieval without the model) asked of both versions: how many cite
    the same places (section path or annex row) and are answered correctly.
Needs Tesseract with its Vietnamese model (`make sysdeps-ocr`); says so and stops otherwise.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any


def _tesseract_ok() -> bool:
    if not shutil.which("tesseract"):
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return "vie" in out.stdout.split()


def bench_tables(rc: Any, pages: list[int]) -> dict[str, float]:
    """find_tables on the page images vs the PDF reader's tables of the same pages."""
    from PIL import Image

    from eval.ocr_metrics import norm
    from ingest.ocr.table_image import find_tables
    from ingest.readers.pdf import read_pdf

    blocks = read_pdf(rc.text_pdf)
    cells = equal = rows = rows_equal = 0
    t0 = time.perf_counter()
    for n in pages:
        want = [b for b in blocks if b.kind == "table" and b.page == n]
        got = find_tables(Image.open(rc.pages[n - 1]))
        for i, w in enumerate(want):
            g = got[i].rows if i < len(got) else []
            for j, row in enumerate(w.rows):
                other = g[j] if j < len(g) and len(g[j]) == len(row) else [""] * len(row)
                same = [norm(a) == norm(b) for a, b in zip(row, other, strict=True)]
                cells, equal = cells + len(row), equal + sum(same)
                rows, rows_equal = rows + 1, rows_equal + all(same)
    seconds = time.perf_counter() - t0
    return {"pages": len(pages), "s_per_page": seconds / max(1, len(pages)), "cells": cells, "cells_equal": equal,
            "rows": rows, "rows_equal": rows_equal}


def _body(doc: Any) -> str:
    return " ".join(x for s in doc.sections if not s.annex for x in [s.title, *(p.text for p in s.paragraphs)] if x)


def compare_documents(text: Any, scan: Any) -> dict[str, Any]:
    from eval.ocr_metrics import TableScore, cer, score_rows

    out: dict[str, Any] = {"cer_paragraphs": cer(_body(text), _body(scan))}
    a, b = [s.locator for s in text.sections], [s.locator for s in scan.sections]
    out["sections"] = (len(a), len(b), len(set(b) - set(a)), len(set(a) - set(b)), a == b)
    total = TableScore()
    for t in text.tables:
        other = next((o for o in scan.tables if o.annex == t.annex and o.table_no == t.table_no), None)
        s = score_rows({r.locator: list(r.cells.values()) for r in t.rows},
                       {r.locator: list(r.cells.values()) for r in other.rows} if other else {})
        total = total.add(s)
        if t.annex == "IV":
            out["iv"] = s
            names = [r.cells.get("Tên trường", "") for r in t.rows]
            got = {r.locator: r.cells.get("Tên trường", "") for r in other.rows} if other else {}
            out["iv_names"] = sum(got.get(r.locator) == n for r, n in zip(t.rows, names, strict=True)) / len(names)
    out["all"] = total
    return out


def bench_questions(text: Any, scan: Any) -> dict[str, int]:
    from assistant.answerer import Answerer
    from assistant.embedder import get_embedder
    from assistant.index.index import Index
    from assistant.settings import Settings
    from eval.match import answer_correct

    assistants = []
    for doc in (text, scan):
        home = Path(tempfile.mkdtemp(prefix="kehoach-bench-ocr-"))
        s = Settings(home=home, embedder="fake", corpus_dir=home / "no-corpus")
        index = Index(s, get_embedder(s))
        index.add_documents([doc])
        assistants.append(Answerer(index, abstain_below=s.abstain_below))
    out = {"questions": 0, "same_first_place": 0, "same_places": 0, "correct_text": 0, "correct_scan": 0}
    for line in Path("eval/gold/dong-thap-2024.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        history = [(h["role"], h["content"]) for h in q.get("history", [])]
        ra, rb = (a.ask(q["question"], history) for a in assistants)
        pa, pb = ([c.locator.split("#")[0] for c in r.citations] for r in (ra, rb))
        out["questions"] += 1
        out["same_first_place"] += pa[:1] == pb[:1]
        out["same_places"] += pa == pb
        for key, r in (("correct_text", ra), ("correct_scan", rb)):
            out[key] += answer_correct(r.answer, q["answers"]) if q.get("answers") else r.abstained
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ocr")
    ap.add_argument("--tables-only", action="store_true", help="only (1), on the pages of Phụ lục IV (quick)")
    ap.add_argument("--keep", type=Path, default=None, help="render into this folder and keep it")
    a = ap.parse_args(argv)
    if not _tesseract_ok():
        print("(bỏ qua OCR / OCR skipped: tesseract với mô hình vie chưa cài / not installed: make sysdeps-ocr)")
        return 0
    try:
        from tests.render_corpus import render_corpus
    except ImportError:
        print("(bỏ qua OCR / OCR skipped: tests/render_corpus.py not found: run from the repository root)")
        return 0
    from ingest.pipeline import parse_path

    with tempfile.TemporaryDirectory(prefix="kehoach-bench-ocr-") as tmp:
        work = a.keep or Path(tmp)
        t0 = time.perf_counter()
        rc = render_corpus(work)
        print(f"corpus plan rendered (tests/render_corpus.py): {len(rc.pages)} pages, image-only PDF "
              f"{rc.image_pdf.stat().st_size / 1e6:.1f} MB at {rc.dpi} dpi, in {time.perf_counter() - t0:.1f} s")
        pages = rc.pages_with("PHỤ LỤC IV") if a.tables_only else rc.pages_with("PHỤ LỤC I")
        tb = bench_tables(rc, pages)
        print(f"(1) tables alone, {tb['pages']} annex pages: {tb['s_per_page']:.1f} s/page; cells exactly equal "
              f"to the text layer {tb['cells_equal'] / tb['cells']:.3f} ({tb['cells_equal']}/{tb['cells']}); "
              f"rows with every cell equal {tb['rows_equal'] / tb['rows']:.3f} ({tb['rows_equal']}/{tb['rows']})")
        if a.tables_only:
            return 0
        text = parse_path(rc.text_pdf, doc_id="bench-ocr").document
        t0 = time.perf_counter()
        scan = parse_path(rc.image_pdf, doc_id="bench-ocr").document
        seconds = time.perf_counter() - t0
        c = compare_documents(text, scan)
        n_text, n_scan, extra, missing, same = c["sections"]
        iv, alls = c["iv"], c["all"]
        print(f"(2) whole pipeline (parse_path on the image-only PDF): {len(rc.pages)} pages in {seconds:.0f} s = "
              f"{seconds / len(rc.pages):.1f} s/page")
        print(f"    running text (titles + paragraphs of Phần I-II): CER {c['cer_paragraphs']:.4f}")
        print(f"    section tree: {n_scan} sections vs {n_text} in the text version "
              f"({'identical' if same else f'{extra} extra, {missing} missing'})")
        print(f"    Phụ lục IV: rows recovered {iv.rows_recovered}/{iv.rows_source} ({iv.row_rate:.3f}), cells "
              f"exactly equal {iv.cell_rate:.3f}, school names exactly equal {c['iv_names']:.3f}, CER {iv.cer:.4f}")
        print(f"    all annex tables: rows recovered {alls.rows_recovered}/{alls.rows_source} ({alls.row_rate:.3f}), "
              f"cells exactly equal {alls.cell_rate:.3f}, CER {alls.cer:.4f}")
        q = bench_questions(text, scan)
        print(f"(3) {q['questions']} gold questions, fake embedder, text vs scan: same first cited place "
              f"{q['same_first_place']}, same cited places {q['same_places']}; answered correctly "
              f"{q['correct_text']} (text) / {q['correct_scan']} (scan)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
