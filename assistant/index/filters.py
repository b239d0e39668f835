"""Search filters (the contract's Filters = {doc?, role?, level?, district?}) in one normal form.

`normalise_filters` validates and resolves a user's filter values once; the result is applied twice:
as a Chroma `where` for the dense leg and on the stored unit metadata for the lexical leg.
- doc: metadata `doc` equals the value;
- level: "THCS", "tiểu học", "thpt", "mầm non", "GDTX", "trung học cơ sở", ... -> flag `level_<key>` True;
- role: "giáo viên", "cán bộ quản lý", "học sinh", "cơ sở giáo dục", "nhân viên" -> flag `role_<key>` True;
- district: accent/case-insensitive equality on the district name. "TP Cao Lãnh" (the city) and
  "H Cao Lãnh" (the district) stay different places; "huyện Lai Vung" is read as "H Lai Vung".
Unknown keys or values that name no level/role raise ValueError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ingest import vocab
from ingest.tags import levels_of, roles_of
from ingest.text import fold

FILTER_KEYS = ("doc", "role", "level", "district")


def district_key(name: str) -> str:
    """'H Lai Vung' / 'huyện Lai Vung' / 'h lai vung' -> 'h lai vung'; 'TP Cao Lãnh' -> 'tp cao lanh'."""
    key = re.sub(r"\s+", " ", fold(name or "")).strip()
    for pat, short in vocab.DISTRICT_PREFIXES:
        if pat.match(key):
            return pat.sub(short, key, count=1)
    return key


def _resolve(value: str, names: Mapping[str, str], guess, kind: str) -> str:
    f = re.sub(r"\s+", " ", fold(value)).strip()
    for key, name in names.items():
        if f in (key, key.replace("_", " "), fold(name)):
            return key
    found = guess(value)
    if len(found) == 1:
        return next(iter(found))
    accepted = ", ".join(names.values())
    raise ValueError(f"Không rõ {kind} '{value}' / unknown {kind} '{value}' (accepted: {accepted})")


def level_key(value: str) -> str:
    return _resolve(value, vocab.LEVEL_NAMES, levels_of, "level")


def role_key(value: str) -> str:
    return _resolve(value, vocab.ROLE_NAMES, roles_of, "role")


@dataclass(frozen=True)
class Filters:
    """Resolved filters: plain metadata conditions, all of which must hold."""

    doc: str | None = None
    level_flag: str | None = None  # "level_thcs"
    role_flag: str | None = None  # "role_giao_vien"
    district: str | None = None  # district_key form
    # Documents the caller may not see (`staff` ones, for a public caller): applied inside retrieval, in
    # Chroma's `where` and in the lexical leg's mask, never by filtering an answer afterwards.
    hidden: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return any((self.doc, self.level_flag, self.role_flag, self.district, self.hidden))

    def hiding(self, docs: frozenset[str]) -> Filters:
        """These filters, also hiding `docs`."""
        return self if docs <= self.hidden else replace(self, hidden=self.hidden | docs)

    def where(self) -> dict[str, Any] | None:
        """The Chroma `where` clause (None when there is no condition)."""
        conds: list[dict[str, Any]] = []
        if self.doc is not None:
            conds.append({"doc": self.doc})
        if self.level_flag:
            conds.append({self.level_flag: True})
        if self.role_flag:
            conds.append({self.role_flag: True})
        if self.district is not None:
            conds.append({"district_key": self.district})
        if self.hidden:
            conds.append({"doc": {"$nin": sorted(self.hidden)}})
        if not conds:
            return None
        return conds[0] if len(conds) == 1 else {"$and": conds}

    def matches(self, metadata: Mapping[str, Any]) -> bool:
        """The same conditions on a unit's stored metadata (the lexical leg)."""
        if self.doc is not None and metadata.get("doc") != self.doc:
            return False
        if self.hidden and metadata.get("doc") in self.hidden:
            return False
        if self.level_flag and metadata.get(self.level_flag) is not True:
            return False
        if self.role_flag and metadata.get(self.role_flag) is not True:
            return False
        if self.district is not None:
            d = metadata.get("district")
            if not isinstance(d, str) or district_key(d) != self.district:
                return False
        return True


def normalise_filters(filters: Mapping[str, Any] | Filters | None) -> Filters:
    """Validate a Filters mapping; empty/None values are ignored; unknown keys raise ValueError."""
    if isinstance(filters, Filters):
        return filters
    if not filters:
        return Filters()
    unknown = sorted(set(filters) - set(FILTER_KEYS))
    if unknown:
        raise ValueError(f"Bộ lọc không hợp lệ / unknown filter keys: {', '.join(unknown)} "
                         f"(allowed: {', '.join(FILTER_KEYS)})")
    vals = {k: str(v).strip() for k, v in filters.items() if v is not None and str(v).strip()}
    return Filters(
        doc=vals.get("doc"),
        level_flag=f"level_{level_key(vals['level'])}" if "level" in vals else None,
        role_flag=f"role_{role_key(vals['role'])}" if "role" in vals else None,
        district=district_key(vals["district"]) if "district" in vals else None,
    )
