"""A part's share of a total, when the question asks what percentage it makes ("Trong tổng kinh phí …, nguồn xã hội
hóa chiếm khoảng bao nhiêu phần trăm?") and the plan gives the part and the total as amounts ("Tổng kinh phí:
55.500 triệu đồng trong đó" … "- Xã hội hóa : 20.000 triệu đồng."), each often a line of its own.

Pure functions on the accent-free question and the quoted texts. The share is shown as arithmetic on the two quoted
figures, beside the cited line, never in place of it; only when both are in the same unit of money and the total is
the larger, and only when exactly one amount stands in the part's line.
"""

from __future__ import annotations

import re

from assistant.qa.rates import UNIT_SHOWN, money_amounts, written_number
from assistant.qa.templates import t
from ingest import vocab
from ingest.text import fold

# the line stating the whole: "Tổng kinh phí: 55.500 triệu đồng", "Tổng cộng …", "TỔNG CỘNG; Khái toán … : 55.500"
_TOTAL = re.compile(r"\btong\b")


def share_of(part: str, before: list[str], folded_question: str) -> str | None:
    """The share the one amount in `part` makes of the total stated in `part` itself or in the nearest of `before`
    (the texts preceding it in its document, nearest first) that states a total in the same unit; None when the
    question asks no share, `part` holds no single amount, or no larger total is found."""
    if not vocab.SHARE_ASK_Q.search(folded_question):
        return None
    folded = fold(part)
    if _TOTAL.search(folded):
        return None  # the total's own line: no part of it
    amounts = money_amounts(folded)
    if len(amounts) != 1:
        return None
    quoted, unit = amounts[0]
    for text in before[: vocab.SHARE_TOTAL_LOOKBACK]:
        line = fold(text)
        said = _TOTAL.search(line)
        if said is None:
            continue
        totals = [(q, u) for q, u in money_amounts(line[said.start():]) if u == unit]
        if not totals:
            continue
        whole = totals[0][0]
        if written_number(whole) <= written_number(quoted):
            return None
        percent = 100 * written_number(quoted) / written_number(whole)
        shown = f"{percent:.2f}".replace(".", ",").removesuffix(",00")
        return t("share_of", part=quoted, total=whole, unit=UNIT_SHOWN[unit], percent=shown)
    return None



# "đã có 465/595 cơ sở … để đạt chỉ tiêu 80% … cần bao nhiêu cơ sở, phải tăng thêm bao nhiêu": a target share of a
# total the asker (or the quoted line) gives as "done/total", and how many more it needs
_FRACTION = re.compile(r"(?<![\d/.,])(\d{1,6})\s*/\s*(\d{1,6})(?![\d/])")
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{1,2})?)\s*%")
_TARGET_ASK = re.compile(r"\b(?:dat|chi tieu|muc tieu)\b[^?]{0,60}\b(?:can|phai co|phai dat|can co)\b[^?]{0,20}"
                         r"\bbao nhieu\b|\b(?:can|phai|con) (?:tang )?them bao nhieu\b|\btang them bao nhieu\b")


def target_count(texts: list[str], folded_question: str) -> str | None:
    """How many of a total a target share needs, and how many more than those already counted ("465/595 …, để đạt
    chỉ tiêu 80% cần bao nhiêu, tăng thêm bao nhiêu": 80% × 595 = 476, 476 − 465 = 11), rounded up (a target is
    reached at or above its share); the fraction and the share read from the question, else from the quoted texts
    (the share alone, or both when the question gives neither). None when either is missing, or several."""
    if not _TARGET_ASK.search(folded_question):
        return None
    said = " ".join(fold(x) for x in texts)
    fractions = {(int(a), int(b)) for a, b in _FRACTION.findall(folded_question)} or \
        {(int(a), int(b)) for a, b in _FRACTION.findall(said)}
    shares = set(_PERCENT.findall(folded_question)) or set(_PERCENT.findall(said))
    if len(fractions) != 1 or len(shares) != 1:
        return None
    (done, total), share = fractions.pop(), shares.pop()
    if not 0 < done <= total:
        return None
    percent = float(share.replace(",", "."))
    needed = -(-round(percent * total * 100) // 10000)  # ceiling of percent × total / 100, in integers
    more = max(0, needed - done)
    rounded = "" if round(percent * total * 100) % 10000 == 0 else t("rounded_up")
    return t("target_count", share=share, total=total, needed=needed, rounded=rounded, done=done, more=more)
