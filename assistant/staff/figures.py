"""The figures a plan states, each with its subject: what is measured (the clause around it), of whom (the
population: "cơ sở giáo dục", "học sinh"), at which school levels, in which period (the plan's own year or
the past one it reports on) and as what (a target or a result). Pure functions over a ParsedDocument; the
checker by meaning (subject_check.py) and `kehoach align` (align.py) match figures by these subjects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.staff.common import Cite, Place, find_column, places, quote_around, vn_number
from ingest import vocab
from ingest.models import ParsedDocument
from ingest.tags import levels_of
from ingest.text import fold

_PCT = re.compile(r"(?<![\d/.,])(\d{1,3}(?:,\d+)?)\s*(?:%|phần trăm)")
_COUNT = re.compile(r"(?<![\d/.,%])(\d{1,3}(?:\.\d{3})+|\d+)\s+(?=\w)")
# "năm 2024", "năm học 2024-2025", "giai đoạn 2021 - 2025" name a period; "ngày 5 tháng 3 năm 2018" dates a text.
_YEAR = re.compile(r"(?<!tháng )(?<!tháng \d)(?<!tháng \d\d)\b(?:năm|giai đoạn)\s+(?:học\s+)?(?:20\d\d\s*[-–]\s*)?"
                   r"(20\d\d)\b", re.I)
_LEAD = re.compile(r"^\s*[-+•]?\s*([^:;.]{3,80}):\s+")  # "Về quản trị trường học: …"


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str  # "%" or the counted noun, accent-free ("truong")
    bound: str  # "" exact, "min" (tối thiểu, trên …), "max" (dưới, không quá …)
    text: str  # as printed: "tối thiểu 70%"
    subject: str  # the clause it is stated in, figures masked, with the paragraph's lead
    population: str  # accent-free noun: "co so giao duc"; "" when none is said
    levels: frozenset[str]
    period: str  # "plan" | "past"
    role: str  # "target" | "result"
    year: int | None
    place: str  # the locator of the paragraph or cell: figures of one place are never compared
    cite: Cite
    window: str = ""  # the words right around the figure, masked ("cứ học sinh bán trú thì được")
    twin: bool = False  # its clause has another figure of the same unit and population: told apart by window

    @property
    def lower_is_better(self) -> bool:
        return bool(vocab.LOWER_IS_BETTER_F.search(fold(self.subject)))


def clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) of a paragraph, split at ';' and at sentence ends."""
    out, start = [], 0
    for m in re.finditer(r";\s*|(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ0-9+\-•])", text):
        if text[start:m.start()].strip():
            out.append((start, text[start:m.start()]))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def bound_of(before: str) -> str:
    """'tối thiểu' / 'trên' just before a figure -> 'min'; 'dưới' / 'không quá' -> 'max'."""
    f = fold(before)[-24:]
    if vocab.FIGURE_AT_MOST_F.search(f):
        return "max"
    if vocab.FIGURE_AT_LEAST_F.search(f):
        return "min"
    return ""


def population_of(after: str) -> str:
    """The noun a figure is of, from the words right after it: '% các cơ sở giáo dục …' -> 'co so giao duc'."""
    words = re.findall(r"[a-z]+", fold(after))[: vocab.POPULATION_WINDOW + 2]
    while words and words[0] in vocab.POPULATION_SKIP:
        words = words[1:]
    head = " ".join(words[: vocab.POPULATION_WINDOW])
    return next((n for n in vocab.POPULATION_NOUNS if head.startswith(n)), "")


def count_unit(after: str) -> str | None:
    """'35 trường …' -> 'truong'; None when the number counts nothing named in COUNT_NOUNS."""
    head = " ".join(re.findall(r"[a-z]+", fold(after))[:4])
    return next((n for n in vocab.COUNT_NOUNS if head == n or head.startswith(n + " ")), None)


def year_in(text: str) -> int | None:
    years = [int(m.group(1)) for m in _YEAR.finditer(text)]
    return years[-1] if years else None


def mask(text: str) -> str:
    return " ".join(re.sub(r"\d+(?:[.,]\d+)*\s*(?:%|phần trăm)?", " ", text).split())


