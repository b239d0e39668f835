"""Numbered items a PDF's text layer ran together into one paragraph ("112. Trường THPT A; 113. Trường THPT B;
114. …"): split back into one block per item, so that numbering recovers every item (issue 16: a list of 210
schools and centres came out as a few dozen sections, the rest glued inside them, and the group heading wrapped
onto the line of its first item).

Hand-written: the split depends on the list's own numbering (consecutive numbers after "; "), which no reader
library knows; the input is already text.
"""

from __future__ import annotations

import re

from ingest.models import Block

# An item number after "; " (or at the start): "113. Trường …"
_ITEM = re.compile(r"(?:(?<=^)|(?<=;\s)|(?<=\s))(\d{1,3})\.\s+(?=\S)")
MIN_ITEMS = 2  # consecutive numbers in one paragraph that make it a run-together list


def _run(text: str) -> list[re.Match[str]]:
    """The longest run of consecutive item numbers in `text`, each after "; " but the first."""
    found = list(_ITEM.finditer(text))
    best: list[re.Match[str]] = []
    for i, m in enumerate(found):
        run = [m]
        for nxt in found[i + 1:]:
            if int(nxt.group(1)) == int(run[-1].group(1)) + 1 and text[:nxt.start()].rstrip().endswith(";"):
                run.append(nxt)
        if len(run) > len(best):
            best = run
    return best if len(best) >= MIN_ITEMS else []


def split_inline_items(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        run = _run(block.text) if block.kind == "para" and not block.heading else []
        if not run:
            out.append(block)
            continue
        prefix = block.text[:run[0].start()].strip()
        if prefix.count("(") > prefix.count(")"):
            # "(08 ngành: 1. Công nghệ thông tin; 2. Cơ khí; … 8. Quản lý đô thị) theo …": an enumeration inside a
            # bracket is part of its sentence; split out, its items became the document's top-level items and the
            # numbered headings after them were filed under the last one
            out.append(block)
            continue
        if prefix:
            prev = out[-1] if out else None
            if prev is not None and prev.kind == "para" and (prev.bold or prev.heading) and prefix.isupper():
                # The end of a heading wrapped onto the first item's line: "II. TRUNG TÂM … VÀ TRUNG TÂM" +
                # "GIÁO DỤC NGHỀ NGHIỆP … 171. …"
                out[-1] = prev.model_copy(update={"text": f"{prev.text} {prefix}"})
            else:
                out.append(block.model_copy(update={"text": prefix}))
        ends = [m.start() for m in run[1:]] + [len(block.text)]
        for m, end in zip(run, ends, strict=True):
            out.append(block.model_copy(update={"text": block.text[m.start():end].strip(), "bold": False, "lead": ""}))
    return out
