from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILE = ROOT / "corpus" / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md"


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
