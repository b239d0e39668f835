"""Understanding a question: its content words, its intent, who is asking, and follow-ups.

All matching is on the accent-free form, so questions typed without diacritics behave the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.qa.reference import points_at_instrument, resolve_reference
from ingest import vocab
from ingest.tags import levels_of, roles_of
from ingest.text import fold, has_diacritics, nfc


@dataclass
class Query:
    text: str  # the question as asked
    retrieval_text: str  # with the conversation's context when it is a follow-up
    folded: str
    words: list[str]  # content syllables, in order: with tone marks when the question has them
    accents: bool = False
    intent: str = "fact"  # fact | list | count | sum | lookup | digest
    roles: set[str] = field(default_factory=set)
    levels: set[str] = field(default_factory=set)
    follow_up: bool = False
    # a follow-up's own content words ("còn nhà đầu tư thì sao?": "nhà", "đầu", "tư"), which name what it asks
    # now, among `words` that also carry the earlier question's; empty when it is no follow-up
    focus: list[str] = field(default_factory=list)


def content_words(text: str, accents: bool = False) -> list[str]:
    from ingest.text import tokens

    out = []
    frames = {w for m in vocab.FRAME_Q.finditer(fold(text)) for w in m.group(0).split()}
    toks = tokens(text, accents)
    folded = [fold(t) for t in toks]
    asking = set()  # positions of the syllables of question phrases ("bao nhiêu"), not of "bảo hành"
    for i in range(len(folded) - 1):
        if f"{folded[i]} {folded[i + 1]}" in vocab.QUESTION_PHRASES and not (accents and _accented_pair(toks, i)):
            asking |= {i, i + 1}
    for i, t in enumerate(toks):
        f = folded[i]
        asks = (t in vocab.QUESTION_VOCAB_VI) if accents else (f in vocab.QUESTION_VOCAB)
        if i in asking or f in frames or f in vocab.TAG_WORDS or asks:
            continue
        stop = (t in vocab.STOPWORDS_VI) if accents else (f in vocab.STOPWORDS)
        if (not stop or f in vocab.KEEP) and (len(f) > 1 or f.isdigit()):
            out.append(t)
    return out


def _accented_pair(toks: list[str], i: int) -> bool:
    """With diacritics typed, "bảo lâu" is no "bao lâu": the pair asks only as written in the phrase list's forms."""
    return any(fold(t) == "bao" and t != "bao" for t in toks[i:i + 2])


def detect_intent(folded: str) -> str:
    if vocab.DIGEST_Q.search(folded):
        # A digest only when the question names no topic of its own beyond who is asking
        # ("Tôi dạy THCS, tỷ trọng dạy trực tuyến phải đạt bao nhiêu?" asks one figure).
        topic = [w for w in vocab.WHO_Q.sub(" ", folded).split() if w not in vocab.STOPWORDS and len(w) > 1]
        if len(topic) <= vocab.DIGEST_MAX_TOPIC_WORDS:
            return "digest"
    if vocab.MY_SCHOOL_Q.search(folded) and not vocab.MY_SCHOOL_NAMED_Q.search(folded):
        return "list"
    if vocab.LOOKUP_Q.search(folded):
        return "lookup"
    if vocab.COUNT_Q.search(folded) and vocab.ENTITY_PLURAL_Q.search(folded) and "%" not in folded and (
            vocab.COUNT_ENTITY_Q.search(folded) or vocab.COUNT_NUMBER_OF_Q.search(folded)):
        return "count"
    # A sum needs both "tổng" and money: "tổng cộng bao nhiêu đơn vị" is a count, "bao nhiêu tiền" for one
    # line is a lookup of that line.
    if (vocab.SUM_Q.search(folded) or vocab.SUM_ITEMS_Q.search(folded)) and vocab.MONEY_Q.search(folded) and \
            not vocab.SHARE_ASK_Q.search(folded):  # "trong tổng kinh phí, X chiếm bao nhiêu %": a share, not a sum
        return "sum"
    kind = open_entity(folded)[0]
    if kind == "count":
        return kind
    if vocab.LIST_START_Q.match(folded):
        return "list"
    if vocab.LIST_Q.search(folded):
        return "list"
    return kind or "fact"


