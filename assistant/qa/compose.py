"""Extractive answers: the sentences or row cells that answer, each marked [n] and mapped to its citation.

Also the evidence test for abstaining: how much of the question's content (weighted by rarity in the
index) the best passage covers. No fixed similarity threshold: E5 scores are compressed and not
comparable across questions, while coverage of the question's own words is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from assistant.index.idf import Idf
from assistant.qa.arithmetic import arithmetic_slips
from assistant.qa.deadlines import deadline_from
from assistant.qa.kinds import SOFT_KINDS, STRICT_KINDS, counted_bonus, holds_kind, type_bonus
from assistant.qa.named_count import named_count
from assistant.qa.rates import (
    average_of,
    count_for_budget,
    left_to_pay,
    norm_total,
    rate_for_given,
    unit_product,
    yearly_total,
)
from assistant.qa.shares import target_count
from assistant.qa.spans import date_gap, given_gap, span_days, span_hours, span_months
from assistant.qa.templates import t
from ingest import vocab
from ingest.models import Citation, Unit
from ingest.tags import levels_of
from ingest.text import bigrams, fold, has_diacritics, match_form, nfc, tokens
from ingest.units import carried_lead

# A full stop ends a statement, not the degree or title before a name ("PGS.TS. Nguyễn Văn A", "BS.CKII. Phạm B").
_TITLES = "".join(rf"(?<!\b{t}\.)" for t in ("TS", "ThS", "GS", "BS", "KS", "CN", "NCS", "CKI", "CKII", "DS", "LS"))
_SPLIT = re.compile(rf"(?<=[.;!?]){_TITLES}\s+(?=[A-ZĐÀ-Ỹ0-9(\-+])|\n+")


@dataclass
class Cites:
    """Numbers citations in order of first use."""

    units: list[Unit] = field(default_factory=list)

    def ref(self, unit: Unit) -> str:
        for i, u in enumerate(self.units):
            if u.id == unit.id:
                return f"[{i + 1}]"
        self.units.append(unit)
        return f"[{len(self.units)}]"

    def citations(self) -> list[Citation]:
        return [u.citation() for u in self.units]


def segments(unit: Unit) -> list[str]:
    if unit.kind == "meta":
        return [line for line in unit.text.split("\n") if line.strip()]
    if unit.kind in ("row", "total"):
        return [unit.text]
    parts = [p.strip(f" {vocab.ITEM_MARKS}\t") for p in _SPLIT.split(unit.text)]
    parts = [p for p in parts if len(p) > 3] or [unit.text]
    # A heading line alone answers nothing: it travels with the sentence after it. A "label: value" line
    # ("Tổng kinh phí cho giai đoạn 1: 13.66 tỷ đồng") is no heading: it is a statement of its own.
    if len(parts) > 1 and not re.search(r"[.;:!?]$", parts[0]) and len(parts[0]) < 160 \
            and not re.search(r":\s*\S", parts[0]):
        parts = [f"{parts[0]}: {parts[1]}"] + parts[2:]
    return _inline_lists(parts)


_ITEM_NUMBER = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})*\.)\s+")
_LIST_OPENED = re.compile(r":\s*[^:;]{1,100};$")


def _inline_lists(parts: list[str]) -> list[str]:
    """"… các chủ điểm: Truyền thống nhà trường; Nhớ ơn Bác Hồ; Hoạt động trải nghiệm." split at its ";" is one
    statement: a segment opening a list after ":" keeps the short items that follow it, up to the one that ends it."""
    out: list[str] = []
    open_list = False
    for part in parts:
        if open_list and len(part) <= vocab.INLINE_ITEM_MAX_CHARS:
            out[-1] = f"{out[-1]} {part}"
            open_list = part.endswith(";")
            continue
        out.append(part)
        open_list = bool(_LIST_OPENED.search(part))
    return out


_VOWELS = frozenset("aeiouy")


def is_abbreviation(word: str) -> bool:
    """A word no Vietnamese syllable can be (letters without a vowel): an abbreviation ("qlbv", "đh", "hcm")."""
    f = fold(word)
    return len(f) >= 2 and f.isalpha() and not (set(f) & _VOWELS)


def spelled_in(abbreviations: list[str], toks: list[str]) -> list[str]:
    """Those of `abbreviations` a run of `toks` (accent-free syllables) spells by its initials: "qlbv" in
    "quan ly benh vien", "dh" in "dai hoc"; an abbreviation among them counts whole ("tphcm" in "tp hcm" and
    in "tp ho chi minh", "gddt" in "gd dt")."""
    initials = "".join(t[0] for t in toks if t)
    found = []
    for a in abbreviations:
        f = fold(a)
        start = initials.find(f)
        while start >= 0 and not all(toks[i].isalpha() for i in range(start, start + len(f))):
            start = initials.find(f, start + 1)
        if start >= 0 or _spelled_with_parts(f, toks):
            found.append(a)
    return found


def _spelled_with_parts(f: str, toks: list[str]) -> bool:
    """`f` spelled by a run of tokens, each an abbreviation read whole or a syllable read by its initial;
    at least one read whole (the initials alone are `spelled_in`'s own search)."""
    pieces = [tok if is_abbreviation(tok) else tok[:1] for tok in toks]
    for i, tok in enumerate(toks):
        if not tok.isalpha() or not f.startswith(pieces[i]):
            continue
        got, whole, j = "", False, i
        while j < len(toks) and len(got) < len(f) and toks[j].isalpha():
            got += pieces[j]
            whole = whole or len(pieces[j]) > 1
            j += 1
        if got == f and whole:
            return True
    return False


def abbreviated(words: list[str], toks: list[str], text: str = "") -> set[str]:
    """The question's words (in order) that the text writes as the abbreviation of their initials: "cán bộ quản lý"
    in "CBQL", "tài khoản" in "Số TK: …" (two letters only as a field's label, before its colon: "ĐT" alone may be
    "đào tạo" or "đầu tư"). Not a row's number ("TT", "STT")."""
    abbreviations = {t for t in toks if len(t) <= vocab.ABBREVIATION_MAX_LETTERS and is_abbreviation(t)
                     and fold(t) not in vocab.NOT_ABBREVIATIONS}
    if any(len(t) < vocab.ABBREVIATION_MIN_LETTERS for t in abbreviations):  # (read only when one needs them)
        labels = {fold(m) for m in re.findall(r"\b(\w{2})\s*:", text)}
        abbreviations = {t for t in abbreviations if len(t) >= vocab.ABBREVIATION_MIN_LETTERS or fold(t) in labels}
    if not abbreviations:
        return set()
    initials = "".join(fold(w)[:1] or " " for w in words)
    found: set[str] = set()
    for a in abbreviations:
        start = initials.find(fold(a))
        while start >= 0:
            found |= set(words[start:start + len(a)])
            start = initials.find(fold(a), start + 1)
    return found


def about_other_people(text: str, asked: set[str]) -> bool:
    """`text` names people (PASSAGE_PEOPLE) and none of those the question asks of (`asked`, found the same way)."""
    here = set(vocab.PASSAGE_PEOPLE.findall(fold(text)))
    return bool(asked and here and not here & asked)


def coverage(words: list[str], text: str, idf: Idf, accents: bool = False) -> float:
    """Share of the question's content (idf-weighted syllables, plus its bigrams) found in `text`."""
    if not words:
        return 0.0
    toks = tokens(text, accents)
    have = set(toks)
    total = sum(idf(w) for w in set(words))
    missing = [w for w in set(words) if w not in have and is_abbreviation(w)]
    if missing:  # "QLBV" asked, "Quản lý bệnh viện" written
        have |= set(spelled_in(missing, toks if not accents else tokens(text)))
    if any(w not in have for w in words):  # "Số TK: 1903…" for "số tài khoản": the text's abbreviation of them
        have |= abbreviated(words, toks, text)
    got = sum(idf(w) for w in set(words) if w in have)
    qb = bigrams(words)
    bonus = (len(qb & bigrams(toks)) / len(qb)) if qb else 0.0
    return vocab.COVERAGE_WORD_WEIGHT * (got / total if total else 0.0) + vocab.COVERAGE_BIGRAM_WEIGHT * bonus


@dataclass
class Passage:
    unit: Unit
    text: str
    score: float
    rank: int


_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def _year_bonus(words: list[str], own: str, name: str = "") -> float:
    """A question naming a year prefers passages whose heading path (`own`: the unit's label and path) is about that
    year, and avoids those about another ("năm 2024" target vs the 2023 results). A results section without a year
    ("KẾT QUẢ THỰC HIỆN …") is about a period before the one asked, unless the question asks for results: a plan
    reviews the year before, then sets the year's targets. Otherwise the document's name decides (a plan named
    "… năm 2025" for a question about 2025)."""
    asked = {w for w in words if _YEAR.fullmatch(w)}
    if not asked:
        return 0.0
    years = {m.group(0) for m in _YEAR.finditer(own)}
    if not years and vocab.RESULTS_PATH.search(fold(own)) and \
            not vocab.RESULTS_ASKED.search(" ".join(fold(w) for w in words)):
        return -vocab.YEAR_BONUS
    years = years or {m.group(0) for m in _YEAR.finditer(name)}
    if not years:
        return 0.0
    return vocab.YEAR_BONUS if years & asked else -vocab.YEAR_BONUS


_YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|đến|den|tới|toi)\s*((?:19|20)\d{2})\b")


