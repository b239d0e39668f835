"""Bold on a page image, where no font name tells it: measured as the width of the letters' strokes.

At 200 dpi, DejaVu/Times bold at 12-13 pt draws 6.4-9.5 px wide stems against 4.2-5.2 px for regular
text. Each word of letters is compared with the page's usual stroke; paragraphs and their leading bold
span ("1. Mục tiêu chung:") are then decided by majorities, since a short word is sometimes misjudged.
"""

from __future__ import annotations

from typing import Any

from ingest.ocr.engine import Word

BOLD_RATIO = 1.35  # a word whose strokes are this much thicker than the page's usual ones is bold
MIN_STROKE_PX = 2.0  # thinner usual strokes (low resolution) cannot tell bold apart: none is marked


def stroke(ink: Any, w: Word) -> float | None:
    """Mean length of the horizontal ink runs inside a word's box: about the width of its vertical strokes
    (runs longer than half the word's height are bars and rules, not stems, and are left out)."""
    import numpy as np

    crop = ink[max(w.top, 0):w.bottom, max(w.left, 0):w.right]
    if crop.size == 0:
        return None
    edges = np.diff(np.pad(crop.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    lengths = np.argwhere(edges == -1)[:, 1] - np.argwhere(edges == 1)[:, 1]
    lengths = lengths[lengths <= max(w.height // 2, 2)]
    return float(lengths.mean()) if lengths.size else None


def measure_bold(words: list[Word], image: Any) -> bool:
    """Mark each word of letters bold or not by its stroke width against the page's usual one, its 30th
    percentile (regular text is most of a page, but a short page of headings can be half bold): printed
    bold at 12-13 pt and 200 dpi gives 6.4-9.5 px runs against 4.2-5.2 px. False when strokes are too
    thin to tell."""
    import numpy as np

    ink = np.asarray(image.convert("L")) < 128
    strokes = {id(w): stroke(ink, w) for w in words if sum(c.isalpha() for c in w.text) >= 2}
    known = sorted(v for v in strokes.values() if v is not None)
    if len(known) < 5 or known[len(known) * 3 // 10] < MIN_STROKE_PX:
        return False
    usual = known[len(known) * 3 // 10]
    for w in words:
        v = strokes.get(id(w))
        w.bold = None if v is None else v >= BOLD_RATIO * usual
    return True


def bold_lead(words: list[Word]) -> tuple[bool, str]:
    """(the paragraph is bold, its leading bold words when only they are). By majorities, as a word's
    stroke is sometimes misjudged: bold when 80 % of its letters are in bold words; a lead when a bold
    prefix is followed by words at most 20 % bold."""
    scored = [(w, sum(c.isalpha() for c in w.text)) for w in words if w.bold is not None]
    total = sum(n for _, n in scored)
    if not total:
        return False, ""
    if sum(n for w, n in scored if w.bold) >= 0.8 * total:
        return True, ""
    k = 0  # the bold prefix; one misjudged word inside it ("1. Mục tiêu chung:") does not end it
    while k < len(words) and (words[k].bold is not False or (k + 1 < len(words) and words[k + 1].bold)):
        k += 1
    rest = [(w, n) for w, n in scored if w in words[k:]]
    if not any(w.bold for w in words[:k]) or sum(n for w, n in rest if w.bold) > 0.2 * sum(n for _, n in rest):
        return False, ""
    lead = [w.text for w in words[:k]]
    while lead and not any(c.isalpha() for c in lead[-1]):
        lead.pop()
    return False, " ".join(lead)


def words_bold(words: list[Word]) -> bool | None:
    """Of a line: True when (nearly) every word of letters is bold; False: (nearly) none; None: mixed, or
    not measured."""
    flags = [w.bold for w in words if w.bold is not None]
    if not flags:
        return None
    share = sum(flags) / len(flags)
    return True if share >= 0.8 else False if share <= 0.2 else None
