"""Facts quoted from the text: the sentences (or row cells, or the document's own metadata) that best cover
the question, each cited (assistant/qa/compose.py). None, so that the abstention answers, when the best
passage does not cover enough of the question's content or the question names something the documents never
mention (a year, a place, a word), a year the passage does not cover (it speaks of others), or a school level
the passage does not cover."""

from __future__ import annotations

import re
from datetime import date

from assistant.answering.asked import Asked
from assistant.answering.document_facts import (
    asked_fields,
    fact_lines,
    issue_day,
    names_other_document,
    without_own_number,
)
from assistant.index.idf import Idf
from assistant.qa.compose import (
    Cites,
    Passage,
    asked_years,
    best_passages,
    coverage,
    fact_answer,
    field_label_asked,
    is_abbreviation,
    labelled_item,
    labelled_value,
    offered_words,
    other_year,
    spelled_in,
    unknown_words,
    year_outside,
)
from assistant.qa.definitions import defined_term, defines
from assistant.qa.docname import name_text
from assistant.qa.kinds import CHANNELS, holds_kind, wanted_type
from assistant.qa.places import body_outside, named_bodies
from assistant.qa.query import Query, open_entity
from assistant.qa.rates import count_for_budget, given_budget, given_quantity, paid_so_far, rate_per
from assistant.qa.same_figures import other_figures
from assistant.qa.shares import share_of
from assistant.qa.spans import (
    asked_dates,
    asks_day_count,
    cited_date,
    given_gap,
    month_periods,
    periods,
    refers_to_issue,
    span_words,
)
from assistant.qa.tableqa import table_key
from assistant.qa.templates import t
from assistant.qa.widen import (
    announced_count,
    cut_sentence_after,
    whole_enumerations,
    widened_for_several,
    with_channel,
)
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.tags import levels_of
from ingest.text import fold, has_diacritics, nfc, tokens
from ingest.vocab import FACT_CANDIDATES

# The kinds of value whose lines in the question's document join the candidates wherever retrieval ranked them
# (a question asking for one is often worded nothing like the line: "liên hệ ai", "email gì", "phụ lục số mấy", "bao lâu").
SIGNER = "Người ký"  # the meta unit's line (ingest/units.py)
KINDS_SOUGHT_IN_DOCUMENT = ("contact", "email", "phone", "account", "annex", "duration", "address", "year", "edition",
                            "parts", "period")


