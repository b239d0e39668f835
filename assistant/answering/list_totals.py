"""The total of a list of counted items written one per line (assistant/qa/item_list.py): "có tất cả bao nhiêu giải"
is 1 + 2 + 3 + 5 = 11 giải, "tổng số tiền thưởng" is 1 × 1.000.000 + 2 × 700.000 + … đồng, each line cited. None,
so that other strategies try, unless the question asks the total of such a list in its document."""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites, format_number
from assistant.qa.item_list import Item, asks_count_of, asks_money_of, item_runs
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest.text import fold


class ListTotals:
    name = "list-total"

    def run(self, asked: Asked) -> AskResponse | None:
        doc = asked.doc or (asked.hits[0].doc if asked.hits else None)
        if doc is None:
            return None
        folded = fold(asked.query.text)
        runs = item_runs([u for u in asked.index.units(doc) if u.kind == "section"])
        for run in runs:
            if asks_money_of(folded, run):
                return _answer(run, money=True)
        for run in runs:
            if asks_count_of(folded, run):
                return _answer(run, money=False)
        return None


def _answer(run: list[Item], money: bool) -> AskResponse:
    cites = Cites()
    if money:
        total = sum(i.count * (i.each or 0.0) for i in run)
        parts = " + ".join(f"{i.count} × {format_number(i.each or 0.0)} {cites.ref(i.unit)}" for i in run)
        head = t("list_money_total", total=format_number(total), unit=run[0].money, parts=parts)
    else:
        parts = " + ".join(f"{i.count} {cites.ref(i.unit)}" for i in run)
        head = t("list_count_total", total=format_number(sum(i.count for i in run)), noun=run[0].name.split()[0],
                 parts=parts)
    lines = [head] + [f"- {i.line.rstrip(';,. ')} {cites.ref(i.unit)}" for i in run]
    return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="text",
                       intent="sum")
