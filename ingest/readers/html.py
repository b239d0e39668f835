"""HTML reader (lxml): a web page saved from a legal portal or exported by a word processor -> the same
`Block`s the Markdown reader gives (paragraphs, headings, tables with their header cells).

A saved page carries much that is not the document: scripts, styles, menus, breadcrumbs, tabs, the site's
footer, and often an outline of the document ("Mục lục", "Lược đồ") that repeats its Chương / Điều
headings and would open every section twice. These are recognised by what they are, not by any site's
class names:
- elements that are never text (`<script>`, `<style>`, `<svg>`, forms and buttons), hidden ones, and the
  page's landmarks (`<nav>`, `<aside>`, ARIA roles navigation / banner / tablist / menu ...);
- the document's own container: the page is descended while one container holds most of the text;
- repeated navigation: a block made only of short lines that are links, or numbered headings ("Chương I",
  "Điều 2. ...", "Khoản 1") repeating text found elsewhere on the page.
Structure is recovered later from the numbering, as for every other format; `<br>` separates lines
(a header cell "CHÍNH PHỦ<br>-------" is two lines), and a table of at most three rows and two columns
without header cells (the header block, the signature block) is layout: its cells are read as paragraphs.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import takewhile
from operator import attrgetter
from typing import Any

from ingest.errors import IngestRefused
from ingest.models import Block
from ingest.text import fold, superscript

# Never text; dropped with their content.
_DROP = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
         "head", "title", "meta", "link", "button", "input", "select", "textarea", "option", "datalist",
         "nav", "aside", "dialog", "menu", "audio", "video", "map"}
# ARIA landmarks and widgets that are the site's chrome, not the document.
_DROP_ROLES = {"navigation", "banner", "contentinfo", "tablist", "tab", "menu", "menubar", "menuitem", "toolbar",
               "search", "complementary", "dialog", "alertdialog", "tooltip", "status", "progressbar"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
           "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "address", "figure", "figcaption", "center",
           "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "form", "fieldset", "legend", "hr",
           "body", "html", "details", "summary"}
_CONTAINERS = {"body", "div", "main", "article", "section", "center", "form", "span", "font"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD_TAGS = {"b", "strong"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BULLET = re.compile(r"^([-+•–*])\s+(?=\S)")
_BULLET_GLYPH = {"-": "-", "–": "-", "+": "+", "•": "•", "*": "•"}
# A line of an outline: a numbered heading of a plan or a legal text, short.
_HEADING_LINE = re.compile(
    r"^(?:(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|Điều|ĐIỀU|Khoản|Điểm|PHỤ LỤC|Phụ lục|Mẫu số|MẪU SỐ)\s+[\dIVXLCa-zđ]+"
    r"|[IVXLC]+\.|\d{1,2}(?:\.\d{1,2})*\.?\s|[a-zđ]\)\s)"
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
MAIN_SHARE = 0.7  # a container holding this share of its parent's text is where the document is
MAX_LINE = 300  # an outline's lines are at most this long (a long Điều title)
MIN_OUTLINE_LINES = 4
REPEATED_SHARE = 0.8  # of an outline's numbered headings, repeated elsewhere on the page


def decode_html(data: bytes) -> str:
    """The page as text: its BOM, else UTF-8, else the charset its <meta> declares (windows-1258 ...)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii").strip().lower(), errors="replace")
        except LookupError:
            pass
    raise IngestRefused("broken", "không rõ bảng mã, không phải UTF-8 / unknown encoding, not UTF-8")


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _is_chrome(el: Any) -> bool:
    tag = _tag(el)
    if not tag:
        return True  # comments, processing instructions
    if tag in _DROP:
        return True
    role = (el.get("role") or "").strip().lower()
    if role in _DROP_ROLES:
        return True
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _strip_chrome(root: Any) -> None:
    for el in list(root.iter()):
        if el.getparent() is not None and _is_chrome(el):
            el.drop_tree()  # keeps the tail text, which belongs to the parent


def _text_len(el: Any) -> int:
    return len(re.sub(r"\s+", "", el.text_content() or ""))


def _main_container(body: Any) -> Any:
    """Descend from <body> while one container child holds most of the text: the site's header, menus,
    outline and footer are left behind; a table or a paragraph is never entered."""
    node = body
    while True:
        total = _text_len(node)
        kids = [k for k in node if _tag(k) in _CONTAINERS]
        if not total or not kids:
            return node
        best = max(kids, key=_text_len)
        if _text_len(best) < MAIN_SHARE * total:
            return node
        node = best


