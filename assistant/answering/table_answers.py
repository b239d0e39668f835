"""Questions over annex tables as data: who leads a task (lookup), lists, counts and sums of rows, computed
from the table's rows and every row cited (assistant/qa/tableqa.py). The table is chosen among those the
retrieved rows belong to (or the annex the question names); None when no table fits the question well, so
that the text answers instead."""

from __future__ import annotations

import re
from itertools import chain

from assistant.answering.asked import Asked
from assistant.index.idf import Idf
from assistant.qa.compose import Cites, coverage, format_number, is_abbreviation, spelled_in, unknown_words
from assistant.qa.docname import name_text
from assistant.qa.places import named_places, place_outside
from assistant.qa.query import Query, noun_as_asked, open_entity
from assistant.qa.tableqa import (
    Constraint,
    TableSelection,
    amount_column,
    answer_list,
    answer_lookup,
    answer_subgroups,
    answer_sum,
    name_of,
    select_rows,
    subgroups,
    table_key,
)
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, nfc, tokens

ROW_KINDS = ("row", "total")


def _text_announces(units: list[Unit], noun: str) -> bool:
    """A passage among `units` announcing a list of `noun` ("Đề án … bao gồm các nội dung sau:" for "những nội dung
    chính nào": the noun's first two words, the rest may qualify it)."""
    head = " ".join(noun.split()[:2])
    pattern = re.compile(rf"\b{re.escape(head)}\b[^.:;\n]{{0,40}}:")
    return any(u.kind == "section" and pattern.search(fold(u.text)) for u in units)


