"""Structure recovery: reader blocks -> document metadata, section tree, annexes and their tables.

The tree comes from the numbering (PHẦN / I. / 1. / 2.1. / a), Chương / Mục / Điều), with a stack:
a new heading closes every open heading of equal or lower rank. Page-break damage is repaired here:
a sentence cut by a break is joined again, footnotes are attached to the paragraph that cites them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import vocab
from ingest.inline_items import split_inline_items
from ingest.meta import MetaCollector, looks_like_closing_table, looks_like_header_table, signer_as_named
from ingest.models import Annex, Block, Paragraph, ParsedDocument, Section, Table, mean_conf
from ingest.numbering import Numbering, classify, join_numbers, part_label
from ingest.tables import (
    TablePart,
    build_table,
    header_columns,
    is_header_row,
    is_placeholder_header,
    same_header,
)
from ingest.text import fold

_ANNEX = re.compile(r"^PH[ỤU]\s*L[ỤU]C\s*(?:SỐ\s*)?([IVXLC]+|\d+)?\b\s*(.*)$", re.S | re.I)
_NOTE = re.compile(r"^\(?\s*(kèm theo|đính kèm|ban hành kèm theo)\b", re.I)
_UNIT = re.compile(r"^đơn vị tính\s*:\s*(.+)$", re.I)
_SENT_END = re.compile(r"[.:;!?…)\]\"”]\s*$")
_FOOTREF = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_CELL_BULLET = re.compile(r"^([-+•–])\s*(?=\S)")


@dataclass
class _Open:
    rank: float
    kind: str
    number: str
    section: Section


@dataclass
class _TableBuilder:
    parts: list[TablePart]
    header: list[str]
    annex: str | None
    section_locator: str | None
    title: str
    unit: str | None


@dataclass
class _State:
    doc: str
    sections: list[Section] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    table: _TableBuilder | None = None
    unit: str | None = None
    locators: set[str] = field(default_factory=set)
    footnotes: dict[str, str] = field(default_factory=dict)
    contents_tables: int = 0  # tables of contents left out (is_table_of_contents)
    lead_in: str = ""  # the paragraph just read, when it announces what follows ("… phân bổ như sau:")
    # the header lines of a document attached inside this one (a guide sent with its cover letter, a form in an
    # annex), while they are read: its organisation, number, motto, place and date, and its title
    attached: list[str] | None = None
    attached_title: str = ""


_SERIES = re.compile(r"^([^\W\d_][^\d:.;]{1,30}?)\s+(\d{1,2}|[ivx]{1,4})\s*[.:)]")


def _series(title: str) -> str:
    """The name a numbered series of unnumbered-level headings shares ("nội dung" of "Nội dung 2: Đào tạo …",
    "hoạt động" of "Hoạt động 1."), folded; "" for other headings."""
    m = _SERIES.match(fold(title))
    return m.group(1) if m else ""


def is_table_of_contents(rows: list[list[str]]) -> bool:
    """A table of contents ("MỤC LỤC"): rows of a heading and its page number, the pages never going back, most
    headings numbered or in capitals. Its rows would compete with the sections they name, and win on their words
    ("Nội dung 2: Đào tạo giáo viên …; 25")."""
    cells = [[c.strip() for c in r if c.strip()] for r in rows]
    cells = [c for c in cells if c]
    if len(cells) < 4 or any(len(c) != 2 or not re.fullmatch(r"\d{1,3}", c[1]) for c in cells[1:]):
        return False
    body = cells[1:] if len(cells[0]) != 2 or not cells[0][1].isdigit() else cells  # a header row ("Trang")
    pages = [int(c[1]) for c in body]
    headings = sum(1 for c in body if classify(c[0].replace("\\", "")) or _is_upper_title(c[0]) or _series(c[0]))
    return pages == sorted(pages) and pages[-1] > pages[0] and headings * 2 >= len(body)


def _is_upper_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _bold_sentence(text: str) -> bool:
    """A bold line that is a sentence, not a title: it ends with a full stop and runs to many words ("Thông tin
    chuyển khoản …, vui lòng liên hệ thầy … để được hướng dẫn chi tiết." set in bold for emphasis). As a heading it
    filed the closing paragraphs after it under its words."""
    t = text.rstrip()
    return t.endswith(".") and not t.endswith("..") and len(t.split()) >= vocab.BOLD_SENTENCE_MIN_WORDS


def _unique(state: _State, locator: str) -> str:
    if locator not in state.locators:
        state.locators.add(locator)
        return locator
    k = 2
    while f"{locator}~{k}" in state.locators:
        k += 1
    state.locators.add(f"{locator}~{k}")
    return f"{locator}~{k}"


def _open_section(state: _State, num: Numbering, title: str, page: int | None) -> Section:
    while state.stack and state.stack[-1].rank >= num.rank:
        state.stack.pop()
    chain = [o for o in state.stack if o.kind not in ("annex", "part", "heading")]
    parts = [o for o in state.stack if o.kind in ("annex", "part")]
    top = parts[-1] if parts else None
    if num.kind in ("phan", "chuong", "muc"):
        prefix_loc = "/".join(o.section.locator.split("/")[0] for o in parts[:1]) if num.kind == "muc" and parts else ""
        loc = (prefix_loc + "/" if prefix_loc else "") + f"{num.kind[0].upper()}.{num.number}"
        label = (top.section.label + " › " if top and num.kind == "muc" else "") + part_label(num.kind, num.number)
        kind = "part"
    else:
        numbers = [(o.kind, o.number) for o in chain] + [(num.kind, num.number)]
        base = top.section.locator if top else ""
        loc = (base + "/" if base else "") + "/".join(n for _, n in numbers)
        label = (top.section.label + " › " if top else "") + join_numbers(numbers)
        kind = num.kind
    annex = state.annexes[-1].number if state.stack and state.stack[0].kind == "annex" else None
    titles = [o.section.title for o in state.stack if o.section.title] + ([title] if title else [])
    sec = Section(locator=_unique(state, loc), label=label, number=num.number, title=title, titles=titles,
                  depth=len(state.stack), page=page, annex=annex)
    state.sections.append(sec)
    state.stack.append(_Open(num.rank, kind, num.number, sec))
    return sec


def _current(state: _State) -> Section:
    if state.stack:
        return state.stack[-1].section
    sec = Section(locator=_unique(state, "mo-dau"), label="Mở đầu", title="")
    state.sections.append(sec)
    state.stack.append(_Open(-0.5, "heading", "", sec))
    return sec


def _add_paragraph(state: _State, block: Block, text: str) -> None:
    sec = _current(state)
    prev = sec.paragraphs[-1] if sec.paragraphs else None
    # A sentence cut by a page break ("học bạ" / "điện tử"): the next piece starts in lower case.
    if prev and not block.bullet and text[:1].islower() and not _SENT_END.search(prev.text):
        prev.ocr_conf = mean_conf([(prev.ocr_conf, len(prev.text)), (block.ocr_conf, len(text))])
        prev.text = f"{prev.text} {text}"
        return
    sec.paragraphs.append(Paragraph(text=text, page=block.page or sec.page, bullet=block.bullet,
                                    ocr_conf=block.ocr_conf))


def _flush_table(state: _State) -> None:
    tb = state.table
    if tb is None:
        return
    state.table = None
    annex = tb.annex
    same_annex = [t for t in state.tables if t.annex == annex] if annex else []
    table_no = len(same_annex) + 1 if annex else len(state.tables) + 1 + state.contents_tables
    if not annex and is_table_of_contents([r for part in tb.parts for r in part.rows]):
        # headings and their page numbers: the sections are in the text. Still counted, so that the tables after
        # it keep their numbers.
        state.contents_tables += 1
        return
    annex_rec = next((a for a in state.annexes if a.number == annex), None) if annex else None
    prefix = f"PL.{annex}" if annex else (tb.section_locator or "doc")
    label = f"Phụ lục {annex}" if annex else f"Bảng {table_no}"
    if annex and any(s.annex == annex and s.number for s in state.sections if s.locator.startswith(f"PL.{annex}/")):
        label += f", bảng {table_no}"
    table = build_table(tb.parts, annex=annex, table_no=table_no, annex_title=annex_rec.title if annex_rec else "",
                        title=tb.title, unit_of_measure=tb.unit, locator_prefix=prefix, label_prefix=label,
                        section_locator=tb.section_locator)
    state.tables.append(table)


def _add_table(state: _State, block: Block) -> None:
    if not block.rows:
        return
    part = TablePart(rows=block.rows, row_bold=block.row_bold, page=block.page, ocr_conf=block.ocr_conf)
    tb = state.table
    sec_loc = state.stack[-1].section.locator if state.stack else None
    if tb is not None and sec_loc == tb.section_locator:
        first = block.rows[0]
        bold0 = block.row_bold[0] if block.row_bold else False
        continues = same_header(first[: len(tb.header)], tb.header) or (
            not is_header_row(first, bold0) and len(first) == len(tb.header)
        ) or (is_placeholder_header(first) and len(first) == len(tb.header)) or (header_columns(first, tb.header) is not None
            and is_header_row(tb.header, bool(tb.parts[0].row_bold[:1] and tb.parts[0].row_bold[0])))
        if continues:
            tb.parts.append(part)
            return
    _flush_table(state)
    annex = state.annexes[-1].number if state.stack and state.stack[0].kind == "annex" else None
    sec = state.stack[-1].section if state.stack else None
    title = sec.title if sec and sec.title else (state.annexes[-1].title if annex else "")
    if state.lead_in and fold(state.lead_in) not in fold(title):  # "Giai đoạn 2: Hợp tác công tư (PPP), trong đó phân bổ như sau:" says what the rows are
        title = f"{title} › {state.lead_in}" if title else state.lead_in
        state.lead_in = ""
    state.table = _TableBuilder([part], block.rows[0], annex, sec_loc, title, state.unit)
    state.unit = None


def _open_annex(state: _State, number: str, rest: str, page: int | None) -> None:
    _flush_table(state)
    state.stack.clear()
    note, title = "", rest.strip()
    m = re.match(r"^(.*?)\s*(\([^)]*\))\s*(.*)$", title, re.S)
    if m and _NOTE.match(m.group(2)):
        note, title = m.group(2), (m.group(1) + " " + m.group(3)).strip()
    annex = Annex(number=number or str(len(state.annexes) + 1), title=title, note=note, page=page)
    state.annexes.append(annex)
    sec = Section(locator=_unique(state, f"PL.{annex.number}"), label=f"Phụ lục {annex.number}", number=annex.number,
                  title=title, titles=[f"Phụ lục {annex.number}"] + ([title] if title else []), page=page,
                  annex=annex.number)
    state.sections.append(sec)
    state.stack.append(_Open(-1, "annex", annex.number, sec))


def _heading_title(block: Block, num: Numbering) -> tuple[str, str | None]:
    """(title, content): a numbered paragraph is a heading, a heading with inline content, or content."""
    if block.heading or block.bold or not num.rest.strip(" .:"):
        return num.rest.rstrip(" :"), None
    if block.lead and block.lead.startswith(num.number):
        lead_num = classify(block.lead)
        title = (lead_num.rest if lead_num else block.lead).strip().rstrip(" :")
        return title, block.text
    short = not _SENT_END.search(num.rest)
    if num.kind in ("phan", "chuong", "muc", "dieu", "roman") and short and len(num.rest) <= 200:
        return num.rest, None
    # words, not the dashes between them ("Phần tư vấn khối ngành Kinh tế - Chính trị - Pháp luật" is 11 words)
    words = [w for w in num.rest.split() if any(c.isalnum() for c in w)]
    if short and len(num.rest) <= 90 and (_is_upper_title(num.rest) or len(words) <= 12):
        return num.rest, None
    return "", block.text


def _frame_tables_as_lines(blocks: list[Block]) -> list[Block]:
    """The header and the signature block laid out as a borderless table (DOCX, plain text saved from Word:
    issuer | motto, number | place and date; "Nơi nhận" | "KT. HIỆU TRƯỞNG … name") read as lines, column
    after column, so that the metadata reader sees them as in any other layout."""
    out: list[Block] = []
    for b in blocks:
        if b.kind != "table" or not (looks_like_header_table(b.rows) or looks_like_closing_table(b.rows)):
            out.append(b)
            continue
        width = max(len(r) for r in b.rows)
        for col in range(width):
            for i, row in enumerate(b.rows):
                cell = row[col].strip() if col < len(row) else ""
                if not cell:
                    continue
                m = _CELL_BULLET.match(cell)
                bold = b.row_bold[i] if i < len(b.row_bold) else False
                out.append(Block(kind="para", text=cell[m.end():] if m else cell, bullet=m.group(1) if m else "",
                                 bold=bold, page=b.page, ocr=b.ocr, ocr_conf=b.ocr_conf))
    return out


def _numbered_annex(text: str, block: Block) -> re.Match[str] | None:
    """'5. PHỤ LỤC' (a heading numbered like the sections before it): the annex, not a section 5."""
    num = classify(text)
    if num is None or not (block.heading or block.bold) or len(text) > 200:
        return None
    am = _ANNEX.match(num.rest)
    return am if am and num.rest[:7].isupper() else None


def _push_heading(state: _State, title: str, page: int | None, in_annex: bool,
                  ocr_conf: float | None = None) -> Section:
    """An unnumbered heading's section, opened half a rank below the section it is under."""
    parent = state.stack[-1] if state.stack else None
    base = parent.section if parent else None
    loc = (base.locator + "/" if base else "") + "h-" + fold(title)[:24].strip().replace(" ", "-")
    new = Section(locator=_unique(state, loc), label=(base.label + " › " if base else "") + title[:60], title=title,
                  titles=(base.titles if base else []) + [title], depth=len(state.stack), page=page,
                  annex=state.annexes[-1].number if in_annex else None, ocr_conf=ocr_conf)
    state.sections.append(new)
    state.stack.append(_Open((parent.rank + 0.5) if parent else 0.5, "heading", "", new))
    return new


def _is_motto(text: str) -> bool:
    return bool(vocab.META_MOTTO.match(text) or vocab.META_MOTTO_F.fullmatch(fold(text).strip()))


def _header_line(text: str) -> bool:
    """A line of a document's header block: its number, the motto, its place and date, an organisation in capitals."""
    f = fold(text).strip()
    return bool(_is_motto(text) or vocab.META_NUMBER_F.match(f) or vocab.META_PLACE_DATE_F.search(f)
                or (_is_upper_title(text) and len(text) <= 60 and text.upper() not in vocab.META_DOC_TYPES))


def _start_attached(state: _State, text: str) -> None:
    """The motto after the body began: another document's header ("Độc lập - Tự do - Hạnh phúc" of a guide attached
    to its cover letter, of a form in an annex), never a heading. The header lines just read as headings (its
    organisation "VĂN PHÒNG", its "Số: …") are taken back: sections without a paragraph at the top of the stack."""
    lines = [text]
    while state.sections and not state.sections[-1].paragraphs and not state.sections[-1].number \
            and _header_line(state.sections[-1].title):
        sec = state.sections.pop()
        state.stack = [o for o in state.stack if o.section is not sec]
        state.locators.discard(sec.locator)
        lines.insert(0, sec.title)
    state.attached, state.attached_title = lines, ""


def _attached_line(state: _State, text: str) -> bool:
    """A line of the attached document's header, kept for its section (False: its body begins)."""
    assert state.attached is not None
    f = fold(text).strip()
    after_motto = any(_is_motto(line) for line in state.attached)
    # its subject ("Về việc …"), its kind ("HƯỚNG DẪN"), or the title in capitals under the motto ("ĐƠN ĐỀ NGHỊ …")
    placeholder = len(re.findall(r"[^\W\d_]{2,}", re.sub(r"^(?i:về việc|v/v)", "", text))) < 2  # "V/v …(3)…" of a form
    if not state.attached_title and not placeholder and (re.match(r"^(ve viec|v/v)\b", f) or text.strip().upper() in vocab.META_DOC_TYPES
                                     or (after_motto and _is_upper_title(text) and not _is_motto(text)
                                         and not vocab.META_NUMBER_F.match(f) and len(text) < 200)):
        state.attached_title = re.sub(r"^(?i:về việc|v/v)\s*:?\s*", "", text.strip()) or text.strip()
        state.attached.append(text)
        return True
    if _header_line(text) and len(text) <= 120:
        state.attached.append(text)
        return True
    return False


def _open_attached(state: _State, page: int | None, in_annex: bool) -> None:
    """The attached document's section: titled by its subject ("Hướng dẫn xây dựng và thực hiện kế hoạch rà soát …"),
    its header lines its first paragraph, at the top level (inside the annex that holds it, if any)."""
    lines, title = state.attached or [], state.attached_title
    state.attached, state.attached_title = None, ""
    while state.stack and state.stack[-1].kind != "annex":
        state.stack.pop()
    new = _push_heading(state, title or vocab.ATTACHED_DOCUMENT, page, in_annex)
    new.paragraphs.append(Paragraph(text="\n".join(lines), page=page))


def recover(blocks: list[Block], doc: str, source: str) -> ParsedDocument:
    state = _State(doc=doc)
    meta = MetaCollector()
    started = False
    for block in split_inline_items(_frame_tables_as_lines(blocks)):
        if block.kind == "footnote":
            state.footnotes[block.number] = block.text
            continue
        if block.kind == "table":
            _add_table(state, block)
            continue
        text = block.text.strip()
        if not text:
            continue
        # only the paragraph right before a table introduces it (a heading is the table's title already)
        state.lead_in = text.rstrip(" :") if (text.endswith(":") and len(text) <= vocab.TABLE_LEAD_MAX_CHARS
                                             and not block.heading and classify(text) is None) else ""
        am = _ANNEX.match(text) or _numbered_annex(text, block)
        if am and (am.group(1) or block.bold or block.heading) and am.string[:8].isupper() and (
                block.bold or block.heading or len(text) < 200):
            _open_annex(state, am.group(1) or "", am.group(2), block.page)
            state.sections[-1].ocr_conf = block.ocr_conf
            meta.end_closing()
            if state.annexes[-1].note:
                meta.annex_note(state.annexes[-1].note)
            started = True
            continue
        in_annex = bool(state.stack) and state.stack[0].kind == "annex"
        if state.attached is not None:
            if _attached_line(state, text):
                continue
            _open_attached(state, block.page, in_annex)
        elif started and _is_motto(text):
            _flush_table(state)
            _start_attached(state, text)
            continue
        if in_annex and _NOTE.match(text) and not state.annexes[-1].note:
            state.annexes[-1].note = text
            meta.annex_note(text)
            continue
        if um := _UNIT.match(text):
            state.unit = um.group(1).strip().rstrip(".")
            continue
        if meta.consume(text, block, started):
            if meta.closing_started:
                _flush_table(state)
            if not meta.remainder:
                continue
            text = meta.remainder  # "Võ Thiện Cang Đính kèm: …": the name was metadata, the rest is text
            block = block.model_copy(update={"text": text, "bold": False, "heading": False, "lead": ""})
        num = classify(text)
        if num and (num.kind != "roman" or block.bold or block.heading or len(num.rest) < 200):
            _flush_table(state)
            started = True
            title, content = _heading_title(block, num)
            sec = _open_section(state, num, title, block.page)
            sec.ocr_conf = block.ocr_conf
            if content:
                sec.paragraphs.append(Paragraph(text=content, page=block.page, bullet=block.bullet,
                                                ocr_conf=block.ocr_conf))
            continue
        if (block.heading or (block.bold and not _bold_sentence(text)) or _is_upper_title(text)) and \
                not block.bullet and len(text) < 200:
            top = state.stack[-1] if state.stack else None
            open_sec = top.section if top else None
            if open_sec is not None and not open_sec.title and not open_sec.paragraphs:
                # "PHẦN I" followed by its title on the next line.
                if top and top.kind == "annex" and not state.annexes[-1].note:
                    # "TRIỂN KHAI NHIỆM VỤ … (Kèm theo Kế hoạch số …)": the note is not the title
                    nm = re.match(r"^(.*?)\s*(\([^)]*\))\s*(.*)$", text, re.S)
                    if nm and _NOTE.match(nm.group(2)) and nm.group(1).strip():
                        state.annexes[-1].note = nm.group(2)
                        meta.annex_note(nm.group(2))
                        text = (nm.group(1) + " " + nm.group(3)).strip()
                open_sec.title = text.rstrip(" :")
                open_sec.titles = open_sec.titles + [open_sec.title]
                open_sec.ocr_conf = mean_conf([(open_sec.ocr_conf, len(open_sec.label)), (block.ocr_conf, len(text))])
                if top and top.kind == "annex":
                    state.annexes[-1].title = open_sec.title
                continue
            if started:
                _flush_table(state)
                while state.stack and state.stack[-1].kind == "heading":
                    state.stack.pop()
                # "Nội dung 3. …" after the items of "Nội dung 2: …" is the next of its series, not under its last item
                series = _series(text)
                same = [i for i, o in enumerate(state.stack) if o.kind == "heading" and series
                        and _series(o.section.title) == series]
                if same:
                    del state.stack[same[-1]:]
                # half a rank below the section it is under, whatever headings came before it there: a run of
                # unnumbered headings ranked each below the one before, so the numbered items after the fourth
                # ("1. Mục tiêu đào tạo" after "Nội dung 2: Đào tạo giáo viên") closed it instead of going under it
                _push_heading(state, text, block.page, in_annex, block.ocr_conf)
                continue
        started = True
        _add_paragraph(state, block, text)
    if state.attached is not None:
        _open_attached(state, None, bool(state.stack) and state.stack[0].kind == "annex")
    _flush_table(state)
    _attach_footnotes(state)
    body = [p.text for sec in state.sections for p in sec.paragraphs]
    return ParsedDocument(doc=doc, source=source, meta=signer_as_named(meta.result(), body), sections=state.sections,
                          annexes=state.annexes, tables=state.tables)


def _attach_footnotes(state: _State) -> None:
    """Footnote texts go to the paragraph that cites them, not where the page layout left them."""
    for sec in state.sections:
        for p in sec.paragraphs:
            for ref in _FOOTREF.findall(p.text):
                n = ref.translate(_SUPER)
                if n in state.footnotes:
                    p.footnotes.append(f"{ref} {state.footnotes[n]}")
