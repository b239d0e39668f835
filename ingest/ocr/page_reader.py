"""One page image -> blocks in reading order: paragraphs rebuilt from Tesseract's lines, and tables.

The page is turned upright (OSD) and straightened (skew), coloured ink (stamps, signatures) is dropped,
tables are found on the image by `ingest.ocr.table_image.find_tables` (ruling lines and cells) and
whited out before the running text is read, so their cells never leak into paragraphs; each table
comes back as a table block where its top edge is. Paragraphs follow the PDF reader's rules (line gaps,
first-line indent, numbering, bullets, short lines ending a sentence), with pixels instead of points.
Bold has no font name on a scan: it is measured as stroke width (bold strokes are ~1.8x thicker at
200 dpi), which gives headings and bold leads ("1. Mục tiêu chung:") as the PDF reader gives them; where
strokes are too thin to tell (low resolution), numbering and capitals decide. A two-column head (issuer |
national motto) is read column by column; centred short lines are titles.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from ingest.models import Block
from ingest.ocr.bold import bold_lead, measure_bold, words_bold
from ingest.ocr.engine import Word, deskew, orient, read_words, to_gray
from ingest.readers.pdf import BULLETS, NUMBERED, PAGE_NUMBER

DASHES = {"—": "-", "−": "-", "*": "•"}  # bullets as Tesseract sometimes reads them


@dataclass
class OcrLine:
    words: list[Word]
    block: int
    own: bool = False  # one column of a two-column row (document head, signature block): a paragraph alone

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> int:
        return min(w.left for w in self.words)

    @property
    def x1(self) -> int:
        return max(w.right for w in self.words)

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def height(self) -> float:
        return float(statistics.median(w.height for w in self.words))


@dataclass
class PageResult:
    blocks: list[Block]
    rotation: int = 0  # degrees turned clockwise to make the page upright
    skew: float = 0.0  # degrees turned to straighten the lines
    tables: int = 0
    seconds: float = 0.0
    words: int = 0
    conf: float | None = None  # mean word confidence of the page
    notes: list[str] = field(default_factory=list)


def group_lines(words: list[Word]) -> list[OcrLine]:
    """Tesseract's lines, in its reading order (blocks, paragraphs, lines)."""
    lines: dict[tuple[int, int, int], OcrLine] = {}
    for w in words:
        key = (w.block, w.par, w.line)
        if key not in lines:
            lines[key] = OcrLine([], w.block)
        lines[key].words.append(w)
    return list(lines.values())


def _letters(words: list[Word]) -> int:
    return sum(ch.isalpha() for w in words for ch in w.text)


def split_columns(lines: list[OcrLine]) -> list[OcrLine]:
    """The head of an administrative document is two columns (issuer and number on the left, national motto,
    place and date on the right), and so is the signature block; Tesseract often reads each row across
    both. Consecutive lines with a wide gap (>= 2.5 line heights) are cut where their widest gaps agree
    (the median of their midpoints, which must fall in a gap of each line) and read column by column: the
    left pieces, then the right ones, each a paragraph of its own."""
    if not lines:
        return lines
    h = float(statistics.median(ln.height for ln in lines))

    def gaps(ln: OcrLine) -> list[tuple[int, int]]:
        ws = sorted(ln.words, key=lambda w: w.left)
        return [(a.right, b.left) for a, b in zip(ws, ws[1:], strict=False) if b.left - a.right >= 2.5 * h]

    out: list[OcrLine] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and gaps(lines[j]) and (j == i or 0 < lines[j].top - lines[j - 1].top < 3 * h):
            j += 1
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        run = lines[i:j]
        mids = [(a + b) / 2 for a, b in (max(gaps(ln), key=lambda g: g[1] - g[0]) for ln in run)]
        x = statistics.median(mids)
        lefts: list[OcrLine] = []
        rights: list[OcrLine] = []
        for ln in run:
            left = [w for w in ln.words if w.right <= x]
            right = [w for w in ln.words if w.left >= x]
            gap_ok = left and right and min(w.left for w in right) - max(w.right for w in left) >= 1.5 * h
            if gap_ok and _letters(right) < 3 <= _letters(left):
                # A mark in the right margin (a stamp's edge, "+P:") read on a body line: the line alone.
                lefts.append(OcrLine(left, ln.block))
            elif gap_ok and _letters(left) < 3 <= _letters(right):
                rights.append(OcrLine(right, ln.block, own=True))  # a mark left of the right column's line
            elif gap_ok and len(left) + len(right) == len(ln.words):
                lefts.append(OcrLine(sorted(left, key=lambda w: w.left), ln.block, own=True))
                rights.append(OcrLine(sorted(right, key=lambda w: w.left), ln.block, own=True))
            else:
                lefts.append(ln)
        out.extend(lefts + rights)
        i = j
    return out


