"""Builds the objects the entry points share, one per distinct settings: the index, the `Library` (documents)
and the `Answerer` (questions)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assistant.settings import Settings, get_settings

if TYPE_CHECKING:
    from assistant.answerer import Answerer
    from assistant.index.index import Index
    from assistant.library import Library

_CACHE: dict[tuple[str, str], Any] = {}
_LOCK = threading.RLock()


def _cached(kind: str, settings: Settings, make: Callable[[], Any]) -> Any:
    """One object of a kind per distinct settings (Settings objects are not hashable)."""
    key = (kind, settings.model_dump_json())
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = make()
        return _CACHE[key]


def get_index(settings: Settings | None = None) -> Index:
    from assistant.embedder import get_embedder
    from assistant.index.index import Index

    s = _with_announced_server(settings or get_settings())
    return _cached("index", s, lambda: Index(s, get_embedder(s)))  # type: ignore[no-any-return]


def _with_announced_server(s: Settings) -> Settings:
    """The settings with the Chroma server a running `kehoach serve --workers N` announced for this index, when
    no server is named: a `kehoach ingest` beside the service then writes through it rather than opening the
    files the server holds (assistant/index/chroma_server.py)."""
    from assistant.index.chroma_server import announced

    if s.chroma_url:
        return s
    url = announced(s.index_dir)
    return s.model_copy(update={"chroma_url": url}) if url else s


def get_library(settings: Settings | None = None) -> Library:
    from assistant.library import Library

    s = settings or get_settings()
    return _cached("library", s, lambda: Library(s, get_index(s)))  # type: ignore[no-any-return]


def get_answerer(settings: Settings | None = None) -> Answerer:
    """Extractive answers, phrased by the LLM when the settings ask for it (KEHOACH_GENERATOR)."""
    from assistant.answerer import Answerer
    from assistant.answering.phrasing import phrasing_for

    s = settings or get_settings()
    return _cached("answerer", s, lambda: Answerer(  # type: ignore[no-any-return]
        get_index(s), abstain_below=s.abstain_below, phrasing=phrasing_for(s)))


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()
