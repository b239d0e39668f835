"""Who and which school level a piece of text concerns: roles (giáo viên, cán bộ quản lý, học sinh,
cơ sở giáo dục) and levels (mầm non, tiểu học, THCS, THPT, GDTX). Used as flat boolean metadata for
filters and for "what applies to me" digests. Matching is on the accent-free form."""

from __future__ import annotations

import re

from ingest.text import fold

ROLES: dict[str, str] = {
    "giao_vien": r"\b(giao vien|nha giao|doi ngu day|gv)\b",
    "can_bo_quan_ly": r"\b(can bo quan ly|cbql|nguoi dung dau|hieu truong|lanh dao)\b",
    "hoc_sinh": r"\b(hoc sinh|nguoi hoc|hoc vien|sinh vien)\b",
    "co_so_giao_duc": r"\b(co so giao duc|truong hoc|nha truong|cac truong|truong pho thong|don vi truc thuoc)\b",
    "nhan_vien": r"\b(nhan vien|phong gddt|so gddt|van phong so|phong khtc|phong gdtrh)\b",
}
LEVELS: dict[str, str] = {
    "mam_non": r"\b(mam non|mau giao|nha tre|gdmn)\b",
    "tieu_hoc": r"\b(tieu hoc|th)\b",
    "thcs": r"\b(trung hoc co so|thcs)\b",
    "thpt": r"\b(trung hoc pho thong|thpt)\b",
    "gdtx": r"\b(giao duc thuong xuyen|gdtx|hoc vien)\b",
}
ROLE_NAMES = {"giao_vien": "giáo viên", "can_bo_quan_ly": "cán bộ quản lý", "hoc_sinh": "học sinh",
              "co_so_giao_duc": "cơ sở giáo dục", "nhan_vien": "nhân viên phòng/sở"}
LEVEL_NAMES = {"mam_non": "mầm non", "tieu_hoc": "tiểu học", "thcs": "THCS", "thpt": "THPT", "gdtx": "GDTX"}

_GENERIC_SECONDARY = re.compile(r"\btrung hoc\b(?! (co so|pho thong))")
_GENERAL_SCHOOL = re.compile(r"\b(giao duc pho thong|co so giao duc pho thong|truong pho thong|hoc sinh pho thong)\b")
_RANGE = re.compile(r"\btu (cap )?tieu hoc den (cap )?trung hoc( pho thong)?\b")


def roles_of(text: str) -> set[str]:
    f = fold(text)
    return {k for k, pat in ROLES.items() if re.search(pat, f)}


def levels_of(text: str) -> set[str]:
    """'trung học' alone means THCS and THPT; 'phổ thông' means tiểu học to THPT."""
    f = fold(text)
    found = {k for k, pat in LEVELS.items() if k != "tieu_hoc" and re.search(pat, f)}
    if re.search(r"\btieu hoc\b", f):
        found.add("tieu_hoc")
    if _GENERIC_SECONDARY.search(f):
        found |= {"thcs", "thpt"}
    if _GENERAL_SCHOOL.search(f) or _RANGE.search(f):
        found |= {"tieu_hoc", "thcs", "thpt"}
    return found


def level_from_cell(cell: str) -> set[str]:
    """A 'Cấp học' cell: 'Trung học cơ sở' -> {'thcs'}; school names like 'TH&THCS An Lộc' are not used."""
    f = fold(cell)
    found = {k for k, pat in LEVELS.items() if re.search(pat, f)}
    return found or levels_of(cell)


def tag_metadata(roles: set[str], levels: set[str]) -> dict[str, bool]:
    md: dict[str, bool] = {f"role_{r}": True for r in roles}
    md.update({f"level_{lv}": True for lv in levels})
    return md
