"""Counts over lists written as text (assistant/qa/listqa.py): "Danh sách có bao nhiêu trường (nhóm I)?" is
answered by counting the numbered items under the heading the question names, each shown item cited. None
unless one list's heading (with its group number) covers the question well and names what is counted, so that
a figure stated in the text ("220 trường") is still quoted by the fact answers."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites, coverage, is_abbreviation, spelled_in
from assistant.qa.docname import name_text
from assistant.qa.listqa import ItemList, item_lists, item_text, titled_in
from assistant.qa.query import noun_as_asked, open_entity
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, tokens


class ListAnswers:
    name = "list"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        # "Danh sách chuyên gia … có bao nhiêu người?": people are counted as a figure the text states, unless the
        # question names a list of them by its title (below)
        people = vocab.PEOPLE_COUNT_Q.search(q.folded) if q.intent in ("count", "list") else None
        if (q.intent != "count" and people is None) or q.follow_up:
            return None
        hits = [u for u in asked.hits[:vocab.FACT_CANDIDATES] if u.kind == "section"]
        docs = [asked.doc] if asked.doc else list(dict.fromkeys(u.doc for u in hits))[:vocab.LIST_DOCS]
        numeral = vocab.LIST_NUMERAL_Q.search(q.folded)
        _, counted_noun = open_entity(q.folded)
        noun = counted_noun or (people.group(1) if people else "")
        best: tuple[tuple[float, float], ItemList] | None = None
        for doc in docs:
            if doc is None:
                continue
            metas = asked.index.metas([doc])
            # with tone marks when the question has them: "đạo" (Ban Chỉ đạo) is not the name's "đào" (Đào tạo)
            name_words = tokens(name_text(metas[doc])) if doc in metas else []
            name = set(tokens(name_text(metas[doc]), q.accents)) if doc in metas else set()
            # and its abbreviations ("Sở GDĐT TP.HCM" of "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh")
            name |= set(spelled_in([w for w in q.words if is_abbreviation(w)], name_words))
            # the noun counted is what the items are, not the list's title ("Ban Chỉ đạo … bao nhiêu Phó Trưởng ban")
            counted = set(noun.split()) if noun else set()
            words = [w for w in q.words if w not in name and fold(w) not in vocab.LIST_SELF_WORDS
                     and not any(fold(w) in g.split() for g in vocab.LIST_GENERIC_NOUNS) and fold(w) not in counted]
            paths = {str(u.metadata.get("path", "")) for u in hits if u.doc == doc}
            for lst in item_lists(asked.index.units(doc)):
                named = bool(numeral) and lst.numeral.lower() == numeral.group(1) if numeral else False
                named = named or titled_in(lst, q.folded)  # its number, or its whole title word for word
                found = any(p == lst.path or p.startswith(lst.path + " › ") for p in paths)
                score = coverage(words, lst.title, asked.idf, q.accents) if words else 0.0
                score += vocab.LIST_NUMERAL_BONUS if named else 0.0
                # a list retrieval did not reach (its items are names, the question is not) must be named
                # by its number or its heading nearly word for word
                if not (found or named) and score < vocab.LIST_UNSEEN_COVERAGE:
                    continue
                # lists of one title under two headings ("Danh sách chuyên gia" of each programme): the one whose
                # heading path the question names
                key = (score, coverage(words, lst.path, asked.idf, q.accents))
                if people and not counted_noun and not (titled_in(lst, q.folded) and _people(lst)):
                    continue  # people counted only in a list the question names by its title, of persons
                if score >= vocab.LIST_MIN_COVERAGE and _names_noun(noun, lst, named) and (best is None or key > best[0]):
                    best = (key, lst)
        if best is None:
            return None
        cites = Cites()
        text = _answer(best[1], noun, q.text, cites)
        return AskResponse(answer=text, abstained=False, citations=cites.citations(), mode="list", intent=q.intent)


def _names_noun(noun: str, lst: ItemList, named: bool = False) -> bool:
    """The list holds what is counted: the noun in its title or in most of its items (in any, when the question
    names the list: "Ban Tổ chức có bao nhiêu Phó Trưởng ban" of a committee mostly of members), or a noun any
    item is ("đơn vị", "mục"). A count without a noun ("bao nhiêu?") leaves it to the title's coverage."""
    if not noun or any(noun == g or noun.startswith(g + " ") for g in vocab.LIST_GENERIC_NOUNS):
        return True
    head = noun.split()[0]
    if head in fold(lst.title).split():
        return True
    if noun in vocab.PEOPLE_NOUNS and _people(lst):  # "bao nhiêu người" of a list of "ThS. …", "Ông …"
        return True
    naming = sum(head in fold(line).split() for _, line in lst.items)
    return naming > 0 if named else naming * 2 >= len(lst.items)


def _people(lst: ItemList) -> bool:
    """Most of the list's items name a person: a title or form of address first ("ThS. Chế Dạ Thảo, Chuyên gia …",
    "Ông Nguyễn Văn A – Phó Giám đốc", "Đ/c …")."""
    persons = sum(bool(vocab.PERSON_ITEM.match(item_text(line, 40).lower())) for _, line in lst.items)
    return persons * 2 >= len(lst.items) > 0


def _naming(lst: ItemList, noun: str) -> ItemList:
    """The list's items that name the noun counted, when some do and others not ("bao nhiêu Phó Trưởng ban" of a
    committee's members: the Trưởng ban and the members are not counted); the list itself otherwise."""
    if not noun or any(noun == g or noun.startswith(g + " ") for g in vocab.LIST_GENERIC_NOUNS):
        return lst
    pattern = re.compile(rf"(?<!\w){re.escape(noun)}(?!\w)")
    keep = [i for i, (_, line) in enumerate(lst.items) if pattern.search(fold(line))]
    if not keep or len(keep) == len(lst.items) or noun in fold(lst.title):
        return lst
    return replace(lst, items=[lst.items[i] for i in keep],
                   numbers=[lst.numbers[i] for i in keep] if lst.numbers else [])


def _answer(lst: ItemList, noun: str, question: str, cites: Cites) -> str:
    lst = _naming(lst, noun)
    items = lst.items
    span = f" ({_short(items[0][0])}–{_short(items[-1][0])})" if lst.numbers else ""
    what = "mục"
    if noun and not any(noun == g for g in vocab.LIST_GENERIC_NOUNS):  # the noun as the question wrote it
        what = noun_as_asked(question, noun, whole=True) or what  # "trường" of "bao nhiêu trường phổ thông", "nhiệm vụ"
    lines = [t("text_list_header", count=len(items), noun=what, title=lst.title, span=span)]
    shown = items if len(items) <= vocab.LIST_ITEMS_SHOWN else items[:vocab.LIST_ITEMS_SHOWN - 1]
    for i, (unit, line) in enumerate(shown):
        number = lst.numbers[i] if lst.numbers else i + 1  # the item's own number ("171." in a second group)
        lines.append(f"{number}. {item_text(line)} {cites.ref(unit)}")
    if len(shown) < len(items):
        last_unit, last_line = items[-1]
        lines.append(t("text_list_more", rest=len(items) - len(shown),
                       last=f"{item_text(last_line)} {cites.ref(last_unit)}"))
    return "\n".join(lines)


def _short(unit: Unit) -> str:
    return unit.label.rsplit(" › ", 1)[-1]
