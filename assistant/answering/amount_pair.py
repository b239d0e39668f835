"""The difference or the sum of two amounts a question sets side by side (assistant/qa/compare.py): "mức kinh phí
khám sức khỏe … của trường phổ thông dân tộc nội trú cao hơn mức của trường phổ thông dân tộc bán trú bao nhiêu"
is 270.000 − 180.000 = 90.000 đồng, each figure cited from its own passage.

Each side is the passage of the question's document (a sentence of a section, or a row) that holds that side's own
words ("nội"), not the other side's ("bán"), and an amount of money, best covering the question's other words
("khám sức khỏe, lập tủ thuốc"). None (the other strategies answer) unless both sides are found, in two different
passages or figures, each without a tie; a passage naming both sides with one amount is the fact answers' to quote.

Why by hand: the fact answers quote the passages that cover the question best, which for two sides is one of them
or a third naming both; the table answers subtract nothing across sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answering.asked import Asked
from assistant.index.idf import Idf
from assistant.qa.compare import (
    ASKING_WORDS,
    Amount,
    Pair,
    amount_in,
    compared_pair,
    holds_phrase,
    phrase,
    side_words,
)
from assistant.qa.compose import Cites, about_other_people, coverage, format_number, segments
from assistant.qa.docname import name_text
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, tokens


@dataclass(frozen=True)
class _Side:
    """How a passage is told to be one side's: for a sum, it names the thing ("tiền nhà ở") and not the other;
    for a difference, it holds the side's rarest own word and most of its others (by idf), and less of the other
    side's ("+ Bộ kít STEM mầm non: …" under "các bộ kit học liệu" holds "mầm non", and "học" of "học sinh THPT")."""

    own: list[str]
    other: list[str]
    whole: bool  # the side's words as one phrase (a sum's things) or as a set (a difference's sides)

    def holds(self, seg: str, path: str, idf: Idf, accents: bool) -> bool:
        if self.whole:
            return holds_phrase(self.own, f"{path} {seg}", accents) and not holds_phrase(self.other, seg, accents)
        have = set(tokens(f"{seg} {path}", accents))
        if max(self.own, key=idf) not in have:
            return False
        own = _share(self.own, have, idf)
        return own >= vocab.PAIR_SIDE_SHARE and _share(self.other, set(tokens(seg, accents)), idf) < own


def _share(words: list[str], have: set[str], idf: Idf) -> float:
    return sum(idf(w) for w in words if w in have) / (sum(idf(w) for w in words) or 1.0)


def _passage(units: list[Unit], side: _Side, common: list[str], idf: Idf, accents: bool,
             folded_question: str, name: str) -> tuple[Unit, str, Amount] | None:
    """The sentence giving one side's amount: the best by the question's other words among those `side` holds;
    None on a tie between two figures or when none is found."""
    found: list[tuple[float, Unit, str, Amount]] = []
    people = set(vocab.PASSAGE_PEOPLE.findall(folded_question))
    for u in units:
        path = str(u.metadata.get("path", ""))
        held = False
        for seg in _sentences(u):  # (the whole passage last: read only when none of its sentences was the side's,
            # its first amount may be another line's: "Tổng kinh phí: 55.500 … trong đó: - vốn đầu tư công: 28.000")
            if (held and seg == u.text) or not side.holds(seg, path, idf, accents) or \
                    (amount := amount_in(seg, folded_question)) is None:
                continue
            held = True
            score = coverage(common, f"{seg} {path} {name}", idf, accents)
            if about_other_people(f"{seg} {path.rsplit(' › ', 1)[-1]}", people):  # the toddlers' 360.000 đồng
                # for "một học sinh bán trú"
                score -= vocab.PASSAGE_OTHER_PEOPLE_PENALTY
            found.append((score, u, seg, amount))
    if not found:
        return None
    found.sort(key=lambda f: -f[0])
    best = found[0]
    # (with no other words to go by, "chênh lệch giữa vốn đầu tư công và xã hội hóa", the sides' own words choose)
    if (common and best[0] < vocab.PAIR_MIN_COVERAGE) or (len(found) > 1 and found[1][0] == best[0]
                                              and found[1][3].value != best[3].value):
        return None
    return best[1], best[2], best[3]


