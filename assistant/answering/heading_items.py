"""The items under a heading the question asks several of: "việc xây dựng kế hoạch nhằm những mục đích gì?" is
answered by every point under "1. Mục đích" (a), b) …), each cited, rather than by the one passage that covers the
question best. The heading is one of the question's document whose title is the noun asked ("mục đích", "giải
pháp"), preferring one retrieval reached; None when no heading, or several none of which retrieval reached."""

from __future__ import annotations

import re

from assistant.answering.asked import Asked
from assistant.qa.compose import Cites
from assistant.qa.listqa import headed_by
from assistant.qa.query import open_entity
from assistant.qa.templates import t
from assistant.schemas import AskResponse
from ingest import vocab


class HeadingItems:
    name = "heading"

    def run(self, asked: Asked) -> AskResponse | None:
        q = asked.query
        kind, noun = open_entity(q.folded)
        if kind != "list" or not noun or q.intent == "count" or q.follow_up or noun in vocab.LIST_GENERIC_NOUNS:
            return None
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