def mean_conf(words: list[Word]) -> float | None:
    """Word confidences weighted by word length (a wrong long word costs more than a wrong comma)."""
    total = sum(len(w.text) for w in words)
    return round(sum(w.conf * len(w.text) for w in words) / total, 1) if total else None


def find_tables(image: Any) -> list[Any]:
    """Tables recovered from the image by ingest.ocr.table_image (each with bbox, rows, row_bold, conf);
    none when that module is absent."""
    try:
        from ingest.ocr.table_image import find_tables as _find
    except ImportError:
        return []
    return list(_find(image))


def numbered_lead(text: str) -> str:
    """'1. Mục tiêu chung: Đẩy mạnh ...' -> '1. Mục tiêu chung:'. On a printed plan such a lead is bold
    and makes a heading with its content inline; a scan cannot show bold, so a short numbered lead
    ending in a colon stands for it."""
    if not NUMBERED.match(text):
        return ""
    head, sep, rest = text.partition(":")
    if sep and rest.strip() and len(head) <= 60 and len(head.split()) <= 10:
        return head + sep
    return ""


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _paragraph(lines: list[OcrLine], page: int, strokes: bool) -> Block:
    """A paragraph block. Bold from the strokes when the page shows them (`strokes`), and a leading bold
    span ("1. Mục tiêu chung:") as the PDF reader gives it; without strokes a numbered lead ending in a
    colon stands for it (numbered_lead). All capitals count as bold (headings printed in capitals)."""
    text = " ".join(ln.text for ln in lines).strip()
    if text[:1] in DASHES and text[1:2] == " ":
        text = DASHES[text[0]] + text[1:]
    words = [w for ln in lines for w in ln.words]
    bullet = ""
    if text[:1] in BULLETS and text[1:2] == " ":
        bullet, text = BULLETS[text[0]], text[2:].lstrip()
        words = words[1:]
    all_bold, lead = bold_lead(words) if strokes else (False, numbered_lead(text))
    return Block(kind="para", text=text, page=page, bold=all_bold or (_is_caps(text) and len(text) < 200),
                 bullet=bullet, lead=lead, ocr=True, ocr_conf=mean_conf(words))


def _drop_page_numbers(lines: list[OcrLine]) -> list[OcrLine]:
    """A bare page number ("3", "- 3 -", "Trang 3") printed as the first or last line is no text."""
    if not lines:
        return lines
    bottom = max(lines, key=lambda ln: ln.top)
    top = min(lines, key=lambda ln: ln.top)
    return [ln for ln in lines if not (ln in (top, bottom) and PAGE_NUMBER.match(ln.text.strip()))]


