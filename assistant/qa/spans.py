"""How many days a period the passage states lasts, when the question asks how long: "sinh viên có tổng cộng bao
nhiêu ngày để làm khảo sát?" over "… từ ngày 29/6/2026 đến hết ngày 09/7/2026" is 11 days, both ends counted; and
how many hours a session from one time of day to another lasts ("Học trực tuyến từ 8g00-16g30": 8,5 giờ).

Pure functions on the quoted passage and the accent-free question; the count is shown beside the cited line, with
the two dates it is counted from, never in place of it. Only one period in the passage (with two, which one is
asked is the reader's call). Why by hand: the dates are written in the plan's own words ("từ ngày … đến hết ngày
…", "29/6 – 09/7/2026"); dateparser and the like read one date, not a Vietnamese span.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.qa.templates import t
from ingest import vocab
from ingest.text import fold, is_year

_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?"
_SPAN = re.compile(rf"(?<![\d/.])(?:tu\s+(?:ngay\s+)?)?{_DATE}\s*(?:[-–—]|\bden\b|\btoi\b)\s*(?:het\s+)?(?:ngay\s+)?"
                   rf"{_DATE}(?![\d/])")


def _day(d: str, m: str, y: int) -> date | None:
    try:
        return date(y, int(m), int(d))
    except ValueError:
        return None


def periods(text: str) -> list[tuple[date, date]]:
    """The periods "from day to day" the text states, in order (a first date without its year takes the second's)."""
    out = []
    for m in _SPAN.finditer(fold(text)):
        d1, m1, y1, d2, m2, y2 = m.groups()
        if not y2:
            continue
        end = _day(d2, m2, int(y2))
        start = _day(d1, m1, int(y1) if y1 else int(y2))
        if start and end and not y1 and start > end:  # "từ 20/12 đến 10/01/2026"
            start = _day(d1, m1, int(y2) - 1)
        if start and end and start < end and (start, end) not in out:
            out.append((start, end))
    return out


def states_period(text: str) -> bool:
    """A period stated: "từ ngày … đến ngày …", or a start and an end date in the line's own fields ("Ngày bắt đầu:
    Thứ Bảy 13/12/2025; Ngày kết thúc: Thứ Bảy 20/12/2025", "Thời gian thực hiện: 29/6/2026 - 09/7/2026")."""
    return bool(periods(text)) or len({d for _, d in _dates(fold(text))}) == 2


def span_days(text: str, folded_question: str) -> str | None:
    """"(N ngày, từ … đến …, kể cả hai ngày)" when the question asks how many days or how long and the passage states
    exactly one period; None otherwise."""
    if not vocab.DAYS_COUNT_Q.search(folded_question):
        return None
    found = periods(text)
    if len(found) != 1:
        return None
    start, end = found[0]
    return t("span_days", days=(end - start).days + 1, start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}")


_TIME = r"(\d{1,2})\s*(?:g|h|gio|:)\s*(\d{2})?"
_HOURS = re.compile(rf"(?<![\d/.:]){_TIME}\s*(?:[-–—]|\bden\b|\btoi\b)\s*{_TIME}(?![\d/])")


def hour_ranges(text: str) -> list[tuple[int, int]]:
    """The sessions "from a time of day to another" the text states, in minutes since midnight."""
    out = []
    for m in _HOURS.finditer(fold(text)):
        h1, m1, h2, m2 = (int(g) if g else 0 for g in m.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60 and start < end and (start, end) not in out:
            out.append((start, end))
    return out


def span_hours(text: str, folded_question: str) -> str | None:
    """"(N giờ …, từ … đến …)" when the question asks how many hours and the passage states exactly one session."""
    if not vocab.HOURS_COUNT_Q.search(folded_question):
        return None
    found = hour_ranges(text)
    if len(found) != 1:
        return None
    start, end = found[0]
    minutes = end - start
    hours = f"{minutes // 60}" if minutes % 60 == 0 else f"{minutes / 60:.2f}".rstrip("0").replace(".", ",")
    return t("span_hours", hours=hours, exact=f"{minutes // 60} giờ {minutes % 60:02d} phút",
             start=f"{start // 60}g{start % 60:02d}", end=f"{end // 60}g{end % 60:02d}")


def span_words(folded_question: str) -> set[str]:
    """The syllables that only ask how long ("kéo dài bao nhiêu tiếng", "tổng cộng bao nhiêu ngày"): the passage
    states the period, not these words."""
    found = [m for p in (vocab.DAYS_COUNT_Q, vocab.HOURS_COUNT_Q) for m in p.finditer(folded_question)]
    return {w for m in found for w in m.group(0).split()} | (vocab.SPAN_ASK_WORDS if found else set())


_FULL_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*(?:[/.-]|\s+thang\s+)\s*(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*(\d{4})(?!\d)")


def _dates(folded: str) -> list[tuple[int, date]]:
    out = []
    for m in _FULL_DATE.finditer(folded):
        d = _day(m.group(1), m.group(2), int(m.group(3)))
        if d is not None:
            out.append((m.start(), d))
    return out


def _gap_dates(texts: list[str], folded_question: str) -> tuple[date, date] | None:
    """The two dates asked about: those written after the two document numbers the question names ("văn bản 6582 …
    trước công văn 4532": "6582/VPCP-KSTT, ngày 21/9/2011", "4532/UBND-KSTTHC, ngày 07/12/2011"); else the only two
    dates of the first passage ("Ngày bắt đầu: 13/12/2025; Ngày kết thúc: 20/12/2025"), or of all passages, when the
    question asks how far apart or names two documents."""
    text = fold(" ".join(texts))
    undated = re.sub(r"\b\d{1,2}/(?:\d{1,2}/)?\d{4}\b", " ", folded_question)
    numbers = [n for n in dict.fromkeys(re.findall(r"(?<![\d/.,])(\d{2,5})(?=/|\s|$|[?,.])", undated))
               if not is_year(n)]
    picked = []
    for n in numbers:
        m = re.search(rf"(?<![\d/.,])0*{n.lstrip('0') or n}/", text)
        after = _dates(text[m.end():m.end() + vocab.DATE_AFTER_NUMBER_CHARS]) if m else []
        if after:
            picked.append(after[0][1])
    apart = vocab.DATE_APART_Q.search(folded_question) or len(vocab.DOC_KINDS_ASKED_Q.findall(folded_question)) >= 2
    for scope in (texts[:1], texts) if apart else ():  # the first passage's only two dates, else all passages'
        if len(picked) != 2:
            found = list(dict.fromkeys(d for t_ in scope for _, d in _dates(fold(t_))))
            picked = found if len(found) == 2 else []
    if len(picked) != 2 or picked[0] == picked[1]:
        return None
    start, end = sorted(picked)
    return start, end


def date_gap(texts: list[str], folded_question: str) -> str | None:
    """"(N ngày, khoảng … năm … tháng, từ … đến …)" when the question asks how far apart two dates are ("ban hành
    trước … bao nhiêu ngày", "cách nhau mấy ngày", "trước khoảng bao lâu") and the passages give those two."""
    if not vocab.DATE_GAP_Q.search(folded_question):
        return None
    found = _gap_dates(texts, folded_question)
    if found is None:
        return None
    start, end = found
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, months = divmod(months, 12)
    about = " ".join(p for p in (f"{years} năm" if years else "", f"{months} tháng" if months else "") if p)
    return t("date_gap", days=(end - start).days, about=f", khoảng {about}" if about else "",
             start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}")
