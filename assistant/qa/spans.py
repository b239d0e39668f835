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


# a period of months ("Từ 1/2023-12/2025", "từ tháng 5/2020 đến tháng 12/2022"): no day written, so it runs from the
# first month's start to the last month's end
_MONTHS = re.compile(r"(?<![\d/.])(?:tu\s*)?(?:thang\s+)?(\d{1,2})\s*/\s*(\d{4})\s*(?:[-–—]|\bden\b)\s*(?:het\s+)?"
                     r"(?:thang\s+)?(\d{1,2})\s*/\s*(\d{4})(?![\d/])")


def month_periods(text: str) -> list[tuple[int, int, int, int]]:
    """The periods "from month to month" the text states: (first month, its year, last month, its year)."""
    out = []
    for m in _MONTHS.finditer(fold(text)):
        m1, y1, m2, y2 = (int(g) for g in m.groups())
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and (y1, m1) <= (y2, m2) and (m1, y1, m2, y2) not in out:
            out.append((m1, y1, m2, y2))
    return out


def span_months(text: str, folded_question: str) -> str | None:
    """"(N tháng, từ tháng … đến hết tháng …)" when the question asks how many months (or years) a period lasts
    and the passage states exactly one period of months and no period of days."""
    if not vocab.MONTHS_COUNT_Q.search(folded_question) or periods(text):
        return None
    found = month_periods(text)
    if len(found) != 1:
        return None
    m1, y1, m2, y2 = found[0]
    months = (y2 - y1) * 12 + m2 - m1 + 1
    years = f" = {months // 12} năm" if months % 12 == 0 else ""
    return t("span_months", months=months, years=years, start=f"{m1:02d}/{y1}", end=f"{m2:02d}/{y2}")


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
    found = [m for p in (vocab.DAYS_COUNT_Q, vocab.HOURS_COUNT_Q, vocab.MONTHS_COUNT_Q)
             for m in p.finditer(folded_question)]
    return {w for m in found for w in m.group(0).split()} | (vocab.SPAN_ASK_WORDS if found else set())


