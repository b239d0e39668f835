"""Document metadata from the header and the signature block: type, title, number, issuer, place,
date, signer, recipients. What the source leaves blank stays None ("Số: /KH-SGDĐT" has no number,
"ngày    tháng 11 năm 2025" has no day).

The header and the signature block are two columns side by side on the page. A reader may give them as
separate lines (Markdown, OCR), as one line per page row with both columns glued together (a PDF text
layer: "ỦY BAN NHÂN DÂNCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: /QĐ-UBNDThành phố Hồ Chí Minh, ngày …"),
or as one text per table cell (DOCX, plain text saved from Word: "KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG (Đã ký)
Nguyễn Văn A"). Such a line is cut into pieces at the marks every layout has — the national motto, "Số:",
"<Place>, ngày … tháng … năm …", "Nơi nhận:", "KT./TM./TL. <TITLE>", "(Đã ký)" — and each piece is read
on its own. The marks are read on the accent-free form, spaces optional, since text layers drop spaces.
"""

from __future__ import annotations

import re
from datetime import date

from ingest import vocab
from ingest.models import Block, DocMeta
from ingest.text import fold, nfc

DOC_TYPES = vocab.META_DOC_TYPES  # under its old name


def _signer_title(text: str) -> int:
    """Length of the signer's title `text` starts with (0 when none); the title must be in capitals."""
    t, f = _folded(_clean(text))
    m = vocab.META_SIGNER_TITLE_F.match(f) if f else None
    return m.end() if m and _upper(t[: m.end()]) else 0


def _clean(text: str) -> str:
    """An OCR speck before or after a line of the frame removed: "/⁄ _ỦY BAN NHÂN DÂN" -> "ỦY BAN NHÂN DÂN"."""
    # spacing modifier letters ("ˆ", "ˇ", U+02B0-02FF) count as words to `\w` but are OCR specks here
    return re.sub(r"^(?:[^\w(]|_|[\u02b0-\u02ff])+|(?:[^\w).]|_|[\u02b0-\u02ff])+$", "", text.strip())


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _mostly_upper(text: str) -> bool:
    """Capitals but for OCR specks: "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG me I"."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _folded(text: str) -> tuple[str, str]:
    """(NFC text, its accent-free lowercase form of the same length); the form is "" when they differ."""
    t = nfc(text)
    f = fold(t)
    return t, f if len(f) == len(t) else ""


def _number_end(text: str, start: int) -> int:
    """End of "Số: 123/KH-UBND" from `start` (just after the colon): the number and its code, which stop at a
    space or where a word in ordinary case is glued on ("…/KH-SGDĐTThành phố")."""
    i = start
    while i < len(text) and text[i] == " ":
        i += 1
    j = i
    while j < len(text) and not text[j].isspace():
        if j + 1 < len(text) and text[j].isupper() and text[j + 1].islower() and j > i and "/" in text[i:j]:
            break
        j += 1
    # "Số: 54 /UBND-KT" and "Số: 54/UBND- KSTTHC": the parts of a code cut by a space belong to it
    k = j
    while k < len(text) and text[k] == " ":
        k += 1
    if k < len(text) and ((text[k] == "/" and "/" not in text[i:j]) or (text[j - 1:j] == "-" and text[k].isupper())):
        return _number_end(text, k)
    return j


def split_frame_line(text: str) -> list[str]:
    """A header or signature line cut at the marks of the two-column frame (see the module docstring)."""
    t, f = _folded(text)
    if not f:
        return [text]
    cuts: set[int] = set()
    for m in vocab.META_MOTTO_F.finditer(f):
        cuts |= {m.start(), m.end()}
    for m in vocab.META_NUMBER_F.finditer(f):
        if t[m.start()] == "S":
            cuts |= {m.start(), _number_end(t, m.end())}
    for pat in (vocab.META_RECIPIENTS_F, vocab.META_ATTACHED_F):
        for m in pat.finditer(f):
            if t[m.start()].isupper():
                cuts |= {m.start(), m.end()}
    for m in vocab.META_SIGNED_F.finditer(f):
        cuts |= {m.start(), m.end()}
    for m in vocab.META_SIGN_PREFIX_F.finditer(f):
        if t[m.start()].isupper() and t[m.end()].isupper():
            end = m.end()
            while end < len(t) and (t[end].isupper() or t[end] in " ."):  # the title in capitals
                end += 1
            while end > m.end() and t[end - 1] != " " and end < len(t) and t[end].isalpha():
                end -= 1  # "CHỦ TỊCHThường": the capital that starts the next word is not the title's
            cuts |= {m.start(), end}
            # "KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG" (one DOCX cell): the deputy's own title is a second piece
            first = m.start() + _signer_title(t[m.start():end])
            rest = first + len(t[first:end]) - len(t[first:end].lstrip())
            if first > m.start() and rest < end and _signer_title(t[rest:end]):
                cuts.add(rest)
    # "…(để t/h);PHÓ GIÁM ĐỐC -UBND …": a signer's title glued after a recipient
    for start, n in _titles_after_recipient(t, f):
        cuts |= {start, start + n}
    pieces: list[str] = []
    last = 0
    for c in sorted(cuts | {len(t)}):
        if c > last:
            pieces.append(t[last:c])
        last = c
    # the place-date closes its piece: "THÀNH PHỐ HỒ CHÍ MINHHà Nội, ngày…" cannot be told apart, but
    # "Độc lập - Tự do - Hạnh phúc Hà Nội, ngày …" has been cut at the motto already.
    return [p.strip(" _|") for p in pieces if p.strip(" -–—_|")]


def _titles_after_recipient(t: str, f: str) -> list[tuple[int, int]]:
    """(start, length) of each signer title glued after a recipient (`t` the line, `f` its folded form): "Ban Tuyên
    giáo (để b/c); PHÓ GIÁM ĐỐC", and "- Lưu: VT. HIỆU TRƯỞNG" after the last recipient's full stop (a plain-text
    export runs the two columns' last lines into one; never "KT. HIỆU TRƯỞNG", whose full stop ends a prefix)."""
    found = []
    last = _LAST_RECIPIENT.search(f)  # (once: a 10 MB line is read in linear time)
    for m in re.finditer(r";\s*|(?<=\w)\.\s*", t):
        if m.group().startswith(".") and (last is None or m.start() < last.end()):
            continue
        if n := _signer_title(t[m.end():m.end() + _TITLE_SPAN]):
            found.append((m.end(), n))
    return found


