"""How close OCR output is to the source: character error rate, rows recovered, cells exactly equal.

The project's only edit distance / CER (tests/test_ocr_metrics.py checks it against literal cases and a
plain dynamic-programming distance). Used by tests/test_ocr_reader.py, tests/test_ocr_tables.py,
tests/test_ocr_corpus.py and bench/ocr.py. The edit distance
is Myers' bit-vector algorithm (Hyyrö's formulation): Python integers serve as bit vectors as long as
the reference, so a section of a few thousand characters costs a few thousand big-integer operations
instead of millions of cell updates. No dependency needed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions, each 1) between a and b."""
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq: dict[str, int] = {}
    for i, ch in enumerate(b):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for ch in a:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def norm(text: str) -> str:
    """Whitespace collapsed (line breaks and spacing are layout, not content) and Unicode composed (NFC):
    "ụ" typed as u + combining dot + combining hook is the same text, one character."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: edit distance over the reference length, both normalised by `norm` (0.0 =
    identical). An empty reference gives 0.0 against an empty hypothesis, else 1.0."""
    ref, hyp = norm(reference), norm(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return levenshtein(ref, hyp) / len(ref)


def corpus_cer(pairs: list[tuple[str, str]]) -> float:
    """CER over many (reference, hypothesis) pairs, weighted by reference length."""
    errors = sum(levenshtein(norm(r), norm(h)) for r, h in pairs)
    total = sum(len(norm(r)) for r, _ in pairs)
    return errors / total if total else 0.0


@dataclass
class TableScore:
    rows_source: int = 0
    rows_recovered: int = 0  # a row with the same key (locator, or position) and the same number of cells
    cells: int = 0  # cells of the source rows
    cells_equal: int = 0  # exactly equal after whitespace collapsing
    char_errors: int = 0
    chars: int = 0

    @property
    def row_rate(self) -> float:
        return self.rows_recovered / self.rows_source if self.rows_source else 0.0

    @property
    def cell_rate(self) -> float:
        return self.cells_equal / self.cells if self.cells else 0.0

    @property
    def cer(self) -> float:
        return self.char_errors / self.chars if self.chars else 0.0

    def add(self, other: TableScore) -> TableScore:
        return TableScore(*(getattr(self, f) + getattr(other, f) for f in
                            ("rows_source", "rows_recovered", "cells", "cells_equal", "char_errors", "chars")))


def score_rows(source: dict[str, list[str]], got: dict[str, list[str]]) -> TableScore:
    """Rows keyed alike (e.g. by locator) compared cell by cell; a source row missing from `got` counts
    all its cells as wrong and all its characters as errors."""
    s = TableScore(rows_source=len(source))
    for key, cells in source.items():
        other = got.get(key)
        s.cells += len(cells)
        ref = norm(" | ".join(cells))
        s.chars += len(ref)
        if other is None or len(other) != len(cells):
            s.char_errors += len(ref)
            continue
        s.rows_recovered += 1
        s.cells_equal += sum(norm(a) == norm(b) for a, b in zip(cells, other, strict=True))
        s.char_errors += levenshtein(ref, norm(" | ".join(other)))
    return s
