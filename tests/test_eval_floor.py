"""CI gate: kehoach on the development gold set, with the real model, must stay above the floor that
was set from the measured result (eval/floor.json)."""

from __future__ import annotations

import json

import pytest

from assistant.settings import Settings
from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.needs("e5")]


def test_development_set_above_floor(tmp_path):
    from eval.run import main

    floor = json.loads((ROOT / "eval" / "floor.json").read_text(encoding="utf-8"))
    assert floor and all(v > 0 for v in floor.values()), "the floor must be set from a measured run"
    settings = Settings(home=tmp_path / "home", corpus_dir=ROOT / "corpus")
    rc = main(ROOT / "eval" / "gold" / "dong-thap-2024.jsonl", tmp_path / "report", systems=("kehoach",),
              floor=floor, settings=settings, verbose=False)
    report = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    assert rc == 0, report.get("floor") or report.keys()
