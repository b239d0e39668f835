"""Abbreviations of Vietnamese administrative and education writing, spelled out when the plans do not use them.

Plans mix "CNTT" and "công nghệ thông tin", "thủ tục hành chính" and "TTHC"; teachers type the short form.
A question with an abbreviation no indexed plan contains was refused as off-topic ("Kế hoạch CĐS có mục tiêu
chung là gì?" on a plan that always writes "chuyển đổi số"). Such an abbreviation is replaced by its full
form when every word of that form is in the index; one the plans use is left as it is. Level and role
abbreviations (THCS, THPT, GV, CBQL…) are not here: they are matched through the units' tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest import vocab
from ingest.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)


def spell_out(question: str, known: Callable[[str], bool]) -> str:
    """`question` with each abbreviation that `known` (accent-free token -> in the index?) does not know
    replaced by its full form, when `known` knows every word of that form."""

    def repl(m: re.Match[str]) -> str:
        around = question[max(m.start() - 1, 0):m.start()] + question[m.end():m.end() + 1]
        if "/" in around or "-" in around:  # part of a document number: "70/KH-SGDĐT", "QĐ-UBND-HC"
            return m.group(0)
        key = fold(m.group(0))
        full = vocab.ABBREVIATIONS.get(key)
        if full is None or known(key) or not all(known(w) for w in _WORD.findall(fold(full))):
            return m.group(0)
        return full

    return _WORD.sub(repl, question)
