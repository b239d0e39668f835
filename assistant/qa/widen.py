"""Widening the passages an answer quotes to the whole of what was asked (issue 16, fresh wording): a question
asking for several things ("từ những nguồn nào", "những đối tượng nào", "hồ sơ cần những giấy tờ gì", "căn cứ
những thông tư, quyết định nào") is answered with the whole list the passage found is one item of; a contact asked
by its channel ("email gì") with the line after the person's that holds it.

Why by hand: the units are the document's own paragraphs, rows and list items (ingest/structure.py); which of
their neighbours continue a list or a contact is a question of Vietnamese layout (";"-joined items, "- " bullets
in units of their own, a table's rows), which no retriever or node postprocessor of llama-index answers. Pure
functions over units; assistant/answering/fact_answers.py calls the two entry points.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.compose import Passage, segments
from assistant.qa.kinds import holds_kind
from assistant.qa.tableqa import name_of
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold


def with_channel(passages: list[Passage], units: list[Unit], want: str) -> list[Passage]:
    """The best passage, then the line after it holding the e-mail or phone asked when it holds none itself, then
    the others; when neither it nor its next line holds one, the first of the others that does or whose next line
    does comes first ("liên hệ thầy A – số điện thoại: …" ranked above "đề nghị liên hệ: Bà B – Chuyên viên", whose
    next line gives the e-mail asked). `units`: the best passage's document's units, in order."""
    for i, first in enumerate(passages):
        rest = passages[:i] + passages[i + 1:]
        if holds_kind(want, first.text):
            return [first, *rest]
        after = channel_after(units, first.unit, want) if first.unit.doc == passages[0].unit.doc else None
        if after is not None:
            return [first, Passage(after, after.text, first.score, first.rank), *[p for p in rest if p.unit.id != after.id]]
    return passages


def widened_for_several(passages: list[Passage], units: list[Unit], rows: list[Unit],
                        folded_question: str) -> list[Passage]:
    """The passages of a question asking for several things, each widened to the whole list it is an item of (an
    enumeration, the items after it in units of their own, every document cited of the kinds asked, every row of
    the small table the best row is of). `units`: the best passage's document's units, in order; `rows`: the rows
    of the best passage's table, or []."""
    named = next((p for p in passages if _item_named(p, passages, units, folded_question)), None)
    if named is not None:  # "giải Nhất được thưởng những gì": the several things are in the item named, not in the
        # list it is an item of (nor in its other items)
        return [named, *(p for p in passages if p.unit.id != named.unit.id and not _labelled(p.text))]
    out = whole_enumerations(passages, units)
    out = [replace(out[0], text=cited_documents(out[0], folded_question)), *out[1:]]
    return whole_table(out, rows) if rows and not _row_named(out[0].unit, folded_question) else out


def _labelled(text: str) -> list[str]:
    """The words of an item's label ("- Giải Nhì: mỗi giải …": "giai", "nhi"): two to NAMED_ITEM_MAX_WORDS words
    before its colon; [] when it has none."""
    label, sep, _ = text.strip(f" {vocab.ITEM_MARKS}").partition(":")
    words = re.findall(r"\w+", fold(label))
    return words if sep and 2 <= len(words) <= vocab.NAMED_ITEM_MAX_WORDS else []


def _item_named(passage: Passage, passages: list[Passage], units: list[Unit], folded_question: str) -> bool:
    """An item of a list of like items ("- Giải Nhất: …", "- Giải Nhì: …": labels with the same first word, among its
    unit's lines, the items after it in units of their own, or the other passages) labelled by the words the question
    names it with ("giải Nhất được thưởng những gì"). A label with no such sibling ("Mục tiêu: …", "Ví dụ: …") heads
    the list asked for."""
    words = _labelled(passage.text)
    if not words or re.search(rf"\b{' '.join(words)}\b", folded_question) is None:
        return False
    others = re.split(r"\n|;\s", passage.unit.text) + [u.text for u in items_after(units, passage.unit)] + \
        [p.text for p in passages]
    return any((w := _labelled(o)) and w[0] == words[0] and w != words for o in others)


