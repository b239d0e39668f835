"""Units for retrieval: a few sentences of one section, or one annex row. Each carries its citation.

A narrative unit never crosses a section boundary. A bullet that introduces sub-items ("Trong đó:")
travels with them when they fit. Long paragraphs are cut at sentence boundaries (underthesea).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest import vocab
from ingest.models import DocMeta, Paragraph, ParsedDocument, Row, Section, Table, Unit, mean_conf, unit_id
from ingest.tables import numbered_column
from ingest.tags import level_from_cell, levels_of, roles_of, tag_metadata
from ingest.text import fold

MAX_CHARS = 700
MAX_SENTENCES = 4


_COLUMN_PATTERNS = {key: re.compile(r"(?:\b|^)(?:" + "|".join(needles) + r")\b")
                    for key, needles in vocab.COLUMN_KEYS.items()}


def column_key(header: str) -> str | None:
    """The role of an annex column from its header (ingest.vocab.COLUMN_KEYS, tried in order)."""
    f = fold(header).strip()
    for key, pattern in _COLUMN_PATTERNS.items():
        if pattern.search(f):
            if key == "amount" and vocab.NOT_AMOUNT in f:
                continue
            return key
    return None


def _sentences(text: str) -> list[str]:
    from underthesea import sent_tokenize

    return [s.strip() for s in sent_tokenize(text) if s.strip()] or [text]


def _hard_wrap(sentence: str) -> list[str]:
    """A 'sentence' longer than a unit (no punctuation at all) is cut at spaces, or anywhere."""
    if len(sentence) <= MAX_CHARS:
        return [sentence]
    out, rest = [], sentence
    while len(rest) > MAX_CHARS:
        cut = rest.rfind(" ", MAX_CHARS // 2, MAX_CHARS)
        cut = cut if cut > 0 else MAX_CHARS
        out.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    return out + ([rest] if rest else [])


def _pieces(p: Paragraph) -> Iterator[str]:
    """A paragraph as one piece, or cut into sentence windows when long."""
    if len(p.text) <= MAX_CHARS:
        yield p.text
        return
    window: list[str] = []
    # underthesea on megabytes is slow: a huge paragraph is cut at sentence marks by a plain regex.
    sentences = _sentences(p.text) if len(p.text) <= 200_000 else re.split(r"(?<=[.!?…])\s+", p.text)
    for s in (piece for sent in sentences for piece in _hard_wrap(sent)):
        if window and (len(" ".join(window + [s])) > MAX_CHARS or len(window) >= MAX_SENTENCES):
            yield " ".join(window)
            window = []
        window.append(s)
    if window:
        yield " ".join(window)


def _lead(text: str) -> str:
    """'Về quy mô hoạt động dạy học trực tuyến: 60% ...' -> 'Về quy mô hoạt động dạy học trực tuyến'."""
    head, sep, _ = text.partition(":")
    return head.strip() if sep and len(head) <= 80 else ""


Chunk = tuple[str, list[str], int | None, str, float | None]


def _section_chunks(sec: Section) -> Iterator[Chunk]:
    """(text, footnotes, page, context lead, OCR confidence or None) for each unit of a section."""
    buf: list[Paragraph] = []
    # the last paragraph that announces items ("Tuần 2 (22-28/11) – Giai đoạn “Hình thành ý tưởng”:"): the items
    # after it that do not fit its unit carry it as their context, so "tuần 2 có những hoạt động gì" finds them too
    announced = ""

    def flush() -> Iterator[Chunk]:
        if not buf:
            return
        text = "\n".join(("- " if p.bullet == "-" else f"{p.bullet} " if p.bullet else "") + p.text for p in buf)
        conf = mean_conf([(p.ocr_conf, len(p.text)) for p in buf])
        lead = announced if buf[0].bullet else ""
        yield text, [f for p in buf for f in p.footnotes], buf[0].page, lead, conf
        buf.clear()

    for p in sec.paragraphs:
        intro = buf and buf[-1].text.rstrip().endswith(":")
        sub = p.bullet == "+" or (intro and bool(p.bullet) and p.bullet != (buf[0].bullet if buf else ""))
        size = sum(len(x.text) for x in buf) + len(p.text)
        if buf and (sub or intro) and size <= MAX_CHARS * 1.5:
            buf.append(p)
            continue
        yield from flush()
        if not p.bullet:  # a new announcement, or none: the items after it are not the last one's
            said = p.text.rstrip()
            announced = said[:-1].strip() if said.endswith(":") and len(said) <= vocab.ANNOUNCEMENT_MAX_CHARS else ""
        if len(p.text) <= MAX_CHARS:
            buf.append(p)
            continue
        lead = _lead(p.text)
        for k, piece in enumerate(_pieces(p)):
            yield piece, p.footnotes if k == 0 else [], p.page, lead if k > 0 else "", p.ocr_conf
    yield from flush()


def carried_lead(unit: Unit) -> str:
    """The announcement a section unit's items carry as their context when they did not fit its unit ("c) Tuyển
    thẳng vào trường PTDTNT các đối tượng sau" over "- Học sinh trung học cơ sở … đạt giải cấp quốc gia …"), or
    the head of the long paragraph a piece was cut from; "" when the unit carries none. Read back from `embed_text`,
    whose second line it is (`section_units`): the unit keeps no other copy."""
    lines = unit.embed_text.split("\n", 2)
    if unit.kind != "section" or len(lines) < 3 or unit.text.startswith(lines[1]):
        return ""
    return lines[1].strip()


def _heading_line(sec: Section) -> str:
    """The section's own heading as printed ("b) Văn phòng Sở"), so a cited passage says what it is about."""
    if not sec.title or len(sec.title) > 160 or sec.locator.startswith("PL."):
        return ""
    number = sec.number
    if not number:
        return sec.title
    if "/" not in sec.locator:  # PHẦN / Chương
        return f"{sec.label}. {sec.title}"
    sep = ")" if len(number) == 1 and number.islower() else "."
    return f"{number}{sep} {sec.title}"


