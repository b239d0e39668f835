"""Who and which school level a piece of text concerns: roles (giáo viên, cán bộ quản lý, học sinh,
cơ sở giáo dục) and levels (mầm non, tiểu học, THCS, THPT, GDTX). Used as flat boolean metadata for
filters and for "what applies to me" digests. Matching is on the accent-free form."""

from __future__ import annotations

from ingest import vocab
from ingest.text import fold


def roles_of(text: str) -> set[str]:
    f = fold(text)
    return {k for k, pat in vocab.ROLES.items() if pat.search(f)}


def levels_of(text: str) -> set[str]:
    """'trung học' alone means THCS and THPT; 'phổ thông' means tiểu học to THPT."""
    f = fold(text)
    found = {k for k, pat in vocab.LEVELS.items() if k != "tieu_hoc" and pat.search(f)}
    if vocab.TIEU_HOC_TEXT.search(f):
        found.add("tieu_hoc")
    if vocab.GENERIC_SECONDARY.search(f):
        found |= {"thcs", "thpt"}
    if vocab.GENERAL_SCHOOL.search(f) or vocab.LEVEL_RANGE.search(f):
        found |= {"tieu_hoc", "thcs", "thpt"}
    return found


def level_from_cell(cell: str) -> set[str]:
    """A 'Cấp học' cell: 'Trung học cơ sở' -> {'thcs'}; school names like 'TH&THCS An Lộc' are not used."""
    f = fold(cell)
    found = {k for k, pat in vocab.LEVELS.items() if pat.search(f)}
    return found or levels_of(cell)


def tag_metadata(roles: set[str], levels: set[str]) -> dict[str, bool]:
    md: dict[str, bool] = {f"role_{r}": True for r in roles}
    md.update({f"level_{lv}": True for lv in levels})
    return md
