"""Annex tables as rows keyed by column header.

A table may arrive in several parts (page breaks). Repeated header rows are dropped; a fragment with an
empty STT right after a break continues the row before it and is merged back; group rows ("I", "1" with
a title and no other cells) become the context of the rows below; "TỔNG CỘNG" is a total, not an item.

Hand-written: no table library knows the conventions of Vietnamese administrative annexes (STT columns,
roman group rows, continuation fragments), and the input here is already cell text, not a page image.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.models import Row, Table
from ingest.text import fold, is_roman, parse_cell_value

_STT_HEADERS = {"stt", "tt", "so tt", "so thu tu", "s tt"}
_TOTAL = re.compile(r"^(tong cong|tong so|tong|cong|tong kinh phi)( chung| cong)?[\s:.]*$")
_STT_VALUE = re.compile(r"^([IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]?$")


@dataclass
class TablePart:
    """One contiguous piece of a table as a reader saw it (one page's worth, say)."""

    rows: list[list[str]]
    row_bold: list[bool] = field(default_factory=list)
    page: int | None = None
    ocr_conf: float | None = None  # read by OCR from a page image, with this mean confidence


def _norm(cells: list[str]) -> list[str]:
    return [fold(c).strip(" .:") for c in cells]


def is_header_row(cells: list[str], bold: bool) -> bool:
    first = fold(cells[0]).strip(" .:") if cells else ""
    if first in _STT_HEADERS:
        return True
    filled = [c for c in cells if c.strip()]
    return bold and len(filled) == len(cells) and not any(parse_cell_value(c) is not None for c in filled)


def same_header(a: list[str], b: list[str]) -> bool:
    return _norm(a) == _norm(b)


def _fit(cells: list[str], n: int) -> list[str]:
    cells = [c.strip() for c in cells]
    if len(cells) > n:  # extra trailing cells (stray tabs): fold them into the last column
        cells = cells[: n - 1] + [" ".join(c for c in cells[n - 1 :] if c)]
    return cells + [""] * (n - len(cells))


def _stt_level(stt: str) -> int:
    if is_roman(stt):
        return 1
    if re.fullmatch(r"\d+(\.\d+)*", stt):
        return 1 + stt.count(".") + 1
    return 9


@dataclass
class _RawRow:
    cells: list[str]
    bold: bool
    page: int | None
    after_break: bool
    pages: list[int] = field(default_factory=list)
    merged_from: int = 1
    ocr_conf: float | None = None


def _collect(parts: list[TablePart]) -> tuple[list[str], list[_RawRow]]:
    first = parts[0]
    bold0 = first.row_bold[0] if first.row_bold else False
    if first.rows and is_header_row(first.rows[0], bold0):
        header = [c.strip() for c in first.rows[0]]
        skip_first = True
    else:
        width = max(len(r) for r in first.rows) if first.rows else 0
        header = [f"Cột {i + 1}" for i in range(width)]
        skip_first = False
    raw: list[_RawRow] = []
    for k, part in enumerate(parts):
        bolds = part.row_bold or [False] * len(part.rows)
        start = 0
        if k == 0 and skip_first or k > 0 and part.rows and same_header(_fit(part.rows[0], len(header)), header):
            start = 1
        for j, cells in enumerate(part.rows[start:], start=start):
            page = part.page
            raw.append(_RawRow(_fit(cells, len(header)), bolds[j], page, after_break=(k > 0 and j == start),
                               pages=[page] if page else [], ocr_conf=part.ocr_conf))
    return header, raw


def _merge_fragments(raw: list[_RawRow], stt_col: int | None) -> list[_RawRow]:
    out: list[_RawRow] = []
    for r in raw:
        empty_stt = stt_col is None or not r.cells[stt_col]
        # A bold row (a group heading) followed by a regular one is not a row cut in two: the break fell
        # between the group row and its first, unnumbered, item.
        after_group = bool(out) and out[-1].bold and not r.bold
        if r.after_break and empty_stt and out and stt_col is not None and not after_group:
            prev = out[-1]
            prev.cells = [" ".join(x for x in (a, b) if x) for a, b in zip(prev.cells, r.cells, strict=True)]
            prev.pages += [p for p in r.pages if p not in prev.pages]
            prev.merged_from += 1
            if r.ocr_conf is not None:
                prev.ocr_conf = min(r.ocr_conf, prev.ocr_conf if prev.ocr_conf is not None else r.ocr_conf)
            continue
        out.append(r)
    return out


def build_table(
    parts: list[TablePart],
    *,
    annex: str | None,
    table_no: int,
    annex_title: str = "",
    title: str = "",
    unit_of_measure: str | None = None,
    locator_prefix: str,
    label_prefix: str,
    section_locator: str | None = None,
) -> Table:
    header, raw = _collect(parts)
    stt_col = 0 if header and fold(header[0]).strip(" .:") in _STT_HEADERS else None
    rows = _merge_fragments(raw, stt_col)
    name_col = 1 if stt_col == 0 and len(header) > 1 else 0
    table = Table(annex=annex, annex_title=annex_title, table_no=table_no, title=title,
                  unit_of_measure=unit_of_measure, columns=header, page=parts[0].page,
                  section_locator=section_locator)
    stack: list[tuple[int, str, str]] = []  # (level, stt, title) of the open group rows
    seen: dict[tuple[tuple[str, ...], str], int] = {}
    unnumbered: dict[tuple[str, ...], int] = {}
    position = 0
    for i, r in enumerate(rows):
        stt = r.cells[stt_col].strip().rstrip(".") if stt_col is not None else ""
        name = r.cells[name_col]
        others = [c for j, c in enumerate(r.cells) if j not in (stt_col, name_col)]
        folded = [fold(c) for c in r.cells if c]
        is_total = any(_TOTAL.match(f) for f in folded[:2]) and not stt
        nxt = rows[i + 1].cells[stt_col].strip() if stt_col is not None and i + 1 < len(rows) else None
        looks_group = bool(stt) and bool(name) and not any(o.strip() for o in others) and not is_total
        is_group = looks_group and (
            r.bold or is_roman(stt) or (nxt is not None and (nxt == "" or nxt.startswith(stt + ".")))
        )
        if stt and not _STT_VALUE.match(stt):
            is_group = False
        if is_group:
            level = _stt_level(stt)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, stt, name))
            group = Row(annex=annex, table_no=table_no, position=0, stt=stt, cells=dict(zip(header, r.cells, strict=True)),
                        group_path=[s for _, s, _ in stack[:-1]], group_titles=[t for _, _, t in stack[:-1]],
                        page=r.page, pages=r.pages)
            group.locator = f"{locator_prefix}/T{table_no}/" + "/".join(s for _, s, _ in stack)
            group.label = _label(label_prefix, group.group_path + [stt], "", 1, name, group=True)
            table.groups.append(group)
            continue
        position += 1
        path = [] if is_total else [s for _, s, _ in stack]
        key = (tuple(path), stt)
        occurrence = seen.get(key, 0) + 1 if stt else 1
        if stt:
            seen[key] = occurrence
        values = {h: v for h, c in zip(header, r.cells, strict=True) if (v := parse_cell_value(c)) is not None
                  and h != (header[stt_col] if stt_col is not None else None)}
        row = Row(annex=annex, table_no=table_no, position=position, stt=stt, occurrence=occurrence,
                  group_path=path, group_titles=[] if is_total else [t for _, _, t in stack],
                  cells=dict(zip(header, r.cells, strict=True)), values=values, is_total=is_total,
                  page=r.page, pages=r.pages, merged_from=r.merged_from, ocr_conf=r.ocr_conf)
        if is_total:
            totals = seen.get(((), "\x00total"), 0) + 1  # a second total row (subtotals) gets its own locator
            seen[((), "\x00total")] = totals
            row.locator = f"{locator_prefix}/T{table_no}/total" + (f"~{totals}" if totals > 1 else "")
            row.label = f"{label_prefix}, dòng {name or 'tổng'}"
        else:
            if stt:
                leaf = stt + (f"~{occurrence}" if occurrence > 1 else "")
            else:
                unnumbered[tuple(path)] = unnumbered.get(tuple(path), 0) + 1
                leaf = f"_{unnumbered[tuple(path)]}"
            row.locator = f"{locator_prefix}/T{table_no}/" + "/".join(path + [leaf])
            row.label = _label(label_prefix, path, stt, occurrence, name)
        table.rows.append(row)
    return table


def _short(s: str, n: int = 70) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1].rsplit(" ", 1)[0] + "…"


def _label(prefix: str, path: list[str], stt: str, occurrence: int, name: str, group: bool = False) -> str:
    parts = [prefix]
    if group:
        parts.append(f"mục {'.'.join(path)}" if len(path) == 1 else f"mục {' › '.join(path)}")
    else:
        if path:
            parts.append(f"mục {' › '.join(path)}")
        parts.append(f"dòng {stt}" if stt else "dòng không số")
    label = ", ".join(parts)
    if occurrence > 1:
        label += f" (lần {occurrence})"
    return f"{label} ({_short(name)})" if name else label
