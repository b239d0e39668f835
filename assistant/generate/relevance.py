"""Does a generated answer answer the question from the right place? (pure functions, no model)

The grounding checks (grounding.py) make sure every number and most words of a reply occur in the units it
cites. A small model can still be grounded and wrong: asked for the satisfaction rate of organisations it
quotes the 50% processing rate of the same paragraph; asked "how many teachers have a digital signature"
it restates the question without the 11.000; asked what a department must do it names one of its three
tasks. The extractive answer quotes whole units, so it has none of these faults; the reply replaces it only
when it:

- says something the question did not already say: a figure, or words the question did not use (an echo
  of the question is no answer);
- takes every number from a clause about the question (clauses ranked by the question's words they
  contain; "about" = at least RELEVANT_SHARE of the best clause's score);
- for a question asking for a figure ("bao nhiêu", "tỷ lệ", "mấy"...): states a number, and one of the best
  clause's when that clause has numbers;
- for a question asking what, which, who, why ("gì", "nào", "ai", "tại sao"...): keeps at least
  MIN_COVERAGE of the words of the extractive answer's first unit that the question did not use (a
  summary that drops items of a list is worse than the quote).

Clauses are the pieces of a unit between ";", sentence ends and line breaks, and before a comma that starts
another figure ("5% ở bậc tiểu học, 10% ở bậc trung học": two sub-targets). Words are accent-free
syllables without stop words, with adjacent pairs, so a question typed without diacritics scores the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.generate.grounding import markers_stripped, number_forms, numbers

RELEVANT_SHARE = 0.5  # a clause scoring at least half of the best one is "about the question"
MIN_NEW_SHARE = 0.25  # at least a quarter of the reply's words must be words the question did not use
MIN_COVERAGE = 0.6  # share of the first unit's new words a reply to a what/which/who question keeps
# On accent-free text: questions that ask for a figure, and questions that ask what/which/who/why.
FIGURE_Q = re.compile(r"\b(?:bao nhieu|bao lau|ty le|ty trong|phan tram|so luong|nam nao|khi nao|ngay nao|"
                      r"thang nao|chi tieu)\b|%")
WHAT_Q = re.compile(r"\b(?:gi|nao|ai|tai sao|vi sao|the nao|lam sao)\b")

# ";" ends a clause, as do ".", "!", "?" before a space/end (not "18.000"), line breaks, and a comma before
# another figure (", 10% ở bậc trung học"); other commas stay inside their clause.
_CLAUSE_END = re.compile(r";|[.!?](?=\s|$)|\n+|,(?=\s+\d)")


def _content(text: str) -> list[str]:
    from ingest.text import tokens
    from ingest.vocab import STOPWORDS

    return [w for w in tokens(markers_stripped(text))
            if w not in STOPWORDS and len(w) > 1 and not any(ch.isdigit() for ch in w)]


def words(text: str) -> set[str]:
    return set(_content(text))


def terms(text: str) -> set[str]:
    """Words and adjacent word pairs: "bậc trung học" is closer to "trung học" than "trung bình ... bậc"."""
    ws = _content(text)
    return set(ws) | {f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False)}


def clauses(text: str) -> list[str]:
    """Pieces between clause ends. A piece that starts with a figure continues a list of sub-targets
    ("đạt 5% ở bậc tiểu học, 10% ở bậc trung học"): it gets the words before the previous piece's first
    figure ("đạt 10% ở bậc trung học" is about what the list is about)."""
    out: list[str] = []
    lead = ""
    for piece in (c.strip() for c in _CLAUSE_END.split(text)):
        if not piece:
            continue
        m = re.search(r"\d", piece)
        if m and m.start() == 0 and lead:
            out.append(f"{lead} {piece}")
            continue
        lead = piece[: m.start()].strip() if m else ""
        out.append(piece)
    return out


@dataclass
class Clause:
    text: str
    score: int
    values: set[str]  # the values of the numbers it states (number_forms)


def ranked_clauses(question: str, texts: list[str]) -> list[Clause]:
    """The clauses of `texts`, best first, scored by the question's words they contain."""
    q = terms(question)
    out = []
    for t in texts:
        for c in clauses(t):
            vals: set[str] = set()
            for tok in numbers(c):
                vals |= number_forms(tok)
            out.append(Clause(c, len(q & terms(c)), vals))
    return sorted(out, key=lambda c: -c.score)


@dataclass
class Verdict:
    ok: bool
    reason: str = ""


def answers_question(answer: str, question: str, sources: list[str]) -> Verdict:
    """Whether a (grounded) reply answers `question` from the clauses of `sources` that are about it."""
    from ingest.text import fold

    said = words(answer)
    asked = words(question)
    new = said - asked
    if not numbers(answer) and len(new) < max(2, MIN_NEW_SHARE * len(said)):
        return Verdict(False, "the reply restates the question")
    stated: set[str] = set()
    for tok in numbers(answer):
        stated |= number_forms(tok)
    q = fold(question)
    if FIGURE_Q.search(q) and not stated and any(numbers(s) for s in sources):
        return Verdict(False, "the question asks for a figure and the reply states none")
    if WHAT_Q.search(q) and sources:
        first = words(sources[0]) - asked
        kept = len(first & said) / len(first) if first else 1.0
        if kept < MIN_COVERAGE:
            return Verdict(False, f"the reply keeps {kept:.0%} of the first unit's words")
    ranked = ranked_clauses(question, sources)
    if not ranked or ranked[0].score == 0:
        return Verdict(True)  # nothing to compare with (a question of other words): grounding decides
    best = ranked[0].score
    relevant = [c for c in ranked if c.score >= RELEVANT_SHARE * best]
    for tok in numbers(answer):
        if not any(number_forms(tok) & c.values for c in relevant):
            return Verdict(False, f"number {tok} comes from a clause about something else")
    top_values = set().union(*(c.values for c in ranked if c.score == best))
    if top_values and FIGURE_Q.search(q) and not stated & top_values:
        return Verdict(False, "the figure of the best-matching clause is missing")
    return Verdict(True)
