"""How rare each word is among the indexed units (inverse document frequency), kept per generation.

`Idf` weighs a question's words (assistant/qa/compose.py: coverage, unknown words). Rebuilding it tokenises
every unit of the index (about 2 s per 10,000 units on one core), so:
- the publisher keeps it up to date (the previous generation's counts, minus the replaced or deleted plans,
  plus the new ones: `next_idf`) and stores it with each generation (`idf_to_bytes`, read back by
  assistant/index/generations.py);
- `IdfCache` is the fallback for a generation written before Idfs were stored: it remembers which version of
  each plan it counts and, for a new generation, counts only the plans that changed. Only references to
  the units are kept, not per-plan counts (those would cost hundreds of MB at 1,000 plans).
"""

from __future__ import annotations

import gzip
import json
import math
import threading
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from ingest.models import Unit
from ingest.text import tokens


@dataclass
class DocFreq:
    """Document-frequency counts of some units (one plan's, usually): the part of an Idf they make up."""

    n: int = 0
    df: Counter[str] = field(default_factory=Counter)
    df_folded: Counter[str] = field(default_factory=Counter)
    df_accented: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, texts: Iterable[str]) -> DocFreq:
        part = cls()
        for text in texts:
            folded, accented = set(tokens(text)), set(tokens(text, accents=True))
            part.df_folded.update(folded)
            part.df_accented.update(accented)
            part.df.update(folded | accented)
            part.n += 1
        return part


class Idf:
    """Inverse document frequency of accent-free syllables over the indexed units.

    Built from texts, or kept up to date by adding and removing the DocFreq of one plan at a time, so that
    publishing one plan into a large index does not re-tokenise every unit before the next answer."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.n = 0
        self.df: Counter[str] = Counter()
        self.df_folded: Counter[str] = Counter()
        self.df_accented: Counter[str] = Counter()
        self.add(DocFreq.of(texts))

    def add(self, part: DocFreq) -> None:
        self.n += part.n
        self.df.update(part.df)
        self.df_folded.update(part.df_folded)
        self.df_accented.update(part.df_accented)

    def remove(self, part: DocFreq) -> None:
        self.n -= part.n
        for mine, theirs in ((self.df, part.df), (self.df_folded, part.df_folded),
                             (self.df_accented, part.df_accented)):
            mine.subtract(theirs)
            for tok in theirs:  # a word no plan has any more is unknown again, not "seen 0 times"
                if mine[tok] <= 0:
                    del mine[tok]

    def copy(self) -> Idf:
        other = Idf()
        other.n = self.n
        other.df, other.df_folded, other.df_accented = self.df.copy(), self.df_folded.copy(), self.df_accented.copy()
        return other

    def without(self, units: Iterable[Unit]) -> Idf:
        """A copy that does not count these units (the documents a caller may not see)."""
        other = self.copy()
        other.remove(DocFreq.of(u.embed_text for u in units))
        return other

    def __call__(self, tok: str) -> float:
        return math.log(1 + (max(self.n, 1) + 1) / (self.df.get(tok, 0) + 0.5))


class IdfCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: Hashable | None = None
        self._idf = Idf()
        self._docs: dict[tuple[str, int], list[Unit]] = {}

    def get(self, key: Hashable, units: list[Unit]) -> Idf:
        """The Idf of `units`; `key` names their version (the live generation): same key, same Idf."""
        if key == self._key:
            return self._idf
        with self._lock:
            if key == self._key:  # another thread updated it while this one waited
                return self._idf
            by_doc: dict[str, list[Unit]] = {}
            for u in units:
                by_doc.setdefault(u.doc, []).append(u)
            now = {(doc, hash(tuple(u.id for u in us))): us for doc, us in by_doc.items()}
            added = [k for k in now if k not in self._docs]
            removed = [k for k in self._docs if k not in now]
            idf = self._idf.copy()  # readers of the previous Idf never see it half-updated
            for k in removed:
                idf.remove(DocFreq.of(u.embed_text for u in self._docs.pop(k)))
            for k in added:
                self._docs[k] = now[k]
                idf.add(DocFreq.of(u.embed_text for u in now[k]))
            self._idf, self._key = idf, key
            return idf


# -- the Idf stored with each generation ---------------------------------------------------------------
# Building the Idf from scratch tokenises every unit (measured: 151 s for 201k units on one core), which
# the first question after every start paid. The publisher keeps it up to date instead (the previous
# generation's counts, minus the replaced or deleted plans, plus the new ones) and stores it with the
# generation; readers load it (assistant/index/generations.py, Index.stored_idf).

def idf_to_bytes(idf: Idf) -> bytes:
    data = {"n": idf.n, "df": idf.df, "df_folded": idf.df_folded, "df_accented": idf.df_accented}
    return gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def idf_from_bytes(raw: bytes) -> Idf:
    data = json.loads(gzip.decompress(raw))
    idf = Idf()
    idf.n = int(data["n"])
    idf.df.update(data["df"])
    idf.df_folded.update(data["df_folded"])
    idf.df_accented.update(data["df_accented"])
    return idf


def next_idf(base: Idf, removed: Iterable[Unit], added: Iterable[Unit]) -> Idf:
    """The Idf after a publish: `base` minus the units of the old versions of the changed and removed
    documents, plus those of the new versions (only the changed documents' units are read)."""
    idf = base.copy()
    idf.remove(DocFreq.of(u.embed_text for u in removed))
    idf.add(DocFreq.of(u.embed_text for u in added))
    return idf