def years_in(text: str) -> set[str]:
    """The years a text speaks of, a span ("2021-2025", "từ 2023 đến 2025") standing for every year in it."""
    found = {m.group(0) for m in _YEAR.finditer(text)}
    for m in _YEAR_SPAN.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a <= 30:
            found |= {str(y) for y in range(a, b + 1)}
    return found


def other_year(question: str, context: str, name: str = "") -> bool:
    """The question asks about a year the passage (its text and headings) does not cover while it speaks of
    other years: "kinh phí năm 2026" asked of a passage that budgets 2020-2025. A year in the document's
    name only names the document ("lớp STEM tháng 12/2025 …")."""
    asked = asked_years(question, name)
    if not asked:
        return False
    covered = years_in(context)
    return bool(covered) and not (asked & covered)


def asked_years(question: str, name: str = "") -> set[str]:
    """The years a question asks about: those it names, less those of the document's name (which only name it:
    "lớp STEM tháng 12/2025 …")."""
    return {m.group(0) for m in _YEAR.finditer(question) if not _document_number(question, m)} - years_in(name)


_NUMBERED_KIND = re.compile(r"\b(?:cong van|van ban|quyet dinh|thong tu|nghi dinh|nghi quyet|thong bao|to trinh"
                            r"|chi thi|so|cv|qd)\s*$")  # not "kế hoạch 2024": the plan of that year, often


