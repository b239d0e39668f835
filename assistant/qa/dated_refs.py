"""The documents a text cites with their dates ("Văn bản số 348/KSTT-VP ngày 28/11/2011 của Cục Kiểm soát thủ tục
hành chính về việc …", "Thông tư 36/2018/TT-BTC ngày 30 tháng 3 năm 2018 của Bộ Tài Chính"): found by the day, for
a question that gives the day and asks which document it is ("văn bản ban hành ngày 30/3/2018 là văn bản nào, của cơ
quan nào?").

Pure functions over accent-free text. `fold` keeps a Vietnamese text's offsets, so a reference found in the folded
text is cut from the text as written. Written by hand: no library reads Vietnamese document references.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.qa.spans import asked_dates
from ingest import vocab
from ingest.text import fold

# "<kind> [số] N/SYMBOL[,] [của …] ngày DD/MM/YYYY | ngày DD tháng MM năm YYYY"
_REFERENCE = re.compile(rf"\b(?:{vocab.NUMBERED_DOC_KINDS}|luat)\s+(?:so\s+)?(\d{{1,5}}[a-z]?/[\w.&-]+(?:/[\w.&-]+)*)"
                        r"\s*,?\s*(?:cua\s+[^,;:]{0,80}?\s*)?ngay\s+(\d{1,2})\s*(?:/|\s+thang\s+)\s*(\d{1,2})\s*"
                        r"(?:/|\s+nam\s+)\s*(\d{4})(?!\d)")
_CLAUSE_END = re.compile(r"[;\n]|\.\s+(?=[A-ZĐ])|\.$")


def asks_document_of_day(question: str) -> date | None:
    """The one full day a question gives when it asks which document bears it ("văn bản nào … ngày ban hành
    28/11/2011", "văn bản ban hành ngày 30/3/2018 là văn bản nào"); None otherwise (a count of days between dates
    asks no document)."""
    folded = fold(question)
    days = asked_dates(folded)
    if len(days) != 1 or not vocab.DOCUMENT_OF_DAY_Q.search(folded):
        return None
    return days[0]


def references_of_day(text: str, day: date) -> list[str]:
    """The references of `text` (as written, up to the end of their clause) to a document dated `day`."""
    folded = fold(text)
    if len(folded) != len(text):  # folding keeps offsets for Vietnamese text; anything else is not cut
        return []
    out = []
    for m in _REFERENCE.finditer(folded):
        try:
            when = date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
        except ValueError:
            continue
        if when != day:
            continue
        end = _CLAUSE_END.search(text, m.end())
        stop = min(end.start() if end else len(text), m.end() + vocab.DATED_REFERENCE_CHARS)
        out.append(text[m.start():stop].strip(" ,"))
    return out
