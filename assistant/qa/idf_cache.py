"""The Idf of the live units, updated one plan at a time.

Rebuilding the Idf tokenises every unit of the index (about 2 s per 10,000 units on one core), and the
first question after each publish used to pay for it. Here the cache remembers which version of each plan
(its unit ids, content hashes) the Idf counts, and a new generation costs only the plans that changed: the
counts of a new version are added, those of a replaced or deleted one are counted again and subtracted.
Only references to the units are kept, not per-plan counts (those would cost hundreds of MB at 1,000 plans).
"""

from __future__ import annotations

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
