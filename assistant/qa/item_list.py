"""A list of counted items written one per line, each with its count before its name and, often, its amount:

    01 giải Nhất: 1.000.000 đồng;
    02 giải Nhì: mỗi giải 700.000 đồng;
    03 giải Ba: mỗi giải 500.000 đồng;

(a contest's prizes, a school's purchases "02 bộ máy tính: mỗi bộ 15.000.000 đồng"). The total asked of such a list
("có tất cả bao nhiêu giải", "tổng số tiền thưởng") is the sum of the counts, or of count × amount each, and no line
states it. A line's amount is the amount of each item only when it says so ("mỗi giải …") or counts one item: "02
giải Nhì: 1.400.000 đồng" may be the two together, so no money total is computed over it.

Why by hand: these lines are text, not a table (nothing the table readers or llama-index parse as rows), and the
arithmetic over them is the answer the user asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import vocab
from ingest.models import Unit
from ingest.text import fold

# "01 giải Nhất: …", "- 02 bộ máy tính: …": a count (1–3 digits, not a year or an amount), the head noun, a short name
# (found anywhere a word starts: a plain-text export may run the lines into one paragraph, after the heading)
_ITEM = re.compile(r"(?:^|(?<=\s))[-–•+]?\s*(\d{1,3})\s+(\w+)\s+([^:;\n]{1,40}?)\s*:\s*([^;\n]*?)\s*(?=;|\n|\.\s|\.?$)")
_MONEY = re.compile(rf"(\d{{1,3}}(?:\.\d{{3}})+|\d+)\s*({vocab.ITEM_MONEY_UNITS})\b")


@dataclass(frozen=True)
class Item:
    unit: Unit
    line: str
    count: int
    noun: str  # the head noun, accent-free ("giai")
    name: str  # the item's name as written ("giải Nhì")
    each: float | None  # the amount of one item, when the line gives it
    money: str  # its unit as written ("đồng")


def parse_item(line: str, unit: Unit) -> Item | None:
    """The item a line (or a run of text starting with it) lists; None when it lists none."""
    m = _ITEM.match(line.strip())
    return _item(m, unit) if m is not None else None


def _item(m: re.Match[str], unit: Unit) -> Item | None:
    if int(m.group(1)) == 0:
        return None
    count, noun, rest = int(m.group(1)), fold(m.group(2)), m.group(4)
    folded = fold(rest)
    amount = _MONEY.search(folded)
    each, money = None, ""
    if amount is not None and (count == 1 or re.search(rf"\bmoi\s+{re.escape(noun)}\b", folded[:amount.start()])):
        each = float(amount.group(1).replace(".", ""))
        money = rest[amount.start(2):amount.end(2)]
    return Item(unit, m.group(0).strip(" ;"), count, noun, f"{m.group(2)} {m.group(3)}".strip(), each, money)


def item_runs(units: list[Unit]) -> list[list[Item]]:
    """Runs of at least two consecutive lines (over the document's units in order) listing items of one head noun."""
    runs: list[list[Item]] = []
    current: list[Item] = []
    for u in units:
        found: list[Item | None] = [i for m in _ITEM.finditer(u.text) if (i := _item(m, u)) is not None]
        for item in found or [None]:  # a unit listing none ends the run
            if item is not None and current and item.noun == current[-1].noun:
                current.append(item)
                continue
            if len(current) >= 2:
                runs.append(current)
            current = [item] if item is not None else []
    if len(current) >= 2:
        runs.append(current)
    return runs


def asks_count_of(folded_question: str, run: list[Item]) -> bool:
    """"có tất cả bao nhiêu giải", "tổng số giải là bao nhiêu": the total count of the run's items; not "bao nhiêu giải
    Ba" (one item's count, which its line states)."""
    noun = re.escape(run[0].noun)
    m = re.search(rf"\b(?:bao nhieu|may|tong so)\s+{noun}\b(.*)$", folded_question)
    if m is None or not vocab.ITEM_TOTAL_Q.search(folded_question):
        return False
    after = re.findall(r"\w+", m.group(1))[:1]
    names = {w for i in run for w in fold(i.name).split()[1:2]}
    return not (after and after[0] in names)


def asks_money_of(folded_question: str, run: list[Item]) -> bool:
    """"tổng số tiền thưởng", "tất cả hết bao nhiêu tiền": the money of the whole run, which says what each item is
    worth; the question names the run's items or its heading ("CƠ CẤU GIẢI THƯỞNG" for "tiền thưởng")."""
    if not vocab.ITEM_MONEY_TOTAL_Q.search(folded_question) or any(i.each is None for i in run):
        return False
    heading = fold(str(run[0].unit.metadata.get("path", "")))
    own = {run[0].noun} | {w for w in heading.split() if len(w) > 2 and w not in vocab.ITEM_HEADING_SKIP}
    return any(re.search(rf"\b{re.escape(w)}\b", folded_question) for w in own)
