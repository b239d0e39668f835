"""eval.suite: one index over every document, each gold set scored alone against its own floor, questions
with `filters` sent with them. The fast tests build two small plans and gold sets; the slow one is the CI
gate over the development corpus with the real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.settings import Settings
from eval import suite
from eval.gold import read_gold

PLAN_A = """# KẾ HOẠCH Ứng dụng công nghệ thông tin năm 2025 của trường Hoa Sen

## I. MỤC TIÊU

1. Tỷ lệ giáo viên sử dụng học liệu số đạt 80%.
"""
PLAN_B = """# KẾ HOẠCH Chuyển đổi số năm 2025 của trường Mai Vàng

## I. MỤC TIÊU

1. Tỷ lệ giáo viên sử dụng học liệu số đạt 95%.
"""


def _gold(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("suite")
    docs = root / "docs"
    docs.mkdir()
    (docs / "ke-hoach-a.md").write_text(PLAN_A, encoding="utf-8")
    (docs / "ke-hoach-b.md").write_text(PLAN_B, encoding="utf-8")
    (docs / "SOURCES.md").write_text("# Nguồn\n\nKhông phải tài liệu.\n", encoding="utf-8")
    same_q = "Tỷ lệ giáo viên sử dụng học liệu số phải đạt bao nhiêu?"
    a = _gold(root / "ke-hoach-a.jsonl", [
        {"id": "a1", "question": same_q, "filters": {"doc": "ke-hoach-a"}, "answers": [["80%"]],
         "evidence": ["đạt 80%"]},
        {"id": "a2", "question": "Kế hoạch có quy định phụ cấp trực trưa không?", "unanswerable": True}])
    b = _gold(root / "ke-hoach-b.jsonl", [
        {"id": "b1", "question": same_q, "filters": {"doc": "ke-hoach-b"}, "answers": [["95%"]],
         "evidence": ["đạt 95%"]}])
    settings = Settings(home=root / "base", embedder="fake", chroma_url="", corpus_dir=root / "none")
    return suite.run_suite([a, b], [docs], settings, root / "home", verbose=False)


def test_one_index_every_set_scored_alone(run: dict) -> None:
    assert set(run["sets"]) == {"ke-hoach-a", "ke-hoach-b"}
    a, b = run["sets"]["ke-hoach-a"]["summary"], run["sets"]["ke-hoach-b"]["summary"]
    assert a["n"] == 2 and b["n"] == 1 and run["overall"]["n"] == 3
    # The same question, told apart only by its filters: each set gets its own document's figure.
    assert a["answer_correct"] == 1.0 and b["answer_correct"] == 1.0, run["sets"]
    assert "| ke-hoach-a | 2 |" in suite.table(run) and "| **all** | 3 |" in suite.table(run)


def test_floors_per_set(run: dict) -> None:
    floors = suite.measured_floor(run)
    # One question of slack (ties flip between runs): for a one-question set that is all of it.
    assert floors["ke-hoach-b"] == {"answer_correct": 0.0, "evidence_found": 0.0, "abstention_accuracy": 0.0}
    twenty = {"summary": {"answer_correct": 0.9}, "results": [{"unanswerable": i < 2} for i in range(40)]}
    assert suite._margin(twenty, "answer_correct") == suite.FLOOR_MARGIN  # 1/40 + 0.01 < 0.05
    eighteen = {"results": [{"unanswerable": i < 3} for i in range(18)]}
    assert round(suite._margin(eighteen, "answer_correct"), 4) == round(1 / 18 + 0.01, 4)
    assert round(suite._margin(eighteen, "evidence_found"), 4) == round(1 / 15 + 0.01, 4)  # answerable ones
    assert suite.floor_failures(run, floors) == []
    missing = suite.floor_failures(run, {"ke-hoach-a": floors["ke-hoach-a"]})
    assert missing and missing[0].startswith("ke-hoach-b: no floor")
    too_high = {k: {**v, "answer_correct": 1.01} for k, v in floors.items()}  # above what was measured
    assert len(suite.floor_failures(run, too_high)) == 2


def test_sources_is_not_a_document(tmp_path: Path) -> None:
    (tmp_path / "SOURCES.md").write_text("x", encoding="utf-8")
    (tmp_path / "ke-hoach.md").write_text("x", encoding="utf-8")
    assert [p.name for p in suite.documents([tmp_path])] == ["ke-hoach.md"]


def test_gold_sets_and_their_floors_match() -> None:
    """Every gold set is valid and has its floor: the development ones and, since they were scored once at the
    end of the generalisation work (eval/reports/corpus-dev/after.md), the held-out ones as a regression gate."""
    dev = suite.gold_sets()
    assert len(dev) >= 11 and all(not p.is_relative_to(suite.HELDOUT_GOLD) for p in dev)
    every = suite.gold_sets(heldout=True)
    assert len(every) >= len(dev) + 4
    for p in every:
        read_gold(p)
    floors = json.loads(suite.FLOOR_FILE.read_text(encoding="utf-8"))
    assert set(floors) == {p.stem for p in every}


@pytest.mark.slow
@pytest.mark.needs("e5")
def test_development_corpus_suite_above_its_floors(tmp_path: Path) -> None:
    """CI gate: every document in one index with the real model; each gold set at or above its floor."""
    rc = suite.main(["--heldout", "--report", str(tmp_path / "report")])
    report = json.loads((tmp_path / "report" / "suite.json").read_text(encoding="utf-8"))
    figures = {k: {m: v["summary"][m] for m in suite.FLOOR_METRICS} for k, v in report["sets"].items()}
    assert rc == 0, figures
