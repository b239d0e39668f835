"""Markdown / plain-text reader: paragraphs, footnotes and tables as `Block`s.

Tables come in four shapes: tab-separated lines (HTML allowed inside cells, as in `corpus/`),
Markdown pipe tables, pandoc grid tables (`+---+` borders, cells over several lines, cells spanning rows)
and HTML `<table>` elements. Heading levels (`#`) are only a hint: the
structure is recovered later from the numbering.

Plain text saved from Word has one paragraph per line and no blank line between paragraphs: there a line
is a paragraph (a line cut mid-sentence is joined again by the structure step, as across a page break).
Markdown and hard-wrapped text keep joining consecutive lines into one paragraph. A line indented with
tabs is text, not a one-row table.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ingest.models import Block
from ingest.text import strip_markup

_BULLET = re.compile(r"^\s*([-+•*])\s+(?=\S)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_FOOTNOTE = re.compile(r"^\s*<sup>\s*(\d+)\s*</sup>\s*(.*)$", re.I | re.S)
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_GRID_CELL_LINE = re.compile(r"^\s*>\s?")  # a blockquote marker inside a cell
_BOLD_TAG = re.compile(r"</?(b|strong)>", re.I)
_ITALIC_TAG = re.compile(r"</?(i|em)>", re.I)
_UNDERSCORE_EM = re.compile(r"(?<![\w*])_(?![_\s])(.+?)(?<![_\s])_(?![\w*])")


def lead_span(raw: str) -> str:
    """The leading emphasised span of a Markdown paragraph ("**1. Mục tiêu chung:** Đẩy..." ->
    "1. Mục tiêu chung:"), or "" when the paragraph does not start with emphasis.

    Written by hand because nested `**a) *title***` spans need the opening/closing balance of `*` runs,
    which no Markdown library exposes as "the prefix that is emphasised".
    """
    if not raw.startswith(("*", "_")):
        return ""
    balance = 0
    for m in re.finditer(r"\*+|_{2,}", raw):
        n = len(m.group(0))
        before = raw[m.start() - 1] if m.start() > 0 else " "
        after = raw[m.end()] if m.end() < len(raw) else " "
        if before.isspace() or m.start() == 0 or (balance == 0 and not after.isspace()):
            balance += n
        else:
            balance -= min(n, balance)
            if balance == 0:
                return strip_markup(raw[: m.end()])
    return ""


def _paragraph_block(raw: str, heading: bool) -> Block:
    raw = _BOLD_TAG.sub("**", raw)
    raw = _ITALIC_TAG.sub("*", raw)
    raw = _UNDERSCORE_EM.sub(r"*\1*", raw)  # "_(Kèm theo …)_": emphasis, not text
    fn = _FOOTNOTE.match(raw)
    if fn:
        return Block(kind="footnote", number=fn.group(1), text=strip_markup(fn.group(2)))
    bullet = ""
    m = _BULLET.match(raw)
    if m and not raw.lstrip().startswith("**"):
        bullet = m.group(1) if m.group(1) != "*" else "•"
        raw = raw[m.end() :]
    text = strip_markup(raw)
    lead = lead_span(raw.strip())
    strong = raw.lstrip().startswith(("**", "__"))
    bold = heading or (bool(lead) and lead == text and strong and not text.startswith("("))
    return Block(kind="para", text=text, heading=heading, bold=bold, lead=lead, bullet=bullet)


def _cells_bold(raw_cells: list[str]) -> bool:
    filled = [c.strip() for c in raw_cells if strip_markup(c)]
    return bool(filled) and all(c.lower().startswith(("<b>", "<strong>", "**")) for c in filled)


def _table_block(raw_rows: list[list[str]]) -> Block:
    rows = [[strip_markup(c) for c in r] for r in raw_rows]
    return Block(kind="table", rows=rows, row_bold=[_cells_bold(r) for r in raw_rows])


class _HTMLTables(HTMLParser):
    """Collects the rows of `<table>` elements (the stdlib parser is enough for cell text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            if tag == "th":
                self._cell.append("<b>")
        elif self._cell is not None:
            self._cell.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            if tag == "th":
                self._cell.append("</b>")
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif self._cell is not None:
            self._cell.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def _split_pipe(line: str) -> list[str]:
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") and not s.endswith("\\|") else s
    return [c.strip() for c in re.split(r"(?<!\\)\|", s)]


def _grid_table(lines: list[str]) -> list[list[str]]:
    """Rows of a pandoc grid table: columns from the `+` of its top border; a row ends at a border line
    (`+---+`, or `+===+` under the header, whose cells are then marked bold); a cell whose part of a border
    line is blank spans into the next row and its text is given to each row it spans."""
    top = lines[0].strip()
    bounds = [k for k, ch in enumerate(top) if ch == "+"]
    ncol = len(bounds) - 1
    rows: list[list[list[str]]] = []  # row -> column -> lines
    cont: list[list[bool]] = []  # row -> column -> continues the cell above
    current: list[list[str]] = [[] for _ in range(ncol)]
    carried = [False] * ncol
    header_rows = 0

    def segments(line: str) -> list[str] | None:
        s = line.strip()
        if len(s) >= bounds[-1] + 1 and all(s[k] in "|+" for k in bounds):
            return [s[bounds[c] + 1 : bounds[c + 1]] for c in range(ncol)]
        parts = _split_pipe(s)
        return parts if len(parts) == ncol else None

    for line in lines[1:]:
        segs = segments(line)
        if segs is None:
            continue
        border = [bool(seg.strip()) and set(seg.strip()) <= set("-=:") for seg in segs]
        if any(border):
            if any(current_col for current_col in current):
                rows.append(current)
                cont.append(carried)
                if "=" in line and not header_rows:
                    header_rows = len(rows)
            carried = [not b for b in border]
            current = [[] for _ in range(ncol)]
            continue
        for c, seg in enumerate(segs):
            current[c].append(_GRID_CELL_LINE.sub("", seg.strip()).rstrip("\\").strip())
    if any(current):
        rows.append(current)
        cont.append(carried)

    def cell(parts: list[str]) -> str:  # pandoc escapes punctuation ("\\%", "giá\\**") and ends lines with "\\"
        return re.sub(r"\\(?=[^\w\s]|$)", "", " ".join(p for p in parts if p)).strip()

    out = [[cell(col) for col in row] for row in rows]
    for c in range(ncol):  # cells spanning rows: the whole text in each row of the span
        r = 0
        while r < len(rows):
            end = r + 1
            while end < len(rows) and cont[end][c]:
                end += 1
            if end - r > 1:
                text = " ".join(t for t in (out[k][c] for k in range(r, end)) if t)
                for k in range(r, end):
                    out[k][c] = text
            r = end
    for r in range(header_rows):
        out[r] = [f"<b>{t}</b>" if t and not t.startswith(("**", "<b>")) else t for t in out[r]]
    return out


def _is_table_line(stripped: str) -> bool:
    return stripped.startswith(("|", "<", "+-", "+=")) or "\t" in stripped


def one_paragraph_per_line(lines: list[str]) -> bool:
    """Text saved from Word: no Markdown heading, (almost) no blank line between the text lines, and lines
    long enough to be whole paragraphs (hard-wrapped text stops short of ~80 characters)."""
    prose = [s for s in (line.strip() for line in lines) if s and not _is_table_line(s)]
    if len(prose) < 5 or any(_HEADING.match(line) for line in lines):
        return False
    blank = sum(1 for line in lines if not line.strip())
    long_lines = sum(1 for s in prose if len(s) > 100)
    # a short plan's lines may all be short: then most of them end a sentence or an item (".", ";", ":") or are a
    # heading or numbered item of their own ("II. CƠ CẤU GIẢI THƯỞNG", "01 giải Nhất: …"), where hard-wrapped text
    # breaks its lines inside sentences
    whole = sum(1 for s in prose if s[-1] in ".;:!?" or _mostly_upper(s) or _NUMBERED_LINE.match(s))
    return blank <= 0.15 * len(prose) and (long_lines >= 0.1 * len(prose) or whole >= WHOLE_LINES_SHARE * len(prose))


WHOLE_LINES_SHARE = 0.8  # (of a short text's lines: hard-wrapped prose ends few of its lines with a stop)
_NUMBERED_LINE = re.compile(r"^(?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]\s")


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


# a heading that goes on with the one before it starts with a lower-case word, not an item's letter ("a) Mục tiêu")
_GOES_ON = re.compile(r"[a-zà-ỹđ]+(?=\s)(?![.)])")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+(?=\S|$)")


def read_markdown(text: str) -> list[Block]:
    """Blocks of a Markdown or plain-text document, in reading order."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # "> **Giai đoạn 1:** Sử dụng …" (a quoted block, as converters write a framed box): the text without its marks;
    # a line of ">" alone separates the box's paragraphs
    lines = [_QUOTE.sub("", line) for line in lines]
    per_line = one_paragraph_per_line(lines)
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            raw = " ".join(p.strip() for p in para)
            if strip_markup(raw):
                blocks.append(_paragraph_block(raw, heading=False))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
        elif "\t" in stripped and not stripped.startswith("#"):
            flush()
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            blocks.append(_table_block(rows))
        elif _GRID_BORDER.match(line) and i + 1 < len(lines) and lines[i + 1].lstrip().startswith("|"):
            flush()
            start = i
            i += 1
            while i < len(lines) and lines[i].lstrip().startswith(("|", "+")):
                i += 1
            if rows := [r for r in _grid_table(lines[start:i]) if any(r)]:
                blocks.append(_table_block(rows))
        elif stripped.startswith("|") and i + 1 < len(lines) and _PIPE_SEP.match(lines[i + 1]):
            flush()
            rows = [_split_pipe(line)]
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_split_pipe(lines[i]))
                i += 1
            if rows[0]:
                rows[0] = [f"<b>{c}</b>" if c else c for c in rows[0]]
            blocks.append(_table_block(rows))
        elif stripped.lower().startswith("<table"):
            flush()
            chunk = []
            while i < len(lines):
                chunk.append(lines[i])
                i += 1
                if "</table>" in chunk[-1].lower():
                    break
            parser = _HTMLTables()
            parser.feed("\n".join(chunk))
            if parser.rows:
                blocks.append(_table_block(parser.rows))
        elif m := _HEADING.match(line):
            flush()
            if strip_markup(m.group(2)):
                block = _paragraph_block(m.group(2).strip(), heading=True)
                if blocks and blocks[-1].heading and block.text[:1].islower() and _GOES_ON.match(block.text) \
                        and blocks[-1].text[-1:] not in ".:;!?":
                    # "## Tổ chức … chất lượng mạng" / "### và dịch vụ viễn thông": a converter cut one title at
                    # its line break into two headings; the second goes on with the first's words
                    blocks[-1].text = f"{blocks[-1].text} {block.text}"
                    if blocks[-1].lead:
                        blocks[-1].lead = blocks[-1].text
                else:
                    blocks.append(block)
            i += 1
        else:
            if para and (per_line or _BULLET.match(line) or _FOOTNOTE.match(line)) and not stripped.startswith("**"):
                flush()
            para.append(line)
            i += 1
    flush()
    return blocks