def _document_number(text: str, m: re.Match[str]) -> bool:
    """'1910' of "công văn 1910" or of "1910/SGDĐT-GDTH" numbers a document: it is no year asked about."""
    return bool(re.match(r"/\s*[^\W\d_]", text[m.end():])) or bool(_NUMBERED_KIND.search(fold(text[:m.start()])))


def year_outside(asked: set[str], document: Iterable[str]) -> bool:
    """The question asks about years (`asked_years`) its document never speaks of (in no passage, spans
    counted): "kinh phí đề án cho năm 2026" asked of a plan for 2020-2025. Whatever passage is chosen, it cannot
    give that year's figure. `document` is read only as far as needed."""
    if not asked:
        return False
    covered: set[str] = set()
    for text in document:
        covered |= years_in(text)
        if asked & covered:
            return False
    return bool(covered)


def best_passages(words: list[str], units: list[Unit], idf: Idf, limit: int = 3, accents: bool = False,
                  levels: set[str] | None = None, want: str | None = None,
                  names: dict[str, str] | None = None, focus: list[str] | None = None,
                  several: bool = False, question: str = "", typed: str = "") -> list[Passage]:
    """The segments that best cover the question, best first, at most `limit`, close to the best.
    A segment naming the asker's school level, or holding the kind of answer asked for (a percentage,
    a number), gets a small bonus. When the question names a section by its heading, the passage is the
    whole section unit rather than its first sentence.
    `names`: doc id -> the words a user names it by (assistant/qa/docname.py `name_text`): every passage of a
    document covers them, so that they tell documents apart and the content words choose the passage (the
    line that repeats the title, "X ban hành Kế hoạch … như sau:", no longer wins on them).
    `focus`: a follow-up's own words ("còn nhà đầu tư thì sao?"): `words` also holds the earlier question's, so
    the line that answered it would win again; the segments naming what is asked now get a bonus.
    `several`: the question asks for several things ("những khâu nào"): a line announcing a list ("… cần chú ý một số
    nội dung sau:") may be where its answer starts (the caller quotes the items after it); it is passed over less.
    `question` (accent-free): a field labelled with its words ("Cấp thực hiện: Cấp Tỉnh" for "được thực hiện ở cấp
    nào") gets a bonus (`field_label_asked`)."""
    scored: list[Passage] = []
    labelled = vocab.LABELLED_ITEM_Q.findall(question) if question else []
    people = set(vocab.PASSAGE_PEOPLE.findall(question)) if question else set()
    for rank, u in enumerate(units):
        name = (names or {}).get(u.doc, "")
        context = " ".join([u.label, str(u.metadata.get("path", "")), name])
        unit_cov = coverage(words, context + " " + u.text, idf, accents)
        segs = segments(u)
        head = u.text.split("\n")[0] if u.kind == "section" and "\n" in u.text else ""
        if head and len(u.text) <= vocab.HEADING_SECTION_MAX_CHARS and \
                coverage(words, head, idf, accents) >= vocab.HEADING_MIN_COVERAGE:
            segs = [u.text.strip(" -")]
        if want in ("contact", "email", "phone"):  # "… đề nghị liên hệ:" with the person on the next line is one statement
            segs = _announced(segs)
        if want == "address":  # "… tại địa chỉ: Phòng X - Bệnh viện Y. Cổng số 1 - 284 Đường Z, Phường W" is one
            segs = _address_continued(segs)
        year = _year_bonus(words, f"{u.label} {u.metadata.get('path', '')}", name)  # the unit's, for each segment
        bare = bare_heading(u)
        own_heading = str(u.metadata.get("path", "")).rsplit(" › ", 1)[-1]
        for seg in segs:
            s = (vocab.PASSAGE_SEGMENT_WEIGHT * coverage(words, f"{seg} {name}" if name else seg, idf, accents)
                 + vocab.PASSAGE_UNIT_WEIGHT * unit_cov - vocab.PASSAGE_RANK_PENALTY * rank + type_bonus(want, seg))
            if seg.rstrip().endswith(":") and not (want in SOFT_KINDS and holds_kind(want, seg)):
                # (a line announcing the parts asked for names them; half as much when several things are asked)
                s -= vocab.PASSAGE_ANNOUNCE_PENALTY * (0.5 if several else 1.0)
            if levels and levels_of(seg) & levels:
                s += vocab.PASSAGE_LEVEL_BONUS
            if want == "number" and question:
                s += counted_bonus(question, fold(seg))
            if about_other_people(f"{seg} {own_heading}", people):
                s -= vocab.PASSAGE_OTHER_PEOPLE_PENALTY
            if question and field_label_asked(seg, question, typed):
                s += vocab.PASSAGE_FIELD_BONUS
            if question and deputy_only(seg, question):
                s -= vocab.PASSAGE_DEPUTY_PENALTY
            if bare and not several:  # (the items asked for may be the ones under it: quoted with it)
                s -= vocab.PASSAGE_HEADING_PENALTY
            s += year
            if focus:
                # (its heading path too: "còn chương trình X thì sao?" is answered under "Chương trình X › Thời gian")
                s += vocab.PASSAGE_FOCUS_WEIGHT * coverage(focus, f"{u.label} {u.metadata.get('path', '')} {seg}",
                                                           idf, accents)
            scored.append(Passage(u, seg, s, rank))
    if labelled:  # "chủ đề 2 … giới thiệu những gì" is answered by an item so labelled ("- Chủ đề 2: …"), where one is
        items = [p for p in scored if labelled_item(p.text, labelled)]
        # the whole item, when its unit is that item ("- Chủ đề 2: Tìm hiểu …. Tìm hiểu về hệ thống đào tạo liên thông …")
        scored = [Passage(p.unit, p.unit.text.strip(" -"), p.score, p.rank) if labelled_item(p.unit.text, labelled)
                  else p for p in items] or scored
    if want in STRICT_KINDS or want == "period":  # "bao lâu", "từ ngày nào đến ngày nào" are never answered by a
        # line without a span of time, when one has it
        holding = [p for p in scored if holds_kind(want, p.text)]
        scored = holding or scored
    scored.sort(key=lambda p: -p.score)
    if not scored:
        return []
    top = scored[0].score
    out: list[Passage] = []
    for p in scored:
        if p.score < top * vocab.PASSAGE_CLOSE_TO_BEST or len(out) >= limit:
            break
        if any(p.text in o.text or o.text in p.text for o in out):
            continue
        out.append(p)
    return out


