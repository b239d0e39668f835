""""What applies to me" (a teacher, a school level): every target and task of the plan that concerns the
reader, complete and cited (assistant/qa/digest.py), when the question asks that and names who asks."""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites
from assistant.qa.digest import digest
from assistant.schemas import AskResponse


class ReaderDigest:
    name = "digest"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        if q.intent != "digest" or not (q.roles or q.levels):
            return None
        cites = Cites()
        text, n = digest(asked.index.units(asked.doc), q.roles, q.levels, cites)
        if not n:
            return None
        return AskResponse(answer=text, abstained=False, citations=cites.citations(), mode="digest",
                           intent="digest")
