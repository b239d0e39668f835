"""A rate the plan states times a quantity the asker gives: "Trường tôi cử 10 giáo viên … thì tổng học phí là bao
nhiêu?" over "Học phí: 500.000 đồng/học viên" is "10 × 500.000 đồng = 5.000.000 đồng".

Pure functions on the accent-free question and the quoted passage. The product is shown as arithmetic on the quoted
figure, beside the cited line, never in place of it: the asker can check both. Only when the rate's unit is the
thing counted in the question (the same noun, or both people: "học viên" for "giáo viên"); a passage giving an
amount without "/unit" (a total, a line's budget) is never multiplied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.qa.templates import t
from ingest import vocab
from ingest.text import fold


@dataclass(frozen=True)
class Given:
    count: int
    noun: str  # accent-free, as the question writes it ("giao vien")
    words: frozenset[str]  # the question's syllables that only state the quantity and the total asked


@dataclass(frozen=True)
class Rate:
    amount: float
    quoted: str  # the figure as the passage writes it ("500.000")
    currency: str  # as written ("đồng", "triệu đồng")
    unit: str  # accent-free ("hoc vien")


def given_quantity(folded_question: str) -> Given | None:
    """The quantity the asker gives ("cử 10 giáo viên", "cho 3 lớp") when the question asks a total of it
    ("tổng …", "phải chuyển/nộp bao nhiêu", "hết bao nhiêu"); None otherwise."""
    if not vocab.TOTAL_OF_GIVEN_Q.search(folded_question):
        return None
    found = list(vocab.GIVEN_QUANTITY_Q.finditer(folded_question))
    for i, m in enumerate(found):
        before = folded_question[:m.start()].split()[-1:]
        if before and before[0] in vocab.GIVEN_NOT_AFTER:  # "lớp 10 học sinh…", "năm 2025": a name, not a count
            continue
        # "3 cán bộ quản lý và 5 giáo viên": people of several kinds joined are one quantity of people
        joined = [m]
        for nxt in found[i + 1:]:
            gap = folded_question[joined[-1].end():nxt.start()]
            if not (_JOINED.fullmatch(gap) and _same_kind(nxt.group(2), m.group(2))):
                break
            joined.append(nxt)
        count = sum(int(j.group(1).replace(".", "")) for j in joined)
        if not 2 <= count <= vocab.GIVEN_MAX:
            continue
        said = [w for j in joined for w in j.group(0).split()]
        # "3 trường, mỗi trường cử 5 giáo viên": so many of each of so many groups
        each = _EACH.search(folded_question[:m.start()])
        groups = re.search(rf"(?<![\d.,/])(\d{{1,3}})\s+{re.escape(each.group(1))}\b", folded_question[:each.start()]) \
            if each else None
        if each and groups and int(groups.group(1)) >= 2:
            count *= int(groups.group(1))
            said += [groups.group(1), each.group(1), "moi"]
        verb = [w for w in before if w in vocab.GIVEN_VERBS]  # "cử 10 giáo viên": the asker's verb too
        total = [w for c in vocab.TOTAL_OF_GIVEN_Q.finditer(folded_question) for w in c.group(0).split()
                 if w not in ("bao", "nhieu")]
        return Given(count, m.group(2), frozenset([*said, *verb, *total]))
    return None


# "mỗi trường (cử) 5 giáo viên": a quantity given per group, right after "mỗi" and the group's word
_EACH = re.compile(r"\bmoi\s+(\w+)\s+(?:\w+\s+){0,2}$")
# between two quantities of one sum: "và", "cùng", a comma, or the rest of the first noun ("cán bộ quản lý và")
_JOINED = re.compile(r"(?:\s+\w+){0,2}?\s*(?:,|\s(?:va|cung|voi|\+))\s+(?:them\s+)?|\s*\+\s*")


_RATE = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(triệu đồng|nghìn đồng|ngàn đồng|đồng|VNĐ|VND|đ)"
                   r"\s*/\s*(?:1\s+|01\s+|một\s+)?(\w+(?:\s\w+)?)", re.IGNORECASE)


def _amount(written: str) -> float:
    """"500.000" -> 500000.0, "1,5" -> 1.5."""
    return float(written.replace(".", "").replace(",", ".")) if "." in written and "," not in written \
        else float(written.replace(",", "."))


def rates_in(text: str) -> list[Rate]:
    """Amounts per unit the passage states ("500.000 đồng/học viên", "1,5 triệu đồng/người/tháng")."""
    out = []
    for m in _RATE.finditer(text):
        quoted = m.group(1)
        amount = _amount(quoted)
        unit = fold(m.group(3)).strip()
        first = unit.split()[0]
        unit = unit if unit in vocab.PEOPLE_NOUNS else first  # "học viên (năm …": the noun, not what follows
        out.append(Rate(amount, quoted, m.group(2), unit))
    return out


def _same_kind(unit: str, noun: str) -> bool:
    people = vocab.PEOPLE_NOUNS
    return unit == noun or unit == noun.split()[0] or (unit in people and noun in people)


def rate_for_given(text: str, folded_question: str) -> tuple[Given, Rate] | None:
    """The quantity the question gives and the one rate the passage states per that unit; None when no quantity
    is given, no rate fits, or several different rates fit (which one applies is the reader's call)."""
    given = given_quantity(folded_question)
    rate = rate_per(text, given.noun) if given is not None else None
    return (given, rate) if given is not None and rate is not None else None


def rate_per(text: str, noun: str) -> Rate | None:
    """The one rate the passage states per `noun`'s unit; None when none fits or several different ones do."""
    fitting = [r for r in rates_in(text) if _same_kind(r.unit, noun)]
    return fitting[0] if len({(r.amount, r.currency) for r in fitting}) == 1 else None


@dataclass(frozen=True)
class Budget:
    amount: float  # in đồng
    noun: str  # the things asked how many of, accent-free ("giao vien")


_SCALE = {"trieu": 1_000_000, "nghin": 1_000, "ngan": 1_000, "ty": 1_000_000_000, "dong": 1, "d": 1, "vnd": 1}


def given_budget(folded_question: str) -> Budget | None:
    """An amount of money the asker has and the things asked how many of it pays for ("còn 3 triệu đồng … cử được
    tối đa bao nhiêu giáo viên"); None otherwise."""
    money = vocab.GIVEN_MONEY_Q.search(folded_question)
    asked = vocab.COUNT_FOR_BUDGET_Q.search(folded_question)
    if money is None or asked is None:
        return None
    return Budget(_given_money(money), asked.group(1))


def _given_money(m: re.Match[str]) -> float:
    """The amount in đồng of a `vocab.GIVEN_MONEY_Q` match ("5.000.000 đồng", "3 triệu")."""
    number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return _amount(number) * _SCALE[unit.split()[0]]


def paid_so_far(folded_question: str) -> float | None:
    """The money the asker says is paid already, when the question asks what is left to pay ("kế toán mới chuyển
    5.000.000 đồng … còn phải chuyển thêm bao nhiêu"); None otherwise or when it writes no amount or several."""
    if not vocab.REMAINDER_Q.search(folded_question):
        return None
    found = list(vocab.GIVEN_MONEY_Q.finditer(folded_question))
    return _given_money(found[0]) if len(found) == 1 else None


def left_to_pay(total: float, rate: Rate, folded_question: str) -> tuple[float, float] | None:
    """What the asker says is paid (`paid_so_far`) and what is left of `total`, both in the rate's currency; None
    when nothing is said paid or it covers the total."""
    settled, scale = paid_so_far(folded_question), _scale(rate)
    if settled is None or total * scale <= settled:
        return None
    return settled / scale, total - settled / scale


def _scale(rate: Rate) -> float:
    """đồng per unit of the rate's currency as written ("triệu đồng": 1.000.000)."""
    return _SCALE.get(fold(rate.currency).split()[0], 1)


def count_for_budget(text: str, folded_question: str) -> tuple[Budget, Rate, int] | None:
    """The budget the question gives, the one rate the passage states per the thing asked, and how many of them the
    budget pays for (rounded down)."""
    budget = given_budget(folded_question)
    rate = rate_per(text, budget.noun) if budget is not None else None
    if budget is None or rate is None:
        return None
    per = rate.amount * _scale(rate)
    return (budget, rate, int(budget.amount // per)) if per > 0 else None


# a monthly amount of money or of a thing measured ("mỗi tháng 15 kg gạo", "360.000 đồng/trẻ/tháng")
_MONTHLY = re.compile(r"(?:moi thang|hang thang|1 thang|mot thang)(?: la| duoc)?\s+(\d{1,3}(?:\.\d{3})+|\d+)\s*"
                      r"(dong|kg|lit)\b|"
                      r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(dong|kg|lit)\s*/\s*(?:nguoi\s*/\s*|hoc sinh\s*/\s*|tre\s*/\s*)?"
                      r"thang\b")
_MEASURE_WORDS = {"dong": "đồng", "kg": "kg", "lit": "lít"}
# the unit a question asks a year's total in, as people say it ("bao nhiêu ký gạo", "bao nhiêu cân")
_ASKED_MEASURE = re.compile(r"\bbao nhieu\s+(ky|kg|kilogam|ki lo gam|can|lit|tien|dong)\b")
_ASKED_AS = {"ky": "kg", "kilogam": "kg", "ki lo gam": "kg", "can": "kg", "tien": "dong"}
_MONTHS_A_YEAR = re.compile(r"(?:khong qua|toi da|trong)?\s*(\d{1,2})\s*thang\s*/\s*(?:01 |1 |mot )?nam")


def yearly_total(text: str, folded_question: str) -> str | None:
    """A year's total of a monthly amount the passage states with the months a year it is paid for ("Mỗi trẻ … được
    hỗ trợ mỗi tháng là 360.000 đồng và được hưởng không quá 9 tháng/năm học": 9 × 360.000 = 3.240.000 đồng), when
    the question asks the whole year's ("cả năm học được hỗ trợ tổng cộng bao nhiêu"); None when the passage states
    several monthly amounts or month counts (which one applies is the reader's call)."""
    if not vocab.YEAR_TOTAL_Q.search(folded_question) or given_quantity(folded_question) is not None:
        return None
    folded = fold(text)
    amounts = {(m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in _MONTHLY.finditer(folded)}
    asked = _ASKED_MEASURE.search(folded_question)
    if asked is not None:  # "bao nhiêu ký gạo": the amount in that unit, where the passage gives others too
        unit = _ASKED_AS.get(asked.group(1), asked.group(1))
        amounts = {a for a in amounts if a[1] == unit}
    months = {m.group(1) for m in _MONTHS_A_YEAR.finditer(folded)}
    if len(amounts) != 1 or len(months) != 1:
        return None
    (amount, unit), count = amounts.pop(), int(months.pop())
    if not 1 < count <= 12:
        return None
    total = int(amount.replace(".", "")) * count
    return t("year_total", count=count, rate=amount, unit=_MEASURE_WORDS[unit], total=_grouped(total))


# A length asked in a unit of time or measure ("tính ra một ngày học tối đa bao nhiêu phút")
_UNIT_ASKED = re.compile(r"\b(?:bao nhieu|may)\s+(phut|gio|tieng|ngay|tuan|thang|kg|km|lit|buoi|tiet)\b")
_PER_THING = re.compile(r"\bmoi\s+(\w+)\s+(?:la\s+|khoang\s+)?(\d{1,4})\s*(\w+)")
_PERIODS = ("ngay", "tuan", "thang", "nam", "buoi", "lop", "khoa")


def unit_product(text: str, folded_question: str) -> str | None:
    """A count the passage gives times what each one takes, in the unit the question asks ("mỗi ngày bố trí không
    quá 7 tiết học, mỗi tiết 35 phút" for "một ngày học tối đa bao nhiêu phút": 7 tiết × 35 phút = 245 phút). The
    count is the passage's one number of those things, or, where it gives several, the one per the period the
    question names ("32 tiết/tuần" for "mỗi tuần"); None when none fits or the question gives a quantity itself."""
    if given_quantity(folded_question) is not None:
        return None
    folded = fold(text)
    for asked in _UNIT_ASKED.finditer(folded_question):  # "bao nhiêu tiết mỗi ngày; … bao nhiêu phút": each unit
        found = _product(folded, asked.group(1), folded_question)
        if found is not None:
            return found
    return None


def _product(folded: str, unit: str, folded_question: str) -> str | None:
    rates = {(m.group(1), int(m.group(2))) for m in _PER_THING.finditer(folded) if m.group(3) == unit}
    if len(rates) != 1:
        return None
    thing, each = rates.pop()
    if re.search(rf"\b(?:moi|1|mot)\s+{thing}\b(?!\s+(?:la\s+|khoang\s+)?\d)", folded_question):
        return None  # "mỗi tiết bao nhiêu phút" asks what each takes, not a product ("mỗi tiết 35 phút" states it)
    counts = {(m.start(), int(m.group(1))) for m in re.finditer(rf"(?<![\d.,/])(\d{{1,4}})\s+{thing}\b", folded)
              if not folded[max(0, m.start() - 30):m.start()].rstrip().endswith(f"moi {thing}")}
    values = {n for _, n in counts}
    if len(values) > 1:  # "7 tiết/ngày … 32 tiết/tuần": the one per the period the question names
        named = [p for p in _PERIODS if re.search(rf"\b(?:moi|mot|1|trong)\s+{p}\b", folded_question)]
        values = {n for at, n in counts for p in named
                  if re.search(rf"^\d+\s+{thing}(?:\s+\w+)?\s*/\s*{p}\b", folded[at:])
                  or re.search(rf"\bmoi\s+{p}\b[^.;:]{{0,40}}$", folded[max(0, at - 50):at])}
    if len(values) != 1 or thing == unit:
        return None
    count = values.pop()
    if not 1 < count <= 10_000:
        return None
    return t("unit_product", count=count, each=each, unit=_UNIT_WORDS[unit], total=_grouped(count * each))


_UNIT_WORDS = {"phut": "phút", "gio": "giờ", "tieng": "tiếng", "ngay": "ngày", "tuan": "tuần", "thang": "tháng",
               "kg": "kg", "km": "km", "lit": "lít", "buoi": "buổi", "tiet": "tiết"}


_AVERAGE_Q = re.compile(r"\b(?:chia deu|binh quan|trung binh)\b")
_PER_EACH = re.compile(r"\bmoi\s+(co so|don vi|truong|lop|xa|huyen|hoc sinh|giao vien|nguoi|phong|nhom|khoa|doi|tinh)\b")
_COUNT_OF = r"(?<![\d.,/])(\d{{1,3}}(?:\.\d{{3}})+|\d+)\s+(?:\w+\s+)?{noun}\b"
# an amount of money as a plan writes it ("20.000 triệu đồng", "13,66 tỷ đồng", a cell's "(triệu đồng): 55.500")
_MONEY_CELL = re.compile(r"\((ty dong|trieu dong|nghin dong|dong)\)\s*:\s*(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)")
_MONEY_SAID = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(ty dong|trieu dong|nghin dong|dong)\b")


def money_amounts(folded: str) -> list[tuple[str, str]]:
    """(figure as written, unit) of each amount of money in an accent-free text, written out or in a cell."""
    return [(m.group(1), m.group(2)) for m in _MONEY_SAID.finditer(folded)] + \
        [(m.group(2), m.group(1)) for m in _MONEY_CELL.finditer(folded)]


def written_number(quoted: str) -> float:
    """A figure as a plan writes it, thousands "." and decimals "," ("12.848.519.000", "77,15"), as a number."""
    return float(quoted.replace(".", "").replace(",", "."))


def average_of(texts: list[str], folded_question: str) -> str | None:
    """An even share the question asks ("nếu chia đều … thì bình quân mỗi cơ sở được bao nhiêu", "mỗi đơn vị có
    khoảng bao nhiêu học sinh"): the one total the passages give (of the thing asked, or of money when the question
    speaks of money) divided by the one count they give of what it is shared among ("36 cơ sở giáo dục", "220 đơn
    vị"); None when either is missing or the passages give several."""
    per = _PER_EACH.search(folded_question)
    if not _AVERAGE_Q.search(folded_question) or per is None:
        return None
    folded = [fold(x) for x in texts]
    counts = {m.group(1) for f in folded for m in re.finditer(_COUNT_OF.format(noun=per.group(1)), f)}
    asked = re.search(r"\bbao nhieu\s+(hoc sinh|giao vien|nguoi|sinh vien|hoc vien|luot|phong|bo|may)\b",
                      folded_question[per.end():])
    if asked is not None and asked.group(1) != per.group(1):
        totals = {(m.group(1), asked.group(1)) for f in folded for m in re.finditer(_COUNT_OF.format(noun=asked.group(1)), f)}
    elif re.search(r"\b(?:kinh phi|tien|ngan sach|von)\b", folded_question):
        totals = {a for f in folded for a in money_amounts(f)}
    else:
        return None
    if len(counts) != 1 or len(totals) != 1:
        return None
    count, (total, unit) = written_number(counts.pop()), totals.pop()
    if count < 2:
        return None
    share = written_number(total) / count
    shown = f"{share:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".").removesuffix(",0")
    return t("average_of", total=total, unit=UNIT_SHOWN.get(unit, unit), count=f"{count:,.0f}".replace(",", "."),
             share=shown)


UNIT_SHOWN = {"ty dong": "tỷ đồng", "trieu dong": "triệu đồng", "nghin dong": "nghìn đồng", "dong": "đồng",
               "hoc sinh": "học sinh", "giao vien": "giáo viên", "nguoi": "người", "sinh vien": "sinh viên",
               "hoc vien": "học viên", "luot": "lượt", "phong": "phòng", "bo": "bộ", "may": "máy"}


# "cứ 45 học sinh bán trú thì được hưởng 01 định mức hỗ trợ là 4.738.500 đồng/tháng, số dư từ 20 học sinh bán trú trở
# lên được tính 01 định mức": a norm per so many people, and what the remainder counts for
_NORM = re.compile(r"\bcu (\d+) (\w+(?: \w+)?)(?: \w+){0,3}? thi (?:duoc (?:huong|tinh) )?(\d+|mot) dinh muc"
                   r"(?: \w+){0,3}? (\d{1,3}(?:\.\d{3})+|\d+) (dong|trieu dong)")
_NORM_REST = re.compile(r"\bso du tu (\d+) (?:\w+ ){0,4}?tro len (?:thi )?(?:duoc )?tinh (\d+|mot) dinh muc")


def norm_total(text: str, folded_question: str) -> str | None:
    """What a number of people the asker gives comes to under a norm per so many of them ("cứ 45 học sinh … 01 định
    mức … 4.738.500 đồng/tháng, số dư từ 20 học sinh … trở lên được tính 01 định mức"; "trường tôi có 100 học sinh
    bán trú" : 2 định mức, the remainder of 10 too few, 9.477.000 đồng); None without such a norm, or a count of the
    same people in the question."""
    folded = fold(text)
    norm = _NORM.search(folded)
    if norm is None:
        return None
    per, noun = int(norm.group(1)), norm.group(2)
    each = 1 if norm.group(3) == "mot" else int(norm.group(3))
    asked = re.search(rf"(?<![\d.,/])(\d{{1,5}}) {re.escape(noun)}\b", folded_question)
    if asked is None or per < 2:
        return None
    count = int(asked.group(1))
    if re.search(rf"\bcu {per}\b", folded_question):
        return None  # the question only repeats the norm ("cứ 45 học sinh thì được mấy định mức")
    units, left = divmod(count, per)
    units *= each
    rest = _NORM_REST.search(folded)
    kept = rest is not None and left >= int(rest.group(1))
    if kept and rest is not None:
        units += 1 if rest.group(2) == "mot" else int(rest.group(2))
    rate = written_number(norm.group(4))
    shown = t("norm_remainder_kept" if kept else "norm_remainder_dropped", left=left,
              least=rest.group(1) if rest else "") if left and rest else ""
    return t("norm_total", count=count, per=per, units=units, rest=shown, rate=norm.group(4),
             currency=norm.group(5).replace("trieu dong", "triệu đồng").replace("dong", "đồng"),
             total=_grouped(round(units * rate)))


def _grouped(n: int) -> str:
    """A whole number with its thousands grouped the Vietnamese way: 9477000 -> "9.477.000"."""
    return f"{n:,}".replace(",", ".")