_TITLE_SPAN = 120  # characters a signer's title is read within (titles are short; a line may be megabytes)


_LAST_RECIPIENT = re.compile(rf"(?:^|[\s\-–•+])(?:{'|'.join(vocab.META_LAST_RECIPIENT_F)})\s*:")


def _title_after_recipient(text: str) -> bool:
    """A signer's title on a recipient's line (`_titles_after_recipient`)."""
    t, f = _folded(text)
    return bool(f) and bool(_titles_after_recipient(t, f))


def _split_orgs(text: str) -> list[str]:
    """'PHÒNG GD&ĐT HUYỆN CHÂU THÀNH TRƯỜNG TIỂU HỌC AN HIỆP' -> the two organisations (vocab.META_ORG_SPLIT)."""
    words = nfc(text).split()
    starts = [(i, len(w.split())) for i in range(len(words)) for w in vocab.META_ORG_SPLIT
              if words[i:i + len(w.split())] == w.split()]
    cuts = [0]
    for i, _ in starts:
        if i == 0 or any(j < i < j + n for j, n in starts):  # inside "BỆNH VIỆN", "ỦY BAN"
            continue
        head = words[cuts[-1]:i]
        if all(any(head[k:k + len(w.split())] == w.split() for w in vocab.META_ORG_SPLIT)
               or head[k] in vocab.META_ORG_JOINERS for k in range(len(head))):
            continue  # "TRƯỜNG ĐẠI HỌC …": nothing but such words before it
        cuts.append(i)
    return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:] + [len(words)], strict=True)]


def _place_date(text: str) -> tuple[str, str, str, str] | None:
    t, f = _folded(text)
    if not f or not (m := vocab.META_PLACE_F.match(f)):
        return None
    place = t[m.start(1):m.end(1)].strip()
    if vocab.META_BODY_OPENER_F.match(fold(place)):
        return None
    return place, t[m.start(2):m.end(2)], t[m.start(3):m.end(3)], m.group(4)


def is_person_name(text: str) -> bool:
    """'Nguyễn Thúy Hà', 'BS.CKII. Phạm Thanh Hải', 'ThS. Lê Văn A': 2 to 6 capitalised words."""
    name = vocab.META_HONORIFIC.sub("", _clean(nfc(text))).strip()
    words = name.split()
    if not 2 <= len(words) <= 6 or _signer_title(name):
        return False
    if not all(w.isalpha() for w in words):
        return False
    return all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words)


