"""`kehoach check PLAN`: internal consistency of one plan, every finding citing the places involved.

Checks (each a pure function of a ParsedDocument): budget sums (see budget.py); percentages next to a
fraction "a/b … x%"; the same count given with different totals ("465/595" vs "465/597"); one document
number cited with different dates; duplicated or skipped numbering among sections and annex rows;
references to an annex ("Phụ lục V") that the plan does not have; the same target or result stated with
different figures in different words (subject_check.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from assistant.staff.budget import check_budget
from assistant.staff.common import (
    Cite,
    Place,
    fmt,
    ordinal,
    places,
    quote_around,
    roman_value,
    similarity,
    unit_name,
)
from assistant.staff.finding import Finding
from assistant.staff.subject_check import check_subjects
from ingest.models import ParsedDocument, Row, Section

if TYPE_CHECKING:
    from assistant.embedder import Embedder

_FRACTION = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/])")
_PERCENT = re.compile(r"(\d+(?:,\d+)?)\s*%")


def _int(s: str) -> int:
    return int(s.replace(".", ""))


def fractions(p: Place) -> list[tuple[int, int, re.Match[str]]]:
    out = []
    for m in _FRACTION.finditer(p.text):
        a, b = _int(m.group(1)), _int(m.group(2))
        if 0 < a <= b and b > 1:
            out.append((a, b, m))
    return out


def check_percentages(doc: ParsedDocument) -> list[Finding]:
    """'465/595 … đạt tỉ lệ 78,18%': the first percentage after a fraction, in the same clause."""
    out = []
    for p in places(doc):
        for a, b, m in fractions(p):
            tail = p.text[m.end():]
            stop = re.search(r"[;.](?:\s|$)|\d\s*/\s*\d", tail)
            pm = _PERCENT.search(tail[: min(stop.start() if stop else len(tail), 160)])
            if not pm:
                continue
            stated = float(pm.group(1).replace(",", "."))
            decimals = len(pm.group(1).partition(",")[2])
            actual = 100.0 * a / b
            if abs(actual - stated) > 0.5 * 10 ** -decimals + 1e-9:
                quote = quote_around(p.text, m.start(), m.end() + pm.end(), 40)
                out.append(Finding("percent_mismatch",
                                   f"{a}/{b} = {fmt(actual)}%, không phải {pm.group(1)}% như đã ghi.",
                                   [Cite(p.label, p.locator, quote)],
                                   data={"numerator": a, "denominator": b, "stated": stated,
                                         "computed": round(actual, 2)}))
    return out


def check_quantities(doc: ParsedDocument) -> list[Finding]:
    """The same count out of different totals in similar contexts: '465/595' here, '465/597' there."""
    seen: dict[int, list[tuple[int, Place, re.Match[str]]]] = defaultdict(list)
    for p in places(doc):
        for a, b, m in fractions(p):
            if a >= 10:  # small counts repeat by chance ("1/2")
                seen[a].append((b, p, m))
    out = []
    for a, hits in seen.items():
        denominators = {b for b, _, _ in hits}
        if len(denominators) < 2:
            continue
        first = hits[0]
        others = [h for h in hits[1:] if h[0] != first[0] and similarity(first[1].text, h[1].text) >= 0.3]
        if not others:
            continue
        involved = [first, *others]
        values = sorted({f"{a}/{b}" for b, _, _ in involved})
        out.append(Finding("quantity_conflict", f"Cùng một số liệu được ghi khác nhau: {' và '.join(values)}.",
                           [Cite(p.label, p.locator, quote_around(p.text, m.start(), m.end(), 60))
                            for _, p, m in involved],
                           data={"numerator": a, "denominators": sorted({b for b, _, _ in involved})}))
    return out


_DOCNO = re.compile(r"(?<![\d/])(\d{1,5})\s*/\s*((?:\d{4}/)?[A-ZĐ][A-ZĐa-zđ]*(?:\s*[-–]\s*[A-ZĐ][A-ZĐa-zđ&]*)*)")
_DATE = re.compile(r"^[\s,]*(?:ngày\s*)?(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+"
                   r"(\d{4}))", re.I)


def check_doc_dates(doc: ParsedDocument) -> list[Finding]:
    """'Quyết định số 1412/QĐ-UBND-HC ngày 23 tháng 12 năm 2022' vs '1412/QĐ- UBND-HC ngày 23/12/2023'."""
    cited: dict[str, list[tuple[date, Cite]]] = defaultdict(list)
    for p in places(doc):
        for m in _DOCNO.finditer(p.text):
            dm = _DATE.match(p.text[m.end():])
            if not dm:
                continue
            d, mo, y = (int(x) for x in (dm.groups()[:3] if dm.group(1) else dm.groups()[3:]))
            try:
                when = date(y, mo, d)
            except ValueError:
                continue
            key = m.group(1) + "/" + re.sub(r"\s+", "", m.group(2)).upper().replace("–", "-")
            cited[key].append((when, Cite(p.label, p.locator, quote_around(p.text, m.start(), m.end() + dm.end(), 30))))
    out = []
    for key, hits in cited.items():
        dates = sorted({d for d, _ in hits})
        if len(dates) > 1:
            out.append(Finding("doc_date_conflict", f"Văn bản số {key} được dẫn với các ngày khác nhau: "
                               + ", ".join(d.strftime("%d/%m/%Y") for d in dates) + ".",
                               [c for _, c in hits], data={"number": key, "dates": [d.isoformat() for d in dates]}))
    return out


def _sequence(kind_items: list[tuple[str, int, Cite, bool]], where: str, scope: str) -> list[Finding]:
    """One sibling list of one numbering kind: duplicates (flagged by the parser or equal values) and gaps."""
    out = []
    prev: tuple[int, Cite] | None = None
    seen: dict[int, Cite] = {}
    for kind, value, cite, dup in kind_items:
        if dup or value in seen:
            first = seen.get(value)
            out.append(Finding("numbering_duplicate", f"{where}: số thứ tự “{unit_name(kind, value)}” bị lặp.",
                               [c for c in (first, cite) if c], data={"scope": scope, "number": unit_name(kind, value)}))
            continue
        expected = prev[0] + 1 if prev else 1
        if value > expected:
            missing = [unit_name(kind, v) for v in range(expected, value)]
            out.append(Finding("numbering_gap", f"{where}: bỏ qua số thứ tự {', '.join(missing)} "
                               f"(sau “{unit_name(kind, prev[0]) if prev else '—'}” là “{unit_name(kind, value)}”).",
                               [c for c in ((prev[1] if prev else None), cite) if c],
                               data={"scope": scope, "missing": missing, "after": unit_name(kind, prev[0]) if prev else None,
                                     "next": unit_name(kind, value)}))
        seen[value] = cite
        prev = (value, cite)
    return out


def _by_kind(items: list[tuple[str, Cite, bool]], where: str, scope: str) -> list[Finding]:
    groups: dict[str, list[tuple[str, int, Cite, bool]]] = defaultdict(list)
    for number, cite, dup in items:
        o = ordinal(number)
        if o:
            groups[o[0]].append((o[0], o[1], cite, dup))
    return [f for seq in groups.values() for f in _sequence(seq, where, scope)]


def _parent(s: Section) -> str:
    loc = s.locator.split("~")[0]
    if "/" in loc:
        return loc.rsplit("/", 1)[0]
    return loc.split(".")[0] if "." in loc else ""  # "P.II" -> "P", "PL.I" -> "PL", "II" -> root


def check_numbering(doc: ParsedDocument) -> list[Finding]:
    out: list[Finding] = []
    siblings: dict[str, list[Section]] = defaultdict(list)
    for s in doc.sections:
        if s.number:
            siblings[_parent(s)].append(s)
    labels = {s.locator: s.label for s in doc.sections}
    for parent, secs in siblings.items():
        where = labels.get(parent, "Phụ lục" if parent == "PL" else "Văn bản")
        items = [(s.number, Cite(s.label, s.locator, s.title or (s.paragraphs[0].text[:80] if s.paragraphs else "")),
                  "~" in s.locator) for s in secs]
        out += _by_kind(items, where, parent)
    for t in doc.tables:
        name = f"Phụ lục {t.annex}" if t.annex else f"Bảng {t.table_no}"
        if len([x for x in doc.tables if x.annex == t.annex]) > 1:
            name += f", bảng {t.table_no}"
        children: dict[tuple[str, ...], list[Row]] = defaultdict(list)
        for r in sorted([*t.groups, *t.items], key=lambda r: r.position):
            if r.stt:
                children[tuple(r.group_path)].append(r)
        for path, rows in children.items():
            where = name + (f", mục {' › '.join(path)}" if path else "")
            items = [(r.stt, Cite(r.label, r.locator, r.cells.get(t.columns[1], "")[:80] if len(t.columns) > 1 else ""),
                      r.occurrence > 1) for r in rows]
            out += _by_kind(items, where, f"{t.annex}/T{t.table_no}/{'/'.join(path)}")
    return out


_ANNEX_REF = re.compile(r"ph[ụu]\s+l[ụu]c\s+(?:s[ốo]\s+)?([IVXLC]+|\d+)\b", re.I)


def _annex_value(s: str) -> int | None:
    return int(s) if s.isdigit() else roman_value(s)


def check_annex_refs(doc: ParsedDocument) -> list[Finding]:
    have = {_annex_value(a.number) for a in doc.annexes} | {_annex_value(t.annex) for t in doc.tables if t.annex}
    out = []
    for p in places(doc):
        for m in _ANNEX_REF.finditer(p.text):
            if _annex_value(m.group(1).upper()) not in have:
                out.append(Finding("annex_missing", f"Văn bản dẫn “{m.group(0)}” nhưng không có phụ lục này.",
                                   [Cite(p.label, p.locator, quote_around(p.text, m.start(), m.end(), 50))],
                                   data={"annex": m.group(1)}))
    return out


CHECKS = (check_budget, check_percentages, check_quantities, check_doc_dates, check_numbering, check_annex_refs)


def check_plan(doc: ParsedDocument, embedder: Embedder | None = None) -> list[Finding]:
    """All findings, errors first, in check order; then the figures of one subject that disagree
    (subject_check.py: by shared words, and by meaning when an embedder is given)."""
    found = [f for check in CHECKS for f in check(doc)] + check_subjects(doc, embedder)
    return [f for f in found if f.severity == "error"] + [f for f in found if f.severity != "error"]


def report_markdown(doc: ParsedDocument, findings: list[Finding]) -> str:
    errors = [f for f in findings if f.severity == "error"]
    lines = [f"# Kiểm tra: {doc.title}", "", f"{len(errors)} vấn đề, {len(findings) - len(errors)} ghi chú.", ""]
    for i, f in enumerate(findings, 1):
        tag = "" if f.severity == "error" else " (ghi chú)"
        lines.append(f"{i}. [{f.kind}]{tag} {f.message_vi}")
        lines += [f"   - {c.label} [{c.locator}]: “{c.quote}”" for c in f.citations]
    return "\n".join(lines) + "\n"
