"""Runs the gold questions through every system, scores them, prints a table, writes the report.

`kehoach eval GOLD.jsonl [--report DIR]` and `python -m eval GOLD [--report DIR] [--systems ...] [--fake]
[--part calibration|held-out]` call `main`. It returns 0 when kehoach meets the floor (eval/floor.json), 1 when
it falls below it, 2 when the gold file or the arguments are invalid. The floor is checked on the questions
run and, when they span both parts of eval/gold/splits.json (eval/splits.py), on each part alone: a floor met
only thanks to the questions the thresholds were fitted on is not met.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.settings import Settings, get_settings
from eval.gold import GoldError, GoldQuestion, read_gold
from eval.score import MRR_K, aggregate, below_floor, by_tag, score_question
from eval.splits import PARTS, part_of, select
from eval.systems import (
    ALL_SYSTEMS,
    DESCRIPTIONS,
    OPTIONAL_SYSTEMS,
    SharedEmbedder,
    System,
    make_system,
    query_text,
    timed,
)

FLOOR_FILE = Path(__file__).with_name("floor.json")
REPO_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PREVIEW_CHARS = 300
WARMUP_QUESTION = "Kế hoạch này do đơn vị nào ban hành?"
TABLE_COLUMNS = (("answer_correct", "answer"), ("evidence_found", "evidence"), ("precise_citation", "precise"),
                 ("hit@1", "hit@1"), ("hit@5", "hit@5"), ("mrr@10", "MRR@10"),
                 ("abstention_accuracy", "abst.acc"), ("false_abstention_rate", "false-abst"))


def load_floor(path: Path = FLOOR_FILE) -> dict[str, float]:
    if not path.is_file():
        return {}
    return {k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


def corpus_paths(settings: Settings, corpus: Path | None = None) -> list[Path]:
    """The corpus folder: the one given, else settings.corpus_dir, else the repository's corpus/."""
    for p in (corpus, settings.corpus_dir, REPO_CORPUS):
        if p is not None and Path(p).exists():
            return [Path(p)]
    raise FileNotFoundError(f"no corpus folder: {settings.corpus_dir} (set KEHOACH_CORPUS_DIR)")


def run_system(system: System, questions: list[GoldQuestion], corpus: list[Path],
               progress: Any = None) -> dict[str, Any]:
    """Ingest the corpus into the system, ask and search every question, score each."""
    units, setup_s = timed(system.setup, corpus)
    try:  # warm-up (not scored): lazy loads of the first call do not count as a question's latency
        system.ask(WARMUP_QUESTION, [])
        system.search(WARMUP_QUESTION, MRR_K)
    except Exception:  # noqa: BLE001 - a failing system shows its errors on the scored questions
        pass
    results = []
    for q in questions:
        answer, abstained, citations, error = "", False, [], None
        t0 = time.perf_counter()
        try:
            resp = system.ask(q.question, list(q.history), q.filters or None)
            answer, abstained, citations = resp.answer, resp.abstained, resp.citations
        except Exception as e:  # noqa: BLE001 - recorded as this question's failure
            error = f"ask: {type(e).__name__}: {e}"
        latency = time.perf_counter() - t0
        texts, search_s = None, None
        if not q.unanswerable:
            try:
                hits, search_s = timed(system.search, query_text(q.question, q.history), MRR_K, q.filters or None)
                texts = [h.get("text", "") for h in hits]
            except Exception as e:  # noqa: BLE001
                error = error or f"search: {type(e).__name__}: {e}"
        results.append(score_question(q, system.name, answer=answer, abstained=abstained, citations=citations,
                                      latency_s=latency, search_texts=texts, search_latency_s=search_s,
                                      error=error))
        if progress:
            progress(system.name, q.id)
    if system.name != "kehoach":  # keep report.json small: baselines' citation texts as previews
        for r in results:
            for c in r.citations:
                c["text"] = c["text"][:PREVIEW_CHARS] + ("…" if len(c["text"]) > PREVIEW_CHARS else "")
    out = {"name": system.name, "description": DESCRIPTIONS.get(system.name, system.name),
           "abstains": system.abstains, "setup": {"units": units, "seconds": round(setup_s, 2)},
           "summary": aggregate(results), "by_tag": by_tag(results),
           "results": [r.as_dict() for r in results]}
    if hasattr(system, "report_extra"):  # kehoach-llm: which path answered, why the model was not used
        out["generator"] = system.report_extra()
    return out


def _cell(v: Any) -> str:
    return "—" if v is None else f"{v:.3f}"


