"""What the document is based on: "Kế hoạch này căn cứ vào bao nhiêu văn bản?", "Nghị định được ban hành căn cứ những
luật nào?", "căn cứ mấy văn bản do Chính phủ ban hành", "Quyết định 3871 mà kế hoạch căn cứ phê duyệt nội dung gì?".

Answered from the document's own "Căn cứ …" / "Thực hiện …" lines (assistant/qa/bases.py): every basis, counted
and cited, then the ones the question singles out by kind or issuer; only those it names by number when it does.
The document is the one the caller or the conversation names, else the one whose header the question names
(as for the document's own facts). None when the question asks no such thing or the document cites nothing.
"""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.answering.document_facts import named_meta
from assistant.qa.bases import Basis, asks_bases, bases, selected
from assistant.qa.compose import Cites
from assistant.qa.docname import name_text
from assistant.qa.spans import date_gap
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
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
        if how == "number":
            lines = [t("bases_named")] + [_line(i + 1, b, cites) for i, b in enumerate(chosen)]
            if gap := date_gap([b.text for b in chosen], fold(q.text)):  # "ban hành trước … bao lâu"
                lines.append(gap)
        else:
            lines = [t("bases_header", count=len(found))]
            if how and chosen and len(chosen) < len(found):  # what the question singles out, before the whole list
                lines.append(t("bases_selected", count=len(chosen), names="; ".join(b.name for b in chosen)))
            lines += [_line(i + 1, b, cites) for i, b in enumerate(found)]
        return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), intent=q.intent)


def _line(n: int, basis: Basis, cites: Cites) -> str:
    return t("bases_line", n=n, text=basis.text, ref=" ".join(cites.ref(u) for u in basis.units))
