"""Records of the ingest pipeline.

Readers turn a file into a flat list of `Block`s (paragraphs, footnotes, tables) with page numbers.
Structure recovery turns blocks into a `ParsedDocument` (metadata, section tree, annex tables).
Chunking turns that into `Unit`s: the citable, indexable pieces. A unit's citation is attached once,
when the unit is made, and travels with it.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, Field

BlockKind = Literal["para", "footnote", "table"]


class Block(BaseModel):
    """One thing a reader saw, in reading order. Text has markup removed but words untouched."""

    kind: BlockKind
    text: str = ""
    page: int | None = None
    # The reader's hints about emphasis: the whole paragraph is a heading (Markdown '#', DOCX heading
    # style) or bold; `lead` is a leading bold/italic span ("1. Mục tiêu chung:") when there is one.
    heading: bool = False
    bold: bool = False
    lead: str = ""
    bullet: str = ""  # "-", "+", "•" when the paragraph is a list item
    number: str = ""  # for footnotes: the footnote's number
    rows: list[list[str]] = Field(default_factory=list)  # for tables: cell texts
    row_bold: list[bool] = Field(default_factory=list)  # for tables: every non-empty cell of the row is bold
    # Read by OCR from a page image (ingest/ocr/), with Tesseract's mean word confidence (0-100).
    ocr: bool = False
    ocr_conf: float | None = None


class DocMeta(BaseModel):
    """Document-level facts. Blank in the source means None here: never invented."""

    doc_type: str | None = None  # "KẾ HOẠCH", "QUYẾT ĐỊNH", ...
    title: str = ""
    number: str | None = None  # "70/KH-SGDĐT"; None when the source leaves the number blank
    number_suffix: str | None = None  # "/KH-SGDĐT" as printed, even when the number itself is blank
    issuer: str | None = None
    issuer_parent: str | None = None  # the header's organisation above the issuer ("SỞ GD&ĐT …" over a school)
    place: str | None = None
    date: str | None = None  # ISO date when day, month and year are all given
    year: int | None = None
    month: int | None = None  # when given, even with the day left blank ("ngày    tháng 11 năm 2025")
    date_text: str | None = None  # the place-and-date line as printed
    signer: str | None = None
    signer_title: str | None = None
    # a joint document's other signatures ("kế hoạch liên tịch": one per issuing body), name and title each
    co_signers: list[str] = Field(default_factory=list)
    co_signer_titles: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    addressees: list[str] = Field(default_factory=list)  # "Kính gửi: - Các sở, ban, ngành; - UBND các huyện"
    # what an annex says of its own document when it disagrees with the header ("(Kèm theo Nghị định số
    # 66/2025/NĐ-CP Ngày 12 tháng 3 năm 2025 …)" under a header "Số: 60/2025/NĐ-CP"): a figure to fix
    other_refs: list[str] = Field(default_factory=list)


class Paragraph(BaseModel):
    text: str
    page: int | None = None
    bullet: str = ""
    footnotes: list[str] = Field(default_factory=list)  # "¹ Công văn số 1162/UBND-KT ..."
    ocr_conf: float | None = None  # set when read by OCR: mean word confidence (0-100)


class Section(BaseModel):
    locator: str  # stable machine path, e.g. "P.II/I/2/a"
    label: str  # human path, e.g. "Phần II › I.2.a"
    number: str = ""  # "a", "2.1", "II"
    title: str = ""
    titles: list[str] = Field(default_factory=list)  # titles of the ancestors and itself
    depth: int = 0
    page: int | None = None
    annex: str | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)
    ocr_conf: float | None = None  # of the heading, when read by OCR


class Row(BaseModel):
    annex: str | None
    table_no: int
    position: int  # 1-based position among the table's data rows (tie breaker)
    stt: str  # as printed, "" when the row has none
    occurrence: int = 1  # 2 when an earlier row of the same group carries the same STT
    group_path: list[str] = Field(default_factory=list)  # STTs of the group rows above
    group_titles: list[str] = Field(default_factory=list)
    title: str = ""  # group rows only: the group's own title ("HUYỆN X"), whichever column printed it
    belongs_to: str = ""  # the groups that name the row in its label ("HUYỆN X"), said in its unit's text too
    cells: dict[str, str]  # column header -> verbatim cell text
    values: dict[str, float] = Field(default_factory=dict)  # typed numbers read the Vietnamese way
    is_total: bool = False
    page: int | None = None
    pages: list[int] = Field(default_factory=list)
    merged_from: int = 1  # 2 when a fragment after a page break was merged back
    locator: str = ""
    label: str = ""
    ocr_conf: float | None = None  # set when the table was read by OCR


class Table(BaseModel):
    annex: str | None
    annex_title: str = ""
    table_no: int
    title: str = ""
    unit_of_measure: str | None = None  # "triệu đồng"
    columns: list[str]
    rows: list[Row] = Field(default_factory=list)
    groups: list[Row] = Field(default_factory=list)
    page: int | None = None
    section_locator: str | None = None

    @property
    def items(self) -> list[Row]:
        return [r for r in self.rows if not r.is_total]

    @property
    def totals(self) -> list[Row]:
        return [r for r in self.rows if r.is_total]


class Annex(BaseModel):
    number: str  # "IV"
    title: str = ""
    note: str = ""  # "(Kèm theo Kế hoạch số ...)"
    page: int | None = None


class Citation(BaseModel):
    """The contract's Citation: where an answer comes from."""

    id: str
    doc: str
    doc_title: str
    kind: str
    label: str
    locator: str
    page: int | None = None
    text: str
    # Read by OCR from a scan (extra keys; the contract allows them): the label says so too.
    ocr: bool = False
    ocr_conf: float | None = None