# a label, after the item's number if it has one ("2. Đối tượng tham gia: …", "b) Thời gian: …")
_FIELD = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+|[a-zđ]\)\s+)?([^\W\d_][^:;.\n]{1,38}?)\s*:\s*\S")


def labelled_item(segment: str, labels: list[tuple[str, str]]) -> bool:
    """The segment is the item the question names by its label and number ("- Chủ đề 2: Tìm hiểu …" for "chủ đề 2
    … giới thiệu những gì", "Bước 3: …"). `labels`: the question's (word, number) pairs (vocab.LABELLED_ITEM_Q)."""
    head = re.sub(r"^[\s\-+•*]+", "", fold(segment))
    return any(re.match(rf"{word} 0?{int(number)}\s*[:.)]", head) for word, number in labels)


def field_label_asked(text: str, question: str, typed: str = "") -> bool:
    """A field whose label is made of the question's own words, one of them what the question asks for (a word of
    the phrase before "nào", "gì", "đâu"): "Cấp thực hiện: Cấp Tỉnh, Cấp Xã" for "được thực hiện ở cấp nào", "Loại
    thủ tục: …" for "thuộc loại thủ tục hành chính nào" (a form-like document labels each fact; "Tên thủ tục: …"
    does not answer them, "tên" is not asked; nor "Kinh phí: 60 triệu" "kinh phí giai đoạn 1 là bao nhiêu", which
    names no field it asks for). `question`: accent-free; `typed`, the question as typed: when it has tone marks,
    the label's words are its words with theirs ("Mã thủ tục" is not the "mà thủ tục này" of a question)."""
    m = _FIELD.match(text)
    if m is None:
        return False
    label = set(re.findall(r"[a-z0-9]+", fold(m.group(1))))
    words, asked = _asked_phrase(question)
    if len(label) < 2:
        return False
    if len(label) <= vocab.FIELD_LABEL_MAX_WORDS and label <= words and asked & label and \
            not (typed and has_diacritics(typed) and not set(re.findall(r"\w+", nfc(m.group(1)).lower())) <=
                 set(re.findall(r"\w+", nfc(typed).lower()))):
        return True
    # the label names what the question word asks for ("Đối tượng" for "ai", "Số lượng" for "bao nhiêu") and
    # something the question says ("Số lượng học sinh tham dự" for "bao nhiêu học sinh tham dự")
    wh = _wh_label_words(question)
    return bool(wh & label) and label <= words | wh and 0 < len(label - wh) <= vocab.FIELD_LABEL_MAX_WORDS


