"""The day a stated time limit ends from a day the asker gives: "Giả sử hợp đồng được ký ngày 01/4/2026 … phải thực
hiện xong chậm nhất khi nào?" over "Thời gian thực hiện gói thầu: 06 tháng kể từ ngày ký hợp đồng" is 01/10/2026.

A pure function on the quoted passage and the accent-free question; the day is shown beside the cited line with the
arithmetic it comes from, never in place of it. Months and years are calendar ones (the same day of the month, or
the month's last day where it has no such day); working days ("ngày làm việc") are not counted: they need the
holidays, which no document states. Why by hand: the limits are written in the plan's own words ("06 tháng kê từ
ngày ký hợp đồng"); no date library reads a Vietnamese limit counted from an event.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from assistant.qa.spans import asked_dates
from assistant.qa.templates import t
from ingest import vocab
from ingest.text import fold

_UNITS = {"ngay": "ngày", "tuan": "tuần", "thang": "tháng", "nam": "năm"}


def limit_counted_from(text: str) -> tuple[int, str] | None:
    """The one time limit the text counts from an event ("06 tháng kể từ ngày ký hợp đồng", "30 ngày tính từ
    ngày …"): (count, unit); None for none, for several different ones, or for working days."""
    found = {(int(m.group(1)), m.group(2)) for m in vocab.LIMIT_FROM_EVENT.finditer(fold(text))}
    return found.pop() if len(found) == 1 else None


def add_limit(start: date, count: int, unit: str) -> date:
    if unit == "ngay":
        return start + timedelta(days=count)
    if unit == "tuan":
        return start + timedelta(weeks=count)
    months = count * (12 if unit == "nam" else 1)
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def deadline_from(text: str, folded_question: str) -> str | None:
    """"(tính từ ngày 01/04/2026 thêm 06 tháng: đến ngày 01/10/2026)" when the question writes one day and asks when
    something ends or is due, and the passage states one limit counted from an event; None otherwise."""
    days = asked_dates(folded_question)
    if len(days) != 1 or not vocab.WHEN_ASK_Q.search(folded_question):
        return None
    limit = limit_counted_from(text)
    if limit is None:
        return None
    count, unit = limit
    end = add_limit(days[0], count, unit)
    return t("deadline_from", start=days[0].strftime("%d/%m/%Y"), count=f"{count:02d}", unit=_UNITS[unit],
             end=end.strftime("%d/%m/%Y"))