def section_units(doc: ParsedDocument, sec: Section) -> list[Unit]:
    units = []
    chunks = list(_section_chunks(sec))
    head = _heading_line(sec)
    if chunks and head and fold(sec.title)[:30] not in fold(chunks[0][0]):
        text, footnotes, page, lead, conf = chunks[0]
        chunks[0] = (f"{head}\n{text}", footnotes, page, lead, conf)
    for k, (text, footnotes, page, lead, conf) in enumerate(chunks, start=1):
        full = text + ("\n" + "\n".join(footnotes) if footnotes else "")
        locator = sec.locator + (f"#{k}" if len(chunks) > 1 else "")
        path = " › ".join(sec.titles)
        embed = "\n".join(x for x in (sec.label + (": " + path if path else ""), lead, full) if x)
        ctx = " ".join(sec.titles) + " " + text
        md: dict[str, str | int | float | bool] = {
            "section": sec.locator, "section_title": sec.title[:200], "path": path[:500], "annex": sec.annex or "",
        }
        md.update(tag_metadata(roles_of(ctx), levels_of(ctx)))
        md.update(_ocr_metadata(conf))
        units.append(_unit(doc, "section", locator, sec.label, page or sec.page, full, embed, md))
    return units


def row_text(row: Row, unit_of_measure: str | None = None, blank_form: bool = False) -> str:
    """'Tên trường: THPT Lai Vung 1; Cấp học: …'; an amount column names its unit ("triệu đồng"). `blank_form`: a
    row of a form left to fill in, its empty columns written "…" (else its columns would be nowhere in the text)."""
    def name(h: str) -> str:
        return f"{h} ({unit_of_measure})" if unit_of_measure and column_key(h) == "amount" else h

    text = "; ".join(f"{name(h)}: {v if v.strip() else vocab.BLANK_CELL}" for h, v in row.cells.items()
                     if v.strip() or blank_form)
    # "Trường Y thuộc huyện nào?": the district the row sits under is part of what is quoted
    return f"{text}; Thuộc: {row.belongs_to}" if text and row.belongs_to else text


