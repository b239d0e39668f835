"""Calibrating the abstention threshold (`KEHOACH_ABSTAIN_BELOW`) on the CALIBRATION part of the gold sets.

`python -m eval.sweep [--thresholds 0.35,0.4,...] [--report eval/reports/abstention-sweep.md] [--fake]`
indexes the corpus once (real e5 model unless --fake), asks every calibration question (eval/splits.py:
only gold files eval/gold/splits.json names contribute, and only their calibration ids) at each threshold,
and prints / writes the table. Held-out questions and later gold sets are never read here: they measure
the chosen value (the floor, `python -m eval`), they do not choose it.

The recommended value maximises the right outcomes (answerable questions answered correctly plus
unanswerable ones abstained on); among those, the fewest false abstentions, then the most unanswerable
questions abstained on, then the value nearest the current setting.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.settings import Settings, get_settings
from eval.gold import GoldQuestion
from eval.score import score_question
from eval.splits import calibration_questions

THRESHOLDS = (0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65)
REPORT = Path(__file__).resolve().parent / "reports" / "abstention-sweep.md"


@dataclass
class Row:
    threshold: float
    answerable: int
    correct: int  # answerable questions answered correctly
    unanswerable: int
    abstained: int  # unanswerable questions abstained on
    false_abstentions: int  # answerable questions abstained on

    @property
    def right(self) -> int:
        return self.correct + self.abstained


def sweep(questions: list[GoldQuestion], thresholds: tuple[float, ...], settings: Settings) -> list[Row]:
    """One index of the corpus; every question at every threshold (the fact strategy's abstain_below)."""
    from assistant.embedder import get_embedder
    from eval.run import corpus_paths
    from eval.systems import SharedEmbedder, make_system

    embedder = SharedEmbedder(get_embedder(settings))
    rows = []
    with tempfile.TemporaryDirectory(prefix="kehoach-sweep-", ignore_cleanup_errors=True) as tmp:
        system: Any = make_system("kehoach", settings, Path(tmp) / "kehoach", embedder)
        system.setup(corpus_paths(settings))
        from assistant.answerer import Answerer

        for t in thresholds:
            system.answerer = Answerer(system.index, abstain_below=t)  # same index, this threshold
            results = []
            for q in questions:
                r = system.ask(q.question, list(q.history))
                results.append(score_question(q, "kehoach", answer=r.answer, abstained=r.abstained,
                                              citations=r.citations, latency_s=0.0))
            answerable = [r for r in results if not r.unanswerable]
            unanswerable = [r for r in results if r.unanswerable]
            rows.append(Row(t, len(answerable), sum(r.answer_correct for r in answerable), len(unanswerable),
                            sum(r.abstained for r in unanswerable), sum(bool(r.false_abstention) for r in answerable)))
    return rows


def recommend(rows: list[Row], current: float) -> Row:
    return max(rows, key=lambda r: (r.right, -r.false_abstentions, r.abstained, -abs(r.threshold - current)))


def render(rows: list[Row], files: list[str], current: float) -> str:
    best = recommend(rows, current)
    n_ans, n_un = rows[0].answerable, rows[0].unanswerable
    lines = [
        "# Calibrating the abstention threshold (`KEHOACH_ABSTAIN_BELOW`)", "",
        "kehoach abstains when the best passage covers less than this share of the question's content words",
        "(idf-weighted syllables and bigrams), or when the question names something the documents never mention,",
        "or a school level the passage does not cover. The threshold is fitted on the **calibration part** of the",
        f"gold sets only ({', '.join(f'`{f}`' for f in files)}: {n_ans} answerable + {n_un} unanswerable",
        "questions, eval/gold/splits.json); the held-out part and gold sets added later only measure it (the",
        "floor, `python -m eval`). Made by `python -m eval.sweep`.", "",
        f"| threshold | answers correct (of {n_ans}) | unanswerable abstained (of {n_un}) | false abstentions "
        f"| right outcomes (of {n_ans + n_un}) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        cells = [f"{r.threshold:.2f}", str(r.correct), str(r.abstained), str(r.false_abstentions), str(r.right)]
        if r is best:
            cells = [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    verdict = ("the current setting" if abs(best.threshold - current) < 1e-9
               else f"the current setting is {current:.2f}")
    lines += ["", f"Recommended: **{best.threshold:.2f}** ({verdict}): the most right outcomes, then the fewest false",
              "abstentions, then the most unanswerable questions abstained on, then the value nearest the current",
              "setting. A trade-off to revisit as gold questions are added, not a tuned constant."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.sweep", description=__doc__.split("\n")[0])
    p.add_argument("--thresholds", default=",".join(f"{t:.2f}" for t in THRESHOLDS))
    p.add_argument("--report", type=Path, default=None, help=f"write the table here (e.g. {REPORT})")
    p.add_argument("--fake", action="store_true", help="fake embedder (fast, for tests)")
    args = p.parse_args(argv)
    settings = get_settings()
    if args.fake:
        settings = settings.model_copy(update={"embedder": "fake"})
    pairs = calibration_questions()
    if not pairs:
        print("no calibration questions (eval/gold/splits.json)", file=sys.stderr)
        return 2
    thresholds = tuple(float(t) for t in args.thresholds.split(",") if t.strip())
    rows = sweep([q for _, q in pairs], thresholds, settings)
    text = render(rows, sorted({f.name for f, _ in pairs}), settings.abstain_below)
    print(text)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
