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
    if vocab.ALIGN_Q.search(q):
        return "align"
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


def issuer_level(doc: ParsedDocument) -> int | None:
    """0 for the highest issuers (Chính phủ, Bộ) down to the schools; None when the issuer is not known."""
    name = fold(" ".join(filter(None, [doc.meta.issuer, doc.meta.issuer_parent]))) + " "
    return next((n for n, prefixes in enumerate(vocab.ISSUER_LEVELS) if name.startswith(prefixes)), None)


def choose_pair(question: str, plans: list[ParsedDocument],
                lower_doc: str | None = None) -> tuple[ParsedDocument, ParsedDocument, str] | None:
    """(lower, upper, why): the upper plan the question names (by its title or number), else the plan of a
    higher issuer on the same topic and year; the lower plan is `lower_doc` (the document the question is
    filtered to), else the lowest-issued one of the others."""
    from assistant.staff.matching import word_cosine

    if len(plans) < 2:
        return None
    q = fold(question)
    named = [d for d in plans if (d.meta.number and fold(d.meta.number) in q) or word_cosine(question, d.title) >= 0.5]
    def rank(d: ParsedDocument) -> int:
        level = issuer_level(d)
        return -1 if level is None else level
    given = [d for d in plans if d.doc == lower_doc]
    lower = given[0] if given else max((d for d in plans if d not in named[:1]), key=rank)
    named = [d for d in named if d is not lower]
    if named and named[0] is not lower:
        return lower, named[0], "kế hoạch được nêu trong câu hỏi"
    higher = [d for d in plans if d is not lower and issuer_level(d) is not None and rank(d) < rank(lower)]
    if not higher:
        return None
    upper = max(higher, key=lambda d: (d.meta.year == lower.meta.year, word_cosine(d.title, lower.title)))
    return lower, upper, "kế hoạch của đơn vị cấp trên cùng chủ đề" + (
        f" và năm {upper.meta.year}" if upper.meta.year and upper.meta.year == lower.meta.year else "")


def staff_answer(question: str, plans: list[ParsedDocument], missing: list[str] | None = None,
                 lower_doc: str | None = None) -> AskResponse | None:
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
    if intent == "align":
        chosen = choose_pair(question, plans, lower_doc)
        if chosen is None:
            return None
        lower, upper, why = chosen
        from assistant.staff.align import STATUS_VI, align_plans, summary

        a = align_plans(lower, upper)
        lines.append(f"Đối chiếu “{lower.title}” với kế hoạch cấp trên “{upper.title}” ({why}): {summary(a)}")
        for ln in a.lines:
            if ln.status == "covered":
                continue
            refs = " ".join(ref(d, ln_side.cite) for d, ln_side in ((upper, ln.upper), (lower, ln.lower)) if ln_side)
            text = (ln.upper or ln.lower).text  # type: ignore[union-attr]
            lines.append(f"- {STATUS_VI[ln.status]}: {text}" + (f" ({ln.note})" if ln.note else "") + f" {refs}")
        plans = []
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
