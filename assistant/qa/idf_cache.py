"""The Idf of the live units, updated one plan at a time.

Rebuilding the Idf tokenises every unit of the index (about 2 s per 10,000 units on one core), and the
first question after each publish used to pay for it. Here the cache remembers which version of each plan
(its unit ids, content hashes) the Idf counts, and a new generation costs only the plans that changed: the
counts of a new version are added, those of a replaced or deleted one are counted again and subtracted.
Only references to the units are kept, not per-plan counts (those would cost hundreds of MB at 1,000 plans).
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Hashable

from assistant.qa.compose import DocFreq, Idf
from ingest.models import Unit


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


def next_idf(base: Idf | None, base_units: list[Unit], changed: set[str], removed: set[str],
             new_units: list[Unit]) -> Idf:
    """The Idf after a publish: `base` (None: counted from `base_units`, for a generation written before
    Idfs were stored) minus the old versions of the `changed` and `removed` documents, plus the new
    versions of the `changed` ones."""
    if base is None:
        base = Idf(u.embed_text for u in base_units)
    idf = base.copy()
    gone = changed | removed
    if gone:
        idf.remove(DocFreq.of(u.embed_text for u in base_units if u.doc in gone))
    if changed:
        idf.add(DocFreq.of(u.embed_text for u in new_units if u.doc in changed))
    return idf
