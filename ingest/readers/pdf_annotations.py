"""Text a PDF draws in its annotations' appearances, placed where the page shows it.

Offices that sign documents electronically stamp the number and the date into the blank "Số:      /KH-SGDĐT" and
"ngày     tháng     năm 2025" of the header as signature widgets: the page's own content leaves them blank, and
pypdf's text extraction reads page content only. Each annotation's normal appearance (a form XObject) is read here
with the same visitor as the page (drawn on an empty page of its own), and its fragments are mapped from the
form's space to the annotation's rectangle (PDF 32000-1 §12.5.5: the form's BBox, transformed by its Matrix, is
fitted to the Rect), so that "79" lands between "Số:" and "/TTTT-CTGD" when the page's lines are rebuilt.

Written by hand: pypdf has no call that reads annotation appearances as text (pdftotext does, but poppler is no
dependency of ours). Links, popups and hidden annotations draw nothing a reader sees and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

_SKIPPED = {"/Link", "/Popup"}
_HIDDEN, _NO_VIEW = 2, 32  # annotation flags (PDF 32000-1 §12.5.3)


def _fit(bbox: list[float], matrix: list[float], rect: list[float]) -> tuple[float, float, float, float]:
    """Scale and offset mapping the form's transformed BBox onto the annotation's Rect."""
    corners = [(bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[0], bbox[3]), (bbox[2], bbox[3])]
    moved = [(x * matrix[0] + y * matrix[2] + matrix[4], x * matrix[1] + y * matrix[3] + matrix[5])
             for x, y in corners]
    x0, x1 = min(p[0] for p in moved), max(p[0] for p in moved)
    y0, y1 = min(p[1] for p in moved), max(p[1] for p in moved)
    sx = (max(rect[0], rect[2]) - min(rect[0], rect[2])) / (x1 - x0) if x1 > x0 else 1.0
    sy = (max(rect[1], rect[3]) - min(rect[1], rect[3])) / (y1 - y0) if y1 > y0 else 1.0
    return sx, sy, min(rect[0], rect[2]) - sx * x0, min(rect[1], rect[3]) - sy * y0


def _words(text: str, size: float) -> list[tuple[float, str]]:
    """The words of one drawn string with their estimated offsets: a stamp draws the day and the month as one
    string, "14          11", whose spaces put the month after "tháng" of the page. pypdf gives the string's
    start only; the offsets count a space a quarter of the size and any other character half of it (Times New
    Roman's space and digits, what stamps draw)."""
    out, at = [], 0.0
    for m in re.finditer(r"\S+|\s+", text):
        if not m.group(0).isspace():
            out.append((at, m.group(0)))
        at += size * sum(0.25 if c.isspace() else 0.5 for c in m.group(0))
    return out


def annotation_frags(page: Any, collect: Callable[[Any], Any]) -> list[Any]:
    """The text fragments of the page's annotations' normal appearances, in page space. `collect` reads a page's
    fragments (`ingest.readers.pdf._collect`); an annotation pypdf cannot read is skipped, never the page."""
    from pypdf import PageObject
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    out: list[Any] = []
    try:
        annots = page.get("/Annots") or []
        annots = annots.get_object() if hasattr(annots, "get_object") else annots
    except Exception:  # noqa: BLE001 - a broken /Annots entry: no annotation text, the page itself still read
        return out
    for ref in annots:
        try:
            a = ref.get_object()
            if a.get("/Subtype") in _SKIPPED or int(a.get("/F", 0)) & (_HIDDEN | _NO_VIEW):
                continue
            ap = a.get("/AP")
            normal = ap.get_object().get("/N") if ap is not None else None
            form = normal.get_object() if normal is not None else None
            if form is None or "/BBox" not in form:
                continue  # no appearance, or one per state (a check box): nothing read as text
            bbox = [float(x) for x in form["/BBox"]]
            matrix = [float(x) for x in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
            sx, sy, dx, dy = _fit(bbox, matrix, [float(x) for x in a["/Rect"]])
            blank = PageObject.create_blank_page(width=max(bbox[2], 1.0), height=max(bbox[3], 1.0))
            blank[NameObject("/Resources")] = DictionaryObject(
                {NameObject("/XObject"): DictionaryObject({NameObject("/KhAp"): normal})})
            content = DecodedStreamObject()
            content.set_data(b"q /KhAp Do Q")
            blank[NameObject("/Contents")] = content
            for f in collect(blank).frags:  # in the form's space: its Matrix, then the fit to the Rect
                for offset, word in _words(f.text, f.size):
                    x = (f.x + offset) * matrix[0] + f.y * matrix[2] + matrix[4]
                    y = (f.x + offset) * matrix[1] + f.y * matrix[3] + matrix[5]
                    out.append(replace(f, x=sx * x + dx, y=sy * y + dy, size=f.size * sy, text=f" {word} "))
        except Exception:  # noqa: BLE001 - whatever pypdf raises on one broken appearance: that annotation skipped
            continue
    return out
