"""Ingest and search through a real Chroma server (`chroma run`), as several workers would share it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.procs import chroma_process
from tests.conftest import need

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md"


@pytest.fixture()
def chroma_server(tmp_path):
    need("chroma")  # skipped without it; a failure under KEHOACH_REQUIRE_DEPS=1 (make test)
    try:
        with chroma_process(tmp_path / "chroma-data", tmp_path / "chroma.log") as (url, _):
            yield url
    except RuntimeError as e:
        pytest.fail(str(e))


def test_ingest_and_search_through_server(chroma_server, tmp_path, monkeypatch):
    from assistant.embedder import FakeEmbedder
    from assistant.index import Index
    from assistant.index import index as index_module
    from assistant.settings import Settings
    from ingest.pipeline import parse_path

    monkeypatch.setenv("KEHOACH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KEHOACH_CHROMA_URL", chroma_server)
    monkeypatch.setattr(index_module, "RELOAD_EVERY_S", 0.0)
    settings = Settings()
    assert settings.chroma_url == chroma_server

    writer = Index(settings, FakeEmbedder())
    reader = Index(Settings(), FakeEmbedder())  # a second worker on the same server and home
    assert not (settings.index_dir / "chroma").exists()  # the embedded store is not used

    plan = parse_path(CORPUS).document
    writer.add_documents([plan])
    assert writer.vectors.count() == len(plan.units)

    hits = reader.search("THPT Lai Vung 1", top_k=5)
    assert hits[0].unit.label.startswith("Phụ lục IV, dòng 33")
    rows = reader.dense_search("trường", top_k=20, filters={"district": "H Lai Vung"})
    assert sorted(h.unit.metadata["stt"] for h in rows) == ["31", "32", "33"]

    assert writer.delete_document(plan.doc)
    assert reader.search("THPT Lai Vung 1") == [] and writer.vectors.count() == 0
