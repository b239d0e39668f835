"""A second look inside the document a question names, without the words that name it.

"Gói thuê phần mềm quản lý bệnh viện năm 2026 của Bệnh viện Tâm thần tỉnh Quảng Ngãi có thời gian thực hiện
hợp đồng bao lâu?": most of its words name the document, and they match the document's opening lines better
than the line that answers ("Thời gian thực hiện hợp đồng: 12 tháng."), so the first search fills its
candidates with the opening. The passage choice already counts naming words as covered by every passage of
their document (assistant/qa/docname.py), but it can only choose among the candidates it is given.

`refocused` searches again inside that document with the question's other words, and fuses the two rankings by
reciprocal rank: the first search's order is kept where the second agrees, and a passage only the content
words find joins the candidates. (Replacing the first search instead measured worse: naming words are
sometimes content words too, "chuyển đổi số" in a digital-transformation plan.)
"""

from __future__ import annotations

from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, tokens


def main_document(hits: list[Unit], depth: int = vocab.REFOCUS_DOC_HITS) -> str | None:
    """The document most of the best hits come from (rank-weighted), when it holds at least half the weight."""
    weight: dict[str, float] = {}
    for rank, u in enumerate(hits[:depth]):
        weight[u.doc] = weight.get(u.doc, 0.0) + 1.0 / (rank + 1)
    if not weight:
        return None
    doc = max(weight, key=lambda d: weight[d])
    return doc if weight[doc] >= 0.5 * sum(weight.values()) else None


def unnamed_words(words: list[str], name: str) -> list[str]:
    """The question's content words less those that name the document: a word goes when it and a neighbour
    form a pair of the name's words ("tiểu học" of "… nhà trường cấp tiểu học", not "giáo" of "giáo viên"
    for a name with "giáo dục"), or when it is a number of the name ("2345")."""
    name_tokens = [fold(t) for t in tokens(name)]
    pairs = set(zip(name_tokens, name_tokens[1:], strict=False))
    numbers = {t for t in name_tokens if any(c.isdigit() for c in t)}
    folded = [fold(w) for w in words]
    return [w for i, (w, f) in enumerate(zip(words, folded, strict=True))
            if not (f in numbers or (i > 0 and (folded[i - 1], f) in pairs)
                    or (i + 1 < len(folded) and (f, folded[i + 1]) in pairs))]


def content_query(words: list[str], name: str) -> str | None:
    """`unnamed_words` as a query; None when too little is left, or when no word named the document."""
    kept = unnamed_words(words, name)
    if len(kept) == len(words) or len(kept) < vocab.REFOCUS_MIN_WORDS:
        return None
    return " ".join(kept)


def fuse(first: list[Unit], second: list[Unit], k: int = vocab.REFOCUS_RRF_K) -> list[Unit]:
    """Reciprocal-rank fusion of two rankings of units (ties keep the first ranking's order)."""
    score: dict[str, float] = {}
    by_id: dict[str, Unit] = {}
    order: dict[str, int] = {}
    for ranking in (first, second):
        for rank, u in enumerate(ranking):
            score[u.id] = score.get(u.id, 0.0) + 1.0 / (k + rank + 1)
            by_id.setdefault(u.id, u)
            order.setdefault(u.id, len(order))
    return [by_id[i] for i in sorted(score, key=lambda i: (-score[i], order[i]))]