class TableAnswers:
    name = "table"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        if q.intent not in ("list", "count", "sum", "lookup"):
            return None
        keys = list(dict.fromkeys(table_key(u) for u in asked.hits if u.kind in ROW_KINDS))
        kind, noun = open_entity(q.folded)
        first_row = next((i for i, u in enumerate(asked.hits) if u.kind in ROW_KINDS), len(asked.hits))
        if kind == "list" and _text_announces(asked.hits[:min(first_row, vocab.LIST_ANNOUNCED_HITS)], noun):
            return None  # the text found before any row announces the list ("… bao gồm các nội dung sau:")
        if not keys and q.intent in ("list", "count") and kind:
            # "những khoa nào" found the text about the faculties, not the table listing them: the tables of the
            # documents found are candidates (each must name the noun: `_table_matches_entity`).
            docs = list(dict.fromkeys(u.doc for u in asked.hits))[:vocab.OPEN_NOUN_TABLE_DOCS]
            keys = [(d, a, t) for d in docs for (a, t) in asked.index.tables(d)]
        if not keys:
            return None
        if q.intent == "lookup":
            return self._lookup(asked)
        return self._rows(asked, keys)

    @staticmethod
    def _lookup(asked: Asked) -> AskResponse | None:
        q, idf = asked.query, asked.idf
        rows = [u for u in asked.hits if u.kind == "row" and any(
            k in fold(" ".join(u.cells)) for k in vocab.LOOKUP_ROLE_WORDS)]
        task_words = [w for w in q.words if fold(w) not in vocab.LOOKUP_STOP]
        scored = sorted(((coverage(task_words, u.text, idf, q.accents), -i, u) for i, u in enumerate(rows)),
                        key=lambda t: (t[0], t[1]), reverse=True)
        if not scored or scored[0][0] < vocab.LOOKUP_MIN_COVERAGE:
            return None  # no task row matches well: answer from the text instead
        # a line with its heading path ("5.1. Trung tâm Quản lý chất lượng › - Phối hợp với …"): the body it is
        # under is what the row names in its cells ("Trung tâm QLCL")
        text_best = max((coverage(task_words, f"{u.metadata.get('path', '')} {u.text}", idf, q.accents)
                         for u in asked.hits[:vocab.FACT_CANDIDATES] if u.kind == "section"), default=0.0)
        if text_best >= scored[0][0] + vocab.LOOKUP_TEXT_MARGIN:
            return None  # a line of the text states the task better ("Phối hợp với Phòng Đào tạo và 05 khoa … chuẩn
            # bị dữ liệu sinh viên, thực hiện chọn mẫu") than the row of the timetable that names it in passing
        cites = Cites()
        text = answer_lookup(scored[0][2], cites.ref, q.folded)
        return AskResponse(answer=text, abstained=False, citations=cites.citations(), mode="table",
                           intent=q.intent) if text else None

    def _rows(self, asked: Asked, keys: list[tuple[str, str, int]]) -> AskResponse | None:
        q, idf, index = asked.query, asked.idf, asked.index
        # "hạng mục", "mẫu", "loại": the question's own words, not things the documents must mention
        generic = {w for n in vocab.GENERIC_ITEM_NOUNS for w in n.split()} | vocab.CLASSIFIER_WORDS
        names = {d: name_text(m) for d, m in index.metas(list(dict.fromkeys(k[0] for k in keys))).items()}
        # (a word of a document's id, made from the file name its uploader gave it, "…-qlbv-2026-…", names that
        # document even when its text spells it otherwise: as in FactAnswers' `off_topic`)
        ids = set(tokens(" ".join(names)))
        unknown = [w for w in unknown_words(q.words, idf, q.accents) if len(w) >= 3 and fold(w) not in generic
                   and fold(w) not in ids]
        # an abbreviation a document's name spells ("QLBV": "Quản lý bệnh viện") names that document, as in the
        # fact answers' check (assistant/answering/fact_answers.py `off_topic`)
        spelled = set(spelled_in([w for w in unknown if is_abbreviation(w)], tokens(" ".join(names.values()))))
        if not q.follow_up and any(w not in spelled for w in unknown):
            return None  # the question names something no document mentions ("tỉnh An Giang"): not this table
        annex = vocab.ANNEX_REF_Q.search(q.folded)
        if annex:  # "Phụ lục IV có bao nhiêu…": the question names its table
            named = [k for k in keys if k[1].lower() == annex.group(1)]
            keys = named or [(d, a, t) for d in {k[0] for k in keys} for (a, t) in index.tables(d)
                             if a.lower() == annex.group(1)] or keys
        best: tuple[float, TableSelection] | None = None
        kind, noun = open_entity(q.folded)
        open_noun = bool(kind) and not any(noun.startswith(n) for n in vocab.TABLE_ENTITY_NOUNS)
        for key in keys:
            rows = index.table_rows(*key)
            if not rows or (q.intent == "sum" and amount_column(rows) is None):
                continue
            selected, constraints = select_rows(rows, q.folded, q.levels)
            if not constraints and q.intent in ("count", "list"):
                selected, constraints = _topic_rows(q, idf, selected)
            sel = TableSelection(key, rows, selected, constraints)
            first = rows[0]
            context = " ".join([first.label.split(",")[0], str(first.metadata.get("table_title", "")),
                                " ".join(first.cells)] + [g for u in rows for g in u.group_titles[:1]])
            # The document's name counts as covered (assistant/qa/docname.py); a table listing the very thing
            # an open-noun count or list asks for ("bao nhiêu lớp" over a "Tên lớp" column) is relevant.
            context += " " + names.get(key[0], "")
            relevance = coverage(q.words, context, idf, q.accents) + (1.0 if constraints and selected else 0.0)
            if open_noun and q.intent == "count" and _table_matches_entity(q, sel, noun):
                relevance += vocab.TABLE_OPEN_NOUN_BONUS
            if best is None or relevance > best[0]:
                best = (relevance, sel)
        if best is None or not best[1].selected:
            return None
        relevance, chosen = best
        if not chosen.constraints and relevance < vocab.TABLE_MIN_RELEVANCE:
            return None  # without constraints the table itself must be what is asked about
        if q.intent in ("count", "list") and _place_not_in_table(q.text, chosen, names.get(chosen.key[0], "")):
            return None  # "thành phố X có bao nhiêu trường …" over a table of other cities' schools: not its count
        cites = Cites()
        if q.intent == "sum":
            text = answer_sum(chosen, cites.ref, format_number)
        else:
            # A count or list by an open noun ("bao nhiêu khoa") must name what the table lists, constraints
            # or not; one by the closed nouns ("trường", "nhiệm vụ"…) must when nothing constrains the rows.
            if (open_noun or not chosen.constraints) and not _table_matches_entity(q, chosen, noun):
                rows_named = _rows_named(q, chosen, noun)
                if not rows_named:
                    return None
                # "những loại đơn thuốc nào" of a table of forms: the rows named "Đơn thuốc …", not the table
                start = " ".join(name_of(rows_named[0]).split()[:len(_classified(noun).split())])
                chosen = TableSelection(chosen.key, chosen.rows, rows_named, [*chosen.constraints, Constraint(
                    "__topic__", {name_of(u) for u in rows_named}, f"tên bắt đầu bằng «{start} …»")])
            if open_noun and q.intent == "list" and _names_a_case(q.text):
                return None  # "… Tuần 10 mất 7 tiết thì bù vào những tuần nào?" asks about one case, not the table
            # "những loại/nhóm hàng đợi nào": the kinds, i.e. the groups inside the one chosen, not its rows
            kinds = bool(noun) and noun.split()[0] in vocab.KIND_CLASSIFIERS
            groups = subgroups(chosen, _classified(noun)) if kinds else {}
            counted = "" if any(noun == g or noun.startswith(g + " ") for g in vocab.LIST_GENERIC_NOUNS) \
                else noun_as_asked(q.text, noun)
            text = answer_subgroups(chosen, groups, cites.ref) if groups else \
                answer_list(chosen, q.intent, cites.ref, counted)
        if not text:
            return None
        return AskResponse(answer=text, abstained=False, citations=cites.citations(), mode="table",
                           intent=q.intent)