class FactAnswers:
    name = "fact"

    def __init__(self, abstain_below: float = 0.5) -> None:
        self.abstain_below = abstain_below  # settings.abstain_below, calibrated on the development gold set

    def run(self, asked: Asked) -> AskResponse | None:
        q, idf = asked.query, asked.idf
        # Document facts (title, signer, recipients) compete too: the meta unit of each document among the
        # candidates (not of every document: with a thousand plans indexed that made each answer score a
        # thousand meta units, and ask time grow with the index).
        # Only for a question about the document itself (its title, type, signer…): otherwise the header's lines,
        # which hold the very words a user names the document by, would win over the passage that answers.
        fields = asked_fields(q.folded)  # the header's facts asked ("ai ký", "ban hành ngày nào"), if any
        about_document = bool(fields) or bool(vocab.DOC_TITLE_Q.search(q.folded))
        candidates = [u for u in asked.hits[:FACT_CANDIDATES] if about_document or u.kind != "meta"]
        seen = {u.id for u in candidates}
        metas = asked.index.metas(list(dict.fromkeys(u.doc for u in candidates)))
        extra = [m for m in metas.values() if m.id not in seen] if about_document else []
        names = {d: name_text(m) for d, m in metas.items()}
        want = wanted_type(q.text)
        previous = [c for r, c in asked.history if r == "user"] if q.follow_up else []
        # "còn nếu cử 7 người thì … bao nhiêu": the amount the conversation asked
        if want == "number" and previous and (before := wanted_type(previous[-1])) in ("money", "percent"):
            want = before
        asked_text = q.text
        # "còn chương trình X thì sao?" asks of X what the conversation asked ("từ ngày nào đến ngày nào")
        if want is None and previous and vocab.FOLLOW_SAME_ASK_Q.search(fold(q.text)):
            asked_text, want = previous[-1], wanted_type(previous[-1])
        # "từ ngày nào đến ngày nào": a period, sought as a kind of its own
        sought = "period" if want == "day" and vocab.PERIOD_ASK_Q.search(fold(asked_text)) else want
        # the question's document's own sections, read once for the two searches below
        sections = [u for u in asked.index.units(asked.doc or candidates[0].doc) if u.kind == "section"] \
            if candidates else []
        if sought and sought in KINDS_SOUGHT_IN_DOCUMENT and candidates:  # the document's lines holding the kind
            # asked (a contact, an annex or form, a span of time, a period, an address, a year, a list of parts)
            # wherever retrieval ranked them
            have = {u.id for u in candidates + extra}
            holding = [u for u in sections if u.id not in have
                       and holds_kind(sought, u.text)]
            # the ones about the question first (a long document has many lines with a year or an address)
            holding.sort(key=lambda u: -coverage(q.words, u.text, idf, q.accents))
            extra += holding[:vocab.CONTACT_UNITS]
        given = given_quantity(q.folded)
        if given is not None and want == "money" and candidates:  # "12 giáo viên … tổng học phí": the document's
            # rate per that unit ("Học phí: 500.000 đồng/học viên") is what the asker's arithmetic needs, wherever
            # retrieval ranked it (the question's other words name the class or the plan, not the fee line)
            have = {u.id for u in candidates + extra}
            rated = [u for u in sections if u.id not in have and rate_per(u.text, given.noun)]
            rated.sort(key=lambda u: -coverage(q.words, u.text, idf, q.accents))
            extra += rated[:vocab.CONTACT_UNITS]
        own_folded = fold(q.text)  # the question itself, not a follow-up's history (q.folded)
        several = bool(vocab.SEVERAL_ASKED_Q.search(own_folded))  # "những … nào": several things asked
        field_units: list[Unit] = []
        if candidates:  # the document's fields labelled with the question's words ("Cấp thực hiện: …"): first, as
            # if retrieval had ranked them so (a form-like document's field is worded like the question, not like
            # the passages that retrieval ranks above it by the document's other words)
            # (wherever retrieval ranked them, among the candidates too: a field ranked eleventh lost to the lines
            # above it that repeat the document's name, "Tên thủ tục: …" for "thuộc loại thủ tục hành chính nào")
            field_units = [u for u in sections if field_label_asked(u.text, own_folded, q.text)]
            if not field_units:  # a table's first column labelled so ("Hình thức nộp: Trực tiếp; …" for "gửi qua
                # những hình thức nào"): its rows, each a value of the field
                docs = [asked.doc] if asked.doc else list(dict.fromkeys(u.doc for u in candidates))[:vocab.FIELD_ROW_DOCS]
                rows = [u for d in docs for u in asked.index.units(d) if u.kind == "row"]
                field_units = [u for u in rows if field_label_asked(u.text, own_folded, q.text)]
            # those retrieval found first, in its order (each programme of a plan has its "Hình thức tổ chức: …":
            # the one retrieval found is the programme's asked), then the others
            have = {u.id for u in candidates + extra}
            found = {u.id for u in field_units}
            field_units = [u for u in candidates if u.id in found] + \
                [u for u in field_units if u.id not in have][:vocab.FIELD_UNITS]
        if candidates and (term := defined_term(q.text)):  # '"học viên bán trú" được hiểu là ai': the line that
            # defines it ("3. Học viên bán trú là học viên …") first, wherever retrieval ranked it (the lines using the
            # term share its words as much as the one defining it)
            defining = [u for u in sections if defines(u.text, term)][:vocab.FIELD_UNITS]
            ids = {u.id for u in defining}
            field_units = defining + [u for u in field_units if u.id not in ids]
        # the quantity the asker gives and the total asked of it ("cử 10 giáo viên … tổng … phải chuyển") are the
        # asker's arithmetic (assistant/qa/rates.py), not words the passage must hold
        words = [w for w in q.words if fold(w) not in given.words] if given else q.words
        # a follow-up's own words, less the asker's arithmetic and the asker's own things ("trường tôi")
        focus = [w for w in q.focus if not (given and fold(w) in given.words) and not _askers_own(w, own_folded)]
        if given is not None:  # "trường tôi có 12 giáo viên …": the asker's school is no word the documents must hold
            words = [w for w in words if not _askers_own(w, own_folded)] or words
        if given_budget(q.folded) is not None or paid_so_far(q.folded) is not None:  # "đã chuyển 4.000.000 đồng … đủ
            # cho bao nhiêu học viên", "mới chuyển 5.000.000 đồng, còn phải chuyển thêm bao nhiêu": the
            words = [w for w in words if not fold(w).isdigit()] or words  # asker's money, divided by the passage's rate
        if spanned := span_words(q.folded):  # "kéo dài bao nhiêu tiếng": how long is the passage's period
            words = [w for w in words if fold(w) not in spanned] or words
        if asked_dates(own_folded) and (asks_day_count(own_folded) or vocab.IF_DATE_Q.search(own_folded)):
            # "… bắt đầu ngày 27/02/2026; ngày kết thúc cách … bao nhiêu ngày": the asker's own end of the count;
            # "nếu sở tôi gửi kế hoạch vào ngày 06/01/2012 thì có kịp hạn không": the asker's own day, checked
            words = [w for w in words if not asked_dates(fold(w))] or words
        if candidates and (labels := vocab.LABELLED_ITEM_Q.findall(own_folded)):  # "chủ đề 2 … giới thiệu những
            # gì": the document's items so labelled ("- Chủ đề 2: …", one under each programme), wherever ranked
            have = {u.id for u in field_units + candidates + extra}
            extra += [u for u in sections if u.id not in have
                      and any(labelled_item(seg, labels) for seg in u.text.split("\n"))][:vocab.FIELD_UNITS]
        fields_first = {u.id for u in field_units}
        pool = field_units + [u for u in candidates + extra if u.id not in fields_first]
        if given is not None and want == "money":  # a total of the asker's quantity is read off a rate per its unit:
            pool = [u for u in pool if rate_per(u.text, given.noun)] or pool  # a line stating one, where any does
        passages = best_passages(words, pool, idf, accents=q.accents, levels=q.levels,
                                 want=sought, names=names, focus=focus,
                                 several=several, question=own_folded, typed=q.text)
        if not passages:
            return None
        if want == "address" and (bodies := named_bodies(q.text)) and \
                body_outside(bodies, [f"{p.unit.metadata.get('path', '')} {p.text}" for p in passages[:2]]):
            return None  # "Công ty KDI có trụ sở ở đâu" over the Centre's address: another body's, not the one asked
        if want in CHANNELS:  # the person's line, then the line after it with the e-mail or phone asked
            passages = with_channel(passages, asked.index.units(passages[0].unit.doc), want)
            if not any(holds_kind(want, p.text) for p in passages):
                return None  # a phone number, an e-mail or an account asked, and no line quoted holds one
        best = passages[0].unit
        if best.kind == "meta" and fields and not fact_lines(best, fields):
            return None  # the header asked about ("ai ký") does not give it: its other lines do not answer
        if SIGNER in fields and best.kind != "meta":
            return None  # who signed is read from the signature block (the meta unit): a passage of the text that
            # names people names those who do something else (measured: no signer question of the development
            # sets was answered right from the text)
        own = " ".join([best.label, str(best.metadata.get("path", "")), best.text])
        issued, event = self._issued(asked, best.doc), None
        # the cited document's own line ("Công văn số 2637/BGDĐT-VP ngày 15 tháng 5 năm 2026"), when the day counted
        # from is a document the plan cites: the question's words naming it are there, not in the event's line
        cited = next((u for u in sections if cited_date([u.text], own_folded) == issued), None) \
            if issued is not None else None
        if issued is not None and (cited is not None or given_gap([passages[0].text], q.folded, issued) is None):
            # "từ ngày Sở ban hành Công văn 1557 đến ngày khai giảng lớp X": the cited document's line gives one end;
            # the other is the line about the event, found by the question's words that line does not hold; the
            # question's words are looked for in both
            anchor = Passage(cited, cited.text, 0.0, 0) if cited is not None else passages[0]
            event = _event_passage(words, anchor, asked.index.units(best.doc), idf, q, issued)
            own += f" {event.text}" if event else ""
        if cited is not None:
            own += f" {cited.text}"
        if want in CHANNELS and len(passages) > 1 and not holds_kind(want, passages[0].text):
            own += " " + passages[1].text  # the contact's next line with the channel asked is quoted with it
        # the alternatives the asker offers ("học trực tiếp hay online") choose among answers, the passage states one
        # of them or its own word for it ("trực tuyến"): they are no evidence either way
        offered = offered_words(q.text)
        # nor are the asker's own things ("sở mình phải lập kế hoạch gì"): the documents name them otherwise
        judged = [w for w in words if fold(w) not in offered and not _asker_names_own(w, q.text)] or words
        named = coverage(judged, f"{own} {names.get(best.doc, '')}", idf, q.accents)
        unnamed = coverage(judged, own, idf, q.accents)
        evidence = unnamed + vocab.NAME_EVIDENCE_WEIGHT * (named - unnamed)
        context = " ".join([str(best.metadata.get("path", "")), best.label, best.text])
        share = _share(passages[0], sections, q.folded)  # "… chiếm bao nhiêu phần trăm": computed, then no "%" needed
        # (or a field labelled with the words asked: "Cấp thực hiện: Cấp Tỉnh, Cấp Xã" for "… những cấp nào")
        labelled = labelled_value(passages[0].text, own_folded, sought) or \
            field_label_asked(passages[0].text, own_folded, q.text)
        # a value under a label in the question's own words needs less of the question's other words (vocab)
        if evidence < self.abstain_below * (vocab.LABELLED_EVIDENCE_SHARE if labelled else 1.0) or \
                off_topic(q, passages[0].text, idf, names.get(best.doc, ""), words, known=best.doc) or \
                other_year(q.text, context, names.get(best.doc, "")) or \
                self._year_outside(asked, best.doc, names.get(best.doc, "")) or \
                lacks_asked_value(q.folded, [p.text for p in passages] + ([share] if share else [])):
            return None
        empty = next((p for p in passages[:vocab.NO_INFO_PASSAGES] if no_information(p.text)
                      and field_label_asked(p.text, own_folded, q.text)), None)
        if empty is not None:  # "Cơ quan phối hợp: Không có thông tin": the field asked says the document does not say
            cites = Cites()
            return AskResponse(answer=t("field_no_info", line=empty.text.strip(), ref=cites.ref(empty.unit)),
                               abstained=True, citations=cites.citations(), intent=q.intent)
        announced = None if vocab.PEOPLE_COUNT_Q.search(own_folded) \
            else announced_count(passages, asked.index.units(best.doc), own_folded)
        if announced is not None:  # "có mấy nhóm đối tượng …" ("… mấy trường hợp? Kể ra."): the items an
            passages = announced[0]  # announcement of them lists, counted
        elif several:  # "từ những nguồn nào": the whole list an item is of
            rows = asked.index.table_rows(*table_key(best)) if best.kind == "row" else []
            passages = widened_for_several(passages, asked.index.units(best.doc), rows, own_folded)
        elif best.kind == "section" and passages[0].text.rstrip().endswith(":"):
            # "… gồm các phần như sau:" answers nothing alone: the items it announces, below it
            listed = whole_enumerations(passages[:1], asked.index.units(best.doc))
            passages = listed + [p for p in passages[1:] if all(p.unit.id != o.unit.id for o in listed)]
        if (rest := cut_sentence_after(asked.index.units(best.doc), passages[0])) is not None:
            # "… đó là: Thị trường," cut by a break: the sentence goes on in the next unit
            passages = [passages[0], Passage(rest, rest.text, passages[0].score, passages[0].rank),
                        *(p for p in passages[1:] if p.unit.id != rest.id)]
        if event is not None:  # the event's line first: its date is the one counted to
            passages = [event, *(p for p in passages if p.unit.id != event.unit.id)]
        cites = Cites()
        answer = fact_answer(passages, cites, q.folded, issued)
        if announced is not None:
            answer += "\n" + t("announced_count", count=announced[1], line=announced[2])
        if share:
            answer += "\n" + share
        if want in vocab.SAME_FIGURE_KINDS:  # the document's other statements of the figure: to compare
            others = other_figures([(p.unit, p.text) for p in passages], asked.index.units(best.doc),
                                   set(tokens(q.text)))
            if others:  # after a row: the other rows the question names; after a statement: the same figure's
                intro = t("named_rows") if best.kind in ("row", "total") else t("same_figures")
                answer += "\n" + intro + "\n" + "\n".join(f"{line} {cites.ref(u)}" for u, line in others)
        return AskResponse(answer=answer, abstained=False, citations=cites.citations(), intent=q.intent)

    @staticmethod
    def _issued(asked: Asked, doc: str) -> date | None:
        """The day the document was issued, when the question counts days from it ("từ ngày ký kế hoạch …") and
        names no other document's number; None otherwise or when its header leaves the day blank."""
        folded = fold(asked.query.text)
        if not (asks_day_count(folded) and refers_to_issue(folded)):  # (read only for a count of days)
            return None
        meta = asked.index.metas([doc]).get(doc)
        if meta is None:
            return None
        if names_other_document(asked.query.text, meta) and not vocab.OWN_DOC_Q.search(folded):
            # "từ ngày Bộ ban hành Công văn 2637 …": the date the document's own text gives that one (its legal
            # bases); "Thông tư 28/2020 … ra đời trước công văn này bao lâu" counts to the document's own day
            # the other document's, when the question names the plan's own number too ("… ban hành văn bản 348/KSTT-VP
            # đến hạn … theo công văn 4532"); else the plan's own, as its text dates it where its header does not
            texts = [u.text for u in asked.index.units(doc) if u.kind == "section"]
            return cited_date(texts, without_own_number(folded, meta)) or cited_date(texts, folded)
        issued = issue_day(meta)
        return issued[1] if issued else None

    @staticmethod
    def _year_outside(asked: Asked, doc: str, name: str) -> bool:
        """A year asked that the document never speaks of; its passages are read only when a year is asked."""
        years = asked_years(asked.query.text, name)
        return bool(years) and year_outside(years, (f"{u.label} {u.text}" for u in asked.index.units(doc)))


