"""How many days lie between the day a document was issued and a date the question writes ("Tính từ ngày Bộ GDĐT
ký Công văn 2345 … đến hạn … (31/8/2021) thì các trường có bao nhiêu ngày?"): both ends are known without a passage
of the text, the issue date from the document's header (its meta unit), the other from the question. The header's
date line is quoted and cited, the count beside it. None when the question writes no date or two, names another
document's number, or the header leaves the day blank; a date the passage gives instead is counted by the fact
answers (assistant/qa/spans.py `given_gap`)."""

from __future__ import annotations

from assistant.answering.asked import Asked
from assistant.answering.document_facts import issue_day, named_meta, names_other_document
from assistant.qa.compose import Cites
from assistant.qa.spans import asked_dates, given_gap, refers_to_issue
from assistant.schemas import AskResponse
from ingest.text import fold


class IssueGap:
    name = "issue-gap"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        folded = fold(q.text)
        if not refers_to_issue(folded) or len(asked_dates(folded)) != 1:
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
