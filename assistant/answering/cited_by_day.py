"""Which document the plan cites bears a given day ("văn bản nào được viện dẫn có ngày ban hành 28/11/2011, do cơ
quan nào ban hành?", "văn bản ban hành ngày 30/3/2018 là văn bản nào, của cơ quan nào?"): the references of the
question's document that date a cited document so (assistant/qa/dated_refs.py), each quoted up to the end of its
clause (its issuer and subject) and cited. The document is the one the caller or the conversation names, else the
one whose header the question names. None when the question asks no such thing or no reference bears the day."""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.answering.document_facts import named_meta
from assistant.qa.compose import Cites
from assistant.qa.dated_refs import asks_document_of_day, references_of_day
from assistant.qa.templates import t
from assistant.schemas import AskResponse


class CitedByDay:
    name = "cited-by-day"

    def run(self, asked: Asked) -> AskResponse | None:
        day = asks_document_of_day(asked.query.text)
        if day is None:
            return None
        meta = named_meta(asked)
        if meta is None:
            return None
        cites = Cites()
        lines: list[str] = []
        seen: set[str] = set()
        for u in asked.index.units(meta.doc):
            if u.kind not in ("section", "row"):
                continue
            for ref in references_of_day(u.text, day):
                if ref not in seen:
                    seen.add(ref)
                    lines.append(f"{ref} {cites.ref(u)}")
        if not lines:
            return None
        return AskResponse(answer="\n".join([t("cited_by_day", day=f"{day.day:02d}/{day.month:02d}/{day.year}"),
                                             *lines]),
                           abstained=False, citations=cites.citations(), intent=asked.query.intent)
