"""The last strategy: no other one found an answer the evidence supports, so say plainly that the
documents do not answer (the contract's `abstained: true`), inventing nothing."""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.qa.compose import ABSTAIN_TEXT
from assistant.schemas import AskResponse


class Abstention:
    name = "abstain"

    def run(self, asked: Asked) -> AskResponse:
        return AskResponse(answer=ABSTAIN_TEXT, abstained=True, citations=[], intent=asked.query.intent)
