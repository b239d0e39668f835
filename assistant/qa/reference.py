"""A follow-up naming an instrument of the conversation by pointing at it ("Nghị định đó ban hành ngày nào?", "Thông
tư ấy do ai ban hành?"): the instrument the conversation named, put in its place.

"Nghị định đó" is the decree the previous turns cited ("… căn cứ Nghị định số 63/2010/NĐ-CP"), not the document
asked about: left as it is, "ban hành ngày nào" was read as a question about the document's own header (its date,
its issuer) and answered from it. "… này" is left alone: it points at the document itself ("công văn này gửi ai").
Pure functions on strings; the answerer calls `resolve_reference` before reading the question.
"""

from __future__ import annotations

import re

from ingest.text import fold, nfc

# The kinds of instrument a plan cites (accent-free, as folded text writes them).
_KINDS = ("nghi dinh", "thong tu", "cong van", "quyet dinh", "chi thi", "nghi quyet", "luat", "van ban",
          "ke hoach", "thong bao", "huong dan", "de an", "chuong trinh")
# "<kind> đó / ấy / nói trên / vừa nêu / kia" in the question (folded): the kind, and where the pointer is.
POINTED = re.compile(r"\b(" + "|".join(_KINDS) + r") (do|ay|noi tren|vua neu|kia)\b")
# A numbered instrument in a turn, as written: "Nghị định số 63/2010/NĐ-CP", "Công văn 909/BGDĐT-GDTH",
# "Thông tư số 04/2023/TT-BGDĐT". Its kind is matched on the folded form, which keeps every character's place.
_NUMBERED = re.compile(r"\b(" + "|".join(_KINDS) + r")(?: so)? (\d[\w.]*(?:/[\w.\-]+)+)")


def mentioned(text: str, kind: str) -> list[str]:
    """The numbered instruments of `kind` a turn names, as written there, in order ("văn bản" is any kind)."""
    text = nfc(text)
    folded = fold(text)
    if len(folded) != len(text):  # folding changed the length (a rare ligature): positions would not line up
        return []
    return [text[m.start():m.end()].rstrip(".-") for m in _NUMBERED.finditer(folded)  # not the sentence's full stop
            if kind == "van ban" or m.group(1) == kind]


def resolve_reference(question: str, history: list[tuple[str, str]] | None) -> str:
    """`question` with "<kind> đó" replaced by the last instrument of that kind the conversation named (the latest
    turn first, the assistant's answer before the question it answered); unchanged when it points at none or the
    conversation named none, or several different ones in the same turn (which one is meant is not known)."""
    question = nfc(question)
    folded = fold(question)
    m = POINTED.search(folded)
    if m is None or not history or len(folded) != len(question):
        return question
    for _, content in reversed(history):
        found = list(dict.fromkeys(mentioned(content, m.group(1))))
        if len(found) == 1:
            return question[:m.start()] + found[0] + question[m.end():]
        if found:
            return question
    return question


def points_at_instrument(question: str) -> bool:
    """The question points at an instrument named before ("Thông tư đó …"): a follow-up however it is worded."""
    return bool(POINTED.search(fold(question)))