def _rows_named(q: Query, sel: TableSelection, noun: str) -> list[Unit]:
    """The selected rows whose name begins with the noun the question counts or lists, when it has two syllables
    or more and at least two rows are so named ("Đơn thuốc GN", "Đơn thuốc thường" for "những loại đơn thuốc");
    empty otherwise (one syllable is too often the start of a name that means something else)."""
    asked = _classified(noun) if noun else ""  # (accent-free) "loại đơn thuốc": "đơn thuốc"
    if len(asked.split()) < 2:
        return []
    named = [u for u in sel.selected if re.match(rf"{re.escape(asked)}\b", fold(name_of(u)))]
    return named if len(named) >= 2 else []


def _place_not_in_table(question: str, sel: TableSelection, doc_name: str) -> bool:
    """The question names a place (a province, or a district, commune or ward) that neither the table (its title,
    header, group titles, rows, the section it stands in) nor the document's name mentions: the table's rows are
    other places' things, and counting or listing them answers for another place."""
    places = named_places(question) + named_places(question, local=True)
    if not places or not sel.rows:
        return False
    first = sel.rows[0]
    # (the document's id too, from the file name its uploader gave it: "…-bv-tam-than-quang-ngai")
    head = [doc_name, sel.key[0].replace("-", " "), str(first.metadata.get("table_title", "")),
            str(first.metadata.get("path", "")), " ".join(first.cells)]
    return place_outside(places, chain(head, (f"{' '.join(u.group_titles)} {u.text}" for u in sel.rows)))


def _table_matches_entity(q: Query, sel: TableSelection, noun: str) -> bool:
    """Without constraints, a list/count must name what the table lists ("trường", "nhiệm vụ"…, or the noun it
    counts: "bao nhiêu khoa" over rows "Khoa Công nghệ Cơ khí", "Khoa Tài chính"…)."""
    first = sel.rows[0] if sel.rows else None
    header = fold(" ".join(first.cells) + " " + str(first.metadata.get("table_title", ""))) if first else ""
    # a closed noun the question counts or lists ("bao nhiêu trường"), not one it names otherwise ("… bao nhiêu
    # bước" of the plan of "Trường ĐH X": its table of faculties, titled "… Nhà trường lựa chọn", counts no steps)
    if any(n in q.folded and n in header for n in vocab.TABLE_ENTITY_NOUNS if not noun or noun.startswith(n)):
        return True
    if noun in vocab.GENERIC_ITEM_NOUNS:  # "bao nhiêu hạng mục": the items of whatever the table lists
        return True
    if not noun or not first:  # `noun`: the question's open noun (assistant/qa/query.py `open_entity`), or ""
        return False
    # the word as the question writes it (underthesea's): "kỹ thuật viên" is named whole in a header or a group's
    # title, never by its "kỹ" ("chữ ký số" is no technician); a one-syllable word ("khoa" of "khoa tham gia") by
    # that syllable. Rows are named by the first syllable, with its tone marks when the question has them ("Mẫu số
    # 01" for "mẫu biểu", not "Ký số phiếu khám" for "kỹ thuật viên").
    asked = nfc(noun_as_asked(q.text, noun).lower())
    word = fold(asked)
    nouns = [word] if len(word.split()) >= 2 else [noun, noun.split()[0]]
    if (rest := _classified(noun)) != noun:  # "mẫu phiếu", "loại hàng đợi": the noun follows
        nouns += [rest, rest.split()[0]]
    if q.accents and asked:
        head = asked.split()[0]
        names = [nfc(name_of(u).lower()) for u in sel.selected]
        by_name = sum(x.startswith(head) for x in names) * 2 >= max(1, len(names))
    else:
        names = [fold(name_of(u)) for u in sel.selected]
        by_name = any(sum(x.startswith(n.split()[0]) for x in names) * 2 >= max(1, len(names)) for n in nouns)
    if by_name:
        return True
    # a syllable is named as a word of its own, not inside another ("câu" of "câu hỏi" is not the "cầu" of "yêu
    # cầu" in a title): single syllables are looked for among underthesea's words of the header and group titles
    single = any(len(n.split()) == 1 for n in nouns)
    raw = " ".join(list(first.cells) + [str(first.metadata.get("table_title", ""))])
    words = _as_words(raw) if single else ""
    if any(_has(n, words) if len(n.split()) == 1 else _has(n, header) for n in dict.fromkeys(nouns)):
        return True
    # a group's title names what its rows are only for the rows under it: "giường bệnh" in the title of one group
    # of a software's 738 functions ("Quản lý phòng bệnh, giường bệnh") does not make the table a list of beds
    titles = {g: (_as_words(g) if single else "") for u in sel.selected for g in u.group_titles}
    named = {g for g, words_of in titles.items()
             if any(_has(n, words_of) if len(n.split()) == 1 else _has(n, fold(g)) for n in dict.fromkeys(nouns))}
    under = sum(1 for u in sel.selected if named & set(u.group_titles))
    return bool(named) and under * 2 >= len(sel.selected)


