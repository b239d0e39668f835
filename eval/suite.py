"""The development corpus suite: every document in ONE index, as users have them, and every gold set asked of
it (a question names its document in words, or carries `filters`), scored per document.

    python -m eval.suite [--report DIR] [--fake] [--heldout] [--write-floor] [--home DIR]

- Documents: `corpus/` and `eval/corpus-dev/` (its SOURCES.md, the provenance, is not a document).
- Gold sets: `eval/gold/corpus-dev/*.jsonl` (development: written from the documents before any code changed
  for them) and the corpus plan's `eval/gold/dong-thap-2024.jsonl`; with `--heldout` also
  `eval/gold/heldout/*.jsonl`, `eval/gold/heldout2/*.set2.jsonl` and `eval/gold/heldout3/*.set4.jsonl` (each
  round written by a session that changes no code; scored once at the end of a piece of generalisation work,
  never used to tune or calibrate anything; since then also held to their floor in CI, as a regression gate only).
- The floor: `eval/floor-suite.json`, per gold set, set from a measured run (`--write-floor` writes the
  measured figures rounded down to 0.01, less FLOOR_MARGIN or one question of the set where that is more: ties
  between passages and the vector index's approximate search can flip a question from run to run); a gold set without an entry, or a metric missing from the run, fails. No
  threshold is fitted on these sets.
Exit 0 when every gold set meets its floor, 1 otherwise, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

from eval.gold import GoldError, GoldQuestion, read_gold
from eval.run import TABLE_COLUMNS, run_system
from eval.score import QuestionResult, aggregate, below_floor

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = Path(__file__).with_name("gold")
DEV_GOLD = GOLD_DIR / "corpus-dev"
HELDOUT_GOLD = GOLD_DIR / "heldout"
HELDOUT2_GOLD = GOLD_DIR / "heldout2"  # a second round, written by another session that changes no code
HELDOUT3_GOLD = GOLD_DIR / "heldout3"  # a third round (issue 16, 2026-12-01), likewise
CORPUS_GOLD = GOLD_DIR / "dong-thap-2024.jsonl"
FLOOR_FILE = Path(__file__).with_name("floor-suite.json")
FLOOR_METRICS = ("answer_correct", "evidence_found", "abstention_accuracy")
FLOOR_MARGIN = 0.05
NOT_DOCUMENTS = {"SOURCES.md", "README.md"}  # a corpus folder's own notes


def documents(folders: list[Path]) -> list[Path]:
    from ingest.pipeline import iter_files

    return [f for f in iter_files(folders) if f.name not in NOT_DOCUMENTS]


def gold_sets(heldout: bool = False) -> list[Path]:
    sets = [CORPUS_GOLD, *sorted(DEV_GOLD.glob("*.jsonl"))]
    rounds = (HELDOUT_GOLD, HELDOUT2_GOLD, HELDOUT3_GOLD)
    return sets + ([g for r in rounds for g in sorted(r.glob("*.jsonl"))] if heldout else [])


def run_suite(golds: list[Path], corpus: list[Path], settings: Any, home: Path,
              verbose: bool = True) -> dict[str, Any]:
    """One kehoach index over the corpus; each gold set's results and summary."""
    from assistant.embedder import get_embedder
    from eval.systems import SharedEmbedder, make_system

    questions: list[tuple[str, GoldQuestion]] = []
    for g in golds:
        for q in read_gold(g).questions:
            questions.append((g.stem, q))
    system = make_system("kehoach", settings, home, SharedEmbedder(get_embedder(settings)))
    files = documents(corpus)
    if verbose:
        print(f"[suite] {len(files)} documents, {len(questions)} questions from {len(golds)} gold sets",
              file=sys.stderr, flush=True)
    out = run_system(system, [q for _, q in questions], files)
    results = out["results"]
    by_set: dict[str, list[QuestionResult]] = {}
    for (stem, _), r in zip(questions, results, strict=True):
        by_set.setdefault(stem, []).append(QuestionResult(**r))
    return {"units": out["setup"]["units"], "setup_s": out["setup"]["seconds"],
            "sets": {stem: {"summary": aggregate(rs), "results": [r.as_dict() for r in rs]}
                     for stem, rs in by_set.items()},
            "overall": out["summary"]}