# -- lines: the text of an element split at block boundaries and <br> ----------------------------------------


@dataclass
class _Run:
    text: str
    bold: bool


@dataclass
class _Line:
    runs: list[_Run] = field(default_factory=list)
    heading: bool = False
    bullet: str = ""
    link_chars: int = 0

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(r.text for r in self.runs)).strip()


def _bold_el(el: Any) -> bool:
    return _tag(el) in _BOLD_TAGS or _tag(el) in _HEADINGS or bool(_BOLD_STYLE.search(el.get("style") or ""))


class _Lines:
    """Walks an element in document order, collecting lines; tables are handed to `on_table`."""

    def __init__(self, on_table: Any = None) -> None:
        self.lines: list[_Line | Block] = []
        self.cur = _Line()
        self.on_table = on_table

    def flush(self) -> None:
        if self.cur.text:
            self.lines.append(self.cur)
        self.cur = _Line()

    def add(self, text: str | None, bold: bool, link: bool) -> None:
        if text:
            self.cur.runs.append(_Run(text, bold))
            if link:
                self.cur.link_chars += len(text.strip())

    def walk(self, el: Any, bold: bool = False, link: bool = False, ordinal: str = "") -> None:
        tag = _tag(el)
        if tag == "br":
            self.flush()
            return
        if tag == "table" and self.on_table is not None:
            self.flush()
            self.lines.extend(self.on_table(el))
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
            if tag in _HEADINGS:
                self.cur.heading = True
            if tag == "li":
                self.cur.bullet = "•" if not ordinal else ""
                if ordinal:
                    self.add(f"{ordinal} ", bold, link)
        bold = bold or _bold_el(el)
        link = link or tag == "a"
        if tag == "sup" and (el.text_content() or "").strip().isdigit():
            self.add(superscript(el.text_content().strip()), bold, link)
        else:
            self.add(el.text, bold, link)
            n = 0
            for child in el:
                if not _tag(child):
                    self.add(child.tail, bold, link)
                    continue
                number = ""
                if tag == "ol" and _tag(child) == "li":
                    n += 1
                    number = f"{n}."
                self.walk(child, bold, link, number)
                self.add(child.tail, bold, link)
        if block:
            self.flush()


def _lines_of(el: Any, on_table: Any = None) -> list[_Line | Block]:
    walker = _Lines(on_table)
    walker.walk(el)
    walker.flush()
    return walker.lines


# -- repeated navigation ------------------------------------------------------------------------------------


def _is_outline(lines: list[_Line], page: str) -> bool:
    """Short lines only, and they are links, or numbered headings that repeat text found elsewhere on the
    page (an outline of the document beside the document). `page`: the page's lines, folded and joined."""
    if len(lines) < MIN_OUTLINE_LINES or any(len(ln.text) > MAX_LINE for ln in lines):
        return False
    texts = [ln.text for ln in lines]
    chars = sum(len(t) for t in texts) or 1
    if sum(ln.link_chars for ln in lines) >= 0.8 * chars:
        return True  # a list of links: a menu, a table of contents
    headings = [t for t in texts if _HEADING_LINE.match(t)]
    if len(headings) < 0.6 * len(texts):
        return False
    long_ones = [fold(t) for t in headings if len(t) > 12]
    if not long_ones:
        return False
    inside = " \n ".join(fold(t) for t in texts)
    # Found elsewhere: more often on the page than inside this element (an outline's "Chương I QUY ĐỊNH
    # CHUNG" is the body's "Chương I" and "QUY ĐỊNH CHUNG" lines, joined).
    repeated = [t for t in long_ones if page.count(t) > inside.count(t)]
    return len(repeated) >= REPEATED_SHARE * len(long_ones)


def _drop_outlines(root: Any) -> None:
    """Remove the largest elements that are repeated navigation (see `_is_outline`)."""
    page = " ".join(fold(ln.text) for ln in _lines_of(root) if isinstance(ln, _Line))
    todo = [root]
    while todo:
        el = todo.pop()
        for child in list(el):
            if _tag(child) not in _BLOCKS or _tag(child) in ("table", "tr", "td", "th", "p"):
                continue
            lines = [ln for ln in _lines_of(child) if isinstance(ln, _Line)]
            if _is_outline(lines, page):
                child.drop_tree()
            else:
                todo.append(child)


# -- tables -------------------------------------------------------------------------------------------------


def _rows_of(table: Any) -> list[Any]:
    """The table's own rows (not those of tables nested in its cells)."""
    out = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(tr for tr in child if _tag(tr) == "tr")
    return out


