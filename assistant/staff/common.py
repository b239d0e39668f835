"""Small shared helpers: citations, texts of a plan with their places, Vietnamese numbers, numbering."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.models import ParsedDocument, Row, Table
from ingest.text import fold


@dataclass(frozen=True)
class Cite:
    """Where something comes from: the human label, the machine locator, and a verbatim quote."""

    label: str
    locator: str
    quote: str


@dataclass(frozen=True)
class Place:
    """One citable piece of text in a plan: a paragraph (or footnote) of a section, or a table row."""

    label: str
    locator: str
    text: str
    annex: str | None = None
    row: Row | None = None


def short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def quote_around(text: str, start: int, end: int, pad: int = 70) -> str:
    """A verbatim excerpt of `text` around [start, end), widened to word boundaries."""
    a, b = max(0, start - pad), min(len(text), end + pad)
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    out = " ".join(text[a:b].split())
    return ("…" if a > 0 else "") + out + ("…" if b < len(text) else "")


def row_text(row: Row) -> str:
    return " | ".join(v for v in row.cells.values() if v.strip())


def places(doc: ParsedDocument, *, rows: bool = True) -> Iterator[Place]:
    """Every paragraph and footnote of every section, then every table row (cells joined)."""
    for s in doc.sections:
        for i, p in enumerate(s.paragraphs, 1):
            yield Place(s.label, f"{s.locator}#p{i}", p.text, s.annex)
            for j, fn in enumerate(p.footnotes, 1):
                yield Place(f"{s.label} (chú thích)", f"{s.locator}#p{i}fn{j}", fn, s.annex)
    if rows:
        for t in doc.tables:
            for r in t.rows:
                yield Place(r.label, r.locator, row_text(r), t.annex, r)


def row_cite(row: Row, quote: str | None = None) -> Cite:
    return Cite(row.label, row.locator, quote if quote is not None else short(row_text(row)))


_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def vn_number(s: str) -> float | None:
    """'4.230' -> 4230, '78,18' -> 78.18, '55.500' -> 55500; None when not a number."""
    s = s.strip().rstrip(".")
    if not re.fullmatch(_NUM, s):
        return None
    return float(s.replace(".", "").replace(",", "."))


def fmt(x: float, decimals: int = 2) -> str:
    """Vietnamese style: 55500 -> '55.500', 78.151 -> '78,15'."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}".replace(",", ".")
    whole, _, frac = f"{x:,.{decimals}f}".partition(".")
    return whole.replace(",", ".") + "," + frac


ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
VN_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"]


def roman_value(s: str) -> int | None:
    s = s.lower()
    if not s or any(c not in ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = ROMAN[c]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    return total


def ordinal(number: str) -> tuple[str, int] | None:
    """The kind and value of a printed number: '3' -> ('arabic', 3), 'IV' -> ('roman', 4),
    'b' -> ('letter', 2), '2.3' -> ('dotted:2', 3). None for anything else."""
    n = number.strip().rstrip(".)").strip()
    if re.fullmatch(r"\d+", n):
        return ("arabic", int(n))
    if re.fullmatch(r"\d+(?:\.\d+)+", n):
        head, _, last = n.rpartition(".")
        return (f"dotted:{head}", int(last))
    if n.lower() in VN_LETTERS and len(n) == 1 and n.islower():
        return ("letter", VN_LETTERS.index(n.lower()) + 1)
    if n.isupper() and (v := roman_value(n)) is not None:
        return ("roman", v)
    return None


def unit_name(kind: str, value: int) -> str:
    if kind == "letter":
        return VN_LETTERS[value - 1] if 0 < value <= len(VN_LETTERS) else str(value)
    if kind == "roman":
        out, v = "", value
        for n, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while v >= n:
                out, v = out + s, v - n
        return out
    if kind.startswith("dotted:"):
        return f"{kind[7:]}.{value}"
    return str(value)


STOP = set(["cac", "cua", "va", "trong", "cho", "duoc", "theo", "voi", "tren", "tai", "den", "tu", "la", "co", "nhung", "mot", "the", "nay", "do", "o", "ve", "khi", "de", "da", "dang", "se", "tat", "ca", "moi", "nhu", "hoac", "bang", "sau", "truoc"])


def words(text: str) -> set[str]:
    """Content words, folded, without numbers and common function words."""
    return {w for w in re.findall(r"[a-z]+", fold(text)) if w not in STOP and len(w) > 1}


def similarity(a: str, b: str) -> float:
    """Share of the smaller text's content words found in the other (0..1)."""
    wa, wb = words(a), words(b)
    if len(wa) < 2 or len(wb) < 2:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def find_column(table: Table, *needles: str) -> str | None:
    for col in table.columns:
        f = fold(col)
        if any(n in f for n in needles):
            return col
    return None
