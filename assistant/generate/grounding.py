"""Grounding checks on a generated answer (pure functions, no model).

- citation markers: "[2]", "[1, 3]", "[1][2]"; markers that point outside the numbered context are dropped,
  the ones kept are renumbered to the citations actually used (in order of first use);
- numbers: every number the answer states must occur in a unit it cites, compared after Vietnamese
  normalisation ("55.500" = "55500" = "55,500"; "78,18%" = "78.18"), so a model cannot invent or round one.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ingest.text import fold

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_NUMBER = re.compile(r"(?<![\w])\d+(?:[.,]\d+)*")


def markers(text: str) -> list[int]:
    """Every cited passage number, in order of appearance (repeats kept)."""
    return [int(n) for m in _MARKER.finditer(text) for n in re.split(r"[,;]", m.group(1))]


def _rewrite_markers(text: str, mapping: dict[int, int]) -> str:
    """Replace each marker group by the mapped numbers; numbers missing from `mapping` are removed."""

    def sub(m: re.Match[str]) -> str:
        kept = [mapping[int(n)] for n in re.split(r"[,;]", m.group(1)) if int(n) in mapping]
        kept = list(dict.fromkeys(kept))
        return "".join(f"[{k}]" for k in kept)

    out = _MARKER.sub(sub, text)
    out = re.sub(r"[ \t]+([.,;:!?])", r"\1", out)  # "… 80% ." left by a dropped marker
    out = re.sub(r"(\[\d+\])(?=\[)", r"\1", out)
    return re.sub(r"[ \t]{2,}", " ", out).strip()


@dataclass
class Cleaned:
    text: str
    used: list[int]  # 1-based positions in the ORIGINAL context, in their new order
    dropped: list[int] = field(default_factory=list)  # out-of-range markers removed


def clean_citations(text: str, n_context: int) -> Cleaned:
    """Drop markers outside 1..n_context and renumber the rest to 1..k by first use."""
    found = markers(text)
    dropped = [n for n in found if not 1 <= n <= n_context]
    used = list(dict.fromkeys(n for n in found if 1 <= n <= n_context))
    mapping = {old: new for new, old in enumerate(used, start=1)}
    return Cleaned(_rewrite_markers(text, mapping), used, list(dict.fromkeys(dropped)))


def _canon(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def number_forms(token: str) -> set[str]:
    """The values a written number can mean ("55.500" -> {55500, 55.5}; "78,18" -> {78.18})."""
    forms: set[str] = set()

    def add(s: str) -> None:
        with contextlib.suppress(InvalidOperation):
            forms.add(_canon(Decimal(s)))

    if "." in token and "," in token:
        last = max(token.rfind("."), token.rfind(","))
        dec = token[last]
        thou = "," if dec == "." else "."
        add(token.replace(thou, "").replace(dec, "."))
        return forms
    for sep in (".", ","):
        if sep in token:
            groups = token.split(sep)
            if all(len(g) == 3 for g in groups[1:]):
                add("".join(groups))  # thousands separator
            # a decimal separator, except "." before exactly 3 digits: Vietnamese thousands ("100.000" is not 100)
            if len(groups) == 2 and not (sep == "." and len(groups[1]) == 3):
                add(f"{groups[0]}.{groups[1]}")
            return forms
    add(token)
    return forms


def numbers(text: str) -> list[str]:
    """The numbers written in `text`, citation markers excluded."""
    return _NUMBER.findall(_MARKER.sub(" ", text))


def unsupported_numbers(answer: str, sources: list[str]) -> list[str]:
    """Numbers of the answer that no source states (after normalisation)."""
    have: set[str] = set()
    for s in sources:
        for tok in numbers(s):
            have |= number_forms(tok)
    return [tok for tok in numbers(answer) if not (number_forms(tok) & have)]


def unsupported_words(answer: str, sources: list[str], min_share: float = 0.6) -> list[str]:
    """Content words of the answer that no cited source contains, when they are more than 1 - min_share
    of its content words: a reply that cites a passage about something else ("phụ cấp … 100% [1]" citing
    a passage on online services) is not grounded even when its numbers are."""
    from ingest.text import tokens
    from ingest.vocab import STOPWORDS_VI

    have: set[str] = set()
    for src in sources:
        have |= set(tokens(src, accents=True)) | set(tokens(src))
    words = [w for w in tokens(markers_stripped(answer), accents=True)
             if w not in STOPWORDS_VI and not any(c.isdigit() for c in w) and len(w) > 1]
    if not words:
        return []
    missing = [w for w in words if w not in have and fold(w) not in have]
    return missing if len(missing) > (1 - min_share) * len(words) else []


def as_printed(answer: str, sources: list[str]) -> str:
    """Numbers of the answer written as the cited units print them ("sau 2 năm" -> "sau 02 năm",
    "55500" -> "55.500"): a quoted figure should read exactly as in the plan. Only numbers of equal value
    are replaced, the first printed form found wins; numbers the sources write the same way are kept."""
    printed: dict[str, str] = {}
    verbatim: set[str] = set()
    for src in sources:
        for tok in numbers(src):
            verbatim.add(tok)
            for form in number_forms(tok):
                printed.setdefault(form, tok)

    def sub(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok in verbatim:
            return tok
        return next((printed[f] for f in sorted(number_forms(tok)) if f in printed), tok)

    parts = re.split(r"(\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])", answer)  # markers are left alone
    return "".join(part if i % 2 else _NUMBER.sub(sub, part) for i, part in enumerate(parts))


def markers_stripped(text: str) -> str:
    return re.sub(r"\[\s*\d+(\s*[,;]\s*\d+)*\s*\]", " ", text)


def is_abstention(text: str, marker: str) -> bool:
    return fold(marker) in fold(text)
