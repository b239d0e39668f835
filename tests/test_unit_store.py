"""The unit store (assistant/index/unitstore.py): units read from SQLite when needed, not held by every process.

Fast: FakeEmbedder, embedded Chroma under a tmp home, the small plans of test_index plus the corpus plan.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.index import Index  # noqa: E402
from assistant.index.segments import SegmentFiles  # noqa: E402
from assistant.index.unitstore import DOCS_KEPT, STORE_FILE, StoredTable, UnitStore  # noqa: E402
from ingest.pipeline import parse_path  # noqa: E402
from tests.test_index import CORPUS, OTHER, SMALL_V1, SMALL_V2, CountingEmbedder, parse_text, settings_for  # noqa: E402

ENGINES = ("bm25s", "tantivy")


@pytest.fixture(scope="module")
def plan():
    return parse_path(CORPUS).document


@pytest.fixture()
def small(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    return {"v1": parse_text(src, "ke-hoach-nho.md", SMALL_V1), "v2": parse_text(src, "ke-hoach-nho.md", SMALL_V2),
            "other": parse_text(src, "doc-sach.md", OTHER)}


def _reads(ix: Index) -> dict[str, object]:
    """Everything the readers ask of an index, by id, by document, by table."""
    doc = next(d["doc"] for d in ix.documents() if ix.tables(d["doc"]))
    annex, table = ix.tables(doc)[0]
    rows = ix.table_rows(doc, annex, table)
    some = ix.units(doc)[len(ix.units(doc)) // 2]
    return {
        "count": ix.count(), "docs": [d["doc"] for d in ix.documents()],
        "units": {d["doc"]: [u.id for u in ix.units(d["doc"])] for d in ix.documents()},
        "unit": ix.unit(some.id), "rows": [u.id for u in rows], "tables": ix.tables(doc),
        "neighbours": [u.id for u in ix.neighbours(rows[1], 2)] + [u.id for u in ix.neighbours(some, 1)],
        "metas": ix.metas([d["doc"] for d in ix.documents()]), "districts": ix.districts(),
        "search": [h.unit.id for h in ix.search("kinh phí hội thao giáo viên", 8)],
        "filtered": [h.unit.id for h in ix.search("chuyển đổi số", 5, filters={"doc": doc})],
        "lexical": [h.unit.id for h in ix.lexical_search("chuyen doi so", 5)],
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_units_served_from_the_store_after_reopen_without_reading_segments(tmp_path, plan, small, engine):
    """A fresh process answers every read from the store: the same units by id, document, table,
    neighbours and meta as the writer's, and opening and reading parse no segment file."""
    settings = settings_for(tmp_path, lexical_engine=engine)
    ix = Index(settings, CountingEmbedder())
    ix.add_documents([plan, small["v1"], small["other"]])
    before = _reads(ix)
    assert before["rows"] and before["metas"] and before["districts"] and before["search"]

    SegmentFiles.reads = 0
    fresh = Index(settings, CountingEmbedder())
    assert isinstance(fresh._refresh(force=True).table, StoredTable)
    assert _reads(fresh) == before
    assert SegmentFiles.reads == 0  # opening, every read above and searching parsed no segment file
    assert fresh.units() and [u.id for u in fresh.units()] == [i for d in before["docs"] for i in before["units"][d]]


def test_a_process_keeps_a_bounded_number_of_units(tmp_path, small):
    """Reading many documents keeps at most DOCS_KEPT of them in memory (least recently used out)."""
    settings = settings_for(tmp_path, lexical_engine="tantivy")
    ix = Index(settings, CountingEmbedder())
    src = tmp_path / "many"
    src.mkdir()
    docs = [parse_text(src, f"ke-hoach-{i}.md", SMALL_V1.replace("120 giáo viên", f"{100 + i} giáo viên"))
            for i in range(DOCS_KEPT + 4)]
    ix.add_documents(docs)
    fresh = Index(settings, CountingEmbedder())
    table = fresh._refresh(force=True).table
    assert isinstance(table, StoredTable)
    for d in docs:
        assert [u.id for u in fresh.units(d.doc)] == [u.id for u in d.units]
    assert len(table._docs) == DOCS_KEPT
    assert not hasattr(table, "units")


