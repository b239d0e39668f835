"""Rows asked by their place in a table: "khoa đứng thứ 3 và thứ 4 là những khoa nào?", "dòng thứ 2 của bảng …".
The table is the one of the best-ranked row retrieval found (the question names it by its words); each place asked
is the row whose STT is that number, else the row at that position (a row's own number asked, "báo cáo số 79": the
one row whose name carries that number as its code); every row shown is cited. None when the
question asks no place by number, or a row asked is missing (the table is then not the one meant). A weekday
("thứ 7, ngày 13/12") is no place."""

from __future__ import annotations

import re

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites, row_heading
from assistant.qa.tableqa import name_of, table_key
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold


def asked_places(folded_question: str) -> list[int]:
    """The places asked, in order ("thứ 3 và thứ 4" -> [3, 4]); not a weekday before a date or "ngày"."""
    out = []
    for m in vocab.ORDINAL_Q.finditer(folded_question):
        if vocab.WEEKDAY_AFTER.match(folded_question[m.end():]):
            continue
        n = int(m.group(1) or m.group(2))
        if 0 < n <= vocab.ORDINAL_MAX and n not in out:
            out.append(n)
    return out


def _numbered(folded_question: str) -> bool:
    """The places are asked by the rows' own numbers ("báo cáo số 79"), not by position ("thứ 3")."""
    return any(m.group(2) for m in vocab.ORDINAL_Q.finditer(folded_question))


def _at(rows: list[Unit], n: int, numbered: bool = False) -> Unit | None:
    by_stt = [u for u in rows if re.sub(r"[.)\s]", "", str(u.metadata.get("stt", ""))) == str(n)]
    if len(by_stt) == 1:
        return by_stt[0]
    if numbered:
        # no row has that STT: the one whose name carries that number as its code ("DS người bệnh BHYT … đề nghị
        # thanh toán_79", "Báo cáo mẫu 80"), never a figure inside a longer number or a date
        code = re.compile(rf"(?<![\d.,/]){n}(?![\d.,/%])")
        by_code = [u for u in rows if u.kind == "row" and code.search(name_of(u))]
        return by_code[0] if len(by_code) == 1 and not by_stt else None
    by_position = [u for u in rows if u.kind == "row" and u.metadata.get("position") == n]
    return by_position[0] if len(by_position) == 1 and not by_stt else None


class OrdinalRows:
    name = "ordinal"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        folded = fold(q.text)
        places = asked_places(folded)
        keys = list(dict.fromkeys(table_key(u) for u in asked.hits[:vocab.FACT_CANDIDATES] if u.kind == "row"))
        codes = list(dict.fromkeys(vocab.DOTTED_PLACE_Q.findall(folded)))
        if codes and keys and vocab.PLACE_ASK_Q.search(folded):
            return self._by_code(asked, keys, codes)
        if not places or not keys or not vocab.ORDINAL_ASK_Q.search(folded):
            return None
        numbered = _numbered(folded)
        # the table of the best-ranked row; by the rows' own numbers, the first of the tables found that has them all
        for key in keys if numbered else keys[:1]:
            rows = asked.index.table_rows(*key)
            found = [_at(rows, n, numbered) for n in places]
            if rows and all(u is not None for u in found):
                break
        else:
            return None
        cites = Cites()
        lines = [f"Thứ {n}: {row_heading(u)}: {u.text} {cites.ref(u)}" for n, u in zip(places, found, strict=True)
                 if u is not None]
        return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="table",
                           intent=q.intent)

    @staticmethod
    def _by_code(asked: Asked, keys: list[tuple[str, str, int]], codes: list[str]) -> AskResponse | None:
        """Rows asked by a numbered code ("mục 9.5 là chức năng gì"): the one row of the tables found whose STT is
        that code, each code in the first table that has them all."""
        for key in keys:
            labels = {u.label.rsplit(" › ", 1)[-1].strip(" .") for u in asked.index.units(key[0]) if u.kind == "section"}
            if any(code in labels for code in codes):
                continue  # "mục 2.1" of a document whose text numbers a heading 2.1: that heading, not a row
            rows = asked.index.table_rows(*key)
            found = []
            for code in codes:
                match = [u for u in rows if str(u.metadata.get("stt", "")).strip(" .)") == code]
                found.append(match[0] if len(match) == 1 else None)
            if all(u is not None for u in found):
                cites = Cites()
                lines = [f"{code}: {row_heading(u)}: {u.text} {cites.ref(u)}" for code, u in zip(codes, found, strict=True)
                         if u is not None]
                return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(),
                                   mode="table", intent=asked.query.intent)
        return None
