"""Recognising the numbering of Vietnamese plan and legal texts.

The rank of a heading comes from its numbering, never from Markdown heading levels (the corpus puts
"II. THỰC HIỆN…" at `##` while its sibling "I. VỀ THỰC HIỆN…" is `#####`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (kind, pattern, rank). Lower rank = higher in the tree. Decimal numbers rank by depth: "2.1." is
# below "2.". Legal texts: Chương > Mục > Điều > khoản (1.) > điểm (a)).
_PATTERNS: list[tuple[str, re.Pattern[str], float]] = [
    ("phan", re.compile(r"^PHẦN\s+(THỨ\s+\w+|[IVXLC]+|\d+)\s*[.:\-–]?\s*(.*)$", re.S), 0),
    ("chuong", re.compile(r"^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d+)\s*[.:\-–]?\s*(.*)$", re.S), 0),
    ("muc", re.compile(r"^(?:MỤC|Mục)\s+(\d+)\s*[.:\-–]?\s*(.*)$", re.S), 1),
    ("roman", re.compile(r"^([IVXLC]{1,6})[.)]\s*(.*)$", re.S), 2),
    ("dieu", re.compile(r"^Điều\s+(\d+[a-z]?)\s*[.:]\s*(.*)$", re.S), 3),
    # "100. Trường …": a long numbered list goes past 99 (a space after the dot: "500.000 đồng" is no item)
    ("arabic", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.*)$|^(\d{1,2}|[1-9]\d{2}(?=[.)]\s))[.)]\s*(.*)$", re.S), 4),
    ("alpha", re.compile(r"^([a-zđ])(?:\)\s*|\.\s+)(.*)$", re.S), 10),  # "a)", and "a." as Word documents write it
]


@dataclass(frozen=True)
class Numbering:
    kind: str
    number: str
    rank: float
    rest: str


def classify(text: str) -> Numbering | None:
    """The numbering a paragraph starts with, if any: 'II. MỤC TIÊU' -> roman II, rank 2."""
    t = text.strip()
    for kind, pat, rank in _PATTERNS:
        m = pat.match(t)
        if not m:
            continue
        groups = [g for g in m.groups() if g is not None]
        number, rest = groups[0], groups[1] if len(groups) > 1 else ""
        if kind == "roman" and not rest and not t.endswith("."):
            return None
        if kind == "arabic":
            rank = 4 + number.count(".")
            if not rest or rest[0].isdigit() or rest.startswith(("%", "/")):
                return None
        if kind == "alpha" and not rest:
            return None
        return Numbering(kind=kind, number=number.strip(), rank=rank, rest=rest.strip())
    return None


def part_label(kind: str, number: str) -> str:
    return {"phan": f"Phần {number}", "chuong": f"Chương {number}", "muc": f"Mục {number}"}.get(kind, number)


def join_numbers(numbers: list[tuple[str, str]]) -> str:
    """Display path of nested numbers: [('roman','II'),('arabic','2'),('arabic','2.1'),('alpha','a')]
    -> 'II.2.1.a' (a decimal child that repeats its parent's prefix replaces it)."""
    legal = any(k == "dieu" for k, _ in numbers)
    if legal:
        names = {"dieu": "Điều {}", "arabic": "khoản {}", "alpha": "điểm {}", "roman": "{}"}
        return " › ".join(names.get(k, "{}").format(n) for k, n in numbers)
    out: list[str] = []
    for _, n in numbers:
        if out and n.startswith(out[-1] + "."):
            out[-1] = n
        else:
            out.append(n)
    return ".".join(out)
