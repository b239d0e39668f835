"""The checker by meaning: the same target or result stated twice in one plan with different figures —
restated in other words, in the narrative and again in an annex, or in the specific targets and again in the
key tasks. Figures (figures.py) are paired when they measure the same thing (same unit; same period, role and
year; compatible population and school levels) and their subjects match (matching.py: shared words and the
embedding model); a pair is reported when the figures disagree, both sides cited, with the evidence.

A bound and a figure agree when the figure keeps the bound ("trên 70%" and "100%" as results); two targets
for one subject must be the same figure ("tối thiểu 70%" and "80%" leave the target unclear).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.staff.common import fmt
from assistant.staff.figures import Figure, plan_figures
from assistant.staff.finding import Finding
from assistant.staff.matching import Matcher, word_cosine
from ingest import vocab
from ingest.models import ParsedDocument

if TYPE_CHECKING:
    from assistant.embedder import Embedder


def comparable(a: Figure, b: Figure) -> bool:
    """Could a and b be the same measure? Structure only: never within one paragraph or cell."""
    if a.place == b.place or a.unit != b.unit or (a.period, a.role) != (b.period, b.role):
        return False
    if a.year and b.year and a.year != b.year:
        return False
    if a.population and b.population and a.population != b.population:
        return False
    if (a.twin or b.twin) and word_cosine(a.window, b.window) < vocab.SUBJECT_MIN_WORDS:
        return False  # "cứ 45 học sinh … số dư từ 20 học sinh": one sentence, two measures
    return not (a.levels and b.levels and not a.levels & b.levels)


def agree(a: Figure, b: Figure) -> bool:
    """Equal figures agree; as results, a bound agrees with a figure that keeps it."""
    if abs(a.value - b.value) < 1e-9:
        return True
    if a.role == "target":
        return False
    for x, y in ((a, b), (b, a)):
        if x.bound == "min" and not y.bound and y.value >= x.value:
            return True
        if x.bound == "max" and not y.bound and y.value <= x.value:
            return True
    return False


def _figure(f: Figure) -> str:
    return f.text if f.unit == "%" else f"{f.text} {f.unit}"


def check_subjects(doc: ParsedDocument, embedder: Embedder | None = None) -> list[Finding]:
    """Pairs of figures of one subject that disagree, each one finding citing both places."""
    figs = plan_figures(doc)
    subjects = [f.subject for f in figs]
    pairs = Matcher(embedder).one_to_one(subjects, subjects, allowed=lambda i, j: i < j and comparable(figs[i], figs[j]),
                                         prefer=lambda i, j: agree(figs[i], figs[j]))
    out = []
    for i, j, ev in pairs:
        a, b = figs[i], figs[j]
        if agree(a, b):
            continue
        what = "chỉ tiêu" if a.role == "target" else "kết quả"
        year = f" năm {a.year or b.year}" if a.year or b.year else ""
        out.append(Finding(
            "figure_conflict",
            f"Cùng một {what}{year} được ghi hai số liệu khác nhau: {_figure(a)} ({a.cite.label}) và {_figure(b)}"
            f" ({b.cite.label}). Căn cứ so khớp: {ev.describe()}.",
            [a.cite, b.cite],
            data={"values": [fmt(a.value), fmt(b.value)], "unit": a.unit, "bounds": [a.bound, b.bound],
                  "role": a.role, "period": a.period, "year": a.year or b.year, "population": a.population or b.population,
                  "words": round(ev.words, 2), "meaning": None if ev.meaning is None else round(ev.meaning, 3),
                  "rank": None if ev.rank is None else round(ev.rank, 3), "shared": list(ev.shared)}))
    return out