def _cell(v: Any) -> str:
    return "—" if v is None else f"{v:.3f}"


def table(run: dict[str, Any]) -> str:
    cols = [(k, label) for k, label in TABLE_COLUMNS]
    lines = ["| gold set | n | " + " | ".join(label for _, label in cols) + " |",
             "|---|---:|" + "---:|" * len(cols)]
    for stem, data in run["sets"].items():
        s = data["summary"]
        lines.append(f"| {stem} | {s['n']} | " + " | ".join(_cell(s.get(k)) for k, _ in cols) + " |")
    s = run["overall"]
    lines.append(f"| **all** | {s['n']} | " + " | ".join(_cell(s.get(k)) for k, _ in cols) + " |")
    return "\n".join(lines)


def floor_failures(run: dict[str, Any], floors: dict[str, dict[str, float]]) -> list[str]:
    out = []
    for stem, data in run["sets"].items():
        if stem not in floors:
            out.append(f"{stem}: no floor in {FLOOR_FILE.name} (measure it: python -m eval.suite --write-floor)")
            continue
        out += [f"{stem}: {line}" for line in below_floor(data["summary"], floors[stem])]
    return out


def measured_floor(run: dict[str, Any]) -> dict[str, dict[str, float]]:
    return {stem: {k: max(0.0, round(math.floor(100 * (data["summary"][k] or 0.0)) / 100 - _margin(data, k), 2))
                   for k in FLOOR_METRICS} for stem, data in run["sets"].items()}


def _margin(data: dict[str, Any], metric: str) -> float:
    """FLOOR_MARGIN, or one question of the set where that is more (a set of 18 questions: 1/18 > 0.05), plus
    0.01 for the rounding down: one tie that flips between runs never fails the floor."""
    results = data.get("results", [])
    n = len([r for r in results if not r.get("unanswerable")]) if metric == "evidence_found" else len(results)
    return max(FLOOR_MARGIN, 1.0 / n + 0.01) if n else FLOOR_MARGIN


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.suite", description=__doc__.split("\n")[0])
    p.add_argument("--report", type=Path, default=None, help="folder for suite.md and suite.json")
    p.add_argument("--fake", action="store_true", help="the fake embedder (fast; not for the floor)")
    p.add_argument("--heldout", action="store_true", help="also the held-out gold sets (once, at the end)")
    p.add_argument("--write-floor", action="store_true", help=f"write the measured figures to {FLOOR_FILE.name}")
    p.add_argument("--no-floor", action="store_true")
    p.add_argument("--home", type=Path, default=None,
                   help="keep the index in this folder between runs (only changed units are embedded again)")
    args = p.parse_args(argv)
    from assistant.settings import get_settings

    settings = get_settings().model_copy(update={"embedder": "fake"} if args.fake else {})
    golds = gold_sets(args.heldout)
    try:
        for g in golds:
            read_gold(g)
    except GoldError as e:
        print(str(e), file=sys.stderr)
        return 2
    folders = [ROOT / "corpus", ROOT / "eval" / "corpus-dev"]
    if args.home is not None:
        run = run_suite(golds, folders, settings, args.home.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="kehoach-suite-", ignore_cleanup_errors=True) as tmp:
            run = run_suite(golds, folders, settings, Path(tmp) / "home")
    run["embedder"] = settings.embedder
    text = table(run)
    print(text)
    if args.report:
        args.report.mkdir(parents=True, exist_ok=True)
        (args.report / "suite.json").write_text(json.dumps(run, ensure_ascii=False, indent=1), encoding="utf-8")
        (args.report / "suite.md").write_text(
            f"# Development corpus suite ({run['embedder']} embedder, {run['units']} units)\n\n{text}\n",
            encoding="utf-8")
    if args.write_floor:
        FLOOR_FILE.write_text(json.dumps(measured_floor(run), indent=1) + "\n", encoding="utf-8")
        return 0
    if args.no_floor:
        return 0
    floors = json.loads(FLOOR_FILE.read_text(encoding="utf-8")) if FLOOR_FILE.is_file() else {}
    failing = floor_failures(run, floors)
    for line in failing:
        print(f"FLOOR: {line}", file=sys.stderr)
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
