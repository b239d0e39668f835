"""The vector store searches its approximate index (hnswlib, inside Chroma) with SEARCH_EF candidates, new
collections and those made before alike (assistant/index/store.py: a vector deleted and re-added by alternating
publishes was now and then missed at Chroma's default of 100)."""

from __future__ import annotations

from pathlib import Path

from assistant.index.store import SEARCH_EF, VectorStore, chroma_client
from tests.test_index import CountingEmbedder, settings_for


def _ef(store: VectorStore) -> int:
    return int(store.collection.configuration["hnsw"]["ef_search"])


def test_a_new_collection_is_searched_with_the_wider_candidate_list(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    settings.index_dir.mkdir(parents=True)
    assert SEARCH_EF > 100
    assert _ef(VectorStore(settings, CountingEmbedder())) == SEARCH_EF


def test_a_collection_made_before_is_widened_when_opened(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    settings.index_dir.mkdir(parents=True)
    client = chroma_client(settings)
    old = client.get_or_create_collection(settings.collection, embedding_function=None,
                                          metadata={"hnsw:space": "cosine"})
    assert old.configuration["hnsw"]["ef_search"] == 100  # Chroma's default, as an index written before had
    assert _ef(VectorStore(settings, CountingEmbedder(), client=client)) == SEARCH_EF