LABELLED_KINDS = ("money", "number", "day", "percent", "period", "duration")


def labelled_value(text: str, question: str, want: str | None) -> bool:
    """A field of the line holds the kind of value asked under a label the question says in its own words, in its
    order or with "số" moved ("Học phí: 500.000 đồng/học viên" for "phải đóng học phí bao nhiêu", "Số quyết định:
    1693/QĐ-BGDĐT" for "quyết định số mấy"). A form-like document states each fact so: the label is the evidence,
    however few of the question's other words (the asker's circumstances, the document's name) the line repeats.
    `question`: accent-free."""
    if want not in LABELLED_KINDS:
        return False
    asked = re.findall(r"[a-z0-9]+", question)
    parts = re.split(r"\s*:\s*", text)  # labels nested or in a row ("… thanh toán: Học phí: 500.000 đồng")
    for before, after in zip(parts, parts[1:], strict=False):
        label = re.findall(r"[a-z0-9]+", fold(re.split(r"[;\n]|\.\s", before)[-1]))
        if not 2 <= len(label) <= vocab.FIELD_LABEL_MAX_WORDS or type_bonus(want, re.split(r"[;\n]", after)[0]) <= 0:
            continue
        phrase = " ".join(label)
        moved = " ".join(label[1:] + label[:1]) if label[0] == "so" else phrase  # "số quyết định" / "quyết định số"
        if re.search(rf"\b(?:{re.escape(phrase)}|{re.escape(moved)})\b", " ".join(asked)):
            return True
    return False


@lru_cache(maxsize=64)
def _wh_label_words(question: str) -> frozenset[str]:
    return frozenset(w for pattern, label in vocab.WH_LABEL_WORDS if pattern.search(question) for w in label)


def bare_heading(unit: Unit) -> bool:
    """A section unit whose text is its own heading and nothing more ("3.3.3. Phần tư vấn khối ngành Kinh tế",
    "Nội dung 2: Đào tạo giáo viên …"). A numbered "label: figure" line read as a heading ("1. Tổng kinh phí cho
    giai đoạn 1: 13,66 tỷ đồng") states its figure: no bare heading."""
    title = fold(str(unit.metadata.get("section_title", ""))).strip(" :.")
    text = fold(unit.text).strip(" :.")
    return unit.kind == "section" and bool(title) and text.endswith(title) and len(text) <= len(title) + 12 \
        and not re.search(r":[^:]*\d", text)


_OFFICE = re.compile(rf"\b(pho )?({vocab.OFFICES})\b")


def deputy_only(text: str, question: str) -> bool:
    """The question asks who holds an office ("ai làm Trưởng ban") and `text` names it only as a deputy's ("Phó
    Trưởng ban thường trực"): that line is about someone else. "đồng Trưởng ban" is the office. `question`:
    accent-free."""
    asked = {m.group(2) for m in _OFFICE.finditer(question) if not m.group(1)}
    if not asked:
        return False
    held = [(m.group(1), m.group(2)) for m in _OFFICE.finditer(fold(text)) if m.group(2) in asked]
    return bool(held) and all(deputy for deputy, _ in held)


