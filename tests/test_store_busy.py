"""A write to Chroma's SQLite catalogue refused with "database is locked" is tried again
(assistant/index/store.py: seen once in a CI run, on the modify that widens an older collection)."""

from __future__ import annotations

import pytest

from assistant.index import store


class _Locked(Exception):
    pass


def _flaky(refusals: int, message: str = "Database error: (code: 5) database is locked"):
    calls = {"n": 0}

    def write() -> str:
        calls["n"] += 1
        if calls["n"] <= refusals:
            raise _Locked(message)
        return "written"

    return write, calls


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "_BUSY_WAITS", (0.0, 0.0, 0.0))
    monkeypatch.setattr(store.time, "sleep", lambda _s: None)


def test_a_busy_catalogue_is_written_once_it_frees() -> None:
    write, calls = _flaky(2)
    assert store.on_busy(write) == "written"
    assert calls["n"] == 3


def test_a_catalogue_busy_every_time_raises_after_the_last_try() -> None:
    write, calls = _flaky(10)
    with pytest.raises(_Locked, match="database is locked"):
        store.on_busy(write)
    assert calls["n"] == 4  # three waits, then a last try


def test_other_errors_are_not_tried_again() -> None:
    write, calls = _flaky(1, "attempt to write a readonly database")
    with pytest.raises(_Locked, match="readonly"):
        store.on_busy(write)
    assert calls["n"] == 1