def _as_words(text: str) -> str:
    """The text as underthesea's words, a word's syllables joined by "_" ("yeu_cau", "khoa", "tham_gia")."""
    from underthesea import word_tokenize

    return " ".join(fold(w).replace(" ", "_") for w in word_tokenize(text))


def _topic_rows(q: Query, idf: Idf, rows: list[Unit]) -> tuple[list[Unit], list[Constraint]]:
    """Rows named by the topic a count or list is about ("mấy hạng mục về chức năng ký số"): those whose name
    covers the topic's words nearly as well as the best row does. All rows, unconstrained, when the question
    names no topic or no row's name speaks of it."""
    noun = open_entity(q.folded)[1]
    m = re.search(vocab.TOPIC_Q.format(noun=re.escape(noun)), fold(q.text)) if noun else None
    if m is None or not (words := tokens(m.group(1))):  # every syllable, accent-free: "ký số" a pair
        return rows, []
    scored = [(coverage(words, _spelled_out(name_of(u), words), idf), u) for u in rows]
    best = max((s for s, _ in scored), default=0.0)
    if best <= 0:
        return rows, []
    kept = [u for s, u in scored if s >= best * vocab.TOPIC_CLOSE_TO_BEST]
    if len(kept) == len(rows):
        return rows, []
    text = nfc(q.text)  # folding keeps one letter per letter: the topic as the user wrote it
    topic = text[m.start(1):m.end(1)] if len(text) == len(fold(q.text)) else m.group(1)
    return kept, [Constraint("__topic__", {name_of(u) for u in kept}, f"về {topic}")]


def _spelled_out(name: str, words: list[str]) -> str:
    """`name` with the words its abbreviations stand for, where the topic spells them by initials: "PKQ" in a
    row name is "phiếu kết quả" of the question (issue 16: scanned annexes abbreviate what questions spell)."""
    extra = []
    initials = "".join(w[0] for w in words)
    for a in tokens(name):
        if is_abbreviation(a) and len(a) >= 2 and (i := initials.find(a)) >= 0:
            extra += words[i:i + len(a)]
    return f"{name} {' '.join(extra)}" if extra else name


def _classified(noun: str) -> str:
    """The noun after a classifier word: "hàng đợi" of "loại hàng đợi"; the noun itself otherwise."""
    parts = noun.split()
    return " ".join(parts[1:]) if len(parts) > 1 and parts[0] in vocab.CLASSIFIER_WORDS else noun


def _names_a_case(question: str) -> bool:
    """The question gives figures of its own (not a year, nor the number of a group or table it names: "mục 9 gồm
    những chức năng nào", "Phụ lục 2", "bảng 3"): it asks about one case, not for a whole list."""
    folded = vocab.ANNEX_REF_Q.sub(" ", vocab.GROUP_REF_Q.sub(" ", fold(question)))
    folded = re.sub(r"\bbang \d+\b", " ", folded)
    return any(not re.fullmatch(r"(19|20)\d\d", n) for n in re.findall(r"\d+", folded))


def _has(noun: str, text: str) -> bool:
    """The noun named as a kind in the (accent-free) text, not as one numbered instance of it: a table titled
    "Giai đoạn 2: …" lists no "giai đoạn" (its rows are its sources of funds), "Các giai đoạn" does; nor as what
    the rows are chosen by ("05 khoa được lựa chọn theo yêu cầu tại Công văn …" lists faculties, no "yêu cầu")."""
    return re.search(rf"(?<![a-z_])(?<!theo ){re.escape(noun)}(?![a-z_])(?!\s*(?:\d+|[ivxlc]+)\b)", text) is not None
