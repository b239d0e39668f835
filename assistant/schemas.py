"""Request and response bodies of the contract (../shared/CONTRACT.md). Unknown keys are refused (422)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ingest.models import Citation


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc: str | None = None
    role: str | None = None
    level: str | None = None
    district: str | None = None

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v}


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str = Field(max_length=20_000)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=4_000)
    history: list[Turn] = Field(default_factory=list, max_length=50)
    filters: Filters | None = None


class AskResponse(BaseModel):
    answer: str
    abstained: bool
    citations: list[Citation]
    # Not part of the contract (left out of every response body: CONTRACT_EXCLUDE):
    mode: str = "extractive"  # which path produced the answer: extractive | table | digest | staff | llm
    intent: str = "fact"
    note: str = ""  # why the optional LLM phrasing was not used, or what it repaired
    llm_s: float | None = None  # seconds the LLM took, when it was asked

    def contract(self) -> dict[str, object]:
        """The body of /api/ask (../shared/CONTRACT.md)."""
        return self.model_dump(exclude=CONTRACT_EXCLUDE)


CONTRACT_EXCLUDE = {"mode", "intent", "note", "llm_s"}


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=4_000)
    top_k: int = Field(default=8, ge=1, le=100)
    filters: Filters | None = None


class SearchHit(Citation):
    score: float


class SearchResponse(BaseModel):
    hits: list[SearchHit]
