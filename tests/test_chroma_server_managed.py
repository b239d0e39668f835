"""The Chroma server `kehoach serve --workers N` starts for its workers: announced while it runs, forgotten after."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.index.chroma_server import URL_FILE, announced, free_port, managed
from assistant.settings import Settings
from assistant.wiring import _with_announced_server


def test_nothing_announced_is_no_server(tmp_path: Path) -> None:
    assert announced(tmp_path) == ""
    (tmp_path / URL_FILE).write_text(f"http://127.0.0.1:{free_port()}\n")  # a service killed: nobody answers
    assert announced(tmp_path) == ""
    s = Settings(home=tmp_path, chroma_url="", embedder="fake")
    assert _with_announced_server(s).chroma_url == ""


@pytest.mark.slow
def test_a_managed_server_is_announced_and_used_then_forgotten(tmp_path: Path) -> None:
    s = Settings(home=tmp_path / "home", chroma_url="", embedder="fake")
    with managed(s.index_dir, tmp_path / "chroma.log") as url:
        assert announced(s.index_dir) == url
        assert _with_announced_server(s).chroma_url == url
        named = Settings(home=tmp_path / "home", chroma_url="http://elsewhere:8001", embedder="fake")
        assert _with_announced_server(named).chroma_url == "http://elsewhere:8001"  # a server named wins
        assert (s.index_dir / "chroma").is_dir()  # the embedded store's own folder is the one served
    assert not (s.index_dir / URL_FILE).exists()
    assert announced(s.index_dir) == ""
