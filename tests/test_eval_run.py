"""`eval.run.main` end to end with the fake embedder over the real corpus (fast: no model)."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.settings import Settings
from eval.run import main

ROOT = Path(__file__).resolve().parent.parent

GOLD = [
    {"id": "q01", "question": "Tỉ lệ cơ sở giáo dục thanh toán không dùng tiền mặt năm 2023 là bao nhiêu?",
     "answers": [["78,18%"]], "evidence": ["465/595 cơ sở giáo dục phổ thông"], "tags": ["result"]},
    {"id": "q02", "question": "Bao nhiêu cán bộ quản lý và giáo viên được trang bị chữ ký số?",
     "answers": [["11.000"]], "evidence": ["hơn 11.000 cán bộ quản lý và giáo viên"],
     "tags": ["result", "teacher"]},
    {"id": "q03", "question": "Tỉ lệ văn bản trao đổi qua môi trường mạng là bao nhiêu?",
     "answers": [["100%"]], "evidence": [["100% văn bản", "môi trường mạng"]], "evidence_mode": "all",
     "tags": ["result"]},
    {"id": "q04", "question": "còn chữ ký số thì sao?",
     "history": [{"role": "user", "content": "Tỉ lệ văn bản trao đổi qua môi trường mạng là bao nhiêu?"}],
     "answers": [["chữ ký số"]], "evidence": ["chữ ký số chuyên dùng"], "tags": ["followup"]},
    {"id": "q05", "question": "Kế hoạch quy định mức lương giáo viên mầm non năm 2030 là bao nhiêu?",
     "unanswerable": True, "tags": ["unanswerable"]},
]


SPLITS = {"gold.jsonl": {"calibration": ["q01", "q05"], "held-out": ["q02", "q03", "q04"]}}
# What kehoach answers (fake embedder, the corpus plan): every answer right, the unanswerable one abstained.
FLOOR = {"answer_correct": 1.0, "evidence_found": 1.0, "abstention_accuracy": 1.0}


def test_eval_run_fake_embedder(tmp_path: Path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOLD) + "\n", encoding="utf-8")
    report = tmp_path / "report"
    settings = Settings(home=tmp_path / "home", embedder="fake", corpus_dir=ROOT / "corpus")
    rc = main(gold, report, systems=("kehoach", "bm25"), floor=FLOOR, settings=settings, verbose=False,
              splits=SPLITS)
    assert rc == 0, capsys.readouterr().err  # kehoach meets a floor of every answer right
    out = capsys.readouterr().out
    assert "kehoach" in out and "bm25" in out
    for name in ("report.md", "report.json"):
        assert (report / name).is_file()
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    assert set(data["systems"]) == {"kehoach", "bm25"} and data["floor_failures"] == []
    for name in ("kehoach", "bm25"):
        results = data["systems"][name]["results"]
        assert [r["id"] for r in results] == [g["id"] for g in GOLD]
        assert all("answer_correct" in r and "latency_s" in r for r in results)
        assert data["systems"][name]["summary"]["n"] == 5
    kehoach = {r["id"]: r for r in data["systems"]["kehoach"]["results"]}
    assert all(r["answer_correct"] for r in kehoach.values()), kehoach
    assert "78,18%" in kehoach["q01"]["answer"] and "11.000" in kehoach["q02"]["answer"]
    assert kehoach["q05"]["abstained"] and not kehoach["q05"]["citations"]
    assert not any(kehoach[q]["abstained"] for q in ("q01", "q02", "q03", "q04"))
    bm25 = {r["id"]: r for r in data["systems"]["bm25"]["results"]}
    assert not any(r["abstained"] for r in bm25.values())  # baselines never abstain
    assert not bm25["q05"]["answer_correct"]
    assert data["systems"]["bm25"]["setup"]["units"] > 100
    parts = data["systems"]["kehoach"]["parts"]  # each part scored on its own
    assert {p: parts[p]["n"] for p in parts} == {"calibration": 2, "held-out": 3}
    assert [q["part"] for q in data["questions_detail"]] == ["calibration", "held-out", "held-out", "held-out",
                                                           "calibration"]
    md = (report / "report.md").read_text(encoding="utf-8")
    assert "## Headline" in md and "kehoach by tag" in md and "Failures of kehoach" in md
    assert "| held-out | 3 (0 unanswerable) |" in md


def test_eval_run_floor_failures(tmp_path: Path, capsys):
    """An impossible floor, a floor metric that does not exist, a part's own floor: the run fails (1);
    one part alone is scored with --part; a bad gold file is refused with its line numbers (2)."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOLD) + "\n", encoding="utf-8")
    settings = Settings(home=tmp_path / "home", embedder="fake", corpus_dir=ROOT / "corpus")
    kw = {"systems": ("kehoach",), "settings": settings, "verbose": False, "splits": SPLITS}
    assert main(gold, None, floor={"answer_correct": 1.01}, **kw) == 1
    assert "FLOOR: kehoach answer_correct = 1.000 below the floor 1.010" in capsys.readouterr().err
    assert main(gold, None, floor={"answer_corect": 0.5}, **kw) == 1  # misspelt: fails, never ignored
    assert "FLOOR: kehoach answer_corect is not a metric" in capsys.readouterr().err
    # the calibration part (q01 answerable, q05 unanswerable) has evidence; a part of q05 alone has none
    report = tmp_path / "cal"
    assert main(gold, report, floor=FLOOR, part="calibration", **kw) == 0
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["systems"]["kehoach"]["results"]] == ["q01", "q05"]
    assert data["part"] == "calibration" and data["systems"]["kehoach"]["parts"] == {}
    only_q05 = {"gold.jsonl": {"calibration": ["q05"], "held-out": []}}
    assert main(gold, None, floor=FLOOR, part="calibration", **{**kw, "splits": only_q05}) == 1
    assert "evidence_found not measured" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "?"}\n', encoding="utf-8")
    assert main(bad, None, settings=settings, verbose=False) == 2
    assert "line 1" in capsys.readouterr().err
    unknown = {"gold.jsonl": {"calibration": ["q99"], "held-out": []}}
    assert main(gold, None, floor=FLOOR, **{**kw, "splits": unknown}) == 2
    assert "q99" in capsys.readouterr().err