def test_a_writer_reads_only_the_changed_documents_units(tmp_path, plan, small, monkeypatch):
    """Publishing a new version of one document reads that document's units from the store, no other's."""
    settings = settings_for(tmp_path, lexical_engine="tantivy")
    Index(settings, CountingEmbedder()).add_documents([plan, small["v1"], small["other"]])
    ix = Index(settings, CountingEmbedder())
    _ = ix.vectors  # opening the vectors checks ids, not units
    read: list[str] = []
    real = UnitStore.units_of
    monkeypatch.setattr(UnitStore, "units_of", lambda self, seg: read.append(seg) or real(self, seg))
    ix.add_documents([small["v2"]])
    assert read and all(seg.startswith("ke-hoach-nho.") for seg in read)
    assert [u.id for u in Index(settings, CountingEmbedder()).units("ke-hoach-nho")] == [u.id for u in small["v2"].units]


@pytest.mark.parametrize("engine", ENGINES)
def test_an_index_written_before_the_store_is_migrated_on_first_open(tmp_path, plan, small, engine):
    """An index of today's earlier layout (segment files, no unit store) opens with every document, its
    segments stored on first open; publishing afterwards works."""
    settings = settings_for(tmp_path, lexical_engine="bm25s")
    ix = Index(settings, CountingEmbedder())
    ix.add_documents([plan, small["v1"], small["other"]])
    before = _reads(ix)
    ix.gens.units.close()
    for p in settings.index_dir.glob(STORE_FILE + "*"):
        p.unlink()
    old = Index(settings_for(tmp_path, lexical_engine=engine), CountingEmbedder())
    assert _reads(old) == before
    with sqlite3.connect(settings.index_dir / STORE_FILE) as c:
        assert c.execute("SELECT count(*) FROM segs").fetchone()[0] == 3
    old.add_documents([small["v2"]])
    assert {u.id for u in Index(settings, CountingEmbedder()).units("ke-hoach-nho")} == {u.id for u in small["v2"].units}


def test_collect_deletes_the_rows_no_kept_generation_uses(tmp_path, small):
    settings = settings_for(tmp_path, lexical_engine="tantivy")
    ix = Index(settings, CountingEmbedder())
    ix.add_documents([small["v1"]])
    v1 = ix.documents()[0]
    seg_v1 = ix._refresh(force=True).docs[v1["doc"]]["segment"]
    ix.add_documents([small["v2"]])  # generation 2 keeps generation 1 (readers may still use it)
    db = settings.index_dir / STORE_FILE

    def stored() -> set[str]:
        with sqlite3.connect(db) as c:
            return {s for (s,) in c.execute("SELECT seg FROM segs")} | {s for (s,) in c.execute("SELECT seg FROM units")}

    assert seg_v1 in stored()
    ix.add_documents([small["other"]])  # generation 3: generation 1 and its version of the plan go
    assert seg_v1 not in stored()
    live = {info["segment"] for info in ix._refresh(force=True).docs.values()}
    assert live <= stored()
    assert not (settings.index_dir / "segments" / seg_v1).exists()


CRASH_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from assistant.index import Index
    from ingest.pipeline import parse_path
    from tests.test_index import CountingEmbedder, settings_for
    ix = Index(settings_for(Path(sys.argv[1]), lexical_engine=sys.argv[2]), CountingEmbedder())
    ix.add_documents([parse_path(Path(sys.argv[3])).document])
""")


@pytest.mark.parametrize("engine", ENGINES)
def test_writer_killed_after_storing_units_leaves_the_old_generation_whole(tmp_path, small, engine):
    """Killed at the new step (the new version's rows committed, no generation naming them yet): readers
    see exactly the old generation; the next publish succeeds (its content-named rows are reused)."""
    settings = settings_for(tmp_path, lexical_engine=engine)
    ix = Index(settings, CountingEmbedder())
    ix.add_documents([small["v1"], small["other"]])
    before = (ix.generation, [u.id for u in ix.units()], [h.unit.id for h in ix.search("bóng chuyền", 5)])
    src = tmp_path / "v2"
    src.mkdir()
    (src / "ke-hoach-nho.md").write_text(SMALL_V2, encoding="utf-8")
    env = {**os.environ, "KEHOACH_CRASH_AT": "units-stored", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run([sys.executable, "-c", CRASH_SCRIPT, str(tmp_path), engine, str(src / "ke-hoach-nho.md")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stdout + proc.stderr
    fresh = Index(settings, CountingEmbedder())
    assert (fresh.generation, [u.id for u in fresh.units()],
            [h.unit.id for h in fresh.search("bóng chuyền", 5)]) == before
    fresh.add_documents([small["v2"]])
    assert [u.id for u in Index(settings, CountingEmbedder()).units("ke-hoach-nho")] == [u.id for u in small["v2"].units]