def open_entity(folded: str) -> tuple[str, str]:
    """("count" | "list", the noun) for "bao nhiêu khoa", "mấy phân hệ", "những khoa nào"; ("", "") when the
    question counts or lists nothing by name, or the noun measures (money, time, people in the text)."""
    for m in vocab.OPEN_COUNT_Q.finditer(folded) if "%" not in folded else ():
        noun = m.group(1)
        if noun.split()[0] in vocab.COUNT_NOT_NOUN or vocab.COUNT_EVERY.match(folded, m.start(1)):
            # "bao nhiêu và chia làm mấy không gian": the next one; "tháng mấy hằng năm": none
            continue
        if noun.split()[0] not in vocab.COUNT_MEASURE_WORDS and noun not in vocab.COUNT_MEASURE_WORDS:
            return "count", noun
        break
    listed = vocab.OPEN_LIST_Q.search(folded)
    if listed:
        noun = listed.group(1)
        if noun not in vocab.OPEN_LIST_NOT and noun.split()[0] not in vocab.OPEN_LIST_NOT:
            return "list", noun
    return "", ""


def noun_as_asked(question: str, noun: str, whole: bool = False) -> str:
    """The word a question counts or lists as it writes it, whole ("nhiệm vụ" of "bao nhiêu nhiệm vụ", "lớp" of
    "mấy lớp STEM"): underthesea's word after "bao nhiêu", "mấy", "những" or "các" whose first syllable is
    `noun`'s (`open_entity`); "" when there is none. `whole`: with the words after it that spell the rest of
    `noun` ("Phó Trưởng" of "bao nhiêu Phó Trưởng ban", which underthesea cuts in two)."""
    from underthesea import word_tokenize

    if not noun:
        return ""
    words = [w for w in word_tokenize(question) if w.strip()]
    folded = [fold(w) for w in words]
    for i in range(len(words) - 1):
        after = i + 2 if folded[i] == "bao" and folded[i + 1] == "nhieu" else i + 1
        if (folded[i] in vocab.COUNT_LIST_WORDS or after == i + 2) and after < len(words) and \
                folded[after].split()[0] == noun.split()[0]:
            end, have = after + 1, folded[after].split()
            while whole and end < len(words) and len(have) < len(noun.split()) and \
                    folded[end].split()[0] == noun.split()[len(have)]:
                have += folded[end].split()
                end += 1
            return " ".join(words[after:end])
    return ""


def without_introduction(question: str) -> str | None:
    """The question without the asker's introduction of themselves ("tôi là giáo viên mầm non ở Nghệ An, nghe nói
    đề án … đơn giá mỗi bộ kit là bao nhiêu?"): who asks is read from it (levels, roles), but its words are not what
    a passage must hold. None when the question has no such opening, when the opening states the asker's case (a
    number, a class, an intention: what the answer depends on), or too little is left after it."""
    m = vocab.SELF_INTRO_Q.match(fold(question))
    if not m or vocab.SELF_INTRO_KEEP.search(m.group(0)) or _describes_case(question[:m.end()]):
        return None  # "con tôi học lớp 7 ở xã khu vực III, …", "tôi là nhà thầu muốn dự gói …": the asker's case
    rest = question[m.end():]
    return rest if len(content_words(rest)) >= vocab.SELF_INTRO_MIN_LEFT else None


def _describes_case(intro: str) -> bool:
    """A parent's introduction of their child saying more than a role, level or named place: "Con tôi là học sinh
    dân tộc thiểu số rất ít người" is the case the answer turns on ("tôi là giáo viên mầm non ở Nghệ An" only says
    who asks, and an asker's job, "mình là nhân viên IT của một công ty phần mềm", is not what the plan is about)."""
    if not vocab.CHILD_INTRO_Q.match(fold(intro)):
        return False
    words = intro.split()
    unnamed = " ".join(w for i, w in enumerate(words) if i == 0 or not w[:1].isupper())  # names: places, schools
    left = vocab.WHO_Q.sub(" ", fold(unnamed))
    return len(content_words(left)) >= vocab.SELF_INTRO_CASE_WORDS


# "thủ tục này", "kế hoạch đó": the conversation's own document, pointed at (accent-free)
_OWN_DOCUMENT = re.compile(rf"{vocab.DOC_KIND_Q.pattern} (?:nay|do|ay|tren)\b")


def names_a_document(folded: str) -> bool:
    """A kind of document named in the (accent-free) question, other than the conversation's own pointed at."""
    return bool(vocab.DOC_KIND_Q.search(_OWN_DOCUMENT.sub(" ", folded)))


