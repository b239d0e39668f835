"""The index as one caller may read it: the typed protocol the answerer depends on, and its one real
implementation, a view of the `Index` bound to the caller's access.

The answer strategies (assistant/answering/) read the index only through `IndexReader`: search; access by id
(a unit, a table's rows, a document's meta unit and structure); the generation; the Idf. So the storage
behind it can change without touching them, and tests give them a small typed fake instead.

A view made for a public caller hides the `staff` documents inside every read: in retrieval (a search filter,
applied in Chroma's `where` and in the lexical leg's mask), and in every access by id, list and count; the
Idf it gives does not count their words either, so an unknown-word check cannot reveal them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from assistant.access import Access
from assistant.index.filters import Filters
from assistant.index.idf import Idf
from assistant.index.retrieval import Hit
from ingest.models import ParsedDocument, Unit

if TYPE_CHECKING:
    from assistant.index.index import Index


class IndexReader(Protocol):
    """What answering reads of an index, for one caller."""

    @property
    def generation(self) -> int: ...

    def search(self, query: str, top_k: int = 8,
               filters: Mapping[str, Any] | Filters | None = None) -> list[Hit]: ...

    def unit(self, unit_id: str) -> Unit | None: ...

    def units(self, doc: str | None = None) -> list[Unit]: ...

    def table_rows(self, doc: str, annex: str, table: int) -> list[Unit]: ...

    def tables(self, doc: str) -> list[tuple[str, int]]: ...

    def metas(self, docs: list[str]) -> dict[str, Unit]: ...

    def parsed_documents(self, doc: str | None = None) -> tuple[list[ParsedDocument], list[str]]: ...

    def idf(self) -> Idf: ...


class IndexView:
    """`Index` reads with the caller's access applied (an `IndexReader`, plus what the library lists)."""

    def __init__(self, index: Index, access: Access) -> None:
        self.index = index
        self.access = access
        self.staff = access.staff

    @property
    def generation(self) -> int:
        return self.index.generation

    def search(self, query: str, top_k: int = 8, filters: Mapping[str, Any] | Filters | None = None) -> list[Hit]:
        return self.index.search(query, top_k=top_k, filters=filters, staff=self.staff)

    def unit(self, unit_id: str) -> Unit | None:
        return self.index.unit(unit_id, staff=self.staff)

    def units(self, doc: str | None = None) -> list[Unit]:
        return self.index.units(doc, staff=self.staff)

    def table_rows(self, doc: str, annex: str, table: int) -> list[Unit]:
        return self.index.table_rows(doc, annex, table, staff=self.staff)

    def tables(self, doc: str) -> list[tuple[str, int]]:
        return self.index.tables(doc, staff=self.staff)

    def metas(self, docs: list[str]) -> dict[str, Unit]:
        return self.index.metas(docs, staff=self.staff)

    def parsed_documents(self, doc: str | None = None) -> tuple[list[ParsedDocument], list[str]]:
        return self.index.parsed_documents(doc, staff=self.staff)

    def idf(self) -> Idf:
        return self.index.idf(staff=self.staff)

    # -- what the library and the UI list ------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        return self.index.documents(staff=self.staff)

    def count(self) -> tuple[int, int]:
        return self.index.count(staff=self.staff)

    def neighbours(self, unit: Unit, k: int = 1) -> list[Unit]:
        return self.index.neighbours(unit, k, staff=self.staff)
