"""Normalisation and matching of answers and evidence, per the gold-file rules of shared/CONTRACT.md.

Text is compared in a normal form: Unicode NFC, markup removed (`**`, `<b>`, `#`, table pipes…),
case-folded, spaces collapsed, Vietnamese thousands separators dropped inside numbers ("55.500" =
"55500"). A snippet is found only on word boundaries ("5%" is not inside "35%", nor inside "2,5%"),
first with diacritics, then, as a second pass, with diacritics removed on both sides.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

Snippets = str | Sequence[str]  # an evidence item: one snippet, or snippets that must share a citation

_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")  # HTML tags: <b>, </td>, <br/>
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")  # [text](url) -> text
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")  # markdown escapes: \* -> *
_MARKUP = re.compile(r"[*_#`~|>]+")
_THOUSANDS = re.compile(r"(?<=\d)\.(?=\d{3}(?!\d))")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The contract's normal form of a text (see the module docstring)."""
    t = unicodedata.normalize("NFC", html.unescape(str(text or "")))
    t = _LINK.sub(r"\1", t)
    t = _TAG.sub(" ", t)
    t = _ESCAPE.sub(lambda m: " " if m.group(1) in "*_#`~|>" else m.group(1), t)
    t = _MARKUP.sub(" ", t)
    t = unicodedata.normalize("NFC", t.casefold())
    t = _THOUSANDS.sub("", t)  # 1.234.567 -> 1234567 (the lookahead sees each group)
    return _SPACE.sub(" ", t).strip()


def strip_diacritics(text: str) -> str:
    """'Đồng Tháp' -> 'Dong Thap' (on normalised text: 'dong thap')."""
    t = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(c for c in t if unicodedata.category(c) != "Mn"))


@lru_cache(maxsize=8192)
def _pattern(snippet: str) -> re.Pattern[str]:
    """The normalised snippet, anchored on word boundaries where its ends are word characters.

    A number does not match inside a longer number: "5" is not found in "35", "5,5" or "2,5".
    """
    head = r"(?<!\w)" if re.match(r"\w", snippet) else ""
    if snippet[:1].isdigit():
        head += r"(?<!\d[.,])"
    tail = r"(?!\w)" if re.search(r"\w$", snippet) else ""
    if snippet[-1:].isdigit():
        tail += r"(?![.,]\d)"
    return re.compile(head + re.escape(snippet) + tail)


@lru_cache(maxsize=4096)
def _forms(text: str) -> tuple[str, str]:
    n = normalise(text)
    return n, strip_diacritics(n)


def contains(haystack: str, snippet: str) -> bool:
    """True when the snippet occurs in the haystack on word boundaries (then again without diacritics)."""
    s, s_plain = _forms(snippet)
    if not s:
        return False
    h, h_plain = _forms(haystack)
    if _pattern(s).search(h):
        return True
    return bool(s_plain) and _pattern(s_plain).search(h_plain) is not None


def answer_correct(answer_text: str, groups: Sequence[Sequence[str]]) -> bool:
    """Every group of alternatives has one alternative in the answer (no groups: not correct)."""
    return bool(groups) and all(any(contains(answer_text, alt) for alt in group) for group in groups)


def citation_text(citation: Any) -> str:
    """The text of a citation given as a model, a dict or a plain string."""
    if isinstance(citation, str):
        return citation
    if isinstance(citation, dict):
        return str(citation.get("text", ""))
    return str(getattr(citation, "text", ""))


def _snippets(item: Snippets) -> list[str]:
    return [item] if isinstance(item, str) else list(item)


def item_found(text: str, item: Snippets) -> bool:
    """An evidence item is in one text: its snippet, or all of its snippets."""
    snippets = _snippets(item)
    return bool(snippets) and all(contains(text, s) for s in snippets)


def _found(texts: list[str], evidence: Sequence[Snippets], mode: str) -> bool:
    if not evidence or not texts:
        return False
    hits = (any(item_found(t, item) for t in texts) for item in evidence)
    return all(hits) if mode == "all" else any(hits)


def evidence_found(citations: Iterable[Any], evidence: Sequence[Snippets], mode: str = "any") -> bool:
    """mode "any": one evidence item is found in a citation; "all": every item is (each in one citation)."""
    return _found([citation_text(c) for c in citations], evidence, mode)


def precise_citation(citations: Iterable[Any], evidence: Sequence[Snippets], mode: str = "any",
                     max_chars: int = 1000) -> bool:
    """Like evidence_found, counting only cited units of at most `max_chars` characters."""
    texts = [t for t in (citation_text(c) for c in citations) if len(t.strip()) <= max_chars]
    return _found(texts, evidence, mode)


def first_match_rank(texts: Sequence[str], evidence: Sequence[Snippets]) -> int | None:
    """1-based rank of the first text holding any evidence item, None when none does."""
    for rank, text in enumerate(texts, start=1):
        if any(item_found(text, item) for item in evidence):
            return rank
    return None
