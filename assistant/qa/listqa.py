"""Lists written as text, not as tables: the numbered items ("1. Trường THPT Bùi Thị Xuân;" … "170. …") or the
bullets ("- TS. …") under one heading, found in a document's units, so that "nhóm I có bao nhiêu trường?" is
answered by counting them rather than by quoting the heading.

Why by hand: the structure recovered at ingest (ingest/structure.py) makes each numbered item a section under
its heading's path; nothing in llama-index counts siblings in a heading tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import vocab
from ingest.models import Unit
from ingest.text import fold

_MARK = f"[{re.escape(vocab.ITEM_MARKS)}]"
_NUMBERED = re.compile(rf"^\s*(?:{_MARK}\s*)?(\d{{1,3}})\s*[.)]\s+\S")
_BULLET = re.compile(rf"^\s*{_MARK}\s+\S")


@dataclass
class ItemList:
    """The items under one heading of one document, in order (the unit of each item's first line)."""

    doc: str
    path: str  # the heading path the items hang under ("TRƯỜNG PHỔ THÔNG"); its last part is the list's title
    numeral: str  # the group's own number when its items' locators carry one ("I" of "I/1"…), or ""
    items: list[tuple[Unit, str]] = field(default_factory=list)  # (the unit citing it, the item's first line)
    numbers: list[int] = field(default_factory=list)  # the items' own numbers (numbered lists), or []

    @property
    def title(self) -> str:
        return self.path.rsplit(" › ", 1)[-1].strip()


def _numeral(locator: str) -> str:
    """"I/12" -> "I", "II/205#1" -> "II", "3.1" -> "": the group's number an item's locator starts with."""
    head = locator.split("/", 1)[0].split("#", 1)[0].split("~", 1)[0]
    return head if "/" in locator and head else ""


def item_lists(units: list[Unit], minimum: int = 3) -> list[ItemList]:
    """Every list of at least `minimum` items in one document's units: numbered items sharing a heading path
    (one list per path, item numbers distinct: the second part of a long item is not an item), else the bullet
    lines of the sections under that path."""
    numbered: dict[str, ItemList] = {}
    bullets: dict[str, ItemList] = {}
    for u in units:
        if u.kind != "section":
            continue
        path = str(u.metadata.get("path", "")).strip()
        if not path:
            continue
        m = _NUMBERED.match(u.text)
        lines = [ln for ln in u.text.split("\n") if _BULLET.match(ln)]
        if m:
            lst = numbered.setdefault(path, ItemList(u.doc, path, _numeral(u.locator)))
            n = int(m.group(1))
            if n not in lst.numbers:
                lst.numbers.append(n)
                lst.items.append((u, u.text.strip().split("\n", 1)[0]))
            # "1. Ban Chỉ đạo" heading its bullets ("- Ông …"): the bullets are the list when the numbers are too few
            lines = lines[1:] if _BULLET.match(u.text.strip().split("\n", 1)[0]) else lines
        if lines:
            lst = bullets.setdefault(path, ItemList(u.doc, path, ""))
            lst.items.extend((u, ln) for ln in lines)
    out = [lst for lst in numbered.values() if len(lst.numbers) >= minimum]
    out += [lst for p, lst in bullets.items()
            if (p not in numbered or len(numbered[p].numbers) < minimum) and len(lst.items) >= minimum]
    return out


def item_text(line: str, limit: int = 90) -> str:
    """An item's name as listed: its line without the number or bullet and the closing ";"/"."."""
    line = re.sub(rf"^\s*(?:{_MARK}\s*)?(?:\d{{1,3}}\s*[.)]\s+)?", "", line).strip().rstrip(";.,")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def heading_title(path: str) -> str:
    """A heading's words without its number: "V. GIẢI PHÁP THỰC HIỆN" -> "giai phap thuc hien"."""
    last = path.rsplit(" › ", 1)[-1]
    return re.sub(r"^\s*(?:[ivxlc]+|\d{1,2}(?:\.\d{1,2})*|[a-z])\s*[.)]\s*", "", fold(last)).strip(" :.")  # folded


def titled_in(lst: ItemList, folded_question: str) -> bool:
    """The question names the list by its whole title, word for word ("ban to chuc … co bao nhieu pho truong ban"
    names "2. Ban Tổ chức"), even when the title's words are also the document's name ("Kế hoạch tổ chức …") or
    the noun counted, which the coverage leaves out. A title of one word ("Nội dung") is no name."""
    title = " ".join(re.findall(r"\w+", heading_title(lst.path)))
    asked = " ".join(re.findall(r"\w+", folded_question))  # "chuyên gia, báo cáo viên" as the title's words
    return len(title.split()) >= 2 and re.search(rf"(?<!\w){re.escape(title)}(?!\w)", asked) is not None


def headed_by(units: list[Unit], noun: str, question: str = "") -> dict[str, list[Unit]]:
    """The headings whose title is the noun a question asks several of ("những mục đích gì": "Mục đích"; "mục giải
    pháp thực hiện gợi ý những giải pháp nào": "Giải pháp thực hiện"), each with the sections right under it, in the
    document's order: the title starts with the noun and the (accent-free) question holds every word of it ("Thông
    tin liên hệ của người chịu trách nhiệm …" is no heading of "những thông tin gì")."""
    asked = set(question.split())
    out: dict[str, list[Unit]] = {}
    sections = [u for u in units if u.kind == "section" and str(u.metadata.get("path", "")).strip()]
    for u in sections:
        path = str(u.metadata.get("path", "")).strip()
        title = heading_title(path)
        if (title == noun or (title.startswith(noun + " ") and set(title.split()) <= asked)) and path not in out:
            # the sections right under it, and the first section of each heading right under it ("3. Thực hiện quy
            # chế sinh hoạt chuyên môn" read as a heading of its own)
            seen: set[str] = set()
            for w in sections:
                sub = str(w.metadata.get("path", "")).strip()
                child = sub[len(path) + 3:] if sub.startswith(path + " › ") else None
                if sub == path or (child and " › " not in child and sub not in seen):
                    out.setdefault(path, []).append(w)
                    seen.add(sub)
    return out
