"""How many days lie between the day a document was issued and a date the question writes ("Tính từ ngày Bộ GDĐT
ký Công văn 2345 … đến hạn … (31/8/2021) thì các trường có bao nhiêu ngày?"): both ends are known without a passage
of the text, the issue date from the document's header (its meta unit), the other from the question. The header's
date line is quoted and cited, the count beside it. None when the question writes no date or two, names another
document's number, or the header leaves the day blank; a date the passage gives instead is counted by the fact
answers (assistant/qa/spans.py `given_gap`). A question counting from a document the plan cites to the plan itself
("… ra đời trước công văn này bao lâu") is answered from the cited one's line and the header."""

from __future__ import annotations

import re

from assistant.answering.asked import Asked
from assistant.answering.document_facts import issue_day, named_meta, names_other_document, without_own_number
from assistant.qa.compose import Cites
from assistant.qa.spans import (
    asked_dates,
    asks_day_count,
    cited_date,
    date_after_number,
    dated_neighbour,
    dated_numbers,
    gap_between,
    given_gap,
    named_numbers,
    refers_to_issue,
)
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.text import fold


class IssueGap:
    name = "issue-gap"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        folded = fold(q.text)
        if vocab.DATE_GAP_Q.search(folded) and not asked_dates(folded):
            found = self._between_cited(asked, folded)
            if found is not None:
                return found
        if not refers_to_issue(folded):
            return None
        if vocab.OWN_DOC_Q.search(folded) and not asked_dates(folded) and asks_day_count(folded):
            return self._to_cited(asked, folded)
        if len(asked_dates(folded)) != 1:
            return None
        meta = named_meta(asked)
        if meta is None or names_other_document(q.text, meta):
            return None
        issued = issue_day(meta)
        gap = given_gap([], folded, issued[1]) if issued else None
        if issued is None or gap is None:
            return None
        cites = Cites()
        return AskResponse(answer=f"{issued[0]} {cites.ref(meta)} {gap}", abstained=False,
                           citations=cites.citations(), intent=q.intent)

    @staticmethod
    def _to_cited(asked: Asked, folded: str) -> AskResponse | None:
        """From a document the plan cites to the plan itself ("Thông tư 28/2020 …, được Công văn 2345 viện dẫn, ra
        đời trước công văn này khoảng bao lâu?"): the cited one's date as the plan's own text writes it after its
        number, and the plan's day from its header, both lines quoted."""
        meta = named_meta(asked)
        issued = issue_day(meta) if meta is not None else None
        if meta is None or issued is None or not names_other_document(asked.query.text, meta):
            return None
        folded = without_own_number(folded, meta)
        sections = [u for u in asked.index.units(meta.doc) if u.kind == "section"]
        cited = cited_date([u.text for u in sections], folded)
        line = next((u for u in sections if cited is not None and cited_date([u.text], folded) == cited), None)
        if cited is None or line is None or cited == issued[1]:
            return None
        cites = Cites()
        return AskResponse(answer=f"{line.text.strip()} {cites.ref(line)}\n{issued[0]} {cites.ref(meta)} "
                                  f"{gap_between(cited, issued[1])}", abstained=False, citations=cites.citations(),
                           intent=asked.query.intent)

    @staticmethod
    def _between_cited(asked: Asked, folded: str) -> AskResponse | None:
        """Two documents the plan cites, by number ("Quyết định 3176/QĐ-BYT sửa đổi Quyết định 4750/QĐ-BYT sau khoảng
        bao lâu"): their dates as the plan's own text (any passage or row, retrieval aside) writes them after their
        numbers, both lines quoted. None unless exactly two are dated, on different days."""
        meta = named_meta(asked)
        doc = asked.doc or (meta.doc if meta is not None else None)
        if doc is None:
            return None
        units = [u for u in asked.index.units(doc) if u.kind in ("section", "row")]
        found = dated_numbers([u.text for u in units], folded)
        if len(found) > 2:  # "Văn bản 348 … (… hướng dẫn kèm Công văn 4532) ra đời sau Nghị quyết 30c bao nhiêu ngày":
            # the number the question names the document by is where it looks, not one of the two compared
            said = re.search(r"^Số:\s*(\S+)", meta.text, re.M) if meta is not None else None  # the header's "Số: …"
            own = set(re.findall(r"\d+", doc)) | set(re.findall(r"\d+", said.group(1) if said else ""))
            found = dated_numbers([u.text for u in units], " ".join(
                n for n in named_numbers(folded) if n not in own))
        if len(found) == 1 and not vocab.OWN_DOC_Q.search(folded):  # one named, the other dated beside it
            number = next(n for n in named_numbers(folded) if date_after_number(fold(units[found[0][0]].text), n))
            other = dated_neighbour(units[found[0][0]].text, number)
            found += [(found[0][0], other)] if other is not None else []
        if len(found) != 2 or found[0][1] == found[1][1]:
            return None
        cites = Cites()
        lines = list(dict.fromkeys(f"{units[i].text.strip()} {cites.ref(units[i])}" for i, _ in found))
        return AskResponse(answer="\n".join(lines) + f" {gap_between(found[0][1], found[1][1])}", abstained=False,
                           citations=cites.citations(), intent=asked.query.intent)
