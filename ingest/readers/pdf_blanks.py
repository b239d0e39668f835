"""A header's blanks filled in after the document was written, read in their place.

A plan is typed with blanks ("Số:        /KHLT-SGDĐT-TCGD", "ngày      tháng     năm 2025") and the number and the
day are drawn into them when it is signed, as separate text over the page. pypdf reports where each run of text
starts, not where each glyph is, so "90" drawn inside the blank of ":        /KHLT-" sorts after the whole run
("Số: /KHLT-90SGDĐT") and " 03 10" drawn as one run lands before "tháng" ("ngày 03 10 tháng năm"). For the lines
holding such a blank, the glyphs are read again with their own boxes from PDFium (pypdfium2, already what OCR
renders pages with), and the line is rebuilt from them: "Số: 90/KHLT-SGDĐT-TCGD", "ngày 03 tháng 10 năm 2025".

Written by hand: neither library rebuilds a line from glyph positions for us. Only lines with a blank are touched,
and only when PDFium reads at least the letters and digits pypdf did; any PDFium error leaves the page as it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

# a run of spaces inside a fragment: the blank left for a number or a date ("Số:      /KH", "ngày    tháng")
_BLANK = re.compile(r"\S {3,}\S|^ {3,}\S|\S {3,}$")
_BELOW, _ABOVE = 0.3, 1.0  # a glyph box's middle from this far below the baseline to this far above (in sizes)
_WORD_GAP = 0.2  # a gap wider than this (in sizes) between two glyphs separates two words
_SEAM_GAP = 0.05  # ... and between a digit and a letter ("10" drawn into the blank before "năm")


class BlankFiller:
    """Opens the PDF with PDFium once, on the first page that needs it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf: Any = None
        self._failed = False

    def fill(self, pc: Any, index: int, stamped: list[Any]) -> None:
        """Rebuild, in place, the lines of the page's content (`PageContent`) that hold a blank or that `stamped`
        (text drawn by annotations, `pdf_annotations`) lands on, then add `stamped` to the page."""
        near = [s.y for s in stamped if any(abs(f.y - s.y) <= _tol(f) for f in pc.frags)]
        at = [f.y for f in pc.frags if _BLANK.search(f.text)] + near
        if at and not self._failed:
            try:
                chars = self._chars(index)
            except Exception:  # noqa: BLE001 - whatever PDFium raises: the page stays as pypdf read it
                self._failed, chars = True, []
            done: set[int] = set()
            for y in at if chars else []:
                line = [f for f in pc.frags if abs(f.y - y) <= _tol(f) and id(f) not in done]
                done.update(id(f) for f in line)
                rebuilt = _rebuilt(line, chars) if line else []
                if rebuilt:
                    pc.frags[:] = [f for f in pc.frags if all(f is not g for g in line)] + rebuilt
                    done.update(id(f) for f in rebuilt)
        pc.frags.extend(stamped)

    def _chars(self, index: int) -> list[tuple[str, float, float, float, float]]:
        import pypdfium2 as pdfium

        if self._pdf is None:
            self._pdf = pdfium.PdfDocument(str(self.path))
        page = self._pdf[index]
        text = page.get_textpage()
        try:
            out = []
            for i in range(text.count_chars()):
                left, bottom, right, top = text.get_charbox(i, loose=True)
                out.append((text.get_text_range(i, 1), left, bottom, right, top))
            return out
        finally:
            text.close()
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def _tol(f: Any) -> float:
    return max(2.0, 0.4 * f.size)  # the baseline tolerance the page's lines are grouped by (`pdf._lines`)


def _alnum(text: str) -> int:
    return sum(c.isalnum() for c in unicodedata.normalize("NFC", text))


def _rebuilt(line: list[Any], chars: list[tuple[str, float, float, float, float]]) -> list[Any]:
    """The line's words from PDFium's glyphs between its baselines, each a fragment at its own x; [] when PDFium
    reads fewer letters and digits there than pypdf (then the line is left as it was)."""
    size = max(f.size for f in line)
    low, high = min(f.y for f in line) - _BELOW * size, max(f.y for f in line) + _ABOVE * size
    glyphs = sorted((c for c in chars if low <= (c[2] + c[4]) / 2 <= high), key=lambda c: c[1])
    words: list[list[tuple[str, float, float, float, float]]] = []
    for c in glyphs:
        if not c[0].strip():
            words.append([])
        elif words and words[-1] and c[1] - words[-1][-1][3] <= (
                _SEAM_GAP if c[0].isdigit() != words[-1][-1][0].isdigit() else _WORD_GAP) * size:
            words[-1].append(c)
        else:
            words.append([c])
    out = []
    template = max(line, key=lambda f: len(f.text))
    for w in words:
        if w:
            text = unicodedata.normalize("NFC", "".join(c[0] for c in w))
            out.append(replace(template, x=w[0][1], y=template.y, text=text + " "))
    if _alnum("".join(f.text for f in out)) < _alnum("".join(f.text for f in line)):
        return []
    return out
