"""A term the question asks the meaning of ('"học viên bán trú" được hiểu là ai?', "thế nào là trường chuẩn quốc
gia?") and the lines that define it ("3. Học viên bán trú là học viên đang học chương trình …"). A decree's
"Giải thích từ ngữ", a plan's "Trong kế hoạch này, … được hiểu là …": the defining line opens with the term. Read on
the accent-free forms (ingest.text.fold), as a question typed without accents is."""

from __future__ import annotations

import re

from ingest import vocab
from ingest.text import fold


def defined_term(question: str) -> str | None:
    """The term whose meaning the question asks (folded), or None. A quoted term when the question asks a meaning
    ("… "X" được hiểu là gì/ai"); unquoted, the words right before "được hiểu là" / "là gì" after the last comma,
    or after "thế nào là"."""
    folded = fold(question)
    if not vocab.DEFINITION_ASK_Q.search(folded):
        return None
    quoted = re.findall(r"[\"“”']([^\"“”']{3,80})[\"“”']", folded)
    if quoted:
        return quoted[-1].strip()
    m = vocab.DEFINED_BEFORE_Q.search(folded) or vocab.DEFINED_AFTER_Q.search(folded)
    if m is None:
        return None
    term = m.group(1).strip(" ,.:;?")
    return term if 1 <= len(term.split()) <= vocab.DEFINED_TERM_MAX_WORDS else None


def defines(text: str, term: str) -> bool:
    """A line of `text` opens with `term` (after its item number) and says what it is ("… là …", "… được hiểu là …")."""
    pattern = re.compile(rf"^(?:[\w]{{1,3}}[.)]\s*)?[\"“]?{re.escape(term)}[\"”]?\s*(?:\([^)]*\)\s*)?"
                         rf"(?:la|duoc hieu la|duoc goi la|bao gom|gom)\b")
    return any(pattern.match(fold(line).strip()) for line in text.split("\n"))
