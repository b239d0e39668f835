"""The last checks on any strategy's answer:
- a province the question names by its proper name ("tỉnh An Giang") that none of the cited documents ever
  mentions (assistant/qa/places.py). Such an answer is about another province's plan (the figure quoted is not
  that province's), so the documents do not answer: abstain;
- an office or body the question names by its proper name ("Sở Tư pháp") that none of them mentions;
- schools, districts or an office-holder asked for by name ("đặt tại những trường nào", "Phó giám đốc nào phụ
  trách"), a person by name or an event's venue, and an answer that names none (a count of rooms, a task's row, a
  line about the body the person heads, an event dated without a place): the documents do not say which;
- a question asking what another document says ("Theo Nghị định 116/2016/NĐ-CP …") answered from passages that
  never name that document's number: the cited document's figures are not the other one's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain

from assistant.answering.abstention import Abstention
from assistant.answering.asked import Asked
from assistant.answering.document_facts import own_numbers
from assistant.qa.docname import name_text
from assistant.qa.editions import asked_editions, edition_outside
from assistant.qa.places import body_outside, named_bodies, named_places, place_outside
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.text import fold


def about_other_place(asked: Asked, answer: AskResponse) -> bool:
    """A province the question names that none of the cited documents mentions; or a district, commune or ward it
    names that none of them mentions while the answer speaks of another one by name (the figure quoted is that
    other place's)."""
    docs = list(dict.fromkeys(c.doc for c in answer.citations))
    if not docs or answer.abstained:
        return False
    places = named_places(asked.query.text)
    if not places:
        asked_local = named_places(asked.query.text, local=True)
        said = {fold(p) for p in named_places(answer.answer, local=True)}
        if not asked_local or not said or said & {fold(p) for p in asked_local}:
            return False
        places = asked_local
    return all(place_outside(places, texts) for texts in _cited_texts(asked, docs))


def about_other_body(asked: Asked, answer: AskResponse) -> bool:
    """An office or body the question names by its proper name ("giao Sở Tư pháp làm gì") that none of the cited
    documents mentions: what they say is another body's task."""
    docs = list(dict.fromkeys(c.doc for c in answer.citations))
    bodies = named_bodies(asked.query.text) if docs and not answer.abstained else []
    return bool(bodies) and all(body_outside(bodies, texts) for texts in _cited_texts(asked, docs))


def names_none_asked(asked: Asked, answer: AskResponse) -> bool:
    """The question asks which schools, districts or holder of an office (ingest/vocab.py NAMED_ASKS), which
    company (COMPANY_ASK_Q), which person by name or where an event takes place, and the answer's text names
    none."""
    return not answer.abstained and names_none(fold(asked.query.text), answer.answer)


def names_none(question: str, answer: str) -> bool:
    """`names_none_asked` on the accent-free question and the answer's text."""
    if vocab.SCHOOL_ASK_Q.search(question) and not names_a_school(answer):
        return True  # "chọn 10 trường nào" over "Triển khai thí điểm câu lạc bộ STEM tại 10 trường"
    if vocab.COMPANY_ASK_Q.search(question) and not vocab.COMPANY_IN_TEXT.search(answer) and \
            not (vocab.COMPANY_KIND_ASK_Q.search(question) and vocab.COMPANY_KIND_IN_TEXT.search(fold(answer))):
        return True  # a company asked, and the answer names none by its legal form (nor describes the kind asked)
    if vocab.SIGNER_ASK_Q.search(question) and not vocab.SIGNER_IN_TEXT.search(answer):
        return True  # "Quyết định 214 (căn cứ của kế hoạch) do ai ký" over the line citing it
    if vocab.PERSON_ASK_Q.search(question) and not vocab.PERSON_IN_TEXT.search(answer):
        return True  # "giám đốc Trung tâm … tên là gì" over a line about the Centre that names nobody
    said = fold(answer)
    if vocab.VENUE_ASK_Q.search(question) and not vocab.VENUE_IN_TEXT.search(said):
        return True  # "Hội nghị tổng kết tổ chức tại địa điểm nào" over "Tháng 7/2026: Tổ chức Hội nghị tổng kết."
    for pattern, named in vocab.NAMED_ASKS:
        m = pattern.search(question)
        if m and not (named or re.compile(rf"\b{m.group(1)}\b")).search(said):
            return True
    return False


def about_other_edition(asked: Asked, answer: AskResponse) -> bool:
    """A school year or an edition asked ("lần thứ 17", "năm học 2024-2025") that none of the cited documents names,
    each naming another one (assistant/qa/editions.py)."""
    question = fold(asked.query.text)
    docs = list(dict.fromkeys(c.doc for c in answer.citations))
    if answer.abstained or not docs or asked_editions(question) == (set(), set()):
        return False
    return all(edition_outside(question, (fold(t) for t in texts)) for texts in _cited_texts(asked, docs))


def about_other_document(asked: Asked, answer: AskResponse) -> bool:
    """The question asks what another document says ("Theo Nghị định 116/2016/NĐ-CP trước đây …", "Theo Công văn
    2637 mà kế hoạch căn cứ, mỗi trường phải chọn …"): "theo" a document named by a number that is not the cited
    document's own (its header's, its file name's) and that none of the quoted passages carries. (Only "theo …":
    a question naming a cited document otherwise asks of the plan's own text about it, "Chỉ thị 16 giao …", or
    counts days from its date.) What the cited document says is not what the other one says (a plan quotes only the
    parts of its bases it applies). A question that says the document only cites the other one ("… mà Đề án viện
    dẫn", "… được Công văn 2345 nhắc đến") asks that one's content even where the passages name its number, unless it
    asks its own day, issuer or subject."""
    if answer.abstained or not answer.citations:
        return False
    question = fold(asked.query.text)
    named = {n.lstrip("0") for n in vocab.ACCORDING_TO_NUMBERED_DOC_Q.findall(question)}
    if not named:
        return False
    doc = answer.citations[0].doc
    meta = asked.index.metas([doc]).get(doc)
    foreign = named - own_numbers(meta) if meta is not None else named
    if not foreign:
        return False
    cited_only = {n.lstrip("0") for n in vocab.ACCORDING_TO_CITED_Q.findall(question)}
    if foreign & cited_only and not vocab.CITED_DOC_FACT_Q.search(question):
        return True  # "Theo Công văn 3089 mà Đề án viện dẫn, mỗi trường phải …": the other document's content
    quoted = {n.lstrip("0") for c in answer.citations for n in re.findall(r"\d+[a-z]?", fold(f"{c.label} {c.text}"))}
    return not foreign & quoted


def _cited_texts(asked: Asked, docs: list[str]) -> Iterator[Iterable[str]]:
    """For each cited document, its name and its units' labels and texts, read lazily (a check stops at the first
    text that settles it)."""
    metas = asked.index.metas(docs)
    for d in docs:
        meta = metas.get(d)
        yield chain([name_text(meta)] if meta else [], (f"{u.label} {u.text}" for u in asked.index.units(d)))


def checked(asked: Asked, answer: AskResponse) -> AskResponse:
    """`answer`, or the abstention when it is about a place, a school year or an edition its documents never
    mention, names none of the schools, districts or holders asked for, or answers "theo" another document from
    passages that never name it."""
    if about_other_place(asked, answer) or about_other_body(asked, answer) or names_none_asked(asked, answer) or \
            about_other_edition(asked, answer) or about_other_document(asked, answer):
        return Abstention().run(asked)
    return answer


def names_a_school(text: str) -> bool:
    """A school named in the text as written: "Trường" (or a level's abbreviation) then, past the words of its kind
    ("phổ thông dân tộc nội trú", "THCS"), a proper name in capitals ("Trường THCS Nguyễn Siêu", "THPT Thanh Bình 1",
    "TRƯỜNG TIỂU HỌC LÊ LỢI"). "tại 10 trường", "15 trường THCS, 11 trường Tiểu học thành lập …" name none."""
    for m in vocab.SCHOOL_WORD.finditer(text):
        upper = m.group(0).isupper() and len(m.group(0)) > 2
        for word in re.split(r"\s+", text[m.end():].lstrip(" :"))[:vocab.SCHOOL_NAME_WORDS]:
            bare = word.strip("\"'“”()")
            if not bare or bare.lower() in vocab.SCHOOL_KINDS:
                continue
            if bare[0].isdigit() or (bare[0].isupper() and (upper or not bare.isupper() or len(bare) <= 1)):
                return True
            if not bare[0].islower() or re.search(r"[,;.:?]$", bare):
                break
    return False