def mean_conf(pairs: list[tuple[float | None, int]]) -> float | None:
    """OCR confidence of joined pieces: (confidence, text length) pairs, weighted by length; None when
    no piece was read by OCR."""
    read = [(c, max(n, 1)) for c, n in pairs if c is not None]
    return round(sum(c * n for c, n in read) / sum(n for _, n in read), 1) if read else None


def ocr_note(page: int | None, conf: float | None) -> str:
    """' (OCR, tr. 3, độ tin cậy 86%)': what a citation of a scanned page adds to its label."""
    parts = ["OCR"] + ([f"tr. {page}"] if page else []) + ([f"độ tin cậy {conf:.0f}%"] if conf is not None else [])
    return f" ({', '.join(parts)})"


class Unit(BaseModel):
    id: str
    doc: str
    doc_title: str
    kind: Literal["section", "row", "total", "meta"]
    locator: str
    label: str
    page: int | None = None
    text: str  # verbatim, for quoting
    embed_text: str  # heading path + text, for indexing
    metadata: dict[str, str | int | float | bool] = Field(default_factory=dict)  # flat, for Chroma
    # Rows only: the cells by column and their typed numbers, for questions over tables as data.
    cells: dict[str, str] = Field(default_factory=dict)
    values: dict[str, float] = Field(default_factory=dict)
    group_titles: list[str] = Field(default_factory=list)

    def citation(self) -> Citation:
        """The one place a citation is made from a unit. A unit read by OCR says so in its label, with
        its page and confidence: "Phần I › II.1 (OCR, tr. 3, độ tin cậy 86%)"."""
        ocr = bool(self.metadata.get("ocr", False))
        conf = self.metadata.get("ocr_conf")
        conf_f = float(conf) if isinstance(conf, int | float) and not isinstance(conf, bool) else None
        return Citation(
            id=self.id,
            doc=self.doc,
            doc_title=self.doc_title,
            kind=self.kind,
            label=self.label + (ocr_note(self.page, conf_f) if ocr else ""),
            locator=self.locator,
            page=self.page,
            text=self.text,
            ocr=ocr,
            ocr_conf=conf_f,
        )


def unit_id(doc: str, locator: str, text: str) -> str:
    """Content-hash id: unchanged input gives the same id; a changed unit gets a new one."""
    return hashlib.sha256(f"{doc}\x1f{locator}\x1f{text}".encode()).hexdigest()[:24]


class ParsedDocument(BaseModel):
    doc: str
    source: str  # file name as given
    meta: DocMeta
    sections: list[Section] = Field(default_factory=list)
    annexes: list[Annex] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    pages: int | None = None
    ocr: bool = False  # the text was read by OCR from page images
    # 1-based pages that could not be read (a damaged page; an image or a broken text layer with OCR off).
    unreadable_pages: list[int] = Field(default_factory=list)

    @property
    def title(self) -> str:
        return self.meta.title or self.source

    @property
    def rows(self) -> list[Row]:
        return [r for t in self.tables for r in t.rows]