def _without_own_document(question: str) -> str:
    """A follow-up without the words pointing at the conversation's document ("thủ tục này", "kế hoạch đó"): they
    name no content the answer's line must hold."""
    folded = fold(question)
    spans = [m.span() for m in _OWN_DOCUMENT.finditer(folded)]
    # folding keeps the length of the (NFC) text, so the spans cut the question as typed
    text = nfc(question)
    if len(text) != len(folded):
        return question
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def is_follow_up(text: str) -> bool:
    f = fold(text).strip()
    if vocab.FOLLOW_LEAD_Q.match(f) and len(f.split()) <= vocab.FOLLOW_UP_LEAD_MAX_WORDS and \
            not names_a_document(f):  # "còn nếu trường tôi cử 7 người thì …": the same document, a new case
        return True
    if vocab.OTHER_THAN_Q.search(f) and len(f.split()) <= vocab.FOLLOW_UP_LEAD_MAX_WORDS and \
            not re.search(r"\d", f):  # "còn phòng nào khác … cũng nhận văn bản …": others than the answer's (a
        return True  # number would name a document or a case of its own)
    if len(f.split()) <= vocab.ELLIPTIC_MAX_WORDS and not names_a_document(f) and not re.search(r"\d", f):
        return True  # "Những đơn vị nào phối hợp?": too short to say what it is about, so about the conversation's
    # "Số tiền đó được ghi bằng chữ trong công văn thế nào?": a thing the conversation named, in its document
    # ("công văn" without a number names no other); in the first of two questions as well ("Tiền đó được tính theo
    # giá vé nào? Nếu …")
    first = re.split(r"\?", nfc(text).lower(), maxsplit=1)[0]
    if vocab.DEMONSTRATIVE_Q.search(first) and len(first.split()) <= vocab.DEMONSTRATIVE_MAX_WORDS and \
            not re.search(r"\d", first):
        return True
    if vocab.AMONG_THOSE_Q.match(nfc(text).lower().strip()) and not re.search(r"\d", f):
        return True  # "Trong số đó văn bản nào không do Chính phủ ban hành …": among what the conversation named
    if _OWN_DOCUMENT.search(f) and not names_a_document(f) and not re.search(r"\d", f):
        return True  # "ngoài các sở … thì văn bản này còn gửi cho ai nữa": the conversation's document, pointed at
    if vocab.BESIDES_THAT_Q.match(f) and not re.search(r"\d", f):
        return True  # "Ngoài biểu đồ đó, hạng mục này còn …": besides what the conversation named
    return (bool(vocab.FOLLOW_Q.search(f)) or bool(vocab.ANAPHORA_Q.search(f))) and \
        len(f.split()) <= vocab.FOLLOW_UP_MAX_WORDS


def parse_query(question: str, history: list[tuple[str, str]] | None = None) -> Query:
    """`history` is a list of (role, content) turns, oldest first."""
    previous = [c for r, c in (history or []) if r == "user"]
    # "Nghị định đó ban hành ngày nào?": the decree the conversation named, asked of the conversation's document
    follow = bool(previous) and (is_follow_up(question) or points_at_instrument(question))
    question = resolve_reference(question, history)
    retrieval = question
    folded_q = fold(question)
    intent = detect_intent(folded_q)
    roles, levels = roles_of(question), levels_of(question)
    if follow:
        prev = previous[-1]
        prev_levels, prev_roles = levels_of(prev), roles_of(prev)
        base = prev
        # Replace the previous question's level/role by the new one where the follow-up names one.
        retrieval = f"{base} {question}"
        prev_intent = detect_intent(fold(prev))
        # what the previous question asked ("còn THPT thì sao?" lists as it did), unless this one asks a thing of its
        # own ("Những khoa đó phải cử ai làm đầu mối?" asks who, not the faculties again)
        intent = prev_intent if intent == "fact" and not vocab.OWN_ASK_Q.search(folded_q) else intent
        levels = levels or prev_levels
        roles = roles or prev_roles
    accents = has_diacritics(question)
    words = content_words(retrieval, accents)
    if not follow and (asked := without_introduction(question)) is not None:
        words = content_words(asked, accents)
    return Query(text=question, retrieval_text=retrieval, folded=fold(retrieval), words=words,
                 accents=accents,
                 intent=intent, roles=roles, levels=levels, follow_up=follow,
                 focus=content_words(_without_own_document(question), accents) if follow else [])
