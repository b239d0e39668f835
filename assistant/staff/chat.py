"""Chat intents answered by the staff tools: "những chỉ tiêu/nhiệm vụ chưa đạt năm 2023" (carry-over
items with reasons) and "kiểm tra kế hoạch" (checker findings), over the indexed plans (their structure is
stored with their units at publish: Index.parsed_documents); citations point at the index's units.
"""

from __future__ import annotations

from assistant.schemas import AskResponse
from assistant.staff.common import Cite
from ingest import vocab
from ingest.models import Citation, ParsedDocument
from ingest.text import fold


def intent_of(question: str) -> str | None:
    q = fold(question)
    if vocab.CHECK_Q.search(q):
        return "check"
    if vocab.NOT_ACHIEVED_Q.search(q) and not vocab.NOT_ACHIEVED_EXCLUDE_Q.search(q):
        return "not_achieved"
    return None


def _citation(doc: ParsedDocument, c: Cite) -> Citation:
    base = c.locator.split("#")[0]
    units = [u for u in doc.units if u.locator == c.locator or u.locator.split("#")[0] == base]
    key = fold(c.quote.strip("…"))[:40]
    unit = next((u for u in units if key and key in fold(u.text)), units[0] if units else None)
    if unit is not None:
        return unit.citation()
    return Citation(id=c.locator, doc=doc.doc, doc_title=doc.title, kind="section", label=c.label,
                    locator=c.locator, text=c.quote)


def staff_answer(question: str, plans: list[ParsedDocument], missing: list[str] | None = None) -> AskResponse | None:
    """An answer for a staff intent over `plans`, or None when the question is not one (or no plan has the
    data). `missing`: indexed documents whose structure was not stored (indexed by an earlier version)."""
    intent = intent_of(question)
    if intent is None:
        return None
    cites: list[Citation] = []

    def ref(d: ParsedDocument, c: Cite) -> str:
        cit = _citation(d, c)
        if cit.id not in [x.id for x in cites]:
            cites.append(cit)
        return f"[{[x.id for x in cites].index(cit.id) + 1}]"

    lines: list[str] = []
    for d in plans:
        if intent == "not_achieved":
            from assistant.staff.draft import not_achieved

            rows = not_achieved(d)
            if rows:
                lines.append(f"{d.title}: {len(rows)} nội dung chưa đạt:")
                lines += [f"- {r.text} — lý do: {r.reason or 'không ghi'} {ref(d, r.cite)}" for r in rows]
        else:
            from assistant.staff.checker import check_plan

            found = check_plan(d)
            errors = [f for f in found if f.severity == "error"]
            lines.append(f"{d.title}: {len(errors)} vấn đề, {len(found) - len(errors)} ghi chú.")
            lines += [f"- {f.message_vi} " + " ".join(ref(d, c) for c in f.citations) for f in found]
    if not lines and (plans or not missing):
        return None  # no plan has the data: the question is answered from the text instead
    if missing:
        lines.append(f"({len(missing)} tài liệu được lập chỉ mục bởi phiên bản cũ chưa được xét: "
                     f"{', '.join(missing[:5])}{'…' if len(missing) > 5 else ''}; hãy nạp lại. / {len(missing)} "
                     "document(s) indexed by an earlier version were not checked: ingest them again.)")
    # "những … chưa đạt" is a list question: the same intent name the table path uses for lists.
    return AskResponse(answer="\n".join(lines), abstained=False, citations=cites, mode="staff",
                       intent="list" if intent == "not_achieved" else intent)
