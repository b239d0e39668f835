"""The calibration / held-out split of the gold sets (eval/splits.py, eval/gold/splits.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.gold import read_gold
from eval.splits import (
    CALIBRATION,
    GOLD_DIR,
    HELD_OUT,
    calibration_questions,
    gold_files,
    initial_split,
    load_splits,
    part_of,
    select,
)

DONG_THAP = GOLD_DIR / "dong-thap-2024.jsonl"


def test_dong_thap_split_is_recorded_whole_and_balanced():
    qs = read_gold(DONG_THAP).questions
    split = load_splits()[DONG_THAP.name]
    cal, held = set(split[CALIBRATION]), set(split[HELD_OUT])
    assert not cal & held
    assert cal | held == {q.id for q in qs}  # every question placed explicitly
    assert split == initial_split(qs)  # the documented rule, nothing picked by hand
    for part in (cal, held):
        kinds = [q.unanswerable for q in qs if q.id in part]
        assert kinds.count(True) >= 7 and kinds.count(False) >= 60, (len(part), kinds.count(True))
    parts = part_of(DONG_THAP, qs)
    assert [q.id for q in select(qs, DONG_THAP, CALIBRATION)] == [q.id for q in qs if parts[q.id] == CALIBRATION]
    assert len(select(qs, DONG_THAP, None)) == len(qs) == len(select(qs, DONG_THAP, "all"))


def test_calibration_uses_only_the_listed_calibration_part():
    got = calibration_questions()
    assert {f for f, _ in got} == {DONG_THAP}  # later gold files never calibrate
    assert [q.id for _, q in got] == load_splits()[DONG_THAP.name][CALIBRATION]
    assert DONG_THAP in gold_files()


def test_unlisted_gold_files_and_questions_are_held_out(tmp_path: Path):
    lines = [{"id": f"n{i}", "question": "Tổng kinh phí là bao nhiêu?", "answers": [["55.500"]],
              "evidence": ["55.500"]} for i in range(4)]
    later = tmp_path / "later.jsonl"  # a gold set added later, not in splits.json
    later.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    qs = read_gold(later).questions
    assert set(part_of(later, qs).values()) == {HELD_OUT}
    assert select(qs, later, CALIBRATION) == []
    (tmp_path / "splits.json").write_text(json.dumps({"files": {"later.jsonl": {"calibration": ["n0"]}}}),
                                         encoding="utf-8")
    assert [q.id for _, q in calibration_questions(tmp_path)] == ["n0"]  # n1-n3: listed nowhere, held out
    with pytest.raises(ValueError, match="n9"):
        part_of(later, qs, {"later.jsonl": {CALIBRATION: ["n9"], HELD_OUT: []}})
    with pytest.raises(ValueError, match="both parts"):
        part_of(later, qs, {"later.jsonl": {CALIBRATION: ["n1"], HELD_OUT: ["n1"]}})
    with pytest.raises(ValueError, match="unknown part"):
        select(qs, later, "test")


def test_sweep_reads_only_the_calibration_part(tmp_path: Path, monkeypatch):
    """`python -m eval.sweep` fits the abstention threshold on calibration questions only (fake embedder
    here: the figures differ from the real model's; what is checked is which questions it asks)."""
    from eval import sweep as sweep_module

    asked: list[str] = []
    real_sweep = sweep_module.sweep

    def spy(questions, thresholds, settings):
        asked.extend(q.id for q in questions)
        return real_sweep(questions, thresholds, settings)

    monkeypatch.setattr(sweep_module, "sweep", spy)
    monkeypatch.setenv("KEHOACH_HOME", str(tmp_path / "home"))
    from assistant.settings import reset_settings

    reset_settings()
    out = tmp_path / "sweep.md"
    try:
        assert sweep_module.main(["--fake", "--thresholds", "0.5,0.65", "--report", str(out)]) == 0
    finally:
        reset_settings()
    split = load_splits()[DONG_THAP.name]
    assert asked == split[CALIBRATION] and not set(asked) & set(split[HELD_OUT])
    text = out.read_text(encoding="utf-8")
    n_un = sum(q.unanswerable for q in read_gold(DONG_THAP).questions if q.id in set(split[CALIBRATION]))
    assert f"{len(asked) - n_un} answerable + {n_un} unanswerable" in text
    rows = [line for line in text.splitlines() if line.startswith(("| 0.", "| **0."))]
    assert len(rows) == 2 and "Recommended: **" in text


def test_kehoach_eval_takes_a_part_and_systems(tmp_path: Path, monkeypatch) -> None:
    """`kehoach eval GOLD --part calibration --systems bm25`: only that part's questions, only that system."""


    from typer.testing import CliRunner

    from assistant.cli import app
    from assistant.settings import reset_settings

    monkeypatch.setenv("KEHOACH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KEHOACH_EMBEDDER", "fake")
    reset_settings()
    try:
        r = CliRunner().invoke(app, ["eval", str(DONG_THAP), "--part", "calibration", "--systems", "bm25",
                                     "--report", str(tmp_path / "report")])
    finally:
        reset_settings()
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    assert set(data["systems"]) == {"bm25"}
    assert data["systems"]["bm25"]["summary"]["n"] == len(load_splits()[DONG_THAP.name][CALIBRATION])