def _event_passage(words: list[str], cited: Passage, units: list[Unit], idf: Idf, q: Query,
                   issued: date) -> Passage | None:
    """The passage dating the event a count of days runs to from a cited document's date: the best of the
    document's lines whose date `given_gap` can count from `issued`, by the question's words the cited line lacks
    (those after "đến", where the question has one)."""
    held = set(tokens(cited.text))
    rest = [w for w in words if fold(w) not in held]
    # the words after "đến" name the event ("từ ngày Bộ ban hành Công văn 2637 đến ngày Trường bắt đầu cho sinh viên
    # làm khảo sát"): those before it name the cited document's day ("ban hành" is no event of the plan's)
    until = re.search(r"\bden\b(.*)$", fold(q.text))
    if until is not None:
        after = set(tokens(until.group(1)))
        rest = [w for w in rest if fold(w) in after] or rest
    dated = [u for u in units if u.id != cited.unit.id and u.kind in ("section", "row")
             and given_gap([u.text], q.folded, issued) is not None]
    if not rest or not dated:
        return None
    found = best_passages(rest, dated, idf, accents=q.accents)
    return next((p for p in found if given_gap([p.text], q.folded, issued) is not None), None)


def _share(part: Passage, sections: list[Unit], folded_question: str) -> str | None:
    """The share the passage's amount makes of the total stated before it in its document (assistant/qa/shares.py):
    its own section's earlier lines first, nearest first."""
    at = next((i for i, u in enumerate(sections) if u.id == part.unit.id), None)
    before = [u.text for u in reversed(sections[:at + 1])] if at is not None else [part.unit.text]
    return share_of(part.text, before, folded_question)


