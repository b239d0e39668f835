"""Annex tables as rows keyed by column header.

A table may arrive in several parts (page breaks). Repeated header rows are dropped; a fragment with an
empty STT right after a break continues the row before it and is merged back; group rows become the context
of the rows below; "TỔNG CỘNG" is a total, not an item.

Group rows, whatever their numbering: "I", "1" with a title and no other cells (the numbering of the rows
below says so, or the row is bold); a row whose cells all repeat one text (a merged cell expanded by the
converter); "A"/"I" with a title in capitals and figures of its own (a district with its subtotal, the items
below numbered again from 1); an unnumbered bold or capitalised title without figures over numbered rows.
A group that is a place or a body (a title starting with "HUYỆN", "Trường" … see vocab.ENTITY_GROUP_TITLE),
that carries figures of its own, or that has no number names its rows by its title: "Phụ lục 01, HUYỆN X,
dòng 2"; a heading-like group ("I | NHÓM NHIỆM VỤ …") by its number, as before: "Phụ lục II, mục I, dòng 2".

Hand-written: no table library knows the conventions of Vietnamese administrative annexes (STT columns,
roman group rows, continuation fragments), and the input here is already cell text, not a page image.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import vocab
from ingest.models import Row, Table
from ingest.text import fold, is_roman, nfc, parse_cell_value

_STT_HEADERS = {"stt", "tt", "so tt", "so thu tu", "s tt"}
_TOTAL = re.compile(r"^(tong cong|tong so|tong|cong|tong kinh phi)( chung| cong)?[\s:.]*$")
_STT_VALUE = re.compile(r"^([IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ]|[A-ZĐ])[.)]?$")
_LETTER = re.compile(r"^[A-ZĐ]$")
_TITLE_MAX_WORDS = 25  # a group row with this many words or more is a requirement with text of its own


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
    # one cell may be empty: a title merged across two columns ("Giải" over the prize and its week) leaves the
    # second one blank
    return bold and len(filled) >= max(2, len(cells) - 1) and \
        not any(parse_cell_value(c) is not None for c in filled)


def _header_names(cells: list[str]) -> list[str]:
    """Column names: a blank header cell (under a merged title) is named by its position."""
    return [c.strip() or f"Cột {i + 1}" for i, c in enumerate(cells)]


def same_header(a: list[str], b: list[str]) -> bool:
    return _norm(_header_names(a)) == _norm(_header_names(b))


def header_columns(row: list[str], header: list[str]) -> dict[int, int] | None:
    """A row that repeats the table's header after a page break, perhaps with cells lost or misread (OCR: "s2
    Danh mục SỈ quang" for "STT | Danh mục"; a page whose table lost a column): its columns mapped to the
    header's (by name, the others by position); None when it is no repeat. At least two of its non-empty cells,
    and at least half of them, must name header columns."""
    names, cells = _norm(header), _norm(row)
    filled = [j for j, c in enumerate(cells) if c]
    matched = {j: names.index(cells[j]) for j in filled
               if cells[j] in names and len(cells[j]) >= 2 and parse_cell_value(cells[j]) is None}
    if len(set(matched.values())) < len(matched) or len(matched) < 2 or 2 * len(matched) < len(filled):
        return None
    taken = set(matched.values())
    for j in range(min(len(cells), len(header))):
        if j not in matched and j not in taken:
            matched[j] = j
            taken.add(j)
    return matched


def _remap(cells: list[str], columns: dict[int, int], n: int) -> list[str]:
    """A part's row in the table's columns (`header_columns`); cells of unmapped columns join the last one."""
    out = [""] * n
    for j, c in enumerate(cells):
        i = columns.get(j, n - 1)
        out[i] = f"{out[i]} {c.strip()}".strip()
    return out


def numbered_column(name: str) -> bool:
    """A header cell that only numbers its column ("Col1", "Column 2", "Cột 3"): no name was read for it."""
    return vocab.PLACEHOLDER_HEADER.match(fold(name).strip()) is not None


def is_placeholder_header(cells: list[str]) -> bool:
    """'Col1 | Col2 | … | Col7': a converter's stand-in for the header of a table part after a page break
    (a cell may hold text of the row cut by the break instead)."""
    named = [c for c in cells if c.strip()]
    hits = sum(1 for c in named if numbered_column(c))
    return bool(named) and hits >= max(2, len(cells) - 1)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _repeated(cells: list[str], skip: int | None) -> str:
    """The text every cell but the STT repeats (a merged group row expanded into each column), or ""."""
    rest = [c.strip() for j, c in enumerate(cells) if j != skip]
    if len(rest) < 2 or not all(rest):
        return ""
    return rest[0] if len({fold(c) for c in rest}) == 1 else ""


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
        header = _header_names(first.rows[0])
        skip_first = True
    else:
        width = max(len(r) for r in first.rows) if first.rows else 0
        header = [f"Cột {i + 1}" for i in range(width)]
        skip_first = False
    raw: list[_RawRow] = []
    for k, part in enumerate(parts):
        bolds = part.row_bold or [False] * len(part.rows)
        start = 0
        columns = header_columns(part.rows[0], header) if k > 0 and part.rows and skip_first else None
        if k == 0 and skip_first or k > 0 and part.rows and same_header(_fit(part.rows[0], len(header)), header) \
                or columns is not None:
            start = 1
        for j, cells in enumerate(part.rows[start:], start=start):
            page = part.page
            if skip_first and header_columns(cells, header) is not None:
                continue  # the header again inside a part (a page break the reader did not see)
            fitted = _remap(cells, columns, len(header)) if columns else _fit(cells, len(header))
            bold = bolds[j]
            if k > 0 and j == 0 and is_placeholder_header(fitted):
                # What is not a placeholder in it is the end of the row the break cut: kept as a fragment.
                fitted = ["" if numbered_column(c) else c for c in fitted]
                bold = False
                if not any(fitted):
                    continue
            raw.append(_RawRow(fitted, bold, page, after_break=(k > 0 and j == start),
                               pages=[page] if page else [], ocr_conf=part.ocr_conf))
    return header, raw


def _merge_fragments(raw: list[_RawRow], stt_col: int | None, name_col: int) -> list[_RawRow]:
    out: list[_RawRow] = []
    for i, r in enumerate(raw):
        empty_stt = stt_col is None or not r.cells[stt_col]
        # A bold row (a group heading) followed by a regular one is not a row cut in two: the break fell
        # between the group row and its first, unnumbered, item.
        after_group = bool(out) and out[-1].bold and not r.bold
        # Nor is an unnumbered group title that opens the new page over numbered rows ("HUYỆN X").
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        opens_group = (out and nxt is not None and stt_col is not None and bool(nxt.cells[stt_col])
                       and _unnumbered_group(r.cells, r.bold, stt_col, name_col, nxt.cells[stt_col])
                       and not (out[-1].bold or _is_upper(out[-1].cells[name_col])))
        if r.after_break and empty_stt and out and stt_col is not None and not after_group and not opens_group:
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
    name_col = 1 if stt_col == 0 and len(header) > 1 else 0
    rows = [r for r in _merge_fragments(raw, stt_col, name_col) if any(c.strip() for c in r.cells)]
    table = Table(annex=annex, annex_title=annex_title, table_no=table_no, title=title,
                  unit_of_measure=unit_of_measure, columns=header, page=parts[0].page,
                  section_locator=section_locator)
    stack: list[_Group] = []  # the open group rows
    seen: dict[tuple[tuple[str, ...], str], int] = {}
    unnumbered: dict[tuple[str, ...], int] = {}
    keys: set[str] = set()
    position = 0
    for i, r in enumerate(rows):
        stt = r.cells[stt_col].strip().rstrip(".") if stt_col is not None else ""
        nxt = rows[i + 1].cells[stt_col].strip() if stt_col is not None and i + 1 < len(rows) else None
        kind = _group_kind(r.cells, r.bold, stt, stt_col, name_col, nxt, stack)
        name = r.cells[name_col] if kind != "repeated" else _repeated(r.cells, stt_col)
        if kind:
            level = _group_level(stt, stack)
            while stack and stack[-1].level >= level:
                stack.pop()
            figures = {h: v for j, (h, c) in enumerate(zip(header, r.cells, strict=True))
                       if j not in (stt_col, name_col) and (v := parse_cell_value(c)) is not None}
            by_title = not stt or bool(figures) or bool(vocab.ENTITY_GROUP_TITLE.match(nfc(name).lower()))
            stack.append(_Group(level, stt or name, name, stt or _slug(name, keys), by_title))
            cells = dict(zip(header, r.cells, strict=True))
            if kind == "repeated":  # the title once, not in every column
                cells = {h: (c if j in (stt_col, name_col) else "") for j, (h, c) in enumerate(cells.items())}
            group = Row(annex=annex, table_no=table_no, position=0, stt=stt, title=name, cells=cells, values=figures,
                        group_path=[g.stt for g in stack[:-1]], group_titles=[g.title for g in stack[:-1]],
                        page=r.page, pages=r.pages, ocr_conf=r.ocr_conf)
            group.locator = f"{locator_prefix}/T{table_no}/" + "/".join(g.key for g in stack)
            if stt and not any(g.by_title for g in stack[:-1]):
                group.label = _label(label_prefix, group.group_path + [stt], "", 1, name, group=True)
            else:
                group.label = _path_label(label_prefix, stack)
            table.groups.append(group)
            if kind == "heading" and not figures and _says_more_than_a_title(name):
                # "21.1 | Hệ thống cung cấp các mẫu … theo Thông tư số 32/2023/TT-BYT, các loại hồ sơ như:" over
                # its unnumbered continuation: the context of the rows below and an item of its own, quoted
                position += 1
                item = group.model_copy(update={"position": position, "title": ""})
                item.label, item.belongs_to = _item_label(label_prefix, stack[:-1], stt, 1, name)
                table.rows.append(item)
            continue
        while stack and _sibling(stack[-1].stt, stt):  # "21.2" after the group "21.1": beside it, not under it
            stack.pop()
        name = r.cells[name_col]
        folded = [fold(c) for c in r.cells if c]
        is_total = any(_TOTAL.match(f) for f in folded[:2]) and not stt
        position += 1
        path = [] if is_total else [g.stt for g in stack]
        path_keys = [] if is_total else [g.key for g in stack]
        occurrence = seen.get((tuple(path_keys), stt), 0) + 1 if stt else 1
        if stt:
            seen[(tuple(path_keys), stt)] = occurrence
        values = {h: v for h, c in zip(header, r.cells, strict=True) if (v := parse_cell_value(c)) is not None
                  and h != (header[stt_col] if stt_col is not None else None)}
        row = Row(annex=annex, table_no=table_no, position=position, stt=stt, occurrence=occurrence,
                  group_path=path, group_titles=[] if is_total else [g.title for g in stack],
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
                unnumbered[tuple(path_keys)] = unnumbered.get(tuple(path_keys), 0) + 1
                leaf = f"_{unnumbered[tuple(path_keys)]}"
            row.locator = f"{locator_prefix}/T{table_no}/" + "/".join(path_keys + [leaf])
            row.label, row.belongs_to = _item_label(label_prefix, stack, stt, occurrence, name)
        table.rows.append(row)
    return table


@dataclass
class _Group:
    level: float
    stt: str  # as printed; an unnumbered group: its title
    title: str
    key: str  # in locators: the STT, or a slug of the title
    by_title: bool  # rows under it are labelled by its title, not "mục <STT>"


def _unnumbered_group(cells: list[str], bold: bool, stt_col: int, name_col: int, next_stt: str) -> bool:
    """'HUYỆN X' (bold or in capitals, no STT, nothing but figures beside it) over numbered rows."""
    name = cells[name_col].strip()
    if cells[stt_col].strip() or not name or not next_stt or _TOTAL.match(fold(name).strip()):
        return False
    others = [c for j, c in enumerate(cells) if j not in (stt_col, name_col) and c.strip()]
    if not (bold or _is_upper(name)):
        return False
    return all(parse_cell_value(c) is not None for c in others) and (not others or _first_number(next_stt))


def _says_more_than_a_title(name: str) -> bool:
    """A requirement or a sentence leading into a list, not a heading: many words, or a clause ending in ':'."""
    words = len(name.split())
    return words >= _TITLE_MAX_WORDS or (words >= 8 and name.rstrip().endswith(":"))


def _sibling(group: str, stt: str) -> bool:
    """'21.2' beside '21.1': two dotted numbers with the same parent. Single numbers are not compared: a district
    numbered "2" may hold schools numbered 1, 2, 3 again."""
    a, b = group.split("."), stt.split(".")
    return len(a) == len(b) >= 2 and a[:-1] == b[:-1] and all(x.isdigit() for x in a + b) and a != b


def _first_number(stt: str) -> bool:
    """The first number of a run: '1', 'a', '01', '1.1' — the numbering starts again below a group."""
    return stt.rstrip(".)") in ("1", "01", "a", "1.1")


def _starts_below(stt: str, nxt: str | None) -> bool:
    """The row after a group numbered `stt` starts its items: 'I' then '1'; 'A' then '1'; '2' then 'a' or
    '2.1'; '2' then '1' (a district numbered like its schools, the schools numbered again)."""
    if nxt is None:
        return False
    n = nxt.rstrip(".)")
    if is_roman(stt) or _LETTER.match(stt):
        return _first_number(n)
    return stt.isdigit() and n in ("a", "1", f"{stt}.1")


def _group_kind(cells: list[str], bold: bool, stt: str, stt_col: int | None, name_col: int, nxt: str | None,
                stack: list[_Group]) -> str:
    """'' for an item, else how the row was recognised as a group row."""
    if stt and not _STT_VALUE.match(stt):
        return ""
    name = cells[name_col]
    folded = [fold(c) for c in cells if c]
    if not name.strip() or (any(_TOTAL.match(f) for f in folded[:2]) and not stt):
        return ""
    if stt_col is not None and _repeated(cells, stt_col) and (stt or nxt):
        return "repeated"
    others = [c for j, c in enumerate(cells) if j not in (stt_col, name_col)]
    filled = [o for o in others if o.strip()]
    if stt and not filled:
        if bold or is_roman(stt) or _LETTER.match(stt) or (nxt is not None and (nxt == "" or nxt.startswith(stt + "."))):
            return "heading"
        # "2 | HUYỆN B" over "a, b" or over schools numbered again from 1 (a title in capitals)
        if nxt is not None and (nxt.rstrip(".)") == "a" or (_is_upper(name) and _starts_below(stt, nxt))):
            return "heading"
        return ""
    if stt and _starts_below(stt, nxt):
        # "I | HUYỆN X | 1.200": a district with its subtotal, its items numbered again from 1.
        if (bold or _is_upper(name)) and all(parse_cell_value(o) is not None for o in filled):
            return "subtotal"
        return ""
    if stt_col is not None and nxt and _unnumbered_group(cells, bold, stt_col, name_col, nxt):
        return "unnumbered"
    return ""


def _group_level(stt: str, stack: list[_Group]) -> float:
    """Letters (A, B) above Roman numerals above an unnumbered title above 1, 2 above 1.1 …; a single
    letter that could be Roman ("C" after "B") continues the letters."""
    if _LETTER.match(stt):
        prev = next((g.stt for g in reversed(stack) if _LETTER.match(g.stt) and g.level == 0), "")
        if not is_roman(stt) or (prev and ord(stt) == ord(prev) + 1):
            return 0
    if not stt:
        return 1.5
    return _stt_level(stt)


def _slug(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")[:24].strip("-") or "nhom"
    key, k = base, 2
    while key in taken:
        key, k = f"{base}~{k}", k + 1
    taken.add(key)
    return key


def _path_label(prefix: str, stack: list[_Group], stt: str = "", occurrence: int = 1, name: str = "") -> str:
    """'Phụ lục 01, HUYỆN X, dòng 2 (Trường Y)': groups named by their titles, numbered ones as 'mục I'."""
    parts = [prefix]
    numbered: list[str] = []
    for g in stack:
        if g.by_title:
            if numbered:
                parts.append(f"mục {' › '.join(numbered)}")
                numbered = []
            parts.append(_short(g.title, 60))
        else:
            numbered.append(g.stt)
    if numbered:
        parts.append(f"mục {' › '.join(numbered)}")
    if not name and not stt:  # the label of the group row itself
        return ", ".join(parts)
    parts.append(f"dòng {stt}" if stt else "dòng không số")
    label = ", ".join(parts)
    if occurrence > 1:
        label += f" (lần {occurrence})"
    return f"{label} ({_short(name)})" if name else label


def _item_label(prefix: str, stack: list[_Group], stt: str, occurrence: int, name: str) -> tuple[str, str]:
    """An item's label under the open groups `stack`, and the groups that name it ("" when none names it by title)."""
    if any(g.by_title for g in stack):
        return (_path_label(prefix, stack, stt, occurrence, name),
                " › ".join(g.title for g in stack if g.by_title))
    return _label(prefix, [g.stt for g in stack], stt, occurrence, name), ""


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