def looks_like_header_table(rows: list[list[str]]) -> bool:
    """A borderless table holding the header's two columns (DOCX, plain text saved from Word)."""
    if not rows or len(rows) > 8:
        return False
    cells = [c for r in rows for c in r if c.strip()]
    marks = 0
    for c in cells:
        t, f = _folded(c)
        marks += bool(f and (vocab.META_MOTTO_F.search(f) or (vocab.META_NUMBER_F.search(f) and "S" in t)
                             or vocab.META_PLACE_DATE_F.search(f)))
    return marks >= 2


def looks_like_closing_table(rows: list[list[str]]) -> bool:
    """A borderless table holding "Nơi nhận" and the signature side by side."""
    if not rows or len(rows) > 25:
        return False
    cells = [c.strip() for r in rows for c in r if c.strip()]
    recipients = any(vocab.META_RECIPIENTS_F.match(fold(c)) for c in cells)
    titles = any(_signer_title(c) for c in cells)
    names = any(is_person_name(c) or is_person_name(c.split(")")[-1]) for c in cells)
    return (recipients and (titles or names)) or (titles and names and len(rows) <= 8)


def _dashed(text: str, block: Block) -> bool:
    """A line of a list: a bullet the reader saw, or a dash written before it ("- Như trên;")."""
    return bool(block.bullet) or text.lstrip().startswith(("-", "–", "•", "+"))


