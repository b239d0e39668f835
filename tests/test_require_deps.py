"""The dependency switch of tests/conftest.py, run in a child pytest on a throw-away test file: without
KEHOACH_REQUIRE_DEPS a missing dependency skips with its reason; with it (or KEHOACH_REQUIRE_LLM=1) the test
fails naming the dependency, and any other skip fails the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BODY = '''
import pytest
from tests.conftest import need

def test_missing_dependency():
    need("widget-9000", False, "install it with `apt-get install widget`")

@pytest.mark.needs("tesseract")
def test_ocr_marker():
    pass

def test_plain_skip():
    pytest.skip("some other reason")

def test_passes():
    pass
'''


SKIP_ONLY = '''
import pytest

def test_plain_skip():
    pytest.skip("some other reason")

def test_passes():
    pass
'''


def _run(tmp_path: Path, body: str = BODY, **env: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_throwaway.py").write_text(body, encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if k not in ("KEHOACH_REQUIRE_DEPS", "KEHOACH_REQUIRE_LLM")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "tests.conftest", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), str(tmp_path / "test_throwaway.py")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**clean, "PYTHONPATH": str(ROOT), "KEHOACH_OCR": "0", **env})


def test_switch_off_skips_with_the_reason(tmp_path: Path):
    r = _run(tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 passed, 3 skipped" in r.stdout, r.stdout
    assert "missing dependency 'widget-9000' (widget-9000): install it with `apt-get install widget`" in r.stdout
    assert "missing dependency 'tesseract' (Tesseract with its Vietnamese model (vie)): turned off by KEHOACH_OCR=0" \
        in r.stdout


@pytest.mark.parametrize("switch", ["KEHOACH_REQUIRE_DEPS", "KEHOACH_REQUIRE_LLM"])
def test_switch_on_fails_naming_the_dependency_and_counts_skips(tmp_path: Path, switch: str):
    r = _run(tmp_path, **{switch: "1"})
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout
    assert "missing dependency 'widget-9000'" in out and "a missing dependency fails instead of skipping" in out
    assert "ERROR" in out and "test_ocr_marker" in out and "turned off by KEHOACH_OCR=0" in out
    assert "SKIPPED (counted as a failure) test_throwaway.py::test_plain_skip: Skipped: some other reason" in out


def test_a_skip_alone_fails_the_run_under_the_switch(tmp_path: Path):
    assert _run(tmp_path, SKIP_ONLY).returncode == 0
    r = _run(tmp_path, SKIP_ONLY, KEHOACH_REQUIRE_DEPS="1")
    assert r.returncode == 1 and "1 passed, 1 skipped" in r.stdout, r.stdout
    assert "KEHOACH_REQUIRE_DEPS=1: skips are failures" in r.stdout
