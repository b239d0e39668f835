"""The items under a heading the question asks several of: "việc xây dựng kế hoạch nhằm những mục đích gì?" is
answered by every point under "1. Mục đích" (a), b) …), each cited, rather than by the one passage that covers the
question best. The heading is one of the question's document whose title is the noun asked ("mục đích", "giải
pháp"), preferring one retrieval reached; None when no heading, or several none of which retrieval reached."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites
from assistant.qa.listqa import headed_by, heading_title
from assistant.qa.numbered_heading import annex_named, children, sections_numbered
from assistant.qa.query import open_entity
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold


class HeadingItems:
    name = "heading"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        kind, noun = open_entity(q.folded)
        own = fold(q.text)  # the question itself, not a follow-up's history
        if (said := vocab.HEADING_SAYS_Q.search(own)) and kind not in ("list", "count"):
            return self._contents(asked, said.group(1))  # "Thế còn phần yêu cầu thì ghi gì?"
        if (title_is := vocab.TITLE_IS_Q.search(own)) and kind not in ("list", "count") and \
                (whole := self._titled_whole(asked, title_is.group(1).split())):
            return whole  # "mục tiêu công việc của gói thầu là gì?" over "2. Mục tiêu công việc" and its paragraphs
        if (body := vocab.DUTIES_ASK_Q.search(own)) and not vocab.LABELLED_ITEM_Q.search(own) and \
                (duties := self._duties(asked, body.group(1) or body.group(2), counted=body.group(2) is not None)):  # (not "ở Bước 1 Phòng Đào tạo phải làm gì": a step's)
            return duties  # "Còn Phòng Công tác sinh viên thì được giao những việc gì?"
        if not q.follow_up and vocab.SECTION_CONTENTS_Q.search(own) and (numbered := self._numbered(asked, own)):
            return numbered  # "mục 1 phần I đề cập những nội dung gì?"
        if q.follow_up or not (kind in ("list", "count") or q.intent in ("list", "count")):
            return None
        named = self._named(asked)
        if named is not None or kind not in ("list", "count") or not noun or noun in vocab.LIST_GENERIC_NOUNS:
            return named
        return self._titled(asked, noun)

    @staticmethod
    def _contents(asked: Asked, title: str) -> AskResponse | None:
        """What a heading the question names by its title says ("phần yêu cầu thì ghi gì?" over "b) Yêu cầu.")."""
        return _passages_under(asked, lambda heading: heading == title)

    @staticmethod
    def _titled_whole(asked: Asked, words: list[str]) -> AskResponse | None:
        """The passages under the heading the question names by its whole title ("mục tiêu công việc … là gì"), the
        longest run of its last words that is one; None unless the heading has several (one passage the fact answers
        quote)."""
        for n in range(min(len(words), vocab.TITLE_IS_MAX_WORDS), 1, -1):
            title = " ".join(words[-n:])
            found = _passages_under(asked, title.__eq__)
            if found is not None:
                return found if len(found.citations) >= 2 else None
        return None

    @staticmethod
    def _duties(asked: Asked, body: str, counted: bool = False) -> AskResponse | None:
        """A body's duties under the heading that names it ("5.2. Phòng Đào tạo và Phòng Công tác sinh viên" for
        "Phòng Công tác sinh viên được giao những việc gì"); `counted` ("được giao tất cả mấy nhiệm vụ"): with their
        number, one per passage under the heading."""
        named = re.compile(rf"\b{re.escape(body)}\b")
        found = _passages_under(asked, lambda heading: named.search(heading) is not None, mode="list")
        if found is None or not counted:
            return found
        return found.model_copy(update={"answer": t("duties_count", count=len(found.citations)) + "\n" + found.answer})

    @staticmethod
    def _titled(asked: Asked, noun: str) -> AskResponse | None:
        """The one heading titled by the noun asked ("những mục đích gì", "bao nhiêu yêu cầu"), its sections."""
        q = asked.query
        hits = asked.hits[:vocab.FACT_CANDIDATES]
        doc = asked.doc or (hits[0].doc if hits else None)
        if doc is None:
            return None
        found = {p: us for p, us in headed_by(asked.index.units(doc), noun, re.sub(r"[^\w\s]", " ", q.folded)).items()
                 if vocab.HEADING_ITEMS_MIN <= len(us) <= vocab.LIST_ITEMS_SHOWN}
        reached = {str(u.metadata.get("path", "")) for u in hits if u.doc == doc}
        paths = [p for p in found if p in reached] or (list(found) if len(found) == 1 else [])
        if len(paths) != 1:
            return None
        path = paths[0]
        cites = Cites()
        lines = [t("heading_items", title=path.rsplit(" › ", 1)[-1].strip(), count=len(found[path]))]
        lines += [f"{u.text.strip()} {cites.ref(u)}" for u in found[path]]
        return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="list",
                           intent=q.intent)

    @staticmethod
    def _numbered(asked: Asked, own: str) -> AskResponse | None:
        """What the heading the question names by its number holds (assistant/qa/numbered_heading.py): the headings
        right under it, counted, each cited by its first passage; else its points, each by its opening words."""
        doc = asked.doc or (asked.hits[0].doc if asked.hits else None)
        if doc is None:
            return None
        found = sections_numbered(asked.index.units(doc), own)
        if found is None:
            return None
        number, under = found
        kids = children(number, under, annex_named(own))
        in_kids = {id(v) for vs in kids.values() for v in vs}
        mine = [u for u in under if id(u) not in in_kids]  # the heading's own passages ("III. Mục tiêu … (Mức độ …)")
        parent = (min(len(str(u.metadata.get("path", "")).split(" › ")) for u in mine) if mine else
                  min(len(str(u.metadata.get("path", "")).split(" › ")) for u in under) - 1)  # its path's length
        title = ".".join(number)
        cites = Cites()
        if len(kids) >= vocab.HEADING_ITEMS_MIN:
            lines = [t("heading_items", title=title, count=len(kids))]
            lines += [f"{_first_line(u.text)} {cites.ref(u)}" for u in mine[:1]]
            for kid, units in kids.items():
                first = units[0]
                path = str(first.metadata.get("path", "")).split(" › ")
                # the child's own heading when it has one (a longer path than its parent's), else its opening words
                said = path[-1].strip() if len(path) > parent else _first_line(first.text)
                shown = said if fold(said).startswith(fold(kid)) else f"{kid}. {said}"
                lines.append(f"- {shown} {cites.ref(first)}")
        elif len(under) >= vocab.HEADING_ITEMS_MIN:
            shown_units = under[:vocab.LIST_ITEMS_SHOWN]
            lines = [t("heading_items", title=title, count=len(shown_units))]
            lines += [f"- {_first_line(u.text)} {cites.ref(u)}" for u in shown_units]
        else:
            return None  # one passage: the fact answers quote it
        return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="list",
                           intent=asked.query.intent)

    @staticmethod
    def _named(asked: Asked) -> AskResponse | None:
        """A heading the question names as such ("Mục phân công trách nhiệm … giao việc cho mấy nhóm đơn vị, là những
        đơn vị nào?"), its title of at least two words after "mục" or "phần": the headings right under it, counted
        and listed, each cited by its first passage. None unless exactly one heading is so named and it has at least
        two headings under it."""
        doc = asked.doc or (asked.hits[0].doc if asked.hits else None)
        if doc is None:
            return None
        folded = re.sub(r"[^\w\s]", " ", asked.query.folded)
        sections = [u for u in asked.index.units(doc) if u.kind == "section" and str(u.metadata.get("path", "")).strip()]
        children: dict[str, dict[str, Unit]] = {}
        points: dict[str, dict[str, Unit]] = {}  # a heading's numbered points that have no heading of their own
        for u in sections:
            parts = [p.strip() for p in str(u.metadata.get("path", "")).split(" › ")]
            for k in range(1, len(parts) + 1):
                children.setdefault(" › ".join(parts[:k]), {})
                if k < len(parts):
                    children[" › ".join(parts[:k])].setdefault(parts[k], u)
            if _POINT.match(u.text):
                points.setdefault(" › ".join(parts), {}).setdefault(u.label, u)
        # the heading is the question's subject: named in its first words ("Mục phân công trách nhiệm … giao việc
        # cho mấy nhóm"), not a place inside the thing asked ("đoạn … ở cuối phần trình tự thực hiện liệt kê …")
        named = [p for p in children if len(words := heading_title(p).split()) >= 2
                 and (m := re.search(rf"\b(?:muc|phan) {re.escape(' '.join(words))}\b", folded))
                 and m.start() <= vocab.NAMED_HEADING_START]
        if not re.search(r"\bphu luc\b", folded):  # (a question naming an annex means the annex's)
            named = _shallowest(named)
        if len(named) != 1:
            return None
        cites = Cites()
        under = children[named[0]]
        title = named[0].rsplit(" › ", 1)[-1]
        if len(under) >= vocab.HEADING_ITEMS_MIN:
            lines = [t("heading_items", title=title, count=len(under))]
            for heading, u in under.items():
                number = u.label.rsplit(" › ", 1)[-1].strip()
                lines.append(f"- {number + '. ' if number[:1].isdigit() else ''}{heading} {cites.ref(u)}")
        elif len(own := points.get(named[0], {})) >= vocab.HEADING_ITEMS_MIN:
            # "III. TỔ CHỨC THỰC HIỆN" whose points "1. Sở GDĐT ban hành …", "2. Phòng GDĐT …" are paragraphs,
            # not headings: each point by its opening words
            lines = [t("heading_items", title=title, count=len(own))]
            lines += [f"- {_opening(u.text)} {cites.ref(u)}" for u in own.values()]
        else:
            return None
        return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="list",
                           intent=asked.query.intent)


_POINT = re.compile(r"\s*(?:\d{1,2}|[a-zđ])\s*[.)]\s+\S")  # "1. Sở GDĐT …", "b) Phòng …"


def _shallowest(paths: list[str]) -> list[str]:
    """Of several headings with one title (in the body and inside an annex's template: "Tổ chức thực hiện"), the
    shallowest: a question that names no annex means the body's ("Phần tổ chức thực hiện của Công văn …")."""
    depth = min((p.count(" › ") for p in paths), default=0)
    return [p for p in paths if p.count(" › ") == depth]


def _passages_under(asked: Asked, titled: Callable[[str], bool], mode: str = "extractive") -> AskResponse | None:
    """Every passage under the one heading of the question's (or conversation's) document whose title (accent-free,
    without its number) `titled` accepts, cited; the shallowest when several are; None when none, or several at
    one depth."""
    doc = asked.doc or (asked.hits[0].doc if asked.hits else None)
    if doc is None:
        return None
    under: dict[str, list[Unit]] = {}
    for u in asked.index.units(doc):
        path = str(u.metadata.get("path", "")).strip()
        if u.kind == "section" and path and titled(heading_title(path)):
            under.setdefault(path, []).append(u)
    paths = _shallowest(list(under))
    if len(paths) != 1:
        return None
    cites = Cites()
    lines = [f"{u.text.strip()} {cites.ref(u)}" for u in under[paths[0]][:vocab.LIST_ITEMS_SHOWN]]
    return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode=mode,
                       intent=asked.query.intent)


def _first_line(text: str) -> str:
    """A passage's first line ("2.3. Cơ sở vật chất, thiết bị dạy học; …"), up to about two lines."""
    return _clipped(text.strip().split("\n", 1)[0].strip())


def _clipped(text: str) -> str:
    """`text`, cut at a word to about two lines ("… …") when longer."""
    return text if len(text) <= vocab.POINT_OPENING_CHARS else text[:vocab.POINT_OPENING_CHARS].rsplit(" ", 1)[0] + " …"


def _opening(text: str) -> str:
    """A point's first sentence or clause, up to about two lines."""
    text = text.strip()
    mark = _POINT.match(text)
    start = mark.end() - 1 if mark else 0  # (the point's own "1." is no sentence)
    first = text[:start] + re.split(r"(?<=[.;:])\s", text[start:], maxsplit=1)[0]
    return _clipped(first)
