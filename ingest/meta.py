"""Document metadata from the header and the signature block: type, title, number, issuer, place,
date, signer, recipients. What the source leaves blank stays None ("Số: /KH-SGDĐT" has no number)."""

from __future__ import annotations

import re
from datetime import date

from ingest.models import Block, DocMeta

DOC_TYPES = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "ĐỀ ÁN", "THÔNG TƯ", "NGHỊ ĐỊNH", "CHỈ THỊ",
             "BÁO CÁO", "CÔNG VĂN", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "LUẬT", "THÔNG BÁO", "TỜ TRÌNH")
_NUMBER = re.compile(r"^Số\s*:\s*(\S*?)\s*(/[\w\-Đđ]+(?:-[\w\-Đđ]+)*)?\s*$", re.I)
_PLACE_DATE = re.compile(r"^([^,]{2,40}),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})?\s*$", re.I)
_MOTTO = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|Độc lập\s*-)", re.I)
_SIGNER_TITLE = re.compile(
    r"^(KT\.|TM\.|TL\.|Q\.|KT|TM)?\s*(PHÓ\s+)?(GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG PHÒNG|HIỆU TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|"
    r"TRƯỞNG BAN|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHÁNH VĂN PHÒNG|TỔNG GIÁM ĐỐC)\b", re.I)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?$", re.I)
_ISSUER_NOTE = re.compile(r"của\s+(.+?)\s*\)?\s*$", re.S)


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class MetaCollector:
    """Fed the paragraphs in order; keeps the ones that are metadata."""

    def __init__(self) -> None:
        self.meta = DocMeta()
        self._issuers: list[str] = []
        self._title: list[str] = []
        self._in_recipients = False
        self._signer_next = False
        self.closing_started = False

    def consume(self, text: str, block: Block, started: bool) -> bool:
        if _RECIPIENTS.match(text):
            self._in_recipients = self.closing_started = True
            return True
        if self._in_recipients:
            if block.bullet:
                self.meta.recipients.append(text.rstrip(";,. "))
                return True
            self._in_recipients = False
        if self.closing_started or started:
            if _SIGNER_TITLE.match(text) and _upper(text) and len(text) < 80:
                self.meta.signer_title = f"{self.meta.signer_title} {text}".strip() if self.meta.signer_title else text
                self._signer_next = True
                return True
            short = (block.bold or block.heading or len(text.split()) <= 6) and len(text) < 60
            if self._signer_next and short and not _upper(text) and not text.endswith((".", ":", ";")):
                self.meta.signer = text
                self._signer_next = False
                return True
        if started:
            return False
        return self._header(text, block)

    def _header(self, text: str, block: Block) -> bool:
        from ingest.numbering import classify

        if classify(text) is not None:
            return False
        if _MOTTO.match(text):
            return True
        if m := _NUMBER.match(text):
            digits = m.group(1).strip("/ ")
            suffix = m.group(2) or ""
            self.meta.number = f"{digits}{suffix}" if digits else None
            self.meta.number_suffix = suffix or None
            return True
        if m := _PLACE_DATE.match(text):
            self.meta.place = m.group(1).strip()
            day, month, year = m.group(2), m.group(3), m.group(4)
            self.meta.year = int(year) if year else None
            if day and month and year:
                try:
                    self.meta.date = date(int(year), int(month), int(day)).isoformat()
                except ValueError:
                    self.meta.date = None
            return True
        if text.upper() in DOC_TYPES and self.meta.doc_type is None:
            self.meta.doc_type = text.upper()
            return True
        if self.meta.doc_type is None and _upper(text) and len(text) < 120:
            self._issuers.append(text)
            return True
        if self.meta.doc_type is not None and (block.heading or block.bold or text.startswith(("Về việc", "V/v"))):
            self._title.append(text)
            return True
        return False

    def annex_note(self, note: str) -> None:
        """"(Kèm theo Kế hoạch số /KH-SGDĐT ... của Sở Giáo dục và Đào tạo)" names the issuer."""
        if self.meta.issuer is None and not self._issuers and (m := _ISSUER_NOTE.search(note)):
            self.meta.issuer = m.group(1).strip(" )")

    def end_closing(self) -> None:
        self._in_recipients = False
        self._signer_next = False
        self.closing_started = False

    def result(self) -> DocMeta:
        meta = self.meta.model_copy()
        if self._issuers and meta.issuer is None:
            meta.issuer = self._issuers[-1]
        parts = ([meta.doc_type.capitalize()] if meta.doc_type else []) + self._title
        meta.title = " ".join(parts).strip()
        return meta
