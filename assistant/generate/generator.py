"""Optional LLM phrasing on top of the extractive Assistant, with grounding checks and fallback.

The extractive answer always comes first. For a fact answer (mode "extractive", not abstained) the model is
asked to phrase an answer from a numbered context: the extractive answer's citations, then the best other
retrieved units (at most MAX_PASSAGES). The reply is checked:
- markers outside the context are dropped, the rest renumbered to the citations actually used;
- the answer must cite at least one passage, and every number it states must occur in a cited unit;
- a model that says "không có trong tài liệu" while the extractive path found evidence is not trusted
  over the evidence check;
- the reply must answer the question from the right clause (relevance.py): not an echo of the question,
  every number from a clause about the question, the best clause's figure not left out.
Any failed check, a timeout or an unavailable model returns the extractive answer unchanged (mode tells
which path produced the response). Abstentions, table answers (lists, counts, sums, lookups: computed by
the deterministic table code), digests and staff answers are kept as they are: the model never sees them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.generate.grounding import (
    as_printed,
    clean_citations,
    is_abstention,
    unsupported_numbers,
    unsupported_words,
)
from assistant.generate.llm import LLM, LLMError, make_llm
from assistant.generate.prompt import abstain_marker, messages
from assistant.generate.relevance import answers_question
from assistant.schemas import AskResponse
from ingest.models import Citation

log = logging.getLogger("kehoach.generate")
MAX_PASSAGES = 4
EXTRA_PASSAGES = 1


@dataclass
class Generated:
    ok: bool
    answer: str = ""
    abstained: bool = False
    citations: list[Citation] = field(default_factory=list)
    reason: str = ""  # why it failed, or what was repaired (dropped markers)
    seconds: float = 0.0


def generate(question: str, passages: list[Citation], llm: LLM, *, max_tokens: int = 160) -> Generated:
    """Ask the model to answer from the numbered passages and validate its reply (raises LLMError)."""
    from assistant.qa.compose import ABSTAIN_TEXT

    t0 = time.perf_counter()
    reply = llm.chat(messages(question, passages), max_tokens=max_tokens).strip()
    took = time.perf_counter() - t0
    if not reply:
        return Generated(False, reason="empty reply", seconds=took)
    if is_abstention(reply, abstain_marker()):
        return Generated(True, ABSTAIN_TEXT, abstained=True, reason="model: not in the context", seconds=took)
    cleaned = clean_citations(reply, len(passages))
    note = f"dropped out-of-range markers {cleaned.dropped}" if cleaned.dropped else ""
    if not cleaned.used:
        return Generated(False, reason=f"no valid citation in the reply {note}".strip(), seconds=took)
    cited = [passages[i - 1] for i in cleaned.used]
    bad = unsupported_numbers(cleaned.text, [f"{c.label} {c.text}" for c in cited])
    if bad:
        return Generated(False, reason=f"numbers not in the cited units: {bad}", seconds=took)
    off = unsupported_words(cleaned.text, [f"{c.label} {c.text}" for c in cited])
    if off:
        return Generated(False, reason=f"words not in the cited units: {off[:8]}", seconds=took)
    verdict = answers_question(cleaned.text, question, [p.text for p in passages])
    if not verdict.ok:
        return Generated(False, reason=verdict.reason, seconds=took)
    text = as_printed(cleaned.text, [c.text for c in cited])
    return Generated(True, text, citations=cited, reason=note, seconds=took)


class GeneratingAssistant:
    """An Assistant whose fact answers are phrased by an LLM when the checks pass; delegates the rest."""

    def __init__(self, assistant: Any, llm: LLM | Callable[[], LLM | None] | None, *,
                 max_passages: int = MAX_PASSAGES, extra_passages: int = EXTRA_PASSAGES) -> None:
        self.assistant = assistant
        self._llm = llm
        self.max_passages = max_passages
        self.extra_passages = extra_passages
        self.last: Generated | None = None  # the last generation's outcome (tests, eval, logs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.assistant, name)

    def llm(self) -> LLM | None:
        if callable(self._llm) and not hasattr(self._llm, "chat"):
            try:
                self._llm = self._llm()
            except LLMError as e:  # unavailable: extractive answers from now on, said once in the log
                log.warning("generator unavailable, extractive answers only: %s", e)
                self._llm = None
        return self._llm  # type: ignore[return-value]

    def context(self, question: str, history: list[tuple[str, str]] | None, filters: dict[str, str] | None,
                base: AskResponse) -> list[Citation]:
        passages = list(base.citations[: self.max_passages])
        if self.extra_passages and len(passages) < self.max_passages:
            from assistant.qa.query import parse_query

            q = parse_query(question, history)
            strict = {k: v for k, v in (filters or {}).items() if k in ("doc", "district") and v}
            seen = {p.id for p in passages}
            added = 0
            for h in self.assistant.index.search(q.retrieval_text, top_k=8, filters=strict or None):
                if h.unit.id in seen or h.unit.kind == "meta":
                    continue
                passages.append(h.unit.citation())
                seen.add(h.unit.id)
                added += 1
                if added >= self.extra_passages or len(passages) >= self.max_passages:
                    break
        return passages

    def ask(self, question: str, history: list[tuple[str, str]] | None = None,
            filters: dict[str, str] | None = None) -> AskResponse:
        base = self.assistant.ask(question, history=history, filters=filters)
        self.last = None
        if base.abstained or base.mode != "extractive" or not base.citations:
            return base
        llm = self.llm()
        if llm is None:
            return base
        passages = self.context(question, history, filters, base)
        prompt_q = question
        last_user = next((c for r, c in reversed(history or []) if r == "user" and c.strip()), "")
        if last_user:
            prompt_q = f"{question} (câu hỏi trước: {last_user})"
        try:
            g = generate(prompt_q, passages, llm)
        except LLMError as e:
            self.last = Generated(False, reason=f"{type(e).__name__}: {e}")
            log.info("generator fell back to extractive: %s", self.last.reason)
            return base
        self.last = g
        if not g.ok or g.abstained:
            log.info("generator fell back to extractive: %s", g.reason or "model abstained")
            return base
        return AskResponse(answer=g.answer, abstained=False, citations=g.citations, mode="llm", intent=base.intent)


def with_generator(assistant: Any, settings: Any) -> Any:
    """The assistant as the settings want it: unchanged for "extractive", wrapped otherwise (the model is
    loaded on the first fact question; if it cannot be, answers stay extractive)."""
    if (settings.generator or "extractive").lower() == "extractive":
        return assistant
    return GeneratingAssistant(assistant, lambda: make_llm(settings))
