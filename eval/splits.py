"""Which gold questions may tune kehoach (calibration) and which only measure it (held out).

`eval/gold/splits.json` names, for each gold file it covers, the ids of its calibration part and of its
held-out part. Thresholds (the abstention threshold: `python -m eval.sweep`) are fitted on calibration
questions only; the floor (eval/floor.json) is checked on every gold file in eval/gold/, and on each of its
parts. A question of a listed file that neither list names, and every question of a gold file that
splits.json does not name (gold sets added later), is held out: it joins the floor and is never used for
calibration.

The split of dong-thap-2024.jsonl was made once by `initial_split` (`python -m eval.splits GOLD` prints it):
answerable and unanswerable questions apart, each ordered by the sha256 of its id, the first half (rounded
up) to calibration, so both parts hold both kinds.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.gold import GoldQuestion, read_gold

GOLD_DIR = Path(__file__).with_name("gold")
SPLITS_FILE = GOLD_DIR / "splits.json"
CALIBRATION, HELD_OUT = "calibration", "held-out"
PARTS = (CALIBRATION, HELD_OUT)


def _order(qid: str) -> str:
    return hashlib.sha256(qid.encode("utf-8")).hexdigest()


def initial_split(questions: Sequence[GoldQuestion]) -> dict[str, list[str]]:
    """The deterministic split rule: per kind (answerable, unanswerable), ids ordered by sha256, the first
    half rounded up to calibration. Ids keep the gold file's order within each part."""
    calibration: set[str] = set()
    for unanswerable in (False, True):
        ids = sorted((q.id for q in questions if q.unanswerable == unanswerable), key=_order)
        calibration.update(ids[: (len(ids) + 1) // 2])
    return {CALIBRATION: [q.id for q in questions if q.id in calibration],
            HELD_OUT: [q.id for q in questions if q.id not in calibration]}


def load_splits(path: Path = SPLITS_FILE) -> dict[str, dict[str, list[str]]]:
    """{gold file name: {"calibration": [ids], "held-out": [ids]}}; empty when there is no file."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: {p: list(parts.get(p, [])) for p in PARTS} for name, parts in data.get("files", {}).items()}


def part_of(gold: Path | str, questions: Sequence[GoldQuestion],
            splits: dict[str, dict[str, list[str]]] | None = None) -> dict[str, str]:
    """{question id: "calibration" | "held-out"} for a gold file, keyed in splits.json by its file name.
    Raises ValueError when splits.json names an id the file does not hold, or puts one in both parts."""
    splits = load_splits() if splits is None else splits
    listed = splits.get(Path(gold).name)
    out = {q.id: HELD_OUT for q in questions}
    if not listed:
        return out
    cal, held = set(listed[CALIBRATION]), set(listed[HELD_OUT])
    unknown = sorted((cal | held) - set(out))
    both = sorted(cal & held)
    if unknown or both:
        raise ValueError(f"eval/gold/splits.json, {Path(gold).name}: ids not in the file {unknown}, "
                         f"ids in both parts {both}")
    for qid in cal:
        out[qid] = CALIBRATION
    return out


def select(questions: Sequence[GoldQuestion], gold: Path | str, part: str | None,
           splits: dict[str, dict[str, list[str]]] | None = None) -> list[GoldQuestion]:
    """The questions of one part (all of them for part None or "all")."""
    if part in (None, "all"):
        return list(questions)
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; expected one of {', '.join(PARTS)} or all")
    parts = part_of(gold, questions, splits)
    return [q for q in questions if parts[q.id] == part]


def gold_files(folder: Path = GOLD_DIR) -> list[Path]:
    """Every gold set of the project (the floor covers them all)."""
    return sorted(folder.glob("*.jsonl"))


def calibration_questions(folder: Path = GOLD_DIR) -> list[tuple[Path, GoldQuestion]]:
    """The calibration questions of every gold file (only files splits.json names contribute any)."""
    out = []
    for f in gold_files(folder):
        qs = read_gold(f).questions
        parts = part_of(f, qs, load_splits(folder / SPLITS_FILE.name))
        out += [(f, q) for q in qs if parts[q.id] == CALIBRATION]
    return out


def main(argv: list[str] | None = None) -> int:
    """`python -m eval.splits GOLD.jsonl`: print the initial split of a gold file (JSON), to record it."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    qs = read_gold(Path(args[0])).questions
    split: dict[str, Any] = initial_split(qs)
    print(json.dumps({Path(args[0]).name: split}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
