""""What applies to me": every target and task of the plan that concerns a reader's role and school
level, grouped by the part of the plan it comes from, each cited. Complete, not the top few hits."""

from __future__ import annotations

from assistant.qa.compose import Cites
from assistant.qa.templates import t
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold


def _applies(u: Unit, roles: set[str], levels: set[str]) -> bool:
    md = u.metadata
    unit_levels = {k[6:] for k, v in md.items() if k.startswith("level_") and v is True}
    unit_roles = {k[5:] for k, v in md.items() if k.startswith("role_") and v is True}
    if levels and unit_levels and not (unit_levels & levels):
        return False  # names other levels only
    return bool((levels and unit_levels & levels) or (roles and unit_roles & roles))


def _is_plan_content(u: Unit) -> bool:
    if u.kind not in ("section", "row"):
        return False
    path = fold(str(u.metadata.get("path", "")) + " " + u.label)
    if vocab.PAST_PARTS.search(path):
        return False
    if u.kind == "row":
        headers = " ".join(fold(c) for c in u.cells)
        return any(any(c in fold(col) for c in vocab.TASK_COLUMNS) for col in u.cells) and not any(
            w in headers for w in vocab.COLUMN_KEYS["result"])
    return bool(vocab.TASK_CUE.search(fold(u.text)))


def _group(u: Unit) -> str:
    if u.kind == "row":
        return f"Phụ lục {u.metadata.get('annex', '')}: {u.metadata.get('table_title', '')}".strip(": ")
    path = str(u.metadata.get("path", "")).split(" › ")
    return path[1] if len(path) > 1 else (path[0] or u.label)


def _excerpt(u: Unit, limit: int = 400) -> str:
    if u.kind == "row":
        task = next((v for k, v in u.cells.items() if any(c in fold(k) for c in vocab.TASK_COLUMNS)), u.text)
        lead = next((v for k, v in u.cells.items()
                     if any(w in fold(k) for w in vocab.COLUMN_KEYS["lead"]) and v), "")
        text = task + (f" (chủ trì: {lead})" if lead else "")
    else:
        text = u.text.split("\n¹")[0].strip(" -")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def reader_phrase(roles: set[str], levels: set[str]) -> str:
    who = " / ".join(vocab.ROLE_NAMES[r] for r in sorted(roles)) or "cơ sở giáo dục"
    lv = ", ".join(vocab.LEVEL_NAMES[lv] for lv in ("mam_non", "tieu_hoc", "thcs", "thpt", "gdtx") if lv in levels)
    return f"{who} {lv}".strip() if lv else who


def digest(units: list[Unit], roles: set[str], levels: set[str], cites: Cites) -> tuple[str, int]:
    """(answer, number of items). Items keep the document's order, grouped by part."""
    chosen = [u for u in units if _is_plan_content(u) and _applies(u, roles, levels)]
    if not chosen:
        return "", 0
    groups: dict[str, list[Unit]] = {}
    for u in chosen:
        groups.setdefault(_group(u), []).append(u)
    lines = [t("digest_header", reader=reader_phrase(roles, levels), count=len(chosen))]
    for title, items in groups.items():
        lines.append(f"\n{title}:")
        for u in items:
            lines.append(f"- {_excerpt(u)} {cites.ref(u)}")
    return "\n".join(lines), len(chosen)