def _answer(pair: Pair, sides: list[tuple[Unit, str, Amount]], labels: tuple[str, str]) -> AskResponse:
    """The arithmetic in the two figures' own unit when they share one (else in đồng), then each side's sentence."""
    cites = Cites()
    (ua, sa, a), (ub, sb, b) = sides
    same = _same_unit(a, b)
    x, y, unit = (a.number, b.number, a.unit_shown) if same else (a.value, b.value, "đồng")
    if pair.op == "sum":
        head = t("pair_sum", left=labels[0], right=labels[1], a=format_number(x), b=format_number(y),
                 total=format_number(x + y), unit=unit)
    else:
        (big, high), (small, low) = sorted([(labels[0], x), (labels[1], y)], key=lambda s: -s[1])
        head = t("pair_difference", bigger=big, smaller=small, a=format_number(high), b=format_number(low),
                 gap=format_number(high - low), unit=unit)
        if x != y and pair.less_asked == (x > y):  # "A thấp hơn B bao nhiêu" where A is the higher
            head += "\n" + t("pair_other_way", left=labels[0], right=labels[1])
    lines = [head, f"- {labels[0]}: {a.shown} — «{sa.strip()}» {cites.ref(ua)}",
             f"- {labels[1]}: {b.shown} — «{sb.strip()}» {cites.ref(ub)}"]
    return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="table",
                       intent="sum" if pair.op == "sum" else "fact")


def _same_unit(a: Amount, b: Amount) -> bool:
    return a.unit_shown == b.unit_shown


class AmountPair:
    name = "amount-pair"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        own = fold(q.text)
        if q.follow_up or not vocab.MONEY_Q.search(own) or not asked.hits:
            return None
        pair = compared_pair(own)
        if pair is None:
            return None
        if pair.op == "sum":
            mine, theirs = phrase(pair.left, q.text, q.accents), phrase(pair.right, q.text, q.accents)
        else:
            mine, theirs = side_words(pair, q.text, q.accents)
        if not mine or not theirs or mine == theirs:
            return None
        doc = asked.doc or asked.hits[0].doc
        units = [u for u in asked.index.units(doc) if u.kind in ("section", "row")]
        if pair.op == "difference":  # a side's words the document never uses tell nothing ("học sinh" of "một học
            # sinh THPT" where the kit's line says "HS"): the others tell the sides apart
            used = {w for u in units for w in tokens(f"{u.metadata.get('path', '')} {u.text}", q.accents)}
            mine, theirs = [w for w in mine if w in used], [w for w in theirs if w in used]
            if not mine or not theirs:
                return None
        common = [w for w in q.words if w not in set(mine) | set(theirs) and fold(w) not in ASKING_WORDS]
        meta = asked.index.metas([doc]).get(doc)
        name = name_text(meta) if meta is not None else ""  # the words naming the document are each side's
        if pair.op == "sum" and _named_together(units, mine, theirs, q.accents, own):
            return None  # "kinh phí … cho việc xây dựng văn bản … và phần mềm …: 375 triệu đồng": one line for both
        whole = pair.op == "sum"
        left = _passage(units, _Side(mine, theirs, whole), common, asked.idf, q.accents, own, name)
        right = _passage(units, _Side(theirs, mine, whole), common, asked.idf, q.accents, own, name)
        if left is None or right is None or (left[0].id == right[0].id and left[1] == right[1]):
            return None
        return _answer(pair, [left, right], (_label(pair.left, q.text), _label(pair.right, q.text)))


def _sentences(u: Unit) -> list[str]:
    """A passage's sentences, and the whole of a short one ("+ Bộ kít STEM mầm non:" / "Đơn giá: 1.427.000 x …": the
    thing named on one line, its amount on the next)."""
    parts = segments(u)
    # the clauses of a sentence giving several amounts ("trong đó sản xuất phóng sự 40.000.000 đồng, quảng bá trên mạng
    # xã hội 30.000.000 đồng"): each thing's own amount is in its clause
    clauses = [c for p in parts if len(_MONEY.findall(fold(p))) > 1
               for c in re.split(r"[,;]\s+", p) if _MONEY.search(fold(c))]
    parts = parts + [c for c in clauses if c not in parts]
    return parts + [u.text] if len(parts) > 1 and len(u.text) <= vocab.PAIR_WHOLE_PASSAGE_CHARS else parts


_MONEY = re.compile(r"\d[\d.,]*\s*(?:trieu dong|ty dong|nghin dong|dong|vnd)\b")


def _named_together(units: list[Unit], one: list[str], other: list[str], accents: bool, folded_question: str) -> bool:
    """Some sentence gives an amount for both things at once (both named in it, with its heading)."""
    for u in units:
        path = str(u.metadata.get("path", ""))
        for seg in _sentences(u):
            text = f"{path} {seg}"
            if holds_phrase(one, text, accents) and holds_phrase(other, text, accents) and \
                    amount_in(seg, folded_question) is not None:
                return True
    return False


def _label(side: str, question: str) -> str:
    """A side as the question types it ("trường phổ thông dân tộc nội trú"), found by its accent-free words."""
    typed = question.replace(",", " ").split()
    want = side.split()
    folded = [fold(w).strip("?().") for w in typed]
    for i in range(len(folded) - len(want), -1, -1):
        if folded[i:i + len(want)] == want:
            return " ".join(typed[i:i + len(want)]).strip("?()")
    return side
