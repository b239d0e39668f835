"""What kind of value a question asks for ("bao nhiêu phần trăm", "liên hệ ai", "bao lâu", "địa chỉ nào", "gồm
những phần nào", …) and whether a passage holds one: the answer's passages are scored and filtered by it
(assistant/qa/compose.py `best_passages`). Word lists and patterns are in ingest/vocab.py, each with what it was
written from.
"""

from __future__ import annotations

import re

from assistant.qa.spans import periods, states_period
from ingest import vocab
from ingest.text import fold

_NUMBER = re.compile(r"\d")


# In this order: the first that matches the accent-free question decides.
_ASKED = [(vocab.PERCENT_Q, "percent"), (vocab.MONEY_ASK_Q, "money"), (vocab.DAY_ASK_Q, "day"),
          (vocab.EMAIL_Q, "email"), (vocab.PHONE_Q, "phone"), (vocab.ACCOUNT_Q, "account"),
          (vocab.CONTACT_Q, "contact"),
          (vocab.SOURCE_Q, "source"), (vocab.ANNEX_Q, "annex"), (vocab.DURATION_Q, "duration"),
          (vocab.ADDRESS_Q, "address"), (vocab.EDITION_Q, "edition"), (vocab.YEAR_Q, "year"),
          (vocab.COMPOSITION_Q, "parts")]


def wanted_type(question: str) -> str | None:
    """What kind of answer the question expects: 'percent', 'money' (an amount), 'day' (a date), 'email', 'phone'
    or 'account' (a contact or payee asked by its channel), 'contact' (a person, phone or e-mail to contact),
    'source' (where the money comes from), 'duration' (how long), 'annex' (which annex or form a thing follows),
    'address' (where, as a street address, e-mail or website), 'edition' ("lần thứ mấy"), 'year', 'parts' (what a
    thing consists of), 'number' or None."""
    f = fold(question)
    return next((kind for pattern, kind in _ASKED if pattern.search(f)),
                "number" if vocab.NUMBER_Q.search(f) else None)


# Kinds no passage without one answers: only passages holding one are kept when any does (matched on the folded
# text). (Money as well was tried: the regression floor of a held-out set caught it, see eval/reports/corpus-dev.)
STRICT_KINDS = {"duration": vocab.DURATION_IN_TEXT, "annex": vocab.ANNEX_IN_TEXT, "address": vocab.ADDRESS_IN_TEXT,
                "year": vocab.YEAR_IN_TEXT, "edition": vocab.EDITION_IN_TEXT}
# A contact asked by its channel: the person's line is preferred as for any contact, and the line after it holding
# the channel is quoted with it (assistant/qa/widen.py `with_channel`).
CHANNELS = {"email": vocab.EMAIL_IN_TEXT, "phone": vocab.PHONE_IN_TEXT, "account": vocab.ACCOUNT_IN_TEXT}
# Kinds a passage holding one is preferred for, without ruling the others out: "gồm những phần nào" is answered by
# "… gồm: A, B, C" when the document has such a line, and by the parts' own rows or items when not.
SOFT_KINDS = {"parts": vocab.COMPOSITION_IN_TEXT}
# read on the text as written: a name's capitals tell it from a word
_CASED_KINDS = {"contact", "address", "email", "phone", "account"}


def holds_kind(want: str, text: str) -> bool:
    """Whether `text` holds a value of the kind a question asks for: a contact, or one of the strict kinds."""
    if want == "contact":
        return bool(vocab.CONTACT_IN_TEXT.search(text))
    if want in CHANNELS:
        return bool(CHANNELS[want].search(text))
    if want == "period":  # "từ ngày nào đến ngày nào": a line stating a period
        return states_period(text)
    if want == "duration" and periods(text):  # "từ ngày 29/6/2026 đến hết ngày 09/7/2026": counted when quoted
        return True
    if want == "source":
        return bool(vocab.SOURCE_IN_TEXT.search(fold(text)))
    pattern = STRICT_KINDS.get(want) or SOFT_KINDS.get(want)
    return pattern is not None and bool(pattern.search(text if want in _CASED_KINDS else fold(text)))


def type_bonus(want: str | None, seg: str) -> float:
    if want == "percent":
        return vocab.PERCENT_BONUS if "%" in seg else -vocab.PERCENT_MISSING
    if want == "period":  # "từ ngày nào đến ngày nào": a line stating a period, not one date
        return vocab.NUMBER_BONUS if states_period(seg) else -vocab.NUMBER_MISSING
    if want in ("money", "day"):
        found = (vocab.MONEY_IN_TEXT if want == "money" else vocab.DAY_IN_TEXT).search(fold(seg))
        return vocab.NUMBER_BONUS if found else -vocab.NUMBER_MISSING
    if want == "number":
        return vocab.NUMBER_BONUS if _NUMBER.search(seg) else -vocab.NUMBER_MISSING
    # an account: only the line with the number, a contact's line is no payee's (`with_channel` adds the account
    # line after a payee's line that retrieval ranked first)
    if want in ("contact", "source", "account"):
        return vocab.NUMBER_BONUS if holds_kind(want, seg) else -vocab.NUMBER_MISSING
    if want in CHANNELS:
        return vocab.NUMBER_BONUS if holds_kind(want, seg) or holds_kind("contact", seg) else -vocab.NUMBER_MISSING
    if want in STRICT_KINDS:
        return vocab.STRICT_KIND_BONUS if holds_kind(want, seg) else -vocab.STRICT_KIND_BONUS
    if want in SOFT_KINDS:
        return vocab.PARTS_BONUS if holds_kind(want, seg) else 0.0
    return 0.0


_COUNTED = re.compile(r"\b(?:bao nhieu|may)\s+([a-z]+)\s+([a-z0-9]+)")


def counted_bonus(folded_question: str, folded_seg: str) -> float:
    """A count asked of a thing named in two words ("có bao nhiêu giải Ba", "mấy học sinh"): a segment writing a
    number before that thing ("… 02 giải Nhì, 03 giải Ba …", "từ 02 đến 05 học sinh") answers it, not one with other
    figures ("Giải Ba: mỗi giải 1.000.000 đồng"). 0.0 when the question counts no such thing ("bao nhiêu tiết mỗi
    tuần": "mỗi tuần" says per what; a bonus for any "35 tiết" answered an unanswerable question of the development
    sets)."""
    m = _COUNTED.search(folded_question)
    if m is None or m.group(1) in vocab.COUNT_NOT_NOUN or m.group(2) in vocab.COUNT_NOT_NOUN or \
            m.group(2) in vocab.STOPWORDS or m.group(2) in vocab.COUNT_PER_WORDS:
        return 0.0
    found = re.search(rf"(?<![\d.,/])\d+\s+{m.group(1)} {m.group(2)}\b", folded_seg)
    return vocab.COUNTED_BONUS if found else 0.0