def _row_named(row: Unit, folded_question: str) -> bool:
    """The question names the best row by most of its name's words ("khâu triển khai khảo sát trực tuyến, theo dõi,
    đôn đốc sinh viên có những ai chủ trì/phối hợp"): the several things asked are in that row's cells, not the
    table's other rows."""
    if row.kind != "row" or sum(1 for v in row.cells.values() if v.strip()) < vocab.NAMED_ROW_MIN_CELLS:
        return False  # (a group's title row, "2. Môn học tự chọn", holds nothing: its items are the rows under it)
    name = set(re.findall(r"\w+", fold(name_of(row))))
    asked = set(re.findall(r"\w+", folded_question))
    return len(name) >= vocab.NAMED_ROW_MIN_WORDS and len(name & asked) >= vocab.NAMED_ROW_SHARE * len(name)


def enumeration(unit: Unit, seg: str) -> str:
    """The whole enumeration a segment is one item of: the segments of its unit joined by ";" around it ("Nguồn
    kinh phí: … theo Thông tư …; Từ nguồn chi thường xuyên …; Các nguồn chi khác hoặc do cá nhân tự túc."), for a
    question asking for several things; the segment itself when it is no item of one."""
    segs = segments(unit)
    if seg not in segs:
        return seg
    i = j = segs.index(seg)
    while i > 0 and segs[i - 1].rstrip().endswith(";"):
        i -= 1
    while j < len(segs) - 1 and segs[j].rstrip().endswith(";"):
        j += 1
    return " ".join(segs[i:j + 1]) if j > i else seg


def _after(units: list[Unit], unit: Unit) -> list[Unit]:
    """The units after `unit` in its document's `units` ([] when it is not among them)."""
    ids = [u.id for u in units]
    return units[ids.index(unit.id) + 1:] if unit.id in ids else []


def channel_after(units: list[Unit], best: Unit, want: str) -> Unit | None:
    """The unit right after `best` in its document, under the same heading, when it holds the channel asked ("Bà X –
    Chuyên viên" then "… Số điện thoại: …; email: …"): a contact's details often come on the next line."""
    for u in _after(units, best)[:vocab.CHANNEL_LINES_AFTER]:
        if u.metadata.get("path") != best.metadata.get("path"):
            return None
        if holds_kind(want, u.text):
            return u
    return None


def whole_enumerations(passages: list[Passage], units: list[Unit]) -> list[Passage]:
    """The passages with each item of an enumeration widened to the whole of it, the other items dropped; the first
    one that has any followed by the items after it that are units of their own ("… các đối tượng sau: - A;" then
    "- B."). `units`: the best passage's document's units, in order."""
    out: list[Passage] = []
    widened = False
    for p in passages:
        text = enumeration(p.unit, p.text)
        if text.rstrip().endswith(":") and text in p.unit.text:  # "… các đối tượng sau:" and its items below it
            text = p.unit.text[p.unit.text.index(text):].strip()
        if any(p.unit.id == o.unit.id and p.text in o.text for o in out):
            continue
        out = [o for o in out if o.unit.id != p.unit.id or o.text not in text]  # said again in the widened text
        out.append(replace(p, text=text))
        items = [] if widened else items_after(units, p.unit)
        out += [Passage(u, u.text, p.score, p.rank) for u in items if all(u.id != o.unit.id for o in out)]
        widened = widened or bool(items)
    return out


