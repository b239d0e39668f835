"""One LLM reply to a question over numbered passages, checked (`generate`); the step that uses it after the
extractive strategies is assistant/answering/phrasing.py.

For a fact answer (mode "extractive", not abstained) the model is asked to phrase an answer from a numbered
context: the extractive answer's citations, then the best other retrieved units (at most MAX_PASSAGES).
The reply is checked:
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
from dataclasses import dataclass, field

from assistant.generate.grounding import (
    as_printed,
    clean_citations,
    is_abstention,
    unsupported_numbers,
    unsupported_words,
)
from assistant.generate.llm import LLM
from assistant.generate.prompt import abstain_marker, messages
from assistant.generate.relevance import answers_question
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
