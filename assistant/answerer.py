"""Questions to cited answers: the one place the API, the chat UI, the command line and the evaluation ask.

For each question (`Answerer.ask`), with the caller's view of the index (assistant/index/view.py: a public
caller never reaches a `staff` document, not even through retrieval):
1. the question is parsed (assistant/qa/query.py: intent, content words, who asks, follow-up), abbreviations
   the documents never use spelled out (assistant/qa/abbrev.py), the level/role filters added to who asks;
2. retrieval: hybrid search for the question (and, for a follow-up, the question before it) restricted by
   the document and district filters; role and level are who is asking: they steer the answer (digests,
   table constraints, passage preference) without hiding untagged passages and rows;
   a follow-up ("còn giai đoạn 2 thì sao?") keeps to the conversation's document;
3. the strategies are tried in this order, the first answer wins (assistant/answering/):
   staff intents → reader digest → document facts → legal bases → outline → quantity sums → a list's totals → rows by place →
   a table's columns → two amounts side by side (their difference or sum) → table answers → text lists → items under a heading → a list's members of a body → fact answers →
   abstention; an answer whose documents never mention a province the question names by its proper name becomes
   the abstention (assistant/answering/place_gate.py);
4. the optional LLM phrasing step rewrites a fact answer when its checks pass (KEHOACH_GENERATOR).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.access import PUBLIC, Access
from assistant.answering.abstention import Abstention
from assistant.answering.amount_pair import AmountPair
from assistant.answering.asked import Asked, Strategy
from assistant.answering.cited_by_day import CitedByDay
from assistant.answering.document_facts import DocumentFacts
from assistant.answering.fact_answers import FactAnswers
from assistant.answering.heading_items import HeadingItems
from assistant.answering.issue_gap import IssueGap
from assistant.answering.legal_bases import LegalBases
from assistant.answering.list_answers import ListAnswers
from assistant.answering.list_totals import ListTotals
from assistant.answering.members import MembersOf
from assistant.answering.named_rows import NamedRows
from assistant.answering.ordinal_rows import OrdinalRows
from assistant.answering.outline import Outline
from assistant.answering.phrasing import Phrasing
from assistant.answering.place_gate import checked
from assistant.answering.quantity_sums import QuantitySums
from assistant.answering.reader_digest import ReaderDigest
from assistant.answering.staff_intents import StaffIntents
from assistant.answering.table_answers import TableAnswers
from assistant.answering.table_columns import TableColumns
from assistant.index.filters import level_key, normalise_filters, role_key
from assistant.index.index import Index
from assistant.index.view import IndexReader, IndexView
from assistant.qa.abbrev import spell_out
from assistant.qa.docname import name_text, named_document
from assistant.qa.parts import joined, question_parts, unsaid
from assistant.qa.query import names_a_document, parse_query
from assistant.qa.refocus import content_query, fuse, main_document
from assistant.qa.tableqa import of_other_group
from assistant.schemas import AskResponse, SearchHit
from ingest.models import Unit
from ingest.text import fold
from ingest.vocab import FACT_CANDIDATES, FOLLOW_UP_DOC_HITS


def default_strategies(abstain_below: float) -> list[Strategy]:
    return [StaffIntents(), ReaderDigest(), CitedByDay(), DocumentFacts(), IssueGap(), LegalBases(), Outline(), QuantitySums(), ListTotals(), OrdinalRows(), TableColumns(),
            AmountPair(), TableAnswers(),
            NamedRows(), ListAnswers(), HeadingItems(), MembersOf(), FactAnswers(abstain_below), Abstention()]


class Answerer:
    def __init__(self, index: Index | IndexReader, *, abstain_below: float = 0.5, top_k: int = FACT_CANDIDATES,
                 strategies: Sequence[Strategy] | None = None, phrasing: Phrasing | None = None) -> None:
        """`index`: the real index (each question then reads it through the caller's view), or any
        `IndexReader` read as it is (a test's fake)."""
        self.index = index
        self.top_k = top_k
        self.strategies = list(strategies) if strategies is not None else default_strategies(abstain_below)
        self.phrasing = phrasing

    def ask(self, question: str, history: list[tuple[str, str]] | None = None,
            filters: dict[str, str] | None = None, access: Access = PUBLIC) -> AskResponse:
        """Raises ValueError for filters that name no level, role or known key (the caller's error)."""
        return self.respond(self.view(access), question, history, filters)

    def search(self, query: str, top_k: int = 8, filters: dict[str, str] | None = None,
               access: Access = PUBLIC) -> list[SearchHit]:
        hits = self.view(access).search(query, top_k=top_k, filters=normalise_filters(filters))
        return [SearchHit(**h.unit.citation().model_dump(), score=float(h.score)) for h in hits]

    def view(self, access: Access) -> IndexReader:
        return IndexView(self.index, access) if isinstance(self.index, Index) else self.index

    def respond(self, index: IndexReader, question: str, history: list[tuple[str, str]] | None = None,
                filters: dict[str, str] | None = None) -> AskResponse:
        """The answer over any `IndexReader` (the caller's view of the index, or a test's fake)."""
        asked = self.prepare(index, question, history, filters)
        answer = self._answer(asked)
        parts = question_parts(question)
        if parts:  # a question asking two things: the parts the answer to the whole leaves out
            answer = self._completed(index, parts, history, filters, answer)
        return self.phrasing.run(asked, answer) if self.phrasing is not None else answer

    def _answer(self, asked: Asked) -> AskResponse:
        answer: AskResponse | None = None
        for strategy in self.strategies:
            answer = strategy.run(asked)
            if answer is not None:
                break
        if answer is None:  # strategies without an abstention at the end
            answer = Abstention().run(asked)
        return checked(asked, answer)  # a place the question names that its documents never mention

    def _completed(self, index: IndexReader, parts: list[str], history: list[tuple[str, str]] | None,
                   filters: dict[str, str] | None, whole: AskResponse) -> AskResponse:
        """The answer to the whole, with the answer to each part (asked of the whole's document) that it does not
        say yet; when the whole is not answered, the parts' answers if every part is answered from one
        document (assistant/qa/parts.py)."""
        doc = (filters or {}).get("doc") or (whole.citations[0].doc if whole.citations else None)
        answers: list[AskResponse] = []
        if doc is None:  # the first part names the document ("đề án STEM X: giai đoạn 1 … bao nhiêu trường"), the
            # later ones need not ("và đào tạo bao nhiêu lượt học sinh"): they are asked of the first's document
            answers = [self._answer(self.prepare(index, parts[0], history, filters))]
            doc = answers[0].citations[0].doc if answers[0].citations and not answers[0].abstained else None
        scoped = {**(filters or {}), "doc": doc} if doc else filters
        answers += [self._answer(self.prepare(index, p, history, scoped)) for p in parts[len(answers):]]
        if whole.abstained:
            docs = {c.doc for a in answers for c in a.citations[:1]}
            if any(a.abstained for a in answers) or len(docs) != 1:
                return whole
            first, rest = answers[0], answers[1:]
            text, cites = first.answer, first.citations
        else:
            text, cites, rest = whole.answer, whole.citations, answers
        for a in rest:
            new = "" if a.abstained or not a.citations else unsaid(a.answer, text)
            if not new:
                continue  # nothing to add: what answers the part is said already
            text, cites = joined((text, cites), (new, a.citations))
        if text == whole.answer:
            return whole
        return whole.model_copy(update={"answer": text, "citations": cites, "abstained": False})

    def prepare(self, index: IndexReader, question: str, history: list[tuple[str, str]] | None,
                filters: dict[str, str] | None) -> Asked:
        filters = {k: v for k, v in (filters or {}).items() if v}
        normalise_filters(filters)  # refuses unknown keys and values before any work
        idf = index.idf()
        q = parse_query(spell_out(question, lambda w: idf.df_folded.get(w, 0) > 0), history)
        if filters.get("level"):  # already checked by normalise_filters: names a known level
            q.levels.add(level_key(filters["level"]))
        if filters.get("role"):
            q.roles.add(role_key(filters["role"]))
        strict = {k: v for k, v in filters.items() if k in ("doc", "district")}
        kept = None
        # a follow-up, or any question of a conversation that names no document of its own ("Còn học kỳ I thì mẫu
        # yêu cầu ghi những thông tin gì?"): the conversation's document (the issue's "kept for follow-ups unless
        # the question names another"; a question that names none cannot be about another one)
        if (q.follow_up or (history and not names_a_document(fold(q.text)))) and not strict.get("doc"):
            kept = conversation_doc(index, history or [], strict)
            if kept is not None:
                strict["doc"] = kept
        units = [h.unit for h in index.search(q.retrieval_text, top_k=self.top_k, filters=strict or None)]
        if not strict.get("doc"):  # the question names one of the documents found in words: it is about that one
            docs = list(dict.fromkeys(u.doc for u in units))
            named = named_document(q.text, {d: name_text(m) for d, m in index.metas(docs).items()})
            if named is not None:
                strict["doc"] = kept = named
            elif history and (conversation := conversation_doc(index, history, strict)) is not None:
                # a question of a conversation with a kind of document among its words but naming none found ("còn
                # ở bước 3 thì Trung tâm thông báo những gì": a verb; "theo hướng dẫn thì sao"): the conversation's
                # passages (its document is not taken as named: "gửi báo cáo cho những ai" is not its recipients)
                strict["doc"] = conversation
                units = [h.unit for h in index.search(q.retrieval_text, top_k=self.top_k, filters=strict)]
        units = self._refocus(index, q.words, units, strict, q.retrieval_text)
        # "giai đoạn 2 … mua bao nhiêu bộ kit": a row under "Giai đoạn 1" is about another phase
        units = [u for u in units if not of_other_group(u, q.folded)]
        return Asked(query=q, hits=units, index=index, idf=idf, filters=filters,
                     history=list(history or []), named=kept)


    def _refocus(self, index: IndexReader, words: list[str], units: list[Unit], strict: dict[str, str],
                 question: str) -> list[Unit]:
        """The hits, fused with a search inside their main document without the words that name it
        (assistant/qa/refocus.py); only that document's when the question names it (`strict`) and the first
        search, made before it was known, found others too."""
        doc = strict.get("doc") or main_document(units)
        if doc is None:
            return units
        meta = index.metas([doc]).get(doc)
        text = content_query(words, name_text(meta)) if meta is not None else None
        mixed = bool(strict.get("doc")) and any(u.doc != doc for u in units)
        if text is None and not mixed:
            return units
        again = [h.unit for h in index.search(text or question, top_k=self.top_k, filters={**strict, "doc": doc})]
        fused = fuse(units, again)
        return [u for u in fused if u.doc == doc][: self.top_k] if mixed else fused[: self.top_k]


def conversation_doc(index: IndexReader, history: list[tuple[str, str]], filters: dict[str, str]) -> str | None:
    """The document a conversation is about: the one most of the previous question's best passages come from
    (weighted by the square of their rank), so that "còn giai đoạn 2 thì sao?" stays with the plan the conversation was about."""
    previous = [c for r, c in history if r == "user"]
    if not previous:
        return None
    # the previous answer's words too, when it came after that question: it quotes the document it was answered
    # from ("Đơn vị chủ trì là Phòng GDTrH&TX"), which the question alone may not single out
    last = history[-1][1] if history[-1][0] == "assistant" else ""
    text = previous[-1] + " " + re.sub(r"\[\d+\]", " ", last)
    hits = index.search(text, top_k=FOLLOW_UP_DOC_HITS, filters=filters or None)
    # the previous question names one of the documents found in words ("trong kế hoạch khảo sát hài lòng 2026 của
    # Trường …"): the conversation is about that one, however many passages of another share its other words (the
    # same rule as for a question that names its document, Answerer.prepare)
    docs = list(dict.fromkeys(h.unit.doc for h in hits))
    named = named_document(previous[-1], {d: name_text(m) for d, m in index.metas(docs).items()})
    if named is not None:
        return named
    weight: dict[str, float] = {}
    for rank, h in enumerate(hits):
        # the best passages weigh most: a document with many passages that each share a word or two of the
        # question (any plan's "chủ trì", "đơn vị") does not outweigh the one whose line the question was about
        weight[h.unit.doc] = weight.get(h.unit.doc, 0.0) + 1.0 / (rank + 1) ** 2
    return max(weight, key=lambda d: weight[d]) if weight else None
