"""The parts a document is divided into: "Công văn này chia nội dung thành mấy mục chính, gồm những mục nào?", "Kế
hoạch gồm mấy phần lớn?" is answered with the document's top-level headings, counted, each cited by its first
passage, rather than with the one passage that covers the question best.

The top level is the first element of the sections' heading paths ("1", "2", "3" / "Phần I", "Phần II"), in the
document's order; the preamble (no path) and the annexes' tables are not parts. None when the question does not ask
for the document's parts, or the document has fewer than two.
"""

from __future__ import annotations

import re

from assistant.answering.asked import Asked
from assistant.answering.document_facts import named_meta
from assistant.qa.compose import Cites
from assistant.qa.docname import name_text
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit
from ingest.text import fold


def top_parts(units: list[Unit]) -> list[tuple[str, Unit]]:
    """Each top-level heading, as "number. title" (the label's first number, "III" of "III.1", and the path's first
    element, its title: "III. LĨNH VỰC VÀ QUY ĐỊNH VỀ BÀI DỰ THI"), with its first section. A number met again
    ("I. TRƯỜNG PHỔ THÔNG" after "V.") starts a list attached after the plan, not one of its parts: the parts end
    there."""
    out: dict[str, tuple[str, Unit]] = {}
    numbers: set[str] = set()
    for u in units:
        path = str(u.metadata.get("path", "")).strip()
        if u.kind != "section" or not path:
            continue
        top = path.split(" › ")[0].strip()
        if top in out:
            continue
        if top.lower().startswith(vocab.OUTLINE_SKIPPED_PARTS):
            break
        number = u.label.split(" › ")[0].split(".")[0].strip() if u.label and u.label[:1].isalnum() else ""
        if number and number in numbers:
            break
        numbers.add(number)
        title = top if not number or fold(top).startswith(fold(number)) else f"{number}. {top}"
        out[top] = (title[:vocab.OUTLINE_TITLE_MAX_CHARS], u)
    return list(out.values())


class Outline:
    name = "outline"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        m = vocab.OUTLINE_Q.search(q.folded)
        if m is None:
            return None
        meta = named_meta(asked)
        doc = asked.doc or (meta.doc if meta is not None else None)
        if doc is None or meta is None and (meta := asked.index.metas([doc]).get(doc)) is None:
            return None
        named = set(fold(f"{name_text(meta)} {doc.replace('-', ' ')}").split())
        subject = set(re.findall(r"\w+", q.folded[:m.start()])) - vocab.OUTLINE_FRAME_WORDS
        if not subject <= named:
            return None  # "Kế hoạch bài dạy gồm những phần chính nào": the parts of a thing the document describes
        parts = top_parts(asked.index.units(doc))
        if len(parts) < 2:
            return None
        cites = Cites()
        lines = [t("outline_header", count=len(parts))]
        lines += [f"- {title} {cites.ref(u)}" for title, u in parts]
        return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), intent=q.intent)
