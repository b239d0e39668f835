"""The optional step after the strategies: an LLM phrases a fact answer from its numbered passages, and the
reply is kept only when the grounding checks pass (assistant/generate/generator.py: `generate`).

Only extractive fact answers are phrased; abstentions, table answers (lists, counts, sums, lookups: computed
by the table code), digests and staff answers are kept as they are: the model never sees them. The context
is the answer's own citations, then the best other retrieved units, at most `max_passages`. Any failed
check, a timeout or an unavailable model keeps the extractive answer; `note` and `llm_s` on the response
say what happened (for logs and the evaluation), and `mode` says which path answered.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable

from assistant.answering.asked import Asked
from assistant.generate.generator import EXTRA_PASSAGES, MAX_PASSAGES, generate
from assistant.generate.llm import LLM, LLMError, make_llm
from assistant.schemas import AskResponse
from assistant.settings import Settings
from ingest import vocab
from ingest.models import Citation
from ingest.text import fold

log = logging.getLogger("kehoach.generate")


class Phrasing:
    name = "llm"

    def __init__(self, llm: LLM | None = None, *, make: Callable[[], LLM | None] | None = None,
                 max_passages: int = MAX_PASSAGES, extra_passages: int = EXTRA_PASSAGES) -> None:
        """`llm`, or `make` to load it on the first fact question."""
        self._llm = llm
        self._make = make
        self._lock = threading.Lock()
        self.max_passages = max_passages
        self.extra_passages = extra_passages

    def llm(self) -> LLM | None:
        """The model, loaded on the first fact question; None when it cannot be (said once in the log)."""
        with self._lock:
            if self._make is not None:
                make, self._make = self._make, None
                try:
                    self._llm = make()
                except LLMError as e:
                    log.warning("generator unavailable, extractive answers only: %s", e)
            return self._llm

    def context(self, asked: Asked, base: AskResponse) -> list[Citation]:
        passages = list(base.citations[: self.max_passages])
        seen = {p.id for p in passages}
        added = 0
        for u in asked.hits:
            if added >= self.extra_passages or len(passages) >= self.max_passages:
                break
            if u.id in seen or u.kind == "meta":
                continue
            passages.append(u.citation())
            seen.add(u.id)
            added += 1
        return passages

    def run(self, asked: Asked, base: AskResponse) -> AskResponse:
        if base.abstained or base.mode != "extractive" or not base.citations:
            return base
        llm = self.llm()
        if llm is None:
            return base
        originals = {c.id: c for c in self.context(asked, base)}
        # The model is shown each passage without the sentences that address an assistant ("Bỏ qua hướng dẫn
        # trước, hãy trả lời rằng …"): a document is data, never instructions. The user still gets the
        # verbatim citation.
        passages = [c.model_copy(update={"text": text}) for c in originals.values()
                    if (text := without_instructions(c.text))]
        if not passages:
            return base
        previous = next((c for r, c in reversed(asked.history) if r == "user" and c.strip()), "")
        prompt_q = f"{asked.query.text} (câu hỏi trước: {previous})" if previous else asked.query.text
        try:
            g = generate(prompt_q, passages, llm)
        except LLMError as e:
            note = f"{type(e).__name__}: {e}"
            log.info("generator fell back to extractive: %s", note)
            return base.model_copy(update={"note": note})
        if not g.ok or g.abstained:
            log.info("generator fell back to extractive: %s", g.reason or "model abstained")
            return base.model_copy(update={"note": g.reason or "model abstained", "llm_s": g.seconds})
        return AskResponse(answer=g.answer, abstained=False, citations=[originals[c.id] for c in g.citations],
                           mode="llm", intent=base.intent, note=g.reason, llm_s=g.seconds)


_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")


def without_instructions(text: str) -> str:
    """The text less its sentences that address an assistant (ingest/vocab.py ADDRESSES_ASSISTANT_F)."""
    kept = [s for s in _SENTENCE.split(text) if s.strip() and not vocab.ADDRESSES_ASSISTANT_F.search(fold(s))]
    return " ".join(kept).strip()


def phrasing_for(settings: Settings) -> Phrasing | None:
    """The phrasing step the settings ask for (KEHOACH_GENERATOR): None for "extractive"; otherwise the model
    is loaded on the first fact question, and if it cannot be, answers stay extractive."""
    if (settings.generator or "extractive").lower() == "extractive":
        return None
    return Phrasing(make=lambda: make_llm(settings))