def paragraphs(lines: list[OcrLine], page: int, strokes: bool = False) -> list[tuple[int, Block]]:
    """(top pixel, paragraph block) from lines in reading order; `strokes`: the words' bold flags are set."""
    if not lines:
        return []
    body = [ln for ln in lines if len(ln.words) >= 3] or lines
    h = float(statistics.median(ln.height for ln in body))
    # Line pitch: the smallest step seen twice (paragraph gaps are larger and may be commoner), between
    # lines of the running text: the head's two columns, read one after the other, make short false steps.
    steps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)
             if not (a.own or b.own) and 0.8 * h < b.top - a.top < 2.5 * h]
    rounded = [round(s / 2) * 2 for s in steps]
    twice = [s for s in set(rounded) if rounded.count(s) >= 2]
    pitch = float(min(twice)) if twice else float(statistics.median(rounded)) if rounded else 1.45 * h
    widths = sorted(ln.x1 - ln.x0 for ln in body)
    full_px = float(widths[int(len(widths) * 0.9)]) if widths else 1000.0
    left = float(sorted(ln.x0 for ln in body)[len(body) // 10])
    right = float(sorted(ln.x1 for ln in body)[int(len(body) * 0.9)])
    centre = (left + right) / 2

    def centred(ln: OcrLine) -> bool:
        """Centred in the text column: at most 80 % of its width, room on both sides, as much on each
        (titles: "KẾ HOẠCH", the line under it). An indented first line of ragged-right text can have
        equal margins by chance, but it is wider."""
        return (not ln.own and ln.x1 - ln.x0 < 0.8 * (right - left) and ln.x0 > left + 2 * h
                and ln.x1 < right - 2 * h and abs((ln.x0 + ln.x1) / 2 - centre) < 1.5 * h)

    def breaks(prev: OcrLine, line: OcrLine, in_bullet: bool) -> bool:
        text, ptext = line.text, prev.text
        step = line.top - prev.top
        if prev.own or line.own or step > pitch * 1.3 + 2 or step < 0.5 * h:  # a gap, or the next column
            return True
        if text[:1] in BULLETS | DASHES.keys() and text[1:2] == " ":
            return True
        short = prev.x1 - prev.x0 < 0.75 * full_px  # in pixels: a line of capitals holds fewer letters
        if NUMBERED.match(text) or ((_is_caps(ptext) or NUMBERED.match(ptext)) and short):
            return True  # a numbered line starts a paragraph; a short heading line ends one
        if {words_bold(prev.words), words_bold(line.words)} == {True, False}:
            return True  # bold begins or ends
        if centred(prev) or centred(line):  # a centred line only continues a full line (a wrapped title)
            return not (centred(line) and prev.x1 - prev.x0 >= 0.75 * full_px)
        if not in_bullet and line.x0 > prev.x0 + h:  # first-line indent
            return True
        return ptext[-1:] in ".:;!?" and (prev.x1 - prev.x0) < 0.8 * full_px

    out: list[tuple[int, Block]] = []
    para: list[OcrLine] = []

    def flush() -> None:
        block = _paragraph(para, page, strokes)
        # A centred line without a final stop is a title: printed bold, and read as such.
        title = centred(para[-1]) and len(block.text) < 200 and block.text[-1:] not in ".;," and block.text[:1] != "("
        block.bold = block.bold or title
        out.append((para[0].top, block))

    for line in lines:
        in_bullet = bool(para) and para[0].text[:1] in BULLETS | DASHES.keys()
        if para and breaks(para[-1], line, in_bullet):
            flush()
            para = []
        para.append(line)
    if para:
        flush()
    return out


def read_page(image: Any, page: int, timeout: float) -> PageResult:
    """Blocks of one page image (1-based `page`), with what was done to it."""
    from PIL import ImageDraw

    t0 = time.perf_counter()
    gray = to_gray(image)
    gray, rotation = orient(gray, timeout)
    gray, skew = deskew(gray)
    tables = find_tables(gray)
    text_img = gray.copy()
    draw = ImageDraw.Draw(text_img)
    for t in tables:
        draw.rectangle(tuple(t.bbox), fill=255)
    words = read_words(text_img, timeout)
    strokes = measure_bold(words, text_img)
    lines = split_columns(_drop_page_numbers([ln for ln in group_lines(words) if ln.text.strip()]))
    items = paragraphs(lines, page, strokes)
    for t in sorted(tables, key=lambda t: t.bbox[1]):
        block = Block(kind="table", rows=[list(r) for r in t.rows], row_bold=list(t.row_bold), page=page,
                      ocr=True, ocr_conf=round(float(t.conf), 1))
        at = next((i for i, (top, _) in enumerate(items) if top > t.bbox[1]), len(items))
        items.insert(at, (t.bbox[1], block))
    return PageResult(blocks=[b for _, b in items], rotation=rotation, skew=skew, tables=len(tables),
                      seconds=time.perf_counter() - t0, words=len(words), conf=mean_conf(words))
