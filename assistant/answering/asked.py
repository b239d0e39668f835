"""One question being answered, as every strategy sees it, and the shape of a strategy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from assistant.index.idf import Idf
from assistant.index.view import IndexReader
from assistant.qa.query import Query
from assistant.schemas import AskResponse
from ingest.models import Unit


@dataclass(frozen=True)
class Asked:
    """The question (parsed), what retrieval found for it (best first), and the caller's view of the index.
    Made afresh for each question: strategies keep no state between questions."""

    query: Query
    hits: list[Unit]
    index: IndexReader
    idf: Idf
    filters: dict[str, str] = field(default_factory=dict)  # as the caller gave them (non-empty values)
    history: list[tuple[str, str]] = field(default_factory=list)  # (role, content), oldest first
    named: str | None = None  # the conversation's document, kept for a follow-up (assistant/answerer.py)

    @property
    def doc(self) -> str | None:
        return self.filters.get("doc") or self.named


class Strategy(Protocol):
    """One way of answering. `run` returns an answer, or None to let the next strategy try."""

    name: str

    def run(self, asked: Asked) -> AskResponse | None: ...