class MetaCollector:
    """Fed the paragraphs in order; keeps the ones that are metadata."""

    def __init__(self) -> None:
        self.meta = DocMeta()
        self._orgs: list[list[str]] = []
        self._title: list[str] = []
        self._title_closed = False
        self._in_recipients = False
        self._signer_next = False
        self._frozen = False  # the signature block of the document has been read: annexes do not change it
        self._intro_seen = 0
        self._self_named: tuple[str, str] | None = None
        self._first_heading = ""
        self._subject: str | None = None  # a labelled subject line of the body ("Tên thủ tục: …")
        self._body_seen = 0
        self._addressees_open = False  # inside "Kính gửi:" and the lines that list its addressees
        self._notes: list[str] = []  # annexes' "(Kèm theo <type> số … ngày …)", checked against the header
        self._recipient_open = False  # the last recipient did not end with ";": a next line may continue it
        self._last_title = False  # the line before was a signer's title
        # a joint document's other signatures: their titles waiting for names (OCR reads the columns row by
        # row: both titles, then both names), and whether an organisation's name came after the last title
        self._co_titles: list[str] = []
        self._new_block = False
        self.closing_started = False
        self.remainder: str | None = None  # what is left of a consumed line, to read as text

    # ---- the whole line -------------------------------------------------------------------------------

    def consume(self, text: str, block: Block, started: bool) -> bool:
        """True when the line is metadata; `remainder` is then what is left of it to read as text (a name
        glued to "Đính kèm: …"), or None."""
        self.remainder = None
        if not started and self._header_line(text, block):
            return True
        if (started or self.closing_started or self._closing_mark(text)) and self._closing_line(text, block):
            return True
        self._addressee(text, block)
        if started:
            self._observe_intro(text)
        return False

    def _header_line(self, text: str, block: Block) -> bool:
        from ingest.numbering import classify

        if classify(text) is not None:
            return False
        pieces = split_frame_line(text)
        if len(pieces) <= 1:
            return self._header(text, block)
        # every piece must be metadata, else the line is body text that happens to hold a mark
        snapshot = (self.meta.model_copy(deep=True), [list(o) for o in self._orgs], list(self._title),
                    self._title_closed)
        for piece in pieces:
            if not self._header(piece, block):
                self.meta, orgs, self._title, self._title_closed = snapshot
                self._orgs = orgs
                return False
        return True

    def _closing_mark(self, text: str) -> bool:
        _, f = _folded(text)
        return bool(f and (vocab.META_RECIPIENTS_F.match(f) or vocab.META_SIGNED_F.search(f)))

    def _closing_line(self, text: str, block: Block) -> bool:
        f = fold(text)
        marks = (self._closing_mark(text) or vocab.META_SIGN_PREFIX_F.search(f) or vocab.META_ATTACHED_F.search(f)
                 or _title_after_recipient(text))
        pieces = split_frame_line(text) if marks else [text]
        if len(pieces) == 1:
            return self._closing(text, block)
        state = (self.meta.model_copy(deep=True), self._in_recipients, self._signer_next, self.closing_started)
        for k, piece in enumerate(pieces):
            # the line's bullet marks its first piece only: "- Như Điều 4; KT. CHỦ TỊCH"
            if not self._closing(piece, block if k == 0 else block.model_copy(update={"bullet": ""})):
                if k == 0:
                    self.meta, self._in_recipients, self._signer_next, self.closing_started = state
                    return False
                rest = " ".join(pieces[k:])  # "Võ Thiện Cang Đính kèm: …": the rest is text
                self.remainder = rest if sum(c.isalnum() for c in rest) >= 3 else None  # not an OCR speck
                self._in_recipients = False
                return True
        return True

    # ---- one piece ------------------------------------------------------------------------------------

    def _closing(self, text: str, block: Block) -> bool:
        t, f = _folded(text)
        if f and (m := vocab.META_RECIPIENTS_F.match(f)):
            self._in_recipients = self.closing_started = True
            rest = t[m.end():].strip()
            return not rest or len(rest) <= 2 or self._recipient(rest, block)  # "Nơi nhận: R" (OCR noise)
        if f and vocab.META_SIGNED_F.fullmatch(f.strip()):  # "(Đã ký)", "(Ký, ghi rõ họ tên)"
            return self.closing_started or self._signer_next
        raw, text = text, _clean(text)
        lines = text.split("\n")
        if len(lines) > 1 and _signer_title(lines[0]) and all(sum(c.isalpha() for c in ln) <= 3 for ln in lines[1:]):
            text = _clean(lines[0])  # "TỔNG BIÊN TẬP /\nVú": the signature's scribble read by OCR under the title
        title = bool(_signer_title(text)) and _upper(text) and len(text) < 80
        # a title over two lines: "PHÓ GIÁM ĐỐC PHỤ TRÁCH" / "CÁC GÓI THẦU PHẦN MỀM" (not "TẠP CHÍ …", the
        # body of a second signature; not a recipient "-VPUB: …")
        more = (self._last_title and self.meta.signer is None and _upper(text) and len(text) < 60
                and len(text.split()) > 1 and not re.search(r"[:;\-–]", text)
                and not fold(text).replace(" ", "").startswith(vocab.META_ORG_STARTS))
        self._last_title = False
        if title or more:
            # another signature (a joint document signed by each body): a title after the name, or after
            # an organisation's name that followed the first title ("TẠP CHÍ GIÁO DỤC" / "TỔNG BIÊN TẬP")
            other = title and (self.meta.signer is not None or (self._new_block and bool(self.meta.signer_title)))
            if not self._frozen and other:
                self._co_titles.append(text)
                self._signer_next = True
            elif not self._frozen and self.meta.signer is None:
                sep = " " if more and not title else " / "
                self.meta.signer_title = f"{self.meta.signer_title}{sep}{text}" if self.meta.signer_title else text
                self._signer_next = self._last_title = True
            self._new_block = False
            return True
        if self._signer_next and is_person_name(text) and not block.bullet:
            if not self._frozen and self.meta.signer is None:
                self.meta.signer = text
            elif not self._frozen and self._co_titles:
                self.meta.co_signers.append(text.strip())
                self.meta.co_signer_titles.append(self._co_titles.pop(0))
            self._signer_next = bool(self._co_titles)
            return True
        if not self._in_recipients and _dashed(raw, block) and vocab.META_FIRST_RECIPIENT_F.match(fold(raw).strip()):
            self._in_recipients = self.closing_started = True  # the list without its label "Nơi nhận:"
        if self._in_recipients and self._recipient(raw, block):
            return True
        self._in_recipients = False
        if self.meta.signer_title and _mostly_upper(text):
            self._new_block = True  # an organisation's name: a next title opens another signature
        return False

    def _recipient(self, text: str, block: Block) -> bool:
        if not _dashed(text, block):
            # "-Phòng GDPT, GDTX" / "(để phối hợp thực hiện);": a recipient wrapped onto the next line
            cont = text.strip()[:1] == "(" or text.strip()[:1].islower()
            if self._recipient_open and cont and self.meta.recipients and not self._frozen and len(text) < 120:
                self.meta.recipients[-1] = f"{self.meta.recipients[-1]} {text.strip().rstrip(';,. ')}"
                self._recipient_open = not text.rstrip().endswith((";", "."))
                return True
            return False
        items = [text] if block.bullet else [x for x in re.split(r"(?:^|\s)[-–•+]\s*(?=\S)", text) if x.strip()]
        for item in items:
            head, sep, tail = item.rpartition(";")
            if sep and self._signer_next and is_person_name(tail):  # "…(để t/h);Huỳnh Lê Như Trang"
                if not self._frozen:
                    self.meta.signer = tail.strip()
                self._signer_next = False
                item = head + ";"
            # "Lưu: VT" is always the last line of the list
            last = fold(item).lstrip().startswith(vocab.META_LAST_RECIPIENT_F)
            self._recipient_open = not item.rstrip().endswith((";", ".")) and not last
            item = item.strip().rstrip(";,. ")
            if item and not self._frozen:
                self.meta.recipients.append(item)
        return True

    def _header(self, text: str, block: Block) -> bool:
        from ingest.numbering import classify

        t, f = _folded(text)
        if classify(text) is not None:
            return False
        if sum(c.isalnum() for c in text) < 3:  # "—", "h |", an OCR speck: nothing of the header
            return True
        if vocab.META_MOTTO.match(text) or (f and vocab.META_MOTTO_F.fullmatch(f.strip())):
            return True
        if f and (m := vocab.META_NUMBER_F.match(f)) and t[0] == "S":
            raw = t[m.end():].strip()
            num = re.match(r"^([^/\s]*)\s*(/.*)?$", raw)
            digits = (num.group(1) if num else "").strip("/ ")
            suffix = re.sub(r"/+", "/", re.sub(r"\s+", "", num.group(2) or "")) if num else ""
            # a number is digits (an OCR'd handwritten "3ðôŸ" is no number); a blank one stays None
            self.meta.number = f"{digits}{suffix}" if re.fullmatch(r"\d+[a-zA-Z]?", digits) else None
            self.meta.number_suffix = suffix or None
            return True
        if pd := _place_date(text):
            place, day, month, year = pd
            self.meta.place = place
            self.meta.year = int(year)
            self.meta.month = int(month) if month.isdigit() and 1 <= int(month) <= 12 else None
            self.meta.date_text = t.strip()
            self.meta.date = None
            if day.isdigit() and self.meta.month:
                try:
                    self.meta.date = date(int(year), self.meta.month, int(day)).isoformat()
                except ValueError:
                    self.meta.date = None
            return True
        upper = text.upper().strip(" :")
        if upper in vocab.META_DOC_TYPES and self.meta.doc_type is None:
            self.meta.doc_type = upper
            return True
        # a plain-text export joins the type line and the subject under it into one paragraph ("KẾ HOẠCH Tổ chức
        # Cuộc thi …"): the type written in capitals, then the subject
        joined = next((d for d in vocab.META_DOC_TYPES if text.strip().startswith(d + " ")), None)
        if joined and self.meta.doc_type is None and not self._title and len(text) <= vocab.META_JOINED_TITLE_CHARS \
                and text.strip()[len(joined) + 1:][:1].isupper():
            self.meta.doc_type = joined
            self._title.append(text.strip()[len(joined):].strip())
            return True
        if f and vocab.META_TOC_F.match(f):  # "MỤC LỤC": the title is over
            self._title_closed = True
            return True
        if f.startswith(vocab.META_SUBJECT_F) and not self._title:
            if self.meta.doc_type is None:
                self.meta.doc_type = vocab.META_LETTER_TYPE  # a letter's subject line ("V/v …") without a type line
            self._title.append(text)
            return True
        if self.meta.doc_type is None and not self._title and _mostly_upper(text) and len(text) < 120:
            org = " ".join(w for w in _clean(text).split() if not w.islower())  # "… CÔNG THƯƠNG me I"
            if self._orgs or fold(org).replace(" ", "").startswith(vocab.META_ORG_STARTS):
                self._org_line(org, block)
                return True
        if self.meta.doc_type is None and not self._title and (block.heading or block.bold) and not self._first_heading:
            # A file without the header: its first heading names it ("# Kế hoạch tổ chức …", a bold "Phần 2.
            # YÊU CẦU VỀ KỸ THUẬT"), unless it is a file or converter name ("# Public_341").
            typed = next((d for d in vocab.META_DOC_TYPES if fold(text).startswith(fold(d) + " ")), None)
            if typed:
                self.meta.doc_type = typed
                self._title.append(text[len(typed):].strip())
                return True
            if " " in text.strip() and len(text) <= 200:
                self._first_heading = text.strip()
            return False
        if self.meta.doc_type is None or self._title_closed:
            return False
        if self._title and _upper(text) and f and vocab.META_AUTHORITY_F.match(f):
            # "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH" above the recitals of a decision: who decides
            if not self._orgs:
                self._orgs.append([text])
            self._title_closed = True
            return True
        if block.heading or block.bold or (f and f.startswith(vocab.META_SUBJECT_F)):
            if text.strip(" \\"):
                self._title.append(text.strip(" \\"))
            return True
        # Plain text has no bold: the line under the type line is the subject, a lower-case line continues it.
        plain = len(text) <= 250 and not text.rstrip().endswith((";", ":")) and not vocab.META_BODY_OPENER_F.match(f)
        if plain and (not self._title or (text[:1].islower() and not self._title[-1].rstrip().endswith("."))):
            self._title.append(text)
            return True
        return False

    def _org_line(self, text: str, block: Block) -> None:
        for k, part in enumerate(_split_orgs(text)):
            key = fold(part).replace(" ", "").lstrip("-–•")
            if k == 0 and block.bullet and self._orgs:  # "- TẠP CHÍ GIÁO DỤC": a second issuer of a joint plan
                self._orgs[-1] += ["–", part]
            elif not self._orgs or k > 0 or key.startswith(vocab.META_ORG_STARTS):
                self._orgs.append([part])
            else:
                self._orgs[-1].append(part)

    def _observe_intro(self, text: str) -> None:
        self._body_seen += 1
        if self._subject is None and self._body_seen <= vocab.META_SUBJECT_LINES:
            plain = text.strip().lstrip("-+•* ").strip()
            if m := vocab.META_SUBJECT_LABEL_F.match(fold(plain)):
                self._subject = plain[m.end():].strip().rstrip(".;") or None
        if self._self_named is None and self._intro_seen < 6:
            self._intro_seen += 1
            if m := vocab.META_SELF_NAMED.search(text):
                self._self_named = (m.group(1), m.group(2).strip())

    def _addressee(self, text: str, block: Block) -> None:
        """"Kính gửi: - Các sở, ban, ngành; - UBND các huyện, thành, thị." (one line or several): the letter's
        addressees, kept as the body's text too. The list ends at the first line that is not one of them."""
        if self._frozen:
            return
        plain = text.strip()
        if m := vocab.META_ADDRESSEES_F.match(fold(plain)):
            self._addressees_open = not self.meta.addressees
            plain = plain[m.end():].strip()
            if not plain:
                return
        elif not self._addressees_open:
            return
        marked = bool(block.bullet) or plain.startswith(("-", "–", "•", "+"))
        if self.meta.addressees and not marked:
            self._addressees_open = False
            return
        items = [x.strip().rstrip(";,. ") for x in re.split(r"(?:^|\n|;)\s*[-–•+]\s*(?=\S)", plain)]
        self.meta.addressees.extend(x for x in items if x and len(x) < 200)
        if plain.rstrip().endswith(".") or len(self.meta.addressees) >= vocab.META_MAX_ADDRESSEES:
            self._addressees_open = False

    # ---- annexes and the end --------------------------------------------------------------------------

    def annex_note(self, note: str) -> None:
        """"(Kèm theo Kế hoạch số /KH-SGDĐT ngày … của Sở Giáo dục và Đào tạo)" names the issuer; and, when the
        header is missing altogether, the document's type, number and date."""
        if self.meta.issuer is None and not self._orgs and (m := vocab.META_ISSUER_NOTE.search(note)):
            self.meta.issuer = m.group(1).strip(" )_*")
        self._notes.append(note)
        ref = vocab.META_NOTE_REF.search(note)
        if ref is None or self.meta.number_suffix is not None or self.meta.number is not None:
            return
        kind = vocab.META_REF_TYPES.get(fold(ref.group(1)).strip())
        if kind and self.meta.doc_type is None:
            self.meta.doc_type = kind
        digits, suffix = ref.group(2), ref.group(3) or ""
        self.meta.number = f"{digits}{suffix}" if digits else None
        self.meta.number_suffix = suffix or None
        if self.meta.year is None and (d := vocab.META_NOTE_DATE.search(note[ref.end():])):
            day, month, year = d.groups()
            self.meta.year = int(year)
            self.meta.month = int(month) if month and 1 <= int(month) <= 12 else None
            if day and self.meta.month:
                try:
                    self.meta.date = date(int(year), self.meta.month, int(day)).isoformat()
                except ValueError:
                    self.meta.date = None

    def end_closing(self) -> None:
        self._in_recipients = False
        self._signer_next = False
        self.closing_started = False
        if self.meta.signer or self.meta.signer_title:
            self._frozen = True

    def result(self) -> DocMeta:
        meta = self.meta.model_copy()
        meta.other_refs = list(dict.fromkeys(n.strip(" ()_*") for n in self._notes if disagrees(n, meta)))
        if self._orgs and meta.issuer is None:
            meta.issuer = " ".join(self._orgs[-1])
            if len(self._orgs) > 1:
                meta.issuer_parent = " ".join(" ".join(o) for o in self._orgs[:-1])
        title = " ".join(self._title).strip()
        if not title and self._self_named:
            kind, subject = self._self_named
            meta.doc_type = meta.doc_type or vocab.META_REF_TYPES.get(fold(kind))
            meta.title = f"{kind} {subject}".strip()
            return meta
        if not title and meta.doc_type is None and (self._first_heading or self._subject):
            # A first heading names a part ("Phần 2. YÊU CẦU VỀ KỸ THUẬT") or the page ("Chi tiết thủ tục hành
            # chính"), not what the document is about: its subject line, when it has one, does.
            meta.title = " — ".join(t for t in (self._first_heading, self._subject) if t)
            return meta
        parts = ([meta.doc_type.capitalize()] if meta.doc_type else []) + ([title] if title else [])
        meta.title = " ".join(parts).strip()
        return meta