def _askers_own(word: str, folded_question: str) -> bool:
    """"trường tôi", "tổ mình": the asker's own thing, named by the asker, not by the documents."""
    return re.search(rf"\b{re.escape(fold(word))} (?:toi|minh|chung toi|em)\b", folded_question) is not None


def _asker_names_own(word: str, question: str) -> bool:
    """`_askers_own` read on the question as typed, and not "… em" ("trẻ em"): "sở mình", "trường tôi" ("tôi" written
    so, or "toi" in a question typed without accents), not "đồng nghiệp tối thiểu" (whose "tối" folds to "toi")."""
    owners = "tôi|mình|chúng tôi" if has_diacritics(question) else "toi|minh|chung toi"
    return re.search(rf"\b{re.escape(word.lower())} (?:{owners})\b", nfc(question).lower()) is not None


def no_information(text: str) -> bool:
    """A labelled field whose value says the document has nothing there ("Cơ quan phối hợp: Không có thông tin")."""
    label, sep, value = text.partition(":")
    return bool(sep) and len(label.split()) <= vocab.FIELD_LABEL_MAX_WORDS and \
        vocab.NO_INFO_VALUE.fullmatch(fold(value).strip(" .;")) is not None


def lacks_asked_value(folded_question: str, texts: list[str]) -> bool:
    """The question asks for an amount of money, a percentage, a day, a tax code, a form's or a decision's number,
    where money comes from, or a number of people, lessons, units of measure or things supplied, and none of the
    passages gives one: they are about the right thing ("Bảo đảm đủ nguồn kinh phí
    … hàng năm") without the figure asked for."""
    found = fold(" ".join(texts))
    if vocab.MONEY_ASK_Q.search(folded_question):
        kind = vocab.MONEY_KIND_Q.search(folded_question.replace("so luong", ""))
        if not vocab.MONEY_IN_TEXT.search(found) or (kind and not re.search(rf"\b{kind.group(1)}\b", found)):
            return True
    people = vocab.PEOPLE_COUNT_Q.search(folded_question) or vocab.UNIT_COUNT_Q.search(folded_question)
    if people and any(count_for_budget(t, folded_question) for t in texts):
        people = None  # how many the asker's money pays for: counted from the rate (assistant/qa/rates.py)
    if people and people.group(1) == "ngay" and any(periods(t) for t in texts):
        people = None  # how many days: a period "29/6/2026 - 09/7/2026" is counted (assistant/qa/spans.py)
    if people and people.group(1) == "thang" and any(month_periods(t) for t in texts):
        people = None  # how many months: a period "Từ 1/2023-12/2025" is counted
    if people:  # "32 tiết/tuần", "2 buổi mỗi ngày": a rate's denominator is no count of weeks or days
        noun = vocab.ANY_PEOPLE_NOUNS if people.group(1) == "nguoi" else people.group(1)  # "mỗi lớp bao nhiêu người":
        # "70 học viên/lớp"
        counted = re.sub(rf"(?:/\s*|\bmoi\s+|\bmot\s+)(?:{noun})\b", " ", found)
        # (a number after them is a count, not a model's name: "máy in 3D" gives no number of printers)
        if not re.search(rf"\d[\d.,]*\s*%?\s+(?:\w+\s+){{0,2}}(?:{noun})\b|"
                         rf"\b(?:{noun})\b[^.;\n]{{0,40}}(?<!\d)(?<!so )\d(?![\d.,]*[a-z])(?![\d.,]*\s*{vocab.MEASURE_AFTER_NUMBER})",
                         counted):  # ("mỗi học sinh được hỗ trợ mỗi tháng 15 kg gạo": a quantity; "(theo Mẫu số 07)": a form's
            # number; neither counts them)
            return True
    if (kind := vocab.DOC_KIND_ASKED_Q.search(folded_question)) and not re.search(rf"\b{kind.group(1)}\b", found):
        return True  # "theo biểu mẫu của thông tư nào" over lines naming no circular
    if vocab.DOC_NUMBER_ASK_Q.search(folded_question) and not vocab.DOC_NUMBER_IN_TEXT.search(found):
        return True  # "kèm quyết định số mấy" over a line naming the list, not the decision's number
    if vocab.FORM_NUMBER_Q.search(folded_question) and not vocab.FORM_NUMBER_IN_TEXT.search(found):
        return True
    if vocab.FUNDS_SOURCE_Q.search(folded_question) and not vocab.FUNDS_SOURCE_IN_TEXT.search(found):
        return True  # "chi từ nguồn vốn nào" over the row of what is bought, naming no source
    if any(asked.search(folded_question) and not stated.search(found) for asked, stated in vocab.ASKED_TERMS):
        return True  # "thời gian bảo hành bao lâu" over "Thời gian thực hiện hợp đồng: 12 tháng"
    if vocab.TAX_CODE_Q.search(folded_question) and not vocab.TAX_CODE_IN_TEXT.search(found):
        return True
    if vocab.PERCENT_ASK_Q.search(folded_question) and not vocab.PERCENT_IN_TEXT.search(found):
        return True
    if vocab.ADDRESS_Q.search(folded_question) and not any(vocab.ADDRESS_IN_TEXT.search(t) or vocab.EMAIL_IN_TEXT.search(t)
                                                           for t in texts):
        return True
    if vocab.MONTH_ASK_Q.search(folded_question) and not vocab.MONTH_IN_TEXT.search(found):
        return True  # "tổ chức vào tháng mấy": a month ("tháng 12", "12/2025", a date), which the passages do not give
    if vocab.TIME_ASK_Q.search(folded_question) and not vocab.TIME_IN_TEXT.search(found):
        return True  # "vào học lúc mấy giờ": a time of day ("7g30", "14 giờ", "8:00"), which the passages do not give
    if not vocab.DAY_ASK_Q.search(folded_question):
        return False
    own = vocab.DOC_REFERENCE_DATE.sub(  # the dates of documents cited, unless the question names their kind
        lambda m: m.group(0) if re.search(rf"\b({m.group(1)}|{re.escape(m.group(2))})\b", folded_question) else " ",
        found)
    return not vocab.DAY_IN_TEXT.search(own)


