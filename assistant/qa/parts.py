"""A question that asks two things ("… xây bao nhiêu phòng học STEM và hết bao nhiêu tiền?", "… liên hệ chuyên viên
nào, email gì?"): its parts, each to be answered on its own when the answer to the whole leaves one out, and two
cited answers joined into one.

Pure functions. A part is cut where a joining word or a comma separates two stretches that each hold an
interrogative ("bao nhiêu", "nào", "gì", "ai", "mấy", "khi nào", "ra sao" …): "giáo viên và cán bộ quản lý" joins
two nouns of one question and is never cut. The parts after the first lack its subject ("… phòng nào chủ trì?"),
so a short one is asked with the first part's words less its interrogative in front. Word lists are in ingest/vocab.py.
"""

from __future__ import annotations

import re

from ingest import vocab
from ingest.models import Citation
from ingest.text import fold

_MARK = re.compile(r"\[(\d+)\]")


def question_parts(question: str) -> list[str]:
    """The parts of a question asking several things, each a question of its own; [] when it asks one thing."""
    f = fold(question)
    if len(f) != len(question):  # folding keeps offsets for Vietnamese text; anything else is not cut
        return []
    cuts, start = [], 0
    for m in vocab.PART_SEPARATOR.finditer(f):
        left, right = f[start:m.start()], f[m.end():]
        if re.search(r"\bva\b", m.group(0)) and re.search(r"\bgiua\s+[^,;?]*$", left):
            continue  # "chênh lệch giữa A và B": one thing asked of two
        if vocab.PART_ASK.search(left) and vocab.PART_ASK.search(right):
            cuts.append((start, m.start()))
            start = m.end()
    if not cuts:
        return []
    pieces = [question[a:b].strip(" ,;?") for a, b in cuts] + [question[start:].strip(" ,;?")]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return []
    subject = vocab.PART_ASK_WORDS.sub(" ", fold(pieces[0]))
    lead = _original_words(pieces[0], subject)
    return [pieces[0] + "?"] + [f"{lead} {p}?" if len(p.split()) <= vocab.PART_SUBJECT_MAX_WORDS else f"{p}?"
                                for p in pieces[1:]]


def _original_words(text: str, kept_folded: str) -> str:
    """The words of `text` (as written) whose folded forms survive in `kept_folded`, in order."""
    keep = [k for k in kept_folded.split() if any(ch.isalnum() for ch in k)]  # not punctuation a removed word left
    out, i = [], 0
    for w in text.split():
        if i < len(keep) and fold(w) == keep[i]:
            out.append(w)
            i += 1
    return " ".join(out)


def said(answer: str, text: str) -> bool:
    """Whether every statement of a cited `answer` (its lines, without their citation markers) is in `text`."""
    return not unsaid(answer, text)


def unsaid(answer: str, text: str) -> str:
    """The lines of a cited `answer` whose statement `text` does not hold yet ("" when it says them all)."""
    said = _MARK.sub("", text)  # (a line citing several passages, "675 = 225 [1] + 450 [2]", is compared unmarked)
    return "\n".join(line for line in answer.split("\n")
                     if (bare := _MARK.sub("", line).strip(" |")) and bare not in said)


def joined(first: tuple[str, list[Citation]], second: tuple[str, list[Citation]]) -> tuple[str, list[Citation]]:
    """Two cited answers as one: the second's markers renumbered after the first's citations (a passage both cite
    keeps its first number; one the second's text no longer marks is left out)."""
    text, cites = first[0], list(first[1])
    number = {c.id: i + 1 for i, c in enumerate(cites)}
    renumber: dict[int, int] = {}
    used = {int(m.group(1)) for m in _MARK.finditer(second[0])}
    for i, c in enumerate(second[1]):
        if i + 1 not in used:  # a citation of a line left out
            continue
        if c.id not in number:
            cites.append(c)
            number[c.id] = len(cites)
        renumber[i + 1] = number[c.id]
    more = _MARK.sub(lambda m: f"[{renumber.get(int(m.group(1)), int(m.group(1)))}]", second[0])
    return f"{text}\n{more}", cites