def format_table(systems: dict[str, dict[str, Any]]) -> str:
    head = ["system"] + [label for _, label in TABLE_COLUMNS] + ["p50 ms", "p95 ms"]
    rows = [head]
    for name, data in systems.items():
        s = data["summary"]
        ms = [("—" if s[k] is None else f"{1000 * s[k]:.0f}") for k in ("latency_p50_s", "latency_p95_s")]
        rows.append([name] + [_cell(s.get(k)) for k, _ in TABLE_COLUMNS] + ms)
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in rows]
    return "\n".join([lines[0], "-" * len(lines[0]), *lines[1:]])


def part_summaries(results: list[dict[str, Any]], parts: dict[str, str]) -> dict[str, dict[str, Any]]:
    """aggregate() of each part of the split the results span (empty when they lie in one part)."""
    from eval.score import QuestionResult

    groups: dict[str, list[QuestionResult]] = {}
    for r in results:
        groups.setdefault(parts.get(r["id"], "held-out"), []).append(QuestionResult(**r))
    if len(groups) < 2:
        return {}
    return {p: aggregate(groups[p]) for p in PARTS if p in groups}


def floor_failures(summary: dict[str, Any], parts: dict[str, dict[str, Any]],
                   floor: dict[str, float]) -> list[str]:
    """below_floor() of the whole run, then of each part ("held-out: answer_correct = …")."""
    out = below_floor(summary, floor)
    for name, part_summary in parts.items():
        out += [f"{name}: {line}" for line in below_floor(part_summary, floor)]
    return out


def main(gold: Path, report_dir: Path | None = None, *, systems: tuple[str, ...] | list[str] = ALL_SYSTEMS,
         floor: dict[str, float] | None = None, settings: Settings | None = None, corpus: Path | None = None,
         verbose: bool = True, part: str | None = None,
         splits: dict[str, dict[str, list[str]]] | None = None) -> int:
    """Score the systems on the gold file (or one part of it); non-zero when kehoach falls below the floor
    (or bad input). `splits`: the parts of eval/gold/splits.json (read from there when None)."""
    try:
        gs = read_gold(gold)
        parts = part_of(gold, gs.questions, splits)
        gs.questions = select(gs.questions, gold, part, splits)
    except GoldError as e:
        print(str(e), file=sys.stderr)
        return 2
    except ValueError as e:  # splits.json names unknown ids, or an unknown part
        print(str(e), file=sys.stderr)
        return 2
    if not gs.questions:
        print(f"{gold}: no question in part {part!r}", file=sys.stderr)
        return 2
    unknown = [s for s in systems if s not in ALL_SYSTEMS + OPTIONAL_SYSTEMS]
    if unknown or not systems:
        print(f"unknown systems {unknown}; expected some of {', '.join(ALL_SYSTEMS)}", file=sys.stderr)
        return 2
    for w in gs.warnings:
        print(f"warning: {w}", file=sys.stderr)
    settings = settings or get_settings()
    floor = load_floor() if floor is None else floor
    files = corpus_paths(settings, corpus)
    from assistant.embedder import get_embedder

    embedder = SharedEmbedder(get_embedder(settings))
    log = (lambda m: print(m, file=sys.stderr, flush=True)) if verbose else (lambda m: None)
    started = datetime.now(UTC)
    out: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="kehoach-eval-", ignore_cleanup_errors=True) as tmp:
        for name in dict.fromkeys(systems):
            log(f"[eval] {name}: indexing {', '.join(str(f) for f in files)} …")
            system = make_system(name, settings, Path(tmp) / name, embedder)
            out[name] = run_system(system, gs.questions, files)
            s = out[name]["summary"]
            log(f"[eval] {name}: {s['n']} questions, answer {_cell(s['answer_correct'])}, "
                f"evidence {_cell(s['evidence_found'])}")
    for data in out.values():
        data["parts"] = part_summaries(data["results"], parts)
    run = {"gold": str(gold), "part": part or "all", "started": started.isoformat(timespec="seconds"),
           "seconds": round((datetime.now(UTC) - started).total_seconds(), 1),
           "embedder": str(embedder.name), "corpus": [str(f) for f in files], "questions": len(gs.questions),
           "gold_warnings": gs.warnings, "floor": floor, "systems": out,
           "questions_detail": [{**q.as_dict(), "part": parts[q.id]} for q in gs.questions]}
    failing = (floor_failures(out["kehoach"]["summary"], out["kehoach"]["parts"], floor)
               if "kehoach" in out else [])
    run["floor_failures"] = failing
    print(format_table(out))
    if report_dir is not None:
        from eval.report import write_report

        written = write_report(Path(report_dir), run)
        print(f"report: {', '.join(str(p) for p in written)}")
    for line in failing:
        print(f"FLOOR: kehoach {line}", file=sys.stderr)
    return 1 if failing else 0
