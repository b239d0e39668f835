"""Other figures a document gives for the same thing. Plans are drafted in pieces: the narrative says "Tổng kinh
phí thực hiện đề án: 91.585 tỷ đồng" while the estimate section says "Tổng kinh phí khái toán: 165.970.007.000",
or the text gives "kinh phí giai đoạn 1: 13.66 tỷ đồng" and the annex table's row "Giai đoạn 1" another sum. A
reader who is shown one of them drafts from a figure the document itself contradicts; the answer shows the others
too, cited, and says to compare them (it does not decide which is right: units and rounding differ).

Found from the answer's first line "<label>: <figure>": the document's other lines whose label starts with the same
words, and table rows named only by words of the question ("Giai đoạn 1"). Pure functions over units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, tokens

_LABELLED = re.compile(r"^\s*[-+•*]?\s*([^:\n]{4,90}?)\s*:\s*([^\n]*\d[^\n]*)$", re.M)
_FIGURE = re.compile(r"\d[\d.,]*")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-zđ]\))\s+")
_ROW_NAME = re.compile(r"\(([^()]*)\)\s*$")


def labelled_figure(text: str) -> tuple[str, str] | None:
    """The first "<label>: <figure>" line of a passage: ('Tổng kinh phí thực hiện đề án', '91.585 tỷ đồng')."""
    for m in _LABELLED.finditer(text):
        label = _NUMBERING.sub("", m.group(1)).strip()  # "3. Tổng kinh phí …": the item's number is not the label's
        if len(label.split()) >= 2 and not _FIGURE.search(label[:1]):
            return label, m.group(2).strip()
    return None


def _digits(value: str) -> str:
    m = _FIGURE.search(value)
    return re.sub(r"\D", "", m.group(0)) if m else ""


def _head(label: str) -> str:
    words = tokens(label)
    return " ".join(words[:vocab.SAME_FIGURE_HEAD_WORDS])


def same_thing(label: str, head: str, question_words: set[str]) -> bool:
    """A label for the figure asked: it starts as the answer's label does ("Tổng kinh phí …"), says little the
    question does not ("khái toán"), and is no step of a computation ("Tổng kinh phí (1) + (2)")."""
    if re.search(r"[\d+=]", label) or not fold(label).startswith(head):
        return False
    plain = re.sub(r"\([^)]*\)", " ", label)
    return len([w for w in tokens(plain) if w not in question_words]) <= vocab.SAME_FIGURE_NEW_WORDS


def other_figures(shown: list[tuple[Unit, str]], document: Iterable[Unit],
                  question_words: set[str]) -> list[tuple[Unit, str]]:
    """(unit, line) of the document's other statements of the figure the first shown passage gives (`shown`:
    (unit, text shown) of the answer's passages): lines whose label starts as its label does (when that passage is
    a labelled line), and rows named only by the question's words, each with a figure not shown already."""
    if not shown:
        return []
    # a row answering first: only the other rows the question names ("ngân sách tỉnh và nhà đầu tư … bao nhiêu")
    found = labelled_figure(shown[0][1]) if shown[0][0].kind not in ("row", "total") else None
    head = _head(found[0]) if found else None
    seen_ids = {u.id for u, _ in shown}
    seen_figures = {_digits(m.group(2)) for _, text in shown for m in _LABELLED.finditer(text)} - {""}
    out: list[tuple[Unit, str]] = []
    for u in document:
        if u.id in seen_ids or u.kind == "meta":
            continue
        if u.kind == "section" and head is not None:
            for m in _LABELLED.finditer(u.text):
                figure = _digits(m.group(2))
                label = _NUMBERING.sub("", m.group(1))
                if figure and figure not in seen_figures and same_thing(label, head, question_words):
                    out.append((u, m.group(0).strip()))
                    seen_figures.add(figure)
                    break
        elif u.kind in ("row", "total") and (name := _ROW_NAME.search(u.label)):
            words = set(tokens(name.group(1)))
            figures = [f for k, v in u.cells.items() if k and (f := _digits(v)) and f not in seen_figures]
            if len(words) >= 2 and words <= question_words and figures:
                out.append((u, f"{u.label}: {u.text}"))
                seen_figures.update(figures)
        if len(out) >= vocab.SAME_FIGURE_MAX:
            break
    return out
