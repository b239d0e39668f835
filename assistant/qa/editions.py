"""A school year or an edition the question asks about that its document never names, while it names another one
("chương trình lần thứ 17, năm học 2024-2025" asked of the plan of the 18th, 2025-2026): the document is about
that other one, and its figures are not the ones asked. Pure functions on accent-free text.

Years alone are checked elsewhere (assistant/qa/compose.py `year_outside`): "2024-2025" is two years a plan of
2025-2026 may well mention ("Chỉ thị … năm 2024"), but not that school year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SCHOOL_YEAR = re.compile(r"\bnam hoc\s+(\d{4})\s*[-–/]\s*(\d{4})\b")
_YEAR_PAIR = re.compile(r"\b(\d{4})\s*[-–/]\s*(\d{4})\b")
_EDITION = re.compile(r"\blan thu\s+(\d{1,3})\b")


def asked_editions(question: str) -> tuple[set[tuple[str, str]], set[str]]:
    """The school years ("năm học 2024-2025") and the editions ("lần thứ 17") an accent-free question names."""
    return ({(a, b) for a, b in _SCHOOL_YEAR.findall(question)}, set(_EDITION.findall(question)))


def edition_outside(question: str, document: Iterable[str]) -> bool:
    """The question names a school year or an edition that the document (its accent-free texts) never names, and
    the document names another one of the same kind."""
    years, editions = asked_editions(question)
    if not years and not editions:
        return False
    seen_years: set[tuple[str, str]] = set()
    school_years = False
    seen_editions: set[str] = set()
    for text in document:
        seen_years.update(_YEAR_PAIR.findall(text))
        school_years = school_years or bool(_SCHOOL_YEAR.search(text))
        seen_editions.update(_EDITION.findall(text))
    if years and school_years and not years & seen_years:
        return True
    return bool(editions) and bool(seen_editions) and not editions & seen_editions
