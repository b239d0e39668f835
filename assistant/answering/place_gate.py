"""The last checks on any strategy's answer:
- a province the question names by its proper name ("tỉnh An Giang") that none of the cited documents ever
  mentions (assistant/qa/places.py). Such an answer is about another province's plan (the figure quoted is not
  that province's), so the documents do not answer: abstain;
- schools, districts or an office-holder asked for by name ("đặt tại những trường nào", "Phó giám đốc nào phụ
  trách") and an answer that names none (a count of rooms, a task's row): the documents do not say which.
"""

from __future__ import annotations

import re
from itertools import chain

from assistant.answering.abstention import Abstention
from assistant.answering.asked import Asked
from assistant.qa.docname import name_text
from assistant.qa.places import named_places, place_outside
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.text import fold


def about_other_place(asked: Asked, answer: AskResponse) -> bool:
    places = named_places(asked.query.text)
    docs = list(dict.fromkeys(c.doc for c in answer.citations))
    if not places or not docs or answer.abstained:
        return False
    metas = asked.index.metas(docs)
    return all(place_outside(places, chain([name_text(m)] if (m := metas.get(d)) else [],
                                           (f"{u.label} {u.text}" for u in asked.index.units(d))))
               for d in docs)


def names_none_asked(asked: Asked, answer: AskResponse) -> bool:
    """The question asks which schools, districts or holder of an office (ingest/vocab.py NAMED_ASKS), and the
    answer's text names none."""
    if answer.abstained:
        return False
    question = fold(asked.query.text)
    said = fold(answer.answer)
    for pattern, named in vocab.NAMED_ASKS:
        m = pattern.search(question)
        if m and not (named or re.compile(rf"\b{m.group(1)}\b")).search(said):
            return True
    return False


def checked(asked: Asked, answer: AskResponse) -> AskResponse:
    """`answer`, or the abstention when it is about a place its documents never mention, or names none of the
    schools, districts or holders asked for."""
    if about_other_place(asked, answer) or names_none_asked(asked, answer):
        return Abstention().run(asked)
    return answer
