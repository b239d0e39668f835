"""The words a document is named by.

Users name the document they ask about in their own words ("Bệnh viện X nhận báo giá gói … từ ngày nào?",
"Theo Công văn 2345, …", "đề án STEM của tỉnh Y giai đoạn 2 …"). Those words match the document's title and its
opening sentence better than the passage that answers, so left alone they pull the answer towards the title
line ("Tên văn bản: …") or the sentence that announces the plan ("X ban hành Kế hoạch … như sau:").

`name_text` gives them: its identity in the header (type, title, number, issuer and its parent, place: the meta
unit's lines, ingest/units.py). The passage choice and the evidence test (assistant/qa/compose.py,
assistant/answering/fact_answers.py) count them as covered by every passage of that document: they tell the
documents apart, and the content words choose the passage.
"""

from __future__ import annotations

from ingest import vocab
from ingest.models import Unit
from ingest.text import fold, is_year, tokens


def meta_lines(meta: Unit) -> list[tuple[str, str]]:
    """(label, line) of each "Label: value" line of a meta unit (ingest/units.py `meta_unit`), in order."""
    return [(line.split(":", 1)[0].strip(), line) for line in meta.text.split("\n") if ":" in line]


def name_text(meta: Unit) -> str:
    """A document's naming text: the identity lines of its meta unit."""
    return "\n".join(line.split(":", 1)[1].strip() for label, line in meta_lines(meta) if label in vocab.NAME_FIELDS)


def _name_tokens(text: str) -> list[str]:
    return [fold(t) for t in tokens(text)]


def _is_doc_number(token: str) -> bool:
    """A number a document is named by ("753", "4532"), not a year, which many names share with the text."""
    return token.isdigit() and len(token) >= 3 and not is_year(token)


def named_document(question: str, names: dict[str, str]) -> str | None:
    """The one document among the candidates (`names`: doc id -> its naming text, `name_text`, with the id, which
    is its uploader's file name) that the question names in words: it shares word pairs with the question ("xét
    tuyển", "nội trú") or a document number ("753") that no other candidate's name has, at least
    NAMED_DOC_MIN_MATCHES of them (a number counts twice), and NAMED_DOC_DOMINANCE times as many as any other
    candidate has of its own ("học sinh" of a decree's name beside a procedure's whole name). The words
    every candidate shares ("kế hoạch", "giáo dục", a province several documents are of) tell nothing apart; and
    the question must name a kind of document ("theo thủ tục …", "kế hoạch …", "công văn …"): without one, words it
    shares with a name are its topic ("tỷ lệ hài lòng về dịch vụ công" of a plan, not the survey's name).

    Why by hand: the question's words that name a document are found by the search as well, but mixed with its
    content words; a passage of another document that matches those better won the answer ("hồ sơ … nộp mấy bộ"
    of a procedure answered from a decree's article on another procedure)."""
    if not vocab.DOC_KIND_Q.search(fold(question)):
        return None  # a question naming no kind of document ("… hài lòng về dịch vụ công …") shares a topic, not a name
    q = _name_tokens(question)
    # a pair led by a function word ("cho trẻ" of "chính sách cho trẻ em" and of "kit STEM cho trẻ mầm non") or by a
    # date's word ("năm 2026") names nothing
    # nor does a pair ending on the first syllable of a kind of document ("trung tâm | thông báo những gì": the kind
    # starts a name, or is a verb; the syllable before it is another word's: "Trung tâm Thông tin" is not named)
    joined = " ".join(q)
    kind_starts = {joined[:m.start()].count(" ") for m in vocab.DOC_KIND_Q.finditer(joined)}
    q_pairs = {p for i, p in enumerate(zip(q, q[1:], strict=False))
               if p[0] not in vocab.NAME_PAIR_SKIP and i + 1 not in kind_starts}
    q_numbers = {t for t in q if _is_doc_number(t)}
    matched: dict[str, tuple[set[tuple[str, str]], set[str]]] = {}
    for doc, name in names.items():
        n = _name_tokens(f"{name} {doc.replace('-', ' ')}")
        matched[doc] = ({p for p in zip(n, n[1:], strict=False) if p in q_pairs}, {t for t in n if t in q_numbers})
    numbered = set(vocab.NUMBERED_DOC_Q.findall(fold(question)))  # "Công văn 2345" (not "Thông tư 32/2018": cited)
    holders = [d for d, (_, numbers) in matched.items() if numbers & numbered]
    if len(holders) == 1:
        return holders[0]
    own: dict[str, int] = {}
    for doc, (pairs, numbers) in matched.items():
        other_pairs = set().union(*(p for d, (p, _) in matched.items() if d != doc))
        other_numbers = set().union(*(n for d, (_, n) in matched.items() if d != doc))
        own[doc] = len(pairs - other_pairs) + 2 * len(numbers - other_numbers)
    ranked = sorted(own, key=lambda d: -own[d])
    if not ranked or own[ranked[0]] < vocab.NAMED_DOC_MIN_MATCHES or \
            (len(ranked) > 1 and own[ranked[1]] * vocab.NAMED_DOC_DOMINANCE > own[ranked[0]]):
        return None
    return ranked[0]