def cited_documents(passage: Passage, folded_question: str) -> str:
    """"Căn cứ vào những thông tư, quyết định nào": the passage's text with every other sentence of its unit that
    cites a document of a kind the question names, in the unit's order; the text itself when none does."""
    kinds = {m.group(1) for m in vocab.DOC_KINDS_ASKED_Q.finditer(folded_question)}
    if not kinds or passage.unit.kind != "section":
        return passage.text
    cites = re.compile("|".join(vocab.DOC_CITED.format(kind=k) for k in sorted(kinds)))
    segs = segments(passage.unit)
    if passage.text not in segs or not cites.search(fold(passage.text)):
        return passage.text
    return " ".join(seg for seg in segs if seg == passage.text or cites.search(fold(seg)))


def whole_table(passages: list[Passage], rows: list[Unit]) -> list[Passage]:
    """The best passage's table row followed by the table's other rows, in the table's order, when the table is
    small enough to be the list asked for; the passages otherwise."""
    first = passages[0]
    rows = [u for u in rows if u.kind == "row"]
    if not rows or len(rows) > vocab.LIST_ITEMS_SHOWN or all(u.id != first.unit.id for u in rows):
        return passages
    listed = [Passage(u, u.text, first.score, first.rank) for u in rows]
    return listed + [p for p in passages if p.unit.kind != "row" or all(p.unit.id != u.id for u in rows)]


_ITEM_MARK = re.compile(rf"^\s*([{re.escape(vocab.ITEM_MARKS)}])\s")


def _unmarked_item(line: str) -> bool:
    """An item of a list whose bullets the source lost (a web page's paragraphs: "Trẻ em thuộc hộ nghèo …;" after
    "… thuộc một trong các trường hợp sau:"): one line ending as list items end, a ";" or the last one's "."."""
    line = line.strip()
    return 0 < len(line) <= vocab.UNMARKED_ITEM_MAX_CHARS and "\n" not in line and line.endswith((";", "."))


def _unmarked_list(lines: list[str]) -> bool:
    """The lines after an announcement are a list without bullets: every one an item, all but the last ending ";"."""
    return bool(lines) and all(_unmarked_item(x) for x in lines) and all(x.rstrip().endswith(";") for x in lines[:-1])


def _counted_items(after: list[Unit]) -> list[Unit]:
    """The short items numbered afresh from 1 (or a) right after an announcement ("… gồm các phần như sau:" then
    "1. Giải pháp và phương pháp luận;", "2. Kế hoạch công tác."), which the structure read as headings of their
    own because their numbers restart; [] when the next unit is no such first item."""
    out: list[Unit] = []
    for u in after:
        m = _POINT_MARK.match(u.text)
        expected = str(len(out) + 1) if not out or out[0].text.lstrip()[0].isdigit() else chr(ord("a") + len(out))
        if u.kind != "section" or m is None or m.group(1) != expected or len(u.text) > vocab.UNMARKED_ITEM_MAX_CHARS \
                or "\n" in u.text.strip():
            break
        out.append(u)
        if u.text.rstrip().endswith(".") or len(out) >= vocab.LIST_ITEMS_SHOWN:
            break
    return out if len(out) >= 2 else []


def items_after(units: list[Unit], first: Unit) -> list[Unit]:
    """The units after `first` under the same heading that go on its list: `first` ends with an item ("- A;") or
    announces one ("… như sau:"), and each of them is an item with the same mark ("- B"); or, for a list without
    bullets, `first` announces it and its items so far end with ";", and each unit after is one more item, up to
    the one ending with ".". """
    if first.kind != "section":
        return []
    lines = first.text.rstrip().split("\n")
    last = lines[-1]
    mark = _ITEM_MARK.match(last)
    at = next((i for i, line in enumerate(lines) if line.rstrip().endswith(":")), None)
    bare = not mark and at is not None and at < len(lines) - 1 and not any(_ITEM_MARK.match(x) for x in lines[at + 1:]) \
        and all(_unmarked_item(x) and x.rstrip().endswith(";") for x in lines[at + 1:])
    if not mark and not last.endswith(":") and not bare:
        return []
    out: list[Unit] = []
    for u in _after(units, first):
        if bare:  # one more item without a bullet, until the list's last ("…hòa nhập.")
            if u.kind != "section" or u.label != first.label or not _unmarked_item(u.text):
                break
            out.append(u)
            if u.text.rstrip().endswith(".") or len(out) >= vocab.LIST_ITEMS_SHOWN:
                break
            continue
        m = _ITEM_MARK.match(u.text)
        same_list = u.label == first.label and m is not None and (not mark or m.group(1) == mark.group(1))
        # "4. … cần chú ý một số nội dung sau:" announces its points "a) …", "b) …", each a unit of its own below it
        point = not mark and u.label.startswith((f"{first.label}.", f"{first.label} › ")) and \
            _POINT_MARK.match(u.text) is not None
        if u.kind != "section" or not (same_list or point):
            break
        out.append(u)
        if len(out) >= vocab.LIST_ITEMS_SHOWN:
            break
    if not out and last.endswith(":"):  # items numbered afresh, read as headings of their own
        return _counted_items(_after(units, first))
    return out