@lru_cache(maxsize=64)
def _asked_phrase(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """The accent-free question's words, and those of the phrase before each "nào", "gì", "đâu" (what it asks for);
    read once per question, not once per segment scored."""
    # (a parenthesis identifies what the asker means, "thủ tục … (mã 1.005090) … loại nào": it asks no "Mã" field)
    words = re.findall(r"[a-z0-9]+", re.sub(r"\([^)]*\)", " ", question))
    asked = {words[j] for i, w in enumerate(words) if w in ("nao", "gi", "dau")
             for j in range(max(0, i - vocab.FIELD_LABEL_MAX_WORDS), i)}
    return frozenset(words), frozenset(asked)


_ADDRESS_OPENED = re.compile(r"\b[Đđ]ịa chỉ\s*:")


def _address_continued(segs: list[str]) -> list[str]:
    """Segments with one that opens an address ("địa chỉ: …") joined to those after it up to one giving a street or
    ward: a full stop inside an address ("Bệnh viện X. Cổng số 1 - 284 đường Y. Phường …") ends no statement."""
    out: list[str] = []
    i = 0
    while i < len(segs):
        seg = segs[i]
        if _ADDRESS_OPENED.search(seg):  # the address goes on to the next segment giving a street or ward, if near
            ahead = segs[i + 1:i + 1 + vocab.ADDRESS_SEGMENTS_AHEAD]
            end = next((j for j, nxt in enumerate(ahead) if vocab.ADDRESS_IN_TEXT.search(nxt)), -1)
            if end >= 0:
                out.append(" ".join([seg, *ahead[:end + 1]]))
                i += end + 2
                continue
        out.append(seg)
        i += 1
    return out


def _announced(segs: list[str]) -> list[str]:
    """Segments with each one that ends with ":" joined to the one after it."""
    out: list[str] = []
    for seg in segs:
        if out and out[-1].rstrip().endswith(":"):
            out[-1] = f"{out[-1]} {seg}"
        else:
            out.append(seg)
    return out


def unknown_words(words: list[str], idf: Idf, accents: bool = False) -> list[str]:
    """Content words the indexed documents never contain: a question about them is not answered here.
    With tone marks, 'Giang' is unknown even though 'giảng' is everywhere."""
    df = idf.df_accented if accents else idf.df_folded
    return [w for w in dict.fromkeys(words) if df.get(w, 0) == 0 and fold(w) not in vocab.QUESTION_VOCAB
            and fold(w) not in vocab.QUESTION_PHRASE_WORDS and match_form(w) not in vocab.DOCUMENT_TALK_WORDS
            and not _day_written_otherwise(w, df)]


_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?")


def _day_written_otherwise(word: str, df: dict[str, int]) -> bool:
    """A day the question writes otherwise than the text: "29/6" of "29/6/2026 - 09/7/2026" (the year given once,
    after the second day), "05/01" of "5/1/2012". Known when some date of the documents has its day and month
    (and its year, when the question gives one). Only checked for a date no text token spells alike."""
    m = _DAY_MONTH.fullmatch(word)
    if not m:
        return False
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    for tok in df:
        other = _DAY_MONTH.fullmatch(tok)
        if other and int(other.group(1)) == day and int(other.group(2)) == month \
                and (not year or not other.group(3) or other.group(3)[-2:] == year[-2:]):
            return True
    return False


_CHOICE = re.compile(r"((?:\w+ ){0,1}\w+) hay ((?!khong\b)\w+(?: \w+)?)")


def offered_words(question: str, names_too: bool = True) -> set[str]:
    """The words of the alternatives a question offers ("học trực tiếp hay online"), accent-free: one of them may
    be a word no document uses (the asker's "online" for the plan's "trực tuyến"), and that asks nothing new.
    `names_too=False`: not the proper names among them ("Zoom hay Google Meet"): a platform, a place or a body the
    documents never name is one they say nothing about, whichever way the asker words it."""
    words = {w for m in _CHOICE.finditer(fold(question)) for side in m.groups() for w in side.split()}
    if not names_too:  # capitalised after the question's first word
        words -= {fold(w) for w in re.findall(r"(?<=\s)[A-ZĐ][^\W\d_]*", nfc(question))}
    return words


def format_number(x: float) -> str:
    """55500 -> '55.500'; 78.18 -> '78,18' (the Vietnamese way)."""
    if abs(x - round(x)) < 1e-9:
        return f"{int(round(x)):,}".replace(",", ".")
    return f"{x:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def fact_answer(passages: list[Passage], cites: Cites, folded_question: str = "", issued: date | None = None) -> str:
    """The passages quoted and cited, each with the arithmetic the question asks of it. `issued`: the day the
    document was issued, when the question counts days from it (assistant/qa/spans.py `refers_to_issue`)."""
    lines, multiplied, led = [], False, set()
    # days between a date the question writes (or the issue day) and one the passage gives: counted instead of
    # the passage's own period ("ký ngày 23/6; … đến ngày bắt đầu khảo sát" is not the survey's length)
    gap = given_gap([p.text for p in passages[:1]], folded_question, issued)
    counted = gap is not None
    for i, p in enumerate(passages):
        text = p.text.rstrip()
        if p.unit.kind in ("row", "total"):
            text = f"{row_heading(p.unit)}: {text}"
            cell = asked_cell(p.unit, folded_question)
            if cell:  # the value asked for first, then the whole row it comes from
                text = f"{cell} — {text}"
        if p.unit.kind == "section" and (body := body_above(p.unit, text, folded_question)):
            text = f"{body}: {text}"  # "bộ nào hướng dẫn …" of an item under "3. Bộ Dân tộc và Tôn giáo"
        elif p.unit.kind == "section" and p.unit.id not in led and (lead := announcing_lead(p.unit, text)):
            text = f"{lead} … {text}"  # an item says what it is one of only with the line announcing the list
            led.add(p.unit.id)  # (once for a unit's several segments)
        if p.unit.kind == "section" and vocab.ITEM_NUMBER_ASK_Q.search(folded_question) and \
                (m := _ITEM_NUMBER.match(p.unit.text)) and p.unit.text[m.end():].startswith(text[:30]):
            text = f"{m.group(1)} {text}"  # "mang số thứ tự mấy": the item's number, which segments leave out
        line = f"{text} {cites.ref(p.unit)}"
        for slip in arithmetic_slips(p.text):  # "1.427.000 x 500 HS x 18 = 12.848.519.000": the product written is off
            line = f"{line} {slip}"
        if i == 0 and p.unit.kind not in ("row", "total") and \
                (total := stated_parts_sum(text, folded_question) or named_count(text, folded_question)):
            line = f"{line} {total}"
        # the first line stating a period, of the first two ("Chương trình «01 ngày làm sinh viên» …" / "Thời gian:
        # từ ngày 01/11/2025 đến ngày 30/3/2026")
        if i <= 1 and not counted and (days := span_days(text, folded_question) or span_hours(text, folded_question)
                                                   or span_months(text, folded_question)):
            line, counted = f"{line} {days}", True
        if i <= 1 and not counted and (end := deadline_from(text, folded_question)):  # "ký ngày 01/4/2026 … xong khi
            line, counted = f"{line} {end}", True  # nào" over "06 tháng kể từ ngày ký hợp đồng": the day it ends
        if not multiplied and (paid := count_for_budget(text, folded_question)):  # "còn 3 triệu … bao nhiêu người"
            budget, rate, count = paid
            line, multiplied = f"{line} " + t("budget_count", budget=format_number(budget.amount), rate=rate.quoted,
                                              currency=rate.currency, count=count), True
        if not multiplied and (norm := norm_total(text, folded_question)):  # "cứ 45 học sinh … 01 định mức"
            line, multiplied = f"{line} {norm}", True
        if not multiplied and i == 0 and (year := yearly_total(text, folded_question)):  # "cả năm học … bao nhiêu"
            line, multiplied = f"{line} {year}", True
        if not multiplied and (each := unit_product(text, folded_question)):  # "7 tiết, mỗi tiết 35 phút"
            line, multiplied = f"{line} {each}", True
        if not multiplied and (product := rate_for_given(text, folded_question)):  # the first line with the rate
            given, rate = product
            multiplied = True
            line = f"{line} " + t("rate_total", count=given.count, rate=rate.quoted, currency=rate.currency,
                                  total=format_number(given.count * rate.amount))
            if left := left_to_pay(given.count * rate.amount, rate, folded_question):  # "… mới chuyển 5.000.000
                # đồng, còn phải chuyển thêm bao nhiêu": the total less what is paid, in the rate's currency
                line += " " + t("rate_remainder", total=format_number(given.count * rate.amount),
                                paid=format_number(left[0]), currency=rate.currency, rest=format_number(left[1]))
        lines.append(line)
    if not multiplied and (share := average_of([p.text for p in passages[:1]], folded_question)
                           or average_of([p.text for p in passages], folded_question)):
        lines.append(share)  # "chia đều … bình quân mỗi cơ sở được bao nhiêu": a total and a count, maybe two lines
    if not multiplied and (target := target_count([p.text for p in passages[:2]], folded_question)):
        lines.append(target)  # "để đạt chỉ tiêu 80% cần bao nhiêu cơ sở, tăng thêm bao nhiêu"
    if gap is None and not counted:
        gap = date_gap([p.text for p in passages], folded_question)  # two cited dates apart
    if gap:
        lines.append(gap)
    return "\n".join(lines)


def announcing_lead(unit: Unit, text: str) -> str:
    """The unit's first line when it announces a list ("c) Tuyển thẳng vào trường PTDTNT các đối tượng sau:") and
    `text` is one of the items after it ("Học sinh dân tộc thiểu số rất ít người …", which alone does not say it is
    admitted directly); "" otherwise."""
    first = unit.text.split("\n", 1)[0].strip()
    if not first.endswith(":") or len(first) > vocab.ANNOUNCING_LEAD_MAX_CHARS or first.startswith(text.strip()[:40]):
        # an item whose announcement stayed in the unit before it: the lead its unit carries
        carried = carried_lead(unit) if vocab.LIST_ITEM_LINE.match(unit.text) else ""
        return f"{carried}:" if carried and len(carried) <= vocab.ANNOUNCING_LEAD_MAX_CHARS else ""
    return first


def body_above(unit: Unit, text: str, folded_question: str) -> str:
    """The body whose heading the passage stands under ("Bộ Dân tộc và Tôn giáo" over "b) Hướng dẫn các trường dự bị
    đại học …"), when the question asks which body does something and the passage names none itself; "" otherwise.
    The nearest heading naming a body wins (a plan's "Tổ chức thực hiện › 2. Phòng GDĐT › a) …")."""
    if not vocab.BODY_ASK_Q.search(folded_question) or vocab.BODY_HEADING.match(text.strip()):
        return ""
    parts = [h.strip() for h in str(unit.metadata.get("path", "")).split(" › ") if h.strip()]
    for heading in reversed(parts):
        if vocab.BODY_HEADING.match(heading) and len(heading) <= vocab.BODY_HEADING_MAX_CHARS:
            return heading.rstrip(":. ")
    return ""


def row_heading(unit: Unit) -> str:
    """A row's label with the title of the group it sits under when neither the label nor the row says it ("Bảng 2,
    mục 7, dòng 7.2 (Xuất file bảo hiểm (4210)) thuộc «Quản lý BHXH»": "thuộc phân hệ nào?")."""
    title = str(unit.metadata.get("group_title", "")).strip()
    if not title or unit.metadata.get("subtotal") or fold(title) in fold(f"{unit.label} {unit.text}"):
        return unit.label
    short = title if len(title) <= vocab.GROUP_TITLE_SHOWN_CHARS else title[:vocab.GROUP_TITLE_SHOWN_CHARS] + "…"
    return f"{unit.label} thuộc «{short}»"


def stated_parts_sum(text: str, folded_question: str) -> str:
    """A count the passage states in parts ("15 trường THCS, 11 trường Tiểu học" for "bao nhiêu trường"): the
    parts' sum, shown as arithmetic on the quoted figures. Only parts side by side (a comma, "và"), never where the
    passage gives a total or a part of one ("trong đó", "tổng", "gồm"): then it states the figure itself."""
    m = vocab.COUNT_NOUN_Q.search(folded_question)
    f = fold(text)
    if not m or len(f) != len(text) or vocab.PARTS_NOT_SUMMED.search(f):
        return ""
    for noun in (m.group(1), m.group(1).split()[0]):
        found = list(re.finditer(rf"(?<![\d.,/])(\d{{1,5}})\s+{re.escape(noun)}\b", f))
        if len(found) == 1 and noun != noun.split()[0]:
            return ""  # "bao nhiêu giải Ba" over "01 giải Nhất, 02 giải Nhì, 03 giải Ba": the part asked is stated
        if len(found) < 2:
            continue
        between = [f[a.end():b.start()] for a, b in zip(found, found[1:], strict=False)]
        if not all(re.fullmatch(r"[^.;:\n]{0,60}?(,|\bva\b)\s*", g) for g in between):
            return ""
        numbers = [int(x.group(1)) for x in found]
        printed = text[found[0].start(1) + len(found[0].group(1)):found[0].end()].strip()
        return t("parts_sum", parts=" + ".join(map(str, numbers)), total=sum(numbers), noun=printed)
    return ""


_HEADER_UNIT = re.compile(r"^(.*?)\s*\(([^()]{1,30})\)\s*$")  # "Đơn giá (triệu đồng)": name, unit


def header_unit(column: str) -> tuple[str, str]:
    """A table header's name and the unit it gives in brackets ("Đơn giá (triệu đồng)": "Đơn giá", "triệu đồng");
    (the header, "") when it gives none."""
    m = _HEADER_UNIT.match(column)
    return (m.group(1), m.group(2)) if m else (column, "")


def asked_cell(unit: Unit, folded_question: str) -> str:
    """The cells of a row the question names by their column ("đơn giá" of a column "Đơn giá (triệu đồng)"),
    with the unit the header gives ("Đơn giá: 250 triệu đồng") or, for a quantity, the row's unit-of-measure cell
    ("Khối lượng: 1 Gói"). A column named only as the row's subject (a long name: "danh mục dịch vụ" in "khối
    lượng và đơn vị tính của danh mục dịch vụ") is left out when short values are named too. "" when the question
    names no column."""
    found: list[tuple[str, str, str]] = []
    measure_cell = ""
    for column, value in unit.cells.items():
        name, measure = header_unit(column)
        f = fold(name).strip()
        if vocab.MEASURE_COLUMN_F.fullmatch(f):
            measure_cell = value.strip()
        if value.strip() and len(f) >= 4 and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", folded_question):
            found.append((name.strip(), value.strip(), measure.strip()))
    short = [c for c in found if len(c[1]) <= vocab.ASKED_CELL_SHORT]
    cells = short or sorted(found, key=lambda c: len(c[0]), reverse=True)[:1]
    out = []
    for name, value, measure in cells:
        numeric = bool(re.fullmatch(r"[\d.,\s]+", value))
        if numeric and not measure and measure_cell and vocab.QUANTITY_COLUMN_F.search(fold(name)):
            measure = measure_cell
        out.append(f"{name}: {value} {measure}" if numeric and measure else f"{name}: {value}")
    return "; ".join(out)


ABSTAIN_TEXT = t("abstain")
