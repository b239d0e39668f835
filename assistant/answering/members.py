"""The people of a list who belong to a body the question names: "Trong Ban Tổ chức …, những ai thuộc Phòng Giáo dục
Phổ thông Sở GDĐT?" is answered by every line of the list naming that body ("- Bà Lâm Hồng Lãm Thúy, Trưởng phòng
Giáo dục Phổ thông Sở GDĐT, Phó Trưởng ban;", "- Ông Trần Thanh Phong, Chuyên viên Phòng Giáo dục Phổ thông …"), each
cited, rather than by the one line retrieval ranked first.

Why by hand: a list of members is one line per person, each a passage of its own; retrieval ranks them by the words
they share with the question, which every member's line shares alike ("Sở GDĐT", "Phó Trưởng ban"). None unless at
least two lines of one list name a person ("Ông", "Bà", "Đồng chí") and the body.
"""

from __future__ import annotations

import re

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, has_diacritics


def asked_body(folded_question: str) -> str:
    """The body whose people are asked ("nhung ai thuoc phong giao duc pho thong so gddt" -> "phong giao duc pho
    thong so gddt"); "" when the question asks no such list."""
    return _asked(folded_question)[0]


def _asked(folded_question: str) -> tuple[str, tuple[int, int]]:
    """The body asked and where the question writes it."""
    m = vocab.MEMBERS_OF_Q.search(folded_question)
    if m is None:
        return "", (0, 0)
    body = re.sub(r"\s+", " ", re.sub(r"[^a-z0-9&/ -]", " ", m.group(1))).strip()
    return (body, m.span(1)) if len(body.split()) >= vocab.MEMBERS_BODY_MIN_WORDS else ("", (0, 0))


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9&]+", fold(text)))


def _title(units: list[Unit]) -> str:
    """A list's heading: the first line of its first passage when it is no person's ("2. Ban Tổ chức")."""
    first = units[0].text.strip().split("\n")[0]
    return "" if vocab.PERSON_LINE_F.match(_plain(first).lstrip("- ")) else first


class MembersOf:
    name = "members"

    def run(self, asked: Asked) -> AskResponse | None:
        own = fold(asked.query.text)
        body, (start, end) = _asked(own)
        if not body or not asked.hits:
            return None
        wanted = _plain(body)
        doc = asked.doc or asked.hits[0].doc
        lists: dict[str, list[Unit]] = {}
        for u in asked.index.units(doc):
            if u.kind == "section":
                lists.setdefault(u.label, []).append(u)
        best: tuple[int, int, str, list[tuple[Unit, str]]] | None = None
        words = set(own.split())
        for label, units in lists.items():
            found = [(u, line.strip()) for u in units for line in u.text.split("\n")
                     if vocab.PERSON_LINE_F.match(_plain(line).lstrip("- ")) and wanted in _plain(line)]
            if len(found) < 2:
                continue
            named = len(words & set(_plain(_title(units)).split()))  # the list the question names ("Ban Tổ chức")
            if best is None or (named, len(found)) > (best[0], best[1]):
                best = (named, len(found), label, found)
        if best is None:
            return None
        cites = Cites()
        title = _title(lists[best[2]])
        typed = asked.query.text  # the body as the asker wrote it (folding keeps positions), else as a line writes it
        written = typed[start:end].strip() if len(typed) == len(own) and has_diacritics(typed) else ""
        lines = [t("members_of", count=len(best[3]), body=written or body_as_written(best[3][0][1], wanted) or body,
                   list=f" ({title.strip(' :')})" if title else "")]
        lines += [f"{line} {cites.ref(u)}" for u, line in best[3]]
        return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="list",
                           intent="list")


def body_as_written(line: str, wanted: str) -> str:
    """The body as the line writes it ("Phòng Giáo dục Phổ thông Sở GDĐT"), found word for word, accents aside."""
    words = line.split()
    n = len(wanted.split())
    for i in range(len(words)):
        for j in range(i + n, min(len(words), i + n + 3) + 1):
            piece = " ".join(words[i:j]).strip(",;.")
            if _plain(piece) == wanted:
                return piece
    return ""
