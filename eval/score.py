"""Per-question metrics and their aggregation (overall, by tag).

Per question: the answer is correct (every fact group found in the answer, and no abstention; for an
unanswerable question: the response abstained), the evidence is found in the citations, the citation is
precise (the evidence is in a cited unit of at most 1,000 characters), hit@1/3/5 and MRR@10 of the
search results (a hit matches when an evidence item is found in its text), abstention correctness and
false abstention, and the latency. Retrieval and citation metrics are over answerable questions only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from eval.gold import GoldQuestion
from eval.match import answer_correct, citation_text, evidence_found, first_match_rank, precise_citation

PRECISE_MAX_CHARS = 1000
HIT_KS = (1, 3, 5)
MRR_K = 10
RATE_KEYS = ("answer_correct", "evidence_found", "precise_citation", "hit@1", "hit@3", "hit@5", "mrr@10",
             "abstention_accuracy", "false_abstention_rate")


@dataclass
class QuestionResult:
    system: str
    id: str
    question: str
    tags: list[str]
    unanswerable: bool
    answer: str
    abstained: bool
    citations: list[dict[str, Any]]  # id, label, kind, chars (and the text, for the report's failures)
    latency_s: float
    answer_correct: bool
    abstention_correct: bool
    false_abstention: bool | None = None  # None for unanswerable questions
    evidence_found: bool | None = None  # None for unanswerable questions
    precise_citation: bool | None = None
    search_rank: int | None = None  # 1-based rank of the first matching search hit (within MRR_K)
    hits: dict[str, bool] = field(default_factory=dict)  # "hit@1": ..., None-free
    mrr: float | None = None
    search_latency_s: float | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def failed(self) -> bool:
        return not self.answer_correct or self.evidence_found is False or self.error is not None


def _field(c: Any, name: str) -> Any:
    return c.get(name) if isinstance(c, dict) else getattr(c, name, None)


def citation_summary(c: Any) -> dict[str, Any]:
    text = citation_text(c)
    return {"id": _field(c, "id"), "label": _field(c, "label"), "kind": _field(c, "kind"),
            "doc": _field(c, "doc"), "chars": len(text.strip()), "text": text}


def score_question(q: GoldQuestion, system: str, *, answer: str, abstained: bool, citations: Sequence[Any],
                   latency_s: float, search_texts: Sequence[str] | None = None,
                   search_latency_s: float | None = None, error: str | None = None) -> QuestionResult:
    """Score one response (and optionally the search results for the same question)."""
    r = QuestionResult(system=system, id=q.id, question=q.question, tags=list(q.tags),
                       unanswerable=q.unanswerable, answer=answer, abstained=abstained,
                       citations=[citation_summary(c) for c in citations], latency_s=latency_s,
                       answer_correct=False, abstention_correct=False,
                       search_latency_s=search_latency_s, error=error)
    if q.unanswerable:
        r.answer_correct = r.abstention_correct = bool(abstained) and error is None
        return r
    r.abstention_correct = not abstained and error is None
    r.false_abstention = bool(abstained)
    r.answer_correct = (not abstained) and error is None and answer_correct(answer, q.answers)
    r.evidence_found = evidence_found(citations, q.evidence, q.evidence_mode)
    r.precise_citation = precise_citation(citations, q.evidence, q.evidence_mode, PRECISE_MAX_CHARS)
    if search_texts is not None:
        rank = first_match_rank(list(search_texts)[:MRR_K], q.evidence)
        r.search_rank = rank
        r.hits = {f"hit@{k}": rank is not None and rank <= k for k in HIT_KS}
        r.mrr = 1.0 / rank if rank else 0.0
    return r


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolated percentile (p in 0..100); None for no values."""
    xs = sorted(values)
    if not xs:
        return None
    pos = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _mean(values: Iterable[float | bool | None]) -> float | None:
    xs = [float(v) for v in values if v is not None]
    return sum(xs) / len(xs) if xs else None


def aggregate(results: Sequence[QuestionResult]) -> dict[str, Any]:
    """Rates over the questions they apply to (None when none applies), counts and latency."""
    answerable = [r for r in results if not r.unanswerable]
    searched = [r for r in answerable if r.mrr is not None]
    lat = [r.latency_s for r in results]
    slat = [r.search_latency_s for r in results if r.search_latency_s is not None]
    out: dict[str, Any] = {
        "n": len(results), "n_answerable": len(answerable), "n_unanswerable": len(results) - len(answerable),
        "answer_correct": _mean(r.answer_correct for r in results),
        "answer_correct_answerable": _mean(r.answer_correct for r in answerable),
        "evidence_found": _mean(r.evidence_found for r in answerable),
        "precise_citation": _mean(r.precise_citation for r in answerable),
    }
    for k in HIT_KS:
        out[f"hit@{k}"] = _mean(r.hits.get(f"hit@{k}") for r in searched)
    out["mrr@10"] = _mean(r.mrr for r in searched)
    out["abstention_accuracy"] = _mean(r.abstention_correct for r in results)
    out["abstained_unanswerable"] = _mean(r.abstained for r in results if r.unanswerable)
    out["false_abstention_rate"] = _mean(r.false_abstention for r in answerable)
    out["errors"] = sum(r.error is not None for r in results)
    out["latency_p50_s"] = percentile(lat, 50)
    out["latency_p95_s"] = percentile(lat, 95)
    out["latency_mean_s"] = _mean(lat)
    out["search_latency_p50_s"] = percentile(slat, 50)
    return out


def by_tag(results: Sequence[QuestionResult]) -> dict[str, dict[str, Any]]:
    """aggregate() for each tag (a question counts under each of its tags; "(untagged)" otherwise)."""
    groups: dict[str, list[QuestionResult]] = {}
    for r in results:
        for t in r.tags or ["(untagged)"]:
            groups.setdefault(t, []).append(r)
    return {t: aggregate(rs) for t, rs in sorted(groups.items())}


def below_floor(summary: dict[str, Any], floor: dict[str, float]) -> list[str]:
    """The floor's metrics the summary falls below, as readable lines (empty: all met). A floor metric the
    summary lacks, or could not measure (no question it applies to), fails too: a floor that silently
    checks nothing (a misspelt key, a gold file without answerable questions) is not met."""
    out = []
    for key, minimum in floor.items():
        if key not in summary:
            out.append(f"{key} is not a metric of the summary (misspelt in the floor? known: "
                       f"{', '.join(sorted(summary))})")
            continue
        value = summary[key]
        if value is None:
            out.append(f"{key} not measured: no question of this gold set it applies to")
            continue
        if key.endswith("_rate") or key.startswith("latency"):
            if value > float(minimum) and float(minimum) > 0:
                out.append(f"{key} = {value:.3f} above the ceiling {float(minimum):.3f}")
        elif value < float(minimum):
            out.append(f"{key} = {value:.3f} below the floor {float(minimum):.3f}")
    return out