_POINT_MARK = re.compile(r"^\s*([a-zđ]|\d{1,2})[).]\s")  # "a) …", "2. …": the point's letter or number


def announced_count(passages: list[Passage], units: list[Unit], folded_question: str) -> tuple[list[Passage], int, str] | None:
    """"có mấy nhóm đối tượng được tuyển thẳng" over "c) Tuyển thẳng vào trường PTDTNT các đối tượng sau:" and the
    items under it (in its unit, then units of their own): the passages with the announcement and all its items,
    their count and the announcement. Only when the announcement names the noun counted (after a classifier: "nhóm
    đối tượng" -> "đối tượng") and nothing but items follows it; None otherwise (the text's own figure, if any, is
    what the fact answer quotes)."""
    m = vocab.COUNT_NOUN_Q.search(folded_question)
    if m is None or not passages or passages[0].unit.kind != "section":
        return None
    words = m.group(1).split()
    noun = words[1] if len(words) > 1 and words[0] in vocab.CLASSIFIER_WORDS else words[0]
    first = passages[0]
    lines = first.unit.text.split("\n")
    at = next((i for i, line in enumerate(lines) if line.rstrip().endswith(":")
               and re.search(rf"\b{re.escape(noun)}\b", fold(line))), None)
    if at is None or not (all(_ITEM_MARK.match(line) for line in lines[at + 1:]) or _unmarked_list(lines[at + 1:])):
        return None
    if re.search(rf"\d+\s+(?:\w+\s+)?{re.escape(noun)}\b", fold(lines[at])):
        return None  # "… gồm 05 chương trình như sau:": the announcement states the count itself
    own = lines[at + 1:]
    more = items_after(units, first.unit) if own else []
    count = len(own) + len(more)
    if count < 2:
        return None
    head = Passage(first.unit, "\n".join(lines[at:]), first.score, first.rank)
    listed = [head, *(Passage(u, u.text, first.score, first.rank) for u in more)]
    return listed + [p for p in passages[1:] if all(p.unit.id != q.unit.id for q in listed)], count, \
        lines[at].rstrip(": ")


def cut_sentence_after(units: list[Unit], passage: Passage) -> Unit | None:
    """The unit that finishes the passage's sentence when a page or line break cut it after a comma ("Có 4 yếu tố …
    đó là: Thị trường," then "Công nghiệp, Thể chế và Giáo dục:"): the next unit under the same heading, when the
    passage ends its own unit with "," (a sentence never ends so). None otherwise."""
    unit = passage.unit
    tail = unit.text.rstrip()[-vocab.CUT_TAIL_CHARS:]
    if unit.kind != "section" or not tail.endswith(",") or not passage.text.rstrip().endswith(tail):
        return None  # (the passage may carry a lead before the unit's text: "Nội dung: Có 4 yếu tố …")
    after = _after(units, unit)[:1]
    if not after or after[0].kind != "section" or after[0].metadata.get("path") != unit.metadata.get("path"):
        return None
    return after[0]
