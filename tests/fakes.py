"""A typed fake of the index protocol (assistant/index/view.py `IndexReader`): the units in memory, a
lexical-only search, Idf counted from the units. For testing answer strategies without Chroma or a model."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.index.filters import Filters, normalise_filters
from assistant.index.generations import Generation
from assistant.index.idf import Idf
from assistant.index.lexical import Bm25sLeg, LexicalIndex, lexical_tokens
from assistant.index.retrieval import Hit, lexical_search
from assistant.index.store import UnitTable
from assistant.index.view import IndexReader
from ingest.models import ParsedDocument, Unit


class FakeIndex:
    def __init__(self, units: list[Unit], documents: list[ParsedDocument] | None = None) -> None:
        table = UnitTable(units)
        lex = LexicalIndex.build(table.ids, [lexical_tokens(u.embed_text) for u in table.units])
        self.gen = Generation(1, table, {}, Bm25sLeg(lex, table.mask), {})
        self._idf = Idf(u.embed_text for u in units)
        self.documents = documents or []
        self.searches: list[tuple[str, Filters]] = []  # what was asked, for tests

    @property
    def generation(self) -> int:
        return 1

    def search(self, query: str, top_k: int = 8, filters: Mapping[str, Any] | Filters | None = None) -> list[Hit]:
        f = normalise_filters(filters)
        self.searches.append((query, f))
        return lexical_search(self.gen, query, top_k, f)

    def unit(self, unit_id: str) -> Unit | None:
        return self.gen.table.get(unit_id)

    def units(self, doc: str | None = None) -> list[Unit]:
        return self.gen.table.of_doc(doc)

    def table_rows(self, doc: str, annex: str, table: int) -> list[Unit]:
        rows = [u for u in self.units(doc) if u.kind in ("row", "total")
                and str(u.metadata.get("annex", "")) == annex and int(u.metadata.get("table", 0) or 0) == table]
        return sorted(rows, key=lambda u: int(u.metadata.get("position", 0) or 0) + (10_000 if u.kind == "total" else 0))

    def tables(self, doc: str) -> list[tuple[str, int]]:
        return list(dict.fromkeys((str(u.metadata.get("annex", "")), int(u.metadata.get("table", 0) or 0))
                                  for u in self.units(doc) if u.kind in ("row", "total")))

    def metas(self, docs: list[str]) -> dict[str, Unit]:
        metas = {u.doc: u for u in self.gen.table.units if u.kind == "meta"}
        return {d: metas[d] for d in docs if d in metas}

    def parsed_documents(self, doc: str | None = None) -> tuple[list[ParsedDocument], list[str]]:
        return [d for d in self.documents if doc is None or d.doc == doc], []

    def idf(self) -> Idf:
        return self._idf


def index_of_text(folder: Path, name: str, text: str) -> FakeIndex:
    """A fake index of one small document: `text` written to `folder`/`name` and parsed as a user's upload is."""
    return index_of_texts(folder, (name, text))


def index_of_texts(folder: Path, *files: tuple[str, str]) -> FakeIndex:
    """A fake index of small documents, each (name, text) written to `folder` and parsed as a user's upload is."""
    from ingest.pipeline import parse_path

    docs = []
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")
        docs.append(parse_path(folder / name).document)
    return FakeIndex([u for d in docs for u in d.units], docs)


def _is_reader(x: IndexReader) -> IndexReader:  # mypy checks FakeIndex against the protocol here
    return x


_is_reader(FakeIndex([]))
