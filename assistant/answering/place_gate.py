"""The last check on any strategy's answer: a province the question names by its proper name ("tỉnh An Giang")
that none of the cited documents ever mentions (assistant/qa/places.py). Such an answer is about another
province's plan (the figure quoted is not that province's), so the documents do not answer: abstain.
"""

from __future__ import annotations

from itertools import chain

from assistant.answering.abstention import Abstention
from assistant.answering.asked import Asked
from assistant.qa.docname import name_text
from assistant.qa.places import named_places, place_outside
from assistant.schemas import AskResponse


def about_other_place(asked: Asked, answer: AskResponse) -> bool:
    places = named_places(asked.query.text)
    docs = list(dict.fromkeys(c.doc for c in answer.citations))
    if not places or not docs or answer.abstained:
        return False
    metas = asked.index.metas(docs)
    return all(place_outside(places, chain([name_text(m)] if (m := metas.get(d)) else [],
                                           (f"{u.label} {u.text}" for u in asked.index.units(d))))
               for d in docs)


def checked(asked: Asked, answer: AskResponse) -> AskResponse:
    """`answer`, or the abstention when it is about a place its documents never mention."""
    return Abstention().run(asked) if about_other_place(asked, answer) else answer
