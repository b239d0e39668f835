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


def test_eval_run_fake_embedder(tmp_path: Path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOLD) + "\n", encoding="utf-8")
    report = tmp_path / "report"
    settings = Settings(home=tmp_path / "home", embedder="fake", corpus_dir=ROOT / "corpus")
    rc = main(gold, report, systems=("kehoach", "bm25"), floor={"answer_correct": 0.0}, settings=settings,
              verbose=False)
    assert rc == 0
    out = capsys.readouterr().out
    assert "kehoach" in out and "bm25" in out
    for name in ("report.md", "report.json"):
        assert (report / name).is_file()
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    assert set(data["systems"]) == {"kehoach", "bm25"}
    for name in ("kehoach", "bm25"):
        results = data["systems"][name]["results"]
        assert [r["id"] for r in results] == [g["id"] for g in GOLD]
        assert all("answer_correct" in r and "latency_s" in r for r in results)
        assert data["systems"][name]["summary"]["n"] == 5
    bm25 = {r["id"]: r for r in data["systems"]["bm25"]["results"]}
    assert not any(r["abstained"] for r in bm25.values())  # baselines never abstain
    assert not bm25["q05"]["answer_correct"]
    assert data["systems"]["bm25"]["setup"]["units"] > 100
    md = (report / "report.md").read_text(encoding="utf-8")
    assert "## Headline" in md and "kehoach by tag" in md and "Failures of kehoach" in md
    # an impossible floor makes the run fail; a bad gold file is refused with its line numbers
    assert main(gold, None, systems=("kehoach",), floor={"answer_correct": 1.01}, settings=settings,
                verbose=False) == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "?"}\n', encoding="utf-8")
    assert main(bad, None, settings=settings, verbose=False) == 2
    assert "line 1" in capsys.readouterr().err