_FULL_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*(?:[/.-]|\s+thang\s+)\s*(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*(\d{4})(?!\d)")


def _dates(folded: str) -> list[tuple[int, date]]:
    out = []
    for m in _FULL_DATE.finditer(folded):
        d = _day(m.group(1), m.group(2), int(m.group(3)))
        if d is not None:
            out.append((m.start(), d))
    return out


def named_numbers(folded_question: str, lettered: bool = True) -> list[str]:
    """The document numbers a question names, in order: not a date or a month ("08/6/2010", "tháng 12/2025"), not a
    year; "63/2010" (a decree's) and "28/2020" are numbers, and with `lettered` a resolution's "30c" too."""
    # ("12/2022/TT-BTTTT" is a circular's number, not December 2022)
    undated = re.sub(r"\b\d{1,2}/\d{1,2}/\d{4}\b(?!/)|\b(?:0?[1-9]|1[0-2])/\d{4}\b(?!/)", " ", folded_question)
    number = r"\d{2,5}[a-z]?" if lettered else r"\d{2,5}"
    return [n for n in dict.fromkeys(re.findall(rf"(?<![\d/.,])({number})(?=/|\s|$|[?,.])", undated))
            if not is_year(n)]


def date_after_number(folded: str, n: str) -> date | None:
    """The date written right after document number `n` in an accent-free text ("4750/QĐ-BYT ngày 29/12/2023")."""
    m = re.search(rf"(?<![\d/.,])0*{n.lstrip('0') or n}/", folded)
    after = _dates(folded[m.end():m.end() + vocab.DATE_AFTER_NUMBER_CHARS]) if m else []
    return after[0][1] if after else None


def _gap_dates(texts: list[str], folded_question: str) -> tuple[date, date] | None:
    """The two dates asked about: those written after the two document numbers the question names ("văn bản 6582 …
    trước công văn 4532": "6582/VPCP-KSTT, ngày 21/9/2011", "4532/UBND-KSTTHC, ngày 07/12/2011"); else the only two
    dates of the first passage ("Ngày bắt đầu: 13/12/2025; Ngày kết thúc: 20/12/2025"), or of all passages, when the
    question asks how far apart or names two documents."""
    text = fold(" ".join(texts))
    picked = [d for n in named_numbers(folded_question) if (d := date_after_number(text, n)) is not None]
    if len(picked) > 2:  # "Trong công văn 4532 …, Nghị định 63/2010 ra đời trước Nghị quyết 30c …": the document
        picked = picked[-2:]  # named first is where the question looks; the two compared are named last
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
    return gap_between(*found)


def gap_between(first: date, second: date) -> str:
    """"(… cách nhau N ngày, khoảng … năm … tháng, từ … đến …)" for two days, in either order."""
    start, end = sorted((first, second))
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    years, months = divmod(months, 12)
    about = " ".join(p for p in (f"{years} năm" if years else "", f"{months} tháng" if months else "") if p)
    return t("date_gap", days=(end - start).days, about=f", khoảng {about}" if about else "",
             start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}")


def asks_day_count(folded_question: str) -> bool:
    """The question asks how many days ("bao nhiêu ngày", "cách nhau mấy ngày", "trước … bao lâu")."""
    return bool(vocab.DAYS_COUNT_Q.search(folded_question) or vocab.DATE_GAP_Q.search(folded_question))


def asked_dates(folded_question: str) -> list[date]:
    """The full dates the question itself writes ("… bắt đầu ngày 27/02/2026", "(31/8/2021)"), in order."""
    return list(dict.fromkeys(d for _, d in _dates(folded_question)))


def refers_to_issue(folded_question: str) -> bool:
    """The question counts from (or to) the day a document was signed or issued without writing that day
    ("Tính từ ngày Bộ GDĐT ký Công văn 2345 …", "từ khi ban hành kế hoạch …"); a date written right after
    ("ký ngày 23/6/2026") is that day itself."""
    if re.search(r"\b(?:ky|ban hanh)\s+(?:vao\s+)?ngay\s+\d", folded_question):
        return False
    return vocab.ISSUE_DAY_Q.search(folded_question) is not None


def _other_end(text: str, given: date, folded_question: str) -> date | None:
    """The passage's date that the question counts to or from, the other end being `given`: the other end of a
    period `given` begins or ends; else the start or the end of its one period, as the question names it ("đến
    ngày bắt đầu …", "đến hạn …"); else its only date. Dates of documents cited in the passage are not events."""
    folded = vocab.DOC_REFERENCE_DATE.sub(" ", fold(text))
    found = periods(folded)
    for start, end in found:
        if given == start:
            return end
        if given == end:
            return start
    singles = [d for d in dict.fromkeys(d for _, d in _dates(folded)) if d != given]
    # a deadline the passage sets ("… trước ngày 15/7/2026") first
    if vocab.END_DAY_Q.search(folded_question) and (due := _one_date_after(vocab.DEADLINE_IN_TEXT, folded, 20)):
        return due
    for asked, label in ((vocab.START_DAY_Q, vocab.START_LABEL), (vocab.END_DAY_Q, vocab.END_LABEL)):
        # a row's "Ngày bắt đầu: Thứ Bảy 13/12/2025; Ngày kết thúc: …": the end the question names, by its label
        if len(singles) > 1 and asked.search(folded_question) and \
                (labelled := _one_date_after(label, folded, 25)) is not None:
            return labelled
    if len(found) == 1:
        start, end = found[0]
        if vocab.START_DAY_Q.search(folded_question):
            return start
        if vocab.END_DAY_Q.search(folded_question):
            return end
        return None
    return singles[0] if len(singles) == 1 else None


def _one_date_after(marker: re.Pattern[str], folded: str, chars: int) -> date | None:
    """The one date written within `chars` after each place `marker` matches ("trước ngày …", "Ngày bắt đầu: …");
    None when none is, or different ones are."""
    found = {d for m in marker.finditer(folded) for _, d in _dates(folded[m.end():m.end() + chars])[:1]}
    return found.pop() if len(found) == 1 else None


def given_gap(texts: list[str], folded_question: str, issued: date | None = None) -> str | None:
    """"(cách nhau N ngày, từ … đến …)" when the question asks how many days lie between a date it writes itself
    (or the day the document was issued, `issued`, when the question counts from it: `refers_to_issue`) and
    another: a second date it writes, or the date of the first passage the question points to (`_other_end`)."""
    if not asks_day_count(folded_question):
        return None
    ends = asked_dates(folded_question)
    if issued is not None and issued not in ends:
        ends.append(issued)
    if len(ends) == 1 and texts:
        # the document's own day and another it cites ("Thông tư 28/2020 … ra đời trước công văn này"): that one's
        # date as the passage writes it after its number; else the passage's event
        cited = cited_date(texts, folded_question) if issued is not None and vocab.OWN_DOC_Q.search(folded_question) \
            else None
        other = cited or _other_end(texts[0], ends[0], folded_question)
        ends += [other] if other is not None else []
    if len(ends) != 2 or ends[0] == ends[1]:
        return None
    start, end = sorted(ends)
    return t("date_gap", days=(end - start).days, about="", start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}")


def cited_date(texts: list[str], folded_question: str) -> date | None:
    """The date written after the one document number the question names ("Công văn 2637 …": "Công văn số
    2637/BGDĐT-VP ngày 15 tháng 5 năm 2026"), found in the texts; None when it names none, or the texts date none
    or several of those it names."""
    found = {d for _, d in dated_numbers(texts, folded_question)}  # the one the texts date ("Nghị quyết 30c/NQ-CP
    # ngày 08/11/2011" too): the others name the document itself ("Công văn 2345 … viện dẫn")
    return found.pop() if len(found) == 1 else None


def dated_numbers(texts: list[str], folded_question: str, lettered: bool = True) -> list[tuple[int, date]]:
    """For each document number the question names (`named_numbers`), the first text that writes it with a date
    right after it ("Quyết định số 4750/QĐ-BYT ngày 29/12/2023"): (that text's index, the date), in the question's
    order; numbers no text dates are left out."""
    folded = [fold(x) for x in texts]
    out = []
    for n in named_numbers(folded_question, lettered):
        out += next(([(i, d)] for i, f in enumerate(folded) if (d := date_after_number(f, n)) is not None), [])
    return out


_DATED_NUMBER = re.compile(r"(?<![\d/.,])(\d{1,5}[a-z]?)/[\w.&-]+(?:/[\w.&-]+)*\s*,?\s*(?:cua\s+[^,;:]{0,80}?\s*)?"
                           r"ngay\s+(?=\d)")


def dated_neighbour(text: str, n: str) -> date | None:
    """The date of the one other document the sentence naming document `n` dates ("Kế hoạch số 70/KH-SGDĐT ngày
    29 tháng 05 năm 2023 … được UBND tỉnh phê duyệt tại Quyết định số 622/QĐ-UBND-HC ngày 07 tháng 6 năm 2023"):
    the document the question asks about without its number. None when the sentence dates none or several."""
    folded = fold(text)
    m = re.search(rf"(?<![\d/.,])0*{n.lstrip('0') or n}/", folded)
    if m is None:
        return None
    rest = folded[m.end():]
    stop = re.search(r"[;:\n]|\.\s+(?=[a-z])", rest)  # the sentence's end (a full stop before a new sentence)
    sentence = rest[:stop.start()] if stop else rest
    found = {d for x in _DATED_NUMBER.finditer(sentence) if x.group(1) != n
             for _, d in _dates(sentence[x.end():x.end() + 20])[:1]}
    return found.pop() if len(found) == 1 else None


def issued_on(line: str) -> date | None:
    """The day of a header's "Ngày ban hành: 07/06/2021 (…)" line (ingest/units.py `issue_date`); None when the
    day is left blank ("tháng 6 năm 2026 (chưa ghi ngày)")."""
    found = _dates(fold(line.split(":", 1)[-1]))
    return found[0][1] if found else None