def blank_form(table: Table) -> bool:
    """A form to fill in ("Phụ lục 1.2. Các hoạt động … | Tháng | Chủ điểm | … |" over rows "Tháng …" and empty
    cells): named columns, every row holding at most its first cell. Its rows are all the text has of its columns."""
    columns = list(table.rows[0].cells) if table.rows else []
    return len(columns) >= vocab.BLANK_FORM_MIN_COLUMNS and \
        not any(numbered_column(c) for c in columns) and \
        all(sum(1 for v in r.cells.values() if v.strip()) <= 1 for r in table.rows)


def row_units(doc: ParsedDocument, table: Table) -> list[Unit]:
    """A unit per row with text, and one per group row that carries figures of its own (a district with its
    subtotal): kind "total", metadata subtotal=True, so it is quoted but never counted as an item."""
    units = []
    subtotals = [g for g in table.groups if g.values]
    blank = blank_form(table)
    for row in table.rows + subtotals:
        subtotal = row in subtotals
        # (a form's total line, "Tổng cộng" over empty columns, is no row to fill: its columns are the rows')
        text = row_text(row, table.unit_of_measure, blank and not (row.is_total or subtotal)
                        and any(v.strip() for v in row.cells.values()))
        if not text:  # a row of blank cells says nothing: no unit (an empty passage could not be quoted)
            continue
        context = [f"Phụ lục {table.annex}" if table.annex else "", table.annex_title, table.title]
        context += [f"{s}. {t}" if s != t else t for s, t in zip(row.group_path, row.group_titles, strict=False)]
        ctx = " › ".join(dict.fromkeys(c for c in context if c))
        unit_note = f" (đơn vị tính: {table.unit_of_measure})" if table.unit_of_measure else ""
        embed = "\n".join(x for x in (ctx + unit_note, text) if x)
        md: dict[str, str | int | float | bool] = {
            "annex": table.annex or "", "table": table.table_no, "stt": row.stt, "position": row.position,
            "group": "/".join(row.group_path), "group_title": (row.group_titles[-1] if row.group_titles else "")[:200],
            "table_title": table.title[:200], "path": ctx[:500], "merged_from": row.merged_from,
        }
        levels: set[str] = set()
        for h, v in row.cells.items():
            key = column_key(h)
            if key in vocab.METADATA_COLUMN_KEYS and v.strip() and key not in md:
                md[key] = v[:300]
            if key == "level":
                levels |= level_from_cell(v)
        for h, val in row.values.items():
            if column_key(h) == "amount":
                md["amount_value"] = val
        if table.unit_of_measure:
            md["unit_of_measure"] = table.unit_of_measure
        if not levels:
            levels = levels_of(ctx + " " + text)
        md.update(tag_metadata(roles_of(ctx + " " + text), levels))
        md.update(_ocr_metadata(row.ocr_conf))
        if subtotal:
            # listed after the table's own rows and total: readers that take a table's first "total" as the
            # total it states still find the grand total first
            md["position"] = len(table.rows) + subtotals.index(row) + 1
            md["subtotal"] = True
            md["group"] = "/".join(row.group_path + [row.stt or row.title])
            md["group_title"] = row.title[:200]
        kind = "total" if row.is_total or subtotal else "row"
        unit = _unit(doc, kind, row.locator, row.label, row.page, text, embed, md)
        unit.cells, unit.values = dict(row.cells), dict(row.values)
        unit.group_titles = list(row.group_titles) + ([row.title] if subtotal and row.title else [])
        units.append(unit)
    return units


