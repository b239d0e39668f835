"""What the document is based on: "Kế hoạch này căn cứ vào bao nhiêu văn bản?", "Nghị định được ban hành căn cứ những
luật nào?", "căn cứ mấy văn bản do Chính phủ ban hành", "Quyết định 3871 mà kế hoạch căn cứ phê duyệt nội dung gì?".

Answered from the document's own "Căn cứ …" / "Thực hiện …" lines (assistant/qa/bases.py): every basis, counted
and cited, then the ones the question singles out by kind or issuer; only those it names by number when it does.
The document is the one the caller or the conversation names, else the one whose header the question names
(as for the document's own facts). None when the question asks no such thing or the document cites nothing.
"""

from __future__ import annotations

from datetime import date

from assistant.answering.asked import Asked
from assistant.answering.document_facts import named_meta, own_numbers
from assistant.qa.bases import Basis, asks_bases, bases, lead_number, selected
from assistant.qa.compose import Cites
from assistant.qa.docname import name_text
from assistant.qa.spans import date_after_number, date_gap, gap_between
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold


class LegalBases:
    name = "bases"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        if not asks_bases(q.text):
            return None
        doc = asked.doc
        if doc is None:
            meta = named_meta(asked)
            doc = meta.doc if meta is not None else None
        if doc is None:
            return None
        found = bases(asked.index.units(doc))
        if not found:
            return None
        meta = asked.index.metas([doc]).get(doc)
        chosen, how = selected(found, q.text, own=f"{doc} {name_text(meta) if meta is not None else ''}")
        if not how and not vocab.BASES_WHOLE_Q.search(fold(q.text)):
            return None  # "công văn 2345 …, kế hoạch … mà hiệu trưởng căn cứ … do ai quyết định": not asked for
        cites = Cites()
        extreme = vocab.EXTREME_BASIS_Q.search(fold(q.text))
        if extreme is not None:  # "văn bản nào ban hành sớm nhất": the first or the last of the dated bases
            first = _extreme(found, extreme.group(2) in vocab.EXTREME_FIRST, meta)
            if first is None:
                return None
            which = "sớm nhất" if extreme.group(2) in vocab.EXTREME_FIRST else "gần đây nhất"
            lines = [t("bases_extreme", which=which, text=first.text, ref=" ".join(cites.ref(u) for u in first.units)),
                     t("bases_header", count=len(found))] + [_line(i + 1, b, cites) for i, b in enumerate(found)]
            return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), intent=q.intent)
        if how == "number":
            lines = [t("bases_named")] + [_line(i + 1, b, cites) for i, b in enumerate(chosen)]
            if gap := date_gap([b.text for b in chosen], fold(q.text)):  # "ban hành trước … bao lâu"
                lines.append(gap)
        else:
            lines = [t("bases_header", count=len(found))]
            if how and chosen and len(chosen) < len(found):  # what the question singles out, before the whole list
                lines.append(t("bases_selected", count=len(chosen), names="; ".join(b.name for b in chosen)))
            lines += [_line(i + 1, b, cites) for i, b in enumerate(found)]
            days = [_dated(b) for b in chosen]
            if how and len(days) == 2 and vocab.DATE_GAP_Q.search(fold(q.text)):
                earlier, later = days  # "căn cứ hai công văn của Sở …; cách nhau bao lâu"
                if earlier is not None and later is not None and earlier != later:
                    lines.append(gap_between(earlier, later))
        return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), intent=q.intent)


def _extreme(found: list[Basis], first: bool, meta: Unit | None) -> Basis | None:
    """The basis dated first (or last) by the date written after its number ("Nghị định số 57/2017/NĐ-CP ngày 09
    tháng 5 năm 2017"), the document's own number left out (a compound document cites itself); None when fewer than
    two are dated or two share the day."""
    own = own_numbers(meta) if meta is not None else set()
    dated = [(d, b) for b in found if lead_number(b.key) not in own | {""} and (d := _dated(b)) is not None]
    if len(dated) < 2:
        return None
    dated.sort(key=lambda x: x[0])
    pick = dated[0] if first else dated[-1]
    twin = dated[1] if first else dated[-2]
    return None if twin[0] == pick[0] else pick[1]


def _dated(basis: Basis) -> date | None:
    """The date written after the basis's number ("Công văn số 1557/SGDĐT-GDPT ngày 19 tháng 8 năm 2025")."""
    number = lead_number(basis.key, letter=True)
    return date_after_number(fold(basis.text), number) if number else None


def _line(n: int, basis: Basis, cites: Cites) -> str:
    return t("bases_line", n=n, text=basis.text, ref=" ".join(cites.ref(u) for u in basis.units))
