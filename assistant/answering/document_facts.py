"""Questions about the document itself: who signed it and in what capacity, when it was issued, its number, who
issued it, to whom it is sent. Answered from the document's meta unit (its header and signature block, read at
ingest: ingest/units.py `meta_unit`), the lines the question asks for and only those, cited.

The document is the one the caller or the question names (`Asked.doc`); else, among the documents of the
retrieved passages, the one whose header covers most of the question's words (the title, number and issuer
a user names it by). None when the question asks no such fact, or the document's header does not give it (then
the text may: the next strategies try).
"""

from __future__ import annotations

import re
from datetime import date

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites, coverage
from assistant.qa.docname import meta_lines, name_text
from assistant.qa.spans import asks_day_count, issued_on
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, is_year


def asked_fields(folded: str) -> tuple[str, ...]:
    """The meta unit's labels the question asks for (accent-free question), in the order asked."""
    if vocab.DOC_FACT_NOT_Q.search(folded) or asks_day_count(folded):
        return ()  # (how many days from the signing to …: a count, assistant/answering/issue_gap.py)
    return tuple(dict.fromkeys(label for pattern, labels in vocab.DOC_FACT_Q if pattern.search(folded)
                               for label in labels))


def fact_lines(meta: Unit, fields: tuple[str, ...]) -> list[str]:
    lines = meta_lines(meta)
    return list(dict.fromkeys(line for f in fields for label, line in lines if label == f))


def issue_day(meta: Unit) -> tuple[str, date] | None:
    """The header's "Ngày ban hành: 07/06/2021 (…)" line and its day; None when absent or the day is left blank."""
    lines = fact_lines(meta, ("Ngày ban hành",))
    day = issued_on(lines[0]) if lines else None
    return (lines[0], day) if day is not None else None


def foreign_numbers(question: str, meta: Unit) -> set[str]:
    """The numbers the question names documents by that this one's header does not carry ("Quyết định 1412 được ban
    hành ngày nào?" asked of a plan that only cites it), without leading zeros."""
    undated = vocab.DATE_IN_Q.sub(" ", question)  # "tháng 12/2025", "ngày 07/12/2011" are no numbers of documents
    numbers = [n for n in vocab.DOC_NUMBER_Q.findall(undated) + vocab.DOC_LETTERED_NUMBER_Q.findall(undated)
               if not is_year(n)]
    own = {o.lstrip("0") for o in re.findall(r"\d+", " ".join(fact_lines(meta, ("Số", "Tên văn bản"))))}
    return {n.lstrip("0") for n in numbers} - own


def names_other_document(question: str, meta: Unit, file_too: bool = False) -> bool:
    """The question names a document by a number this one's header does not carry (`foreign_numbers`).
    `file_too`: the numbers of its file name count as its own too (`own_numbers`: a scan's header may have lost the
    number it is named by)."""
    foreign = foreign_numbers(question, meta)
    return bool(foreign - own_numbers(meta) if file_too else foreign)


def own_numbers(meta: Unit) -> set[str]:
    """The numbers naming the document itself, without leading zeros: its header's "Số: 90/KHLT-…" and those of its
    id, made from the file name its uploader gave it ("cv-4532-…"), which a scan's text may have lost."""
    found = set(re.findall(r"\d+", " ".join(fact_lines(meta, ("Số",))))) | \
        set(re.findall(r"(?<![\d.])\d{2,}(?![\d.])", meta.doc))
    return {o.lstrip("0") for o in found if not is_year(o) and o.lstrip("0")}


def without_own_number(folded_question: str, meta: Unit) -> str:
    """The question without the numbers that name the document itself (`own_numbers`). Left: the numbers of the
    documents it cites ("Tính từ ngày Cục … ban hành văn bản 348/KSTT-VP … theo công văn 4532")."""
    own = own_numbers(meta)
    return re.sub(r"(?<![\d/.,])0*(\d+)(?![\d])", lambda m: " " if m.group(1) in own else m.group(0), folded_question)


def blank(line: str) -> bool:
    """A header fact left blank in the source ("Số: (chưa ghi số)/KH-SGDĐT", "Ngày ban hành: năm 2025 (chưa ghi
    ngày)"): only the year, or nothing, is known."""
    value = line.split(":", 1)[1]
    return "(chưa ghi" in value and not re.search(r"\b(ngày|tháng)\s+\d", value.split("(chưa ghi")[0])


class DocumentFacts:
    name = "document"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        fields = asked_fields(fold(q.text))
        if not fields:
            return None
        meta = named_meta(asked)
        foreign = foreign_numbers(q.text, meta) if meta is not None else set()
        if meta is None or foreign - own_numbers(meta):
            return None
        lines = fact_lines(meta, fields)
        if not lines:
            return None
        if foreign and any("(chưa ghi" in line for line in lines):
            return None  # named by the number its header lost (a scan's OCR), and the header leaves the fact blank
            # too: the text may state it ("Văn bản số 4532/UBND-KSTTHC, ngày 07/12/2011" in an attached guide)
        cites = Cites()
        ref = cites.ref(meta)
        if all(blank(line) for line in lines):  # the header leaves it blank: the document does not give it
            return AskResponse(answer=t("header_blank", lines="; ".join(f"{line} {ref}" for line in lines)),
                               abstained=True, citations=cites.citations(), intent=q.intent)
        shown = [f"{line} {ref}" for line in lines]
        # "công văn có bao nhiêu nơi nhận", "phần nơi nhận liệt kê mấy dòng"
        if (q.intent == "count" or vocab.HOW_MANY_Q.search(fold(q.text))) and (counted := recipients(lines)):
            shown.insert(0, t("recipients_count", count=counted))
        return AskResponse(answer="\n".join(shown), abstained=False, citations=cites.citations(), intent=q.intent)


def recipients(lines: list[str]) -> int:
    """How many recipients the header's "Nơi nhận: Như trên; Ban Giám đốc Sở (để báo cáo); …; Lưu: VT" line names
    (its own copy kept included, as the signed document lists it); 0 without such a line."""
    sent = [line.split(":", 1)[1] for line in lines if line.startswith("Nơi nhận:")]
    return len([p for p in re.split(r";|\n", sent[0]) if p.strip(" .-")]) if sent else 0


def named_meta(asked: Asked) -> Unit | None:
    """The header (meta unit) of the document the question is about: the caller's or the conversation's, else the
    one among the retrieved passages' documents whose header covers most of the question's words; None when
    several were found and none is named."""
    if asked.doc:
        return asked.index.metas([asked.doc]).get(asked.doc)
    docs = list(dict.fromkeys(u.doc for u in asked.hits[:vocab.FACT_CANDIDATES]))
    metas = asked.index.metas(docs)
    if not metas:
        return None
    q = asked.query
    scored = [(coverage(q.words, name_text(m), asked.idf, q.accents), -i, m)
              for i, d in enumerate(docs) if (m := metas.get(d)) is not None]
    best = max(scored, key=lambda s: (s[0], s[1]))
    if len(scored) > 1 and best[0] < vocab.DOC_FACT_MIN_NAME_COVERAGE:
        return None  # several documents and none named: the question does not say whose
    return best[2]