def issue_date(m: DocMeta) -> str | None:
    """'07/06/2021 (ngày 07 tháng 06 năm 2021)'; a blank day or month said so: 'tháng 11 năm 2025 (chưa ghi
    ngày)', 'năm 2024 (chưa ghi ngày)'."""
    if m.date:
        y, mo, d = m.date.split("-")
        printed = re.search(r"ngày.*$", m.date_text or "")
        return f"{d}/{mo}/{y}" + (f" ({printed.group(0)})" if printed else "")
    if m.year and m.month:
        return f"tháng {m.month} năm {m.year} (chưa ghi ngày)"
    return f"năm {m.year} (chưa ghi ngày)" if m.year else None


def meta_unit(doc: ParsedDocument) -> Unit | None:
    """'Loại văn bản: …', 'Số: …', 'Cơ quan ban hành: …', 'Ngày ban hành: …', 'Người ký: …': the facts of the
    header and the signature, for the fact answerer to quote. Blank in the source: said so, never filled."""
    m = doc.meta
    facts = [("Loại văn bản", m.doc_type), ("Tên văn bản", m.title), ("Số", m.number or (f"(chưa ghi số){m.number_suffix}" if m.number_suffix else None)),
             ("Cơ quan ban hành", m.issuer), ("Cơ quan chủ quản", m.issuer_parent), ("Địa danh", m.place),
             ("Ngày ban hành", issue_date(m)),
             ("Người ký", m.signer), ("Chức vụ người ký", m.signer_title),
             *(("Người cùng ký", f"{n} ({t})" if t else n) for n, t in zip(m.co_signers, m.co_signer_titles, strict=False)),
             ("Kính gửi", "; ".join(m.addressees) if m.addressees else None),
             ("Nơi nhận", "; ".join(m.recipients) if m.recipients else None),
             *(("Phụ lục ghi khác", f"{r} (khác số hoặc ngày ở đầu văn bản)") for r in m.other_refs)]
    text = "\n".join(f"{k}: {v}" for k, v in facts if v)
    if not text:
        return None
    return _unit(doc, "meta", "meta", "Thông tin văn bản", None, text, text, {"section": "meta"})


def _ocr_metadata(conf: float | None) -> dict[str, str | int | float | bool]:
    """Flat keys of a unit read by OCR: ocr=True and its mean word confidence (0-100)."""
    return {} if conf is None else {"ocr": True, "ocr_conf": conf}


def _unit(doc: ParsedDocument, kind: str, locator: str, label: str, page: int | None, text: str, embed: str,
          md: dict[str, str | int | float | bool]) -> Unit:
    meta: dict[str, str | int | float | bool] = {"doc": doc.doc, "doc_title": doc.title[:300], "kind": kind,
                                                 "locator": locator, "label": label[:300]}
    if page is not None:
        meta["page"] = page
    if doc.ocr:  # every unit of a scanned document is OCR-derived, even one without a confidence (meta)
        meta["ocr"] = True
    meta.update({k: v for k, v in md.items() if v is not None})
    return Unit(id=unit_id(doc.doc, locator, text), doc=doc.doc, doc_title=doc.title, kind=kind,  # type: ignore[arg-type]
                locator=locator, label=label, page=page, text=text, embed_text=embed, metadata=meta)


def make_units(doc: ParsedDocument) -> list[Unit]:
    units: list[Unit] = []
    if (mu := meta_unit(doc)) is not None:
        units.append(mu)
    locators = [s.locator for s in doc.sections]
    for i, sec in enumerate(doc.sections):
        leaf = not any(loc.startswith(sec.locator + "/") for loc in locators[i + 1 :])
        if not sec.paragraphs and sec.title and leaf and not any(t.section_locator == sec.locator for t in doc.tables):
            # A numbered line read as a heading with nothing under it still says something: keep it.
            sec = sec.model_copy(update={"paragraphs": [Paragraph(text=sec.title, page=sec.page,
                                                                  ocr_conf=sec.ocr_conf)]})
        units.extend(section_units(doc, sec))
    for table in doc.tables:
        units.extend(row_units(doc, table))
    return units