def accented_otherwise(word: str, folded_question: str, folded_passage: str) -> bool:
    """A word the question writes with tone marks no document gives it, in a phrase the passage has with others:
    "củng cố, tăng cường" over the template's "Hoạt động cùng cố, tăng cường" (a typing or OCR slip in the text).
    The word with its neighbour in the question, accent-free, must be the passage's; a word alone is no evidence."""
    w = fold(word)
    asked = re.findall(r"\w+", folded_question)
    text = " " + " ".join(re.findall(r"\w+", folded_passage)) + " "
    for i, tok in enumerate(asked):
        if tok != w:
            continue
        pairs = ([f"{asked[i - 1]} {w}"] if i > 0 else []) + ([f"{w} {asked[i + 1]}"] if i + 1 < len(asked) else [])
        if any(f" {pair} " in text for pair in pairs):
            return True
    return False


def off_topic(q: Query, passage: str, idf: Idf, name: str = "", words: list[str] | None = None,
              known: str = "") -> bool:
    """Evidence that the documents do not answer: the question names something they never mention
    (a year, a place, a word that occurs nowhere), or a school level the passage does not cover (not one the
    question names only in naming the document: `name`, its name's words). An abbreviation the passage or its
    document's name spells out ("QLBV": "Quản lý bệnh viện") is not missing. `words`: the question's words to
    check (default all; FactAnswers leaves out those of the asker's arithmetic). `known`: the passage's document id,
    made from the file name its uploader gave it: a number a user names the document by ("kế hoạch 753") is in it
    even when the scan's text lost it."""
    offered = offered_words(q.text, names_too=False)  # "trực tiếp hay online": an alternative worded otherwise
    own = fold(q.text)
    kind, noun = open_entity(own)
    if kind:  # "những khâu nào", "gồm mấy công đoạn": the word for what is listed, the text may use another
        offered.add(noun.split()[0])
    audience = vocab.AUDIENCE_ASKED_Q.search(own)  # "… hay chỉ dành cho cấp nào?"
    if audience:  # the asker's own level ("mầm non") is what the answer checks, and "dành cho cấp nào" asks:
        # no words the documents must hold
        offered |= {w for pattern in vocab.LEVELS.values() for m in pattern.finditer(own)
                    for w in m.group(0).split()} | set(audience.group(0).split())
    in_id = set(tokens(known))
    missing = [w for w in unknown_words(q.words if words is None else words, idf, q.accents)
               if len(w) >= 3 and fold(w) not in offered and fold(w) not in in_id]
    short = [w for w in missing if is_abbreviation(w)]
    if short:
        spelled = set(spelled_in(short, tokens(f"{passage} {name}")))
        missing = [w for w in missing if w not in spelled]
    if missing and q.accents:
        passage_folded = fold(passage)
        missing = [w for w in missing if not accented_otherwise(w, own, passage_folded)]
    if missing and not q.follow_up:
        return True
    # the levels the question names by the document's own name ("Nghị định … cho trẻ em nhà trẻ, học sinh, học
    # viên …") describe the document, not the asker: only the others must be the passage's
    levels = q.levels - levels_of(name) if name else q.levels
    if levels and not audience:
        # a passage that names no level speaks for the document's, when its name is for one level ("… nhà
        # trường cấp tiểu học"); a name that lists several ("trẻ em nhà trẻ, học sinh, học viên") may cover more
        of_name = levels_of(name) if name else set()
        named = levels_of(passage) or (of_name if len(of_name) == 1 else set())
        if named and not (named & levels):
            return True
    return False