def disagrees(note: str, meta: DocMeta) -> bool:
    """An annex's "(Kèm theo <type> số N ngày D …)" naming a document of this one's type by another number or
    another date than its header's. A blank number or date in either is no disagreement (a draft)."""
    ref = vocab.META_NOTE_REF.search(note)
    if ref is None or not meta.doc_type or vocab.META_REF_TYPES.get(fold(ref.group(1)).strip()) != meta.doc_type.upper():
        return False
    number = f"{ref.group(2)}{ref.group(3) or ''}"
    if ref.group(2) and meta.number and fold(number).replace(" ", "") != fold(meta.number).replace(" ", ""):
        return True
    d = vocab.META_NOTE_DATE.search(note[ref.end():])
    if d is None or not all(d.groups()) or not meta.date:
        return False
    day, month, year = (int(x) for x in d.groups())
    return meta.date != f"{year:04d}-{month:02d}-{day:02d}"


def signer_as_named(meta: DocMeta, texts: list[str]) -> DocMeta:
    """The signers' names as the body spells them. A signature block is the worst-read part of a scan (a stamp
    and a signature over the letters): "Nguyên Văn Hiếu" under the title, "Ông Nguyễn Văn Hiếu, Giám đốc Sở"
    in the text. When the body names a person whose accent-free form is a signer's, with other accents, that
    spelling is taken (the one the body uses most); a name the body never writes stays as read."""
    if not meta.signer and not meta.co_signers:
        return meta
    signer = _spelled_in(meta.signer, texts) if meta.signer else meta.signer
    return meta.model_copy(update={"signer": signer, "co_signers": [_spelled_in(n, texts) for n in meta.co_signers]})


def _spelled_in(signer: str, texts: list[str]) -> str:
    name = nfc(_clean(vocab.META_HONORIFIC.sub("", signer))).strip()
    key = " ".join(fold(name).split())
    if len(key.split()) < 2:
        return signer
    pattern = re.compile(r"(?<![\w])" + re.escape(key) + r"(?![\w])")
    found: dict[str, int] = {}
    for text in texts:
        t, f = _folded(" ".join(text.split()))
        if not f or key not in f:
            continue
        for m in pattern.finditer(f):
            spelled = t[m.start():m.end()]
            if spelled != name and is_person_name(spelled):
                found[spelled] = found.get(spelled, 0) + 1
    if not found:
        return signer
    best = max(found, key=lambda k: found[k])
    return signer.replace(name, best) if name in signer else best