def _cells_of(tr: Any) -> list[Any]:
    return [c for c in tr if _tag(c) in ("td", "th")]


def _span(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name) or 1), 1000))
    except ValueError:
        return 1


def _cell_text(cell: Any) -> tuple[str, bool]:
    lines = [ln for ln in _lines_of(cell) if isinstance(ln, _Line)]
    text = re.sub(r"\s+", " ", " ".join(ln.text for ln in lines)).strip()
    runs = [r for ln in lines for r in ln.runs if r.text.strip()]
    bold = _tag(cell) == "th" or (bool(runs) and all(r.bold for r in runs))
    return text, bold


def _is_layout(rows: list[Any]) -> bool:
    """The header block or the signature block laid out in a table: few rows, one or two columns, no
    header cells."""
    widths = [sum(_span(c, "colspan") for c in _cells_of(tr)) for tr in rows]
    if not widths or max(widths) <= 1:
        return True
    has_th = any(_tag(c) == "th" for tr in rows for c in _cells_of(tr))
    return not has_th and len(rows) <= 3 and max(widths) <= 2


def _table(table: Any) -> list[_Line | Block]:
    rows_el = _rows_of(table)
    if _is_layout(rows_el):
        out: list[_Line | Block] = []
        for tr in rows_el:
            for cell in _cells_of(tr):
                out.extend(_lines_of(cell, _table))
        return out
    grid: list[list[str]] = []
    bold: list[bool] = []
    carry: dict[int, tuple[str, int]] = {}  # column -> (text, rows left) of a cell spanning rows
    for tr in rows_el:
        row: list[str] = []
        flags: list[bool] = []
        cells = iter(_cells_of(tr))
        col = 0
        while True:
            if col in carry:
                text, left = carry[col]
                row.append(text)
                carry[col] = (text, left - 1)
                if left - 1 <= 0:
                    del carry[col]
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text, is_bold = _cell_text(cell)
            span, down = _span(cell, "colspan"), _span(cell, "rowspan")
            row += [text] + [""] * (span - 1)
            if text:
                flags.append(is_bold)
            if down > 1:
                carry[col] = (text, down - 1)
            col += span
        while carry and max(carry) >= col:  # cells spanning down past the end of a short row
            row += [""] * (min(c for c in carry if c >= col) - col)
            col = len(row)
            text, left = carry.pop(col)
            row.append(text)
            if left > 1:
                carry[col] = (text, left - 1)
            col += 1
        if any(row):
            grid.append(row)
            bold.append(bool(flags) and all(flags))
    if not grid:
        return []
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    return [Block(kind="table", rows=grid, row_bold=bold)]


# -- blocks -------------------------------------------------------------------------------------------------


def _paragraph(line: _Line) -> Block | None:
    text = line.text
    if not any(c.isalnum() for c in text):
        return None  # "-------", "……": rules drawn with characters
    runs = [r for r in line.runs if r.text.strip()]
    bold = line.heading or (bool(runs) and all(r.bold for r in runs))
    lead = ""
    if runs and runs[0].bold and not bold:
        lead = re.sub(r"\s+", " ", "".join(r.text for r in takewhile(attrgetter("bold"), runs))).strip()
    bullet = line.bullet
    if m := _BULLET.match(text):
        bullet, text = _BULLET_GLYPH[m.group(1)], text[m.end():]
        lead = lead[m.end():].strip() if lead.startswith(m.group(0)) else lead
    return Block(kind="para", text=text, heading=line.heading, bold=bold, lead=lead, bullet=bullet)



def read_html(text: str) -> list[Block]:
    """Blocks of an HTML page in reading order, or IngestRefused ("broken": not parseable, "no_content")."""
    import lxml.html
    from lxml import etree

    text = unicodedata.normalize("NFC", _XML_DECL.sub("", text, count=1))  # windows-1258 pages decompose marks
    if not text.strip():
        raise IngestRefused("empty")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, etree.LxmlError, ValueError) as e:
        raise IngestRefused("broken", f"HTML: {type(e).__name__}") from e
    _strip_chrome(root)
    body = root.find("body") if root.find("body") is not None else root
    main = _main_container(body)
    _drop_outlines(main)
    blocks: list[Block] = []
    for item in _lines_of(main, _table):
        if isinstance(item, Block):
            blocks.append(item)
        elif (para := _paragraph(item)) is not None:
            blocks.append(para)
    if not blocks:
        raise IngestRefused("no_content")
    return blocks
