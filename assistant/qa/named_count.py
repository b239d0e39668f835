"""A count the passage gives by naming each one: "bao nhiêu trường tự lập kế hoạch tuyển sinh?" answered by
"Trường Hữu Nghị 80, Trường Hữu Nghị T78, Trường Phổ thông Vùng cao Việt Bắc lập kế hoạch …" — three names,
each headed by the noun counted, side by side. The count is shown with the names it counts, so the reader checks it
against the quoted sentence.

Why by hand: counting proper names in one sentence is no library's job (underthesea's NER is not trained on
Vietnamese administrative names, and it would not say which names make one enumeration).
"""

from __future__ import annotations

import re

from assistant.qa.templates import t
from ingest import vocab
from ingest.text import fold

_WORD = re.compile(r"[\w.&/-]+")
_SEPARATOR_END = re.compile(r"(?:\s*,\s*(?:va\s+)?|\s+va\s+)$")  # folded: ", " / " và " / ", và " before a name


def _name_end(text: str, start: int, noun: str) -> int:
    """Where a name starting at `start` ("Trường Phổ thông Vùng cao Việt Bắc lập kế hoạch") ends: before the first
    two words in a row that start lower-case, before a comma, ";", "." or a bracket, or before a "và" that joins
    the next name ("… và Trường C"); a "và" inside a name goes on with it ("Sở Giáo dục và Đào tạo")."""
    words = list(_WORD.finditer(text, start))
    end, lower_run, last_upper = start, 0, start
    for i, m in enumerate(words):
        if text[end:m.start()].strip():  # punctuation between words ends the name
            break
        word = m.group(0).rstrip(".")
        nxt = words[i + 1].group(0) if i + 1 < len(words) else ""
        if fold(word) == "va" and nxt[:1].isupper() and fold(nxt) != noun:
            lower_run = 0  # "Giáo dục và Đào tạo"
        elif word[:1].islower():
            lower_run += 1
            if lower_run == 2:  # "… Việt Bắc lập kế hoạch": the name ended before "lập"
                return last_upper
        else:
            lower_run = 0
        end = m.start() + len(word)
        if not word[:1].islower():
            last_upper = end
        if m.group(0).endswith("."):
            break
    return end


def named_count(text: str, folded_question: str) -> str:
    """"(đếm được: 3 trường — A; B; C)" when the question counts a noun, the passage names two or more of them each
    headed by the noun and a capitalised name ("Trường Hữu Nghị 80"), one after the other (a comma or "và"
    between), and states no number of them itself ("03 trường"); "" otherwise."""
    m = vocab.COUNT_NOUN_Q.search(folded_question)
    f = fold(text)
    if not m or len(f) != len(text):
        return ""
    noun = m.group(1).split()[0]
    if noun in vocab.COUNT_MEASURE_WORDS or len(noun) < 2:
        return ""
    if re.search(rf"(?:\d+|\b(?:hai|ba|bon|nam|sau|bay|tam|chin|muoi))\s+{noun}\b", f):
        return ""  # the passage says how many itself
    starts = [s.start() for s in re.finditer(rf"(?<!\w){noun}\s+", f)
              if text[s.start()].isupper() and (text[s.end():s.end() + 1].isupper() or text[s.end():s.end() + 1].isdigit())]
    runs: list[list[str]] = [[]]
    for i, s in enumerate(starts):
        seg = f[s:starts[i + 1]] if i + 1 < len(starts) else ""
        sep = _SEPARATOR_END.search(seg)
        if sep and _name_like(text[s:s + sep.start()]):  # this name, then the next one
            runs[-1].append(text[s:s + sep.start()])
        else:
            runs[-1].append(text[s:_name_end(text, s, noun)])
            runs.append([])
    best = max(runs, key=len)
    if len(best) < 2:
        return ""
    shown = text[starts[0]:starts[0] + len(noun)].lower()
    return t("named_count", count=len(best), noun=shown, names="; ".join(best))


def _name_like(segment: str) -> bool:
    """A name, not a clause: no punctuation, a few words, never two lower-case words in a row (a "và" before a
    capitalised word is part of the name: "Sở Giáo dục và Đào tạo")."""
    if re.search(r"[.;:()\n]", segment):
        return False
    words = _WORD.findall(segment)
    if len(words) > vocab.NAMED_COUNT_MAX_WORDS:
        return False
    run = 0
    for i, w in enumerate(words):
        joins = fold(w) == "va" and i + 1 < len(words) and words[i + 1][:1].isupper()
        run = 0 if joins or not w[:1].islower() else run + 1
        if run == 2:
            return False
    return True
