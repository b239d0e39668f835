"""A heading the question names by its number ("Mục 3 … được chia thành mấy tiểu mục", "mục 1 phần I đề cập những nội
dung gì", "Phần II của văn bản hướng dẫn những nội dung gì"): the sections under it, found by their labels.

A section's label is the path of its numbers ("3.1", "II.1.a", "Phụ lục 1 › III.1"), whatever its heading's words;
"mục 3" is the label "3" and those under it ("3.1", "3.2.b"), "mục 1 phần I" the label "I.1". An annex's sections are
only meant when the question names that annex ("mục III … Phụ lục 1"). Pure functions.
Why by hand: the labels are this project's own (ingest/structure.py); no library reads them.
"""

from __future__ import annotations

import re

from ingest.models import Unit

# "mục 3", "phần II", "tiểu mục 2.1", "mục 1 phần I" / "mục 1 của phần I" (folded question); not "Phụ lục 2" (an
# annex), not "mục tiêu" (a word)
_NUMBERED = re.compile(r"(?<!phu )\b(?:tieu muc|muc|phan)\s+((?:[ivx]+|\d{1,2})(?:\.\d{1,2}){0,3})\b(?!\s*(?:%|/))"
                       r"(?:\s+(?:cua\s+|thuoc\s+|trong\s+)?phan\s+([ivx]+)\b)?")
_ANNEX = re.compile(r"\bphu luc\s+(\d{1,2}|[ivx]+)\b")


def named_number(folded_question: str) -> tuple[str, ...] | None:
    """The components of the one heading number the question names ("mục 1 phần I" -> ("I", "1")), upper-cased
    Roman numerals; None when it names none or several different ones."""
    found = {_components(m.group(1), m.group(2)) for m in _NUMBERED.finditer(folded_question)}
    return found.pop() if len(found) == 1 else None


def _components(number: str, part: str | None) -> tuple[str, ...]:
    comps = tuple(c.upper() for c in number.split("."))
    return ((part.upper(),) + comps) if part else comps


def label_components(label: str, annex: str | None) -> tuple[str, ...] | None:
    """("3", "1") of "3.1"; ("III", "1") of "Phụ lục 1 › III.1" when `annex` is "1"; None for another annex's label,
    any annex's when the question names none, and labels without numbers ("Mở đầu")."""
    first, _, rest = label.partition(" › ")
    m = re.match(r"Phụ lục\s+(\S+)$", first.strip())
    if m:
        if annex is None or m.group(1).upper() != annex.upper():
            return None
        label = rest.split(" › ")[0] if rest else ""
    else:
        label = first
    label = label.strip()
    if not re.fullmatch(r"(?:[IVX]+|\d{1,2})(?:\.(?:\d{1,2}|[a-zđ]))*", label):
        return None
    return tuple(label.split("."))


def sections_numbered(units: list[Unit], folded_question: str) -> tuple[tuple[str, ...], list[Unit]] | None:
    """The number the question names and its document's sections under that heading (its own passages first), in
    the document's order; None when the question names no number or no section bears it."""
    number = named_number(folded_question)
    if number is None:
        return None
    annex = annex_named(folded_question)
    body: list[Unit] = []
    annexed: list[Unit] = []
    for u in units:
        if u.kind != "section":
            continue
        comps = label_components(u.label or "", annex)
        if comps is not None and comps[:len(number)] == number:
            (annexed if (u.label or "").startswith("Phụ lục") else body).append(u)
    under = annexed or body  # the annex's heading when the question names the annex and it has one
    return (number, under) if under else None


def annex_named(folded_question: str) -> str | None:
    return m.group(1) if (m := _ANNEX.search(folded_question)) else None


def children(number: tuple[str, ...], under: list[Unit], annex: str | None) -> dict[str, list[Unit]]:
    """The headings right under the numbered one, by their number ("3.1", "3.2"; "I.1.a" under "I.1"), each with its
    passages, in order; {} when the heading's passages are all its own."""
    out: dict[str, list[Unit]] = {}
    for u in under:
        comps = label_components(u.label or "", annex) or ()
        if len(comps) > len(number):
            out.setdefault(".".join(comps[:len(number) + 1]), []).append(u)
    return out