def figures_in(text: str) -> list[tuple[int, int, float, str]]:
    """(start, end, value, unit) of the percentages and named counts of a text, in order."""
    out = []
    for m in _PCT.finditer(text):
        v = vn_number(m.group(1))
        if v is not None and 0 <= v <= 100:
            out.append((m.start(), m.end(), v, "%"))
    for m in _COUNT.finditer(text):
        unit = count_unit(text[m.end():])
        v = vn_number(m.group(1))
        if unit and v is not None and not re.fullmatch(r"20\d\d", m.group(1)) and not _PCT.match(text, m.start()):
            out.append((m.start(), m.end(), v, unit))
    return sorted(out)


def _quote(text: str, off: int, clause: str, a: int, b: int) -> str:
    """The clause a figure is stated in, verbatim; around the figure when the clause is long."""
    if len(clause) <= 240:
        return quote_around(text, off, off + len(clause.rstrip()), 0)
    return quote_around(text, off + a, off + b, 100)


@dataclass(frozen=True)
class Context:
    period: str
    role: str
    year: int | None


def _statements(text: str, place: str, label: str, ctx: Context, cite_locator: str, about: str = "") -> list[Figure]:
    """The figures of one paragraph or cell; `about`: what the cell's row is about (its target or task)."""
    lead_m = _LEAD.match(text)
    lead = lead_m.group(1) if lead_m and not _PCT.search(lead_m.group(1)) else ""
    out = []
    for off, clause in clauses(text):
        found = figures_in(clause)
        pops = [(u, population_of(clause[b:]) if u == "%" else u) for _, b, _, u in found]
        for k, (a, b, value, unit) in enumerate(found):
            nxt = found[k + 1][0] if k + 1 < len(found) else len(clause)
            own = clause[b:nxt]
            levels = levels_of(own) or levels_of(clause)
            year = year_in(clause[:a]) or year_in(clause) or ctx.year
            pre = clause[max(0, a - 24):a]
            bnd = bound_of(pre)
            bm = re.search(r"\S+\s*$", pre) if bnd else None  # the bound's own words: "trên", "tối thiểu"
            if bm and not bound_of(bm.group(0)):
                bm = re.search(r"\S+\s+\S+\s*$", pre)
            start = a - (len(bm.group(0)) if bm else 0)
            subject = (mask(about) + " — " if about else "") + (lead + ": " if lead and lead not in clause else "") \
                + mask(clause)
            out.append(Figure(value, unit, bnd, clause[start:b].strip(), subject,
                              population_of(clause[b:]) if unit == "%" else unit, frozenset(levels),
                              ctx.period, ctx.role, year, place,
                              Cite(label, cite_locator, _quote(text, off, clause, a, b)),
                              mask(" ".join(clause[:a].split()[-5:] + clause[b:].split()[:4])), pops.count(pops[k]) > 1))
    return out


def _section_context(titles: list[str], plan_year: int | None) -> Context:
    path = fold(" ".join(titles))
    past = bool(vocab.PAST_PARTS.search(path))
    return Context("past" if past else "plan", "result" if past else "target",
                   year_in(" ".join(titles)) or (None if past else plan_year))


def plan_figures(doc: ParsedDocument) -> list[Figure]:
    """Every figure of the plan's text and tables, with its subject and context."""
    out: list[Figure] = []
    titles = {s.locator: s.titles for s in doc.sections}
    year = doc.meta.year
    for p in places(doc, rows=False):
        sec = p.locator.split("#")[0]
        ctx = _section_context(titles.get(sec, []), year)
        out += _statements(p.text, p.locator, p.label, ctx, p.locator)
    for t in doc.tables:
        heading = titles.get(t.section_locator or "", []) + [t.annex_title, t.title]
        base = _section_context(heading, year)
        results = [c for c in t.columns if any(w in fold(c) for w in vocab.RESULT_COLUMNS)]
        target_col = find_column(t, *vocab.TARGET_COLUMNS)
        past = base.period == "past" or bool(results)
        for r in t.items:
            for col, cell in r.cells.items():
                if not cell.strip() or col == t.columns[0]:
                    continue
                role = "target" if not past or col == target_col else "result"
                ctx = Context("past" if past else "plan", role, base.year if past or base.year else year)
                about = r.cells.get(target_col, "") if target_col and col != target_col else ""
                out += _statements(cell, f"{r.locator}#{col}", r.label, ctx, r.locator, about)
    return out


__all__ = ["Figure", "Place", "plan_figures", "figures_in", "population_of", "bound_of", "clauses"]
