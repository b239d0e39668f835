"""The items under a heading the question asks several of: "việc xây dựng kế hoạch nhằm những mục đích gì?" is
answered by every point under "1. Mục đích" (a), b) …), each cited, rather than by the one passage that covers the
question best. The heading is one of the question's document whose title is the noun asked ("mục đích", "giải
pháp"), preferring one retrieval reached; None when no heading, or several none of which retrieval reached."""

from __future__ import annotations

import re

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites
from assistant.qa.listqa import headed_by, heading_title
from assistant.qa.query import open_entity
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab
from ingest.models import Unit


class HeadingItems:
    name = "heading"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        kind, noun = open_entity(q.folded)
        if kind != "list" or not noun or q.intent == "count" or q.follow_up or noun in vocab.LIST_GENERIC_NOUNS:
            named = self._named(asked) if (kind in ("list", "count") or q.intent in ("list", "count")) and \
                not q.follow_up else None
            return named
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
        for u in sections:
            parts = [p.strip() for p in str(u.metadata.get("path", "")).split(" › ")]
            for k in range(1, len(parts)):
                children.setdefault(" › ".join(parts[:k]), {}).setdefault(parts[k], u)
        # the heading is the question's subject: named in its first words ("Mục phân công trách nhiệm … giao việc
        # cho mấy nhóm"), not a place inside the thing asked ("đoạn … ở cuối phần trình tự thực hiện liệt kê …")
        named = [p for p in children if len(words := heading_title(p).split()) >= 2
                 and (m := re.search(rf"\b(?:muc|phan) {re.escape(' '.join(words))}\b", folded))
                 and m.start() <= vocab.NAMED_HEADING_START]
        if len(named) != 1 or len(children[named[0]]) < vocab.HEADING_ITEMS_MIN:
            return None
        cites = Cites()
        under = children[named[0]]
        lines = [t("heading_items", title=named[0].rsplit(" › ", 1)[-1], count=len(under))]
        for heading, u in under.items():
            number = u.label.rsplit(" › ", 1)[-1].strip()
            lines.append(f"- {number + '. ' if number[:1].isdigit() else ''}{heading} {cites.ref(u)}")
        return AskResponse(answer="\n".join(lines), abstained=False, citations=cites.citations(), mode="list",
                           intent=asked.query.intent)
