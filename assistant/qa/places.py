"""Provinces a question names by their proper name ("tỉnh Hà Giang", "thành phố Cần Thơ"): a document that never
mentions one is another province's (or a national text), and cannot say what that province does, whatever passage
scores best. Districts, communes and schools are not read (ingest/vocab.py PLACE_NOUNS says why).

Only names written with capitals are read: "xa nao o tinh ha giang" typed without them gives no boundary between
the name and the rest of the sentence (the check then says nothing, as before).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest import vocab
from ingest.text import fold, tokens

_NOUN = re.compile(rf"\b(?:{vocab.PLACE_NOUNS})\s+")
_LOCAL_NOUN = re.compile(rf"\b(?:{vocab.LOCAL_PLACE_NOUNS})\s+")


def _titled(word: str) -> bool:
    # one capital letter is a syllable too ("Y" of "Y Dược")
    return word[0].isupper() and (len(word) == 1 and word.isalpha() or len(word) > 1 and word[1:].islower())


def _not_name(word: str) -> bool:
    """A word that follows a name ("Thì", "Được"), as typed: "Dược" of "Y Dược" is no "được" (folded, they are one)."""
    low = word.lower()
    return fold(low) in vocab.PLACE_NOT_NAME and (low == fold(low) or low in vocab.PLACE_NOT_NAME_VI)


def named_places(question: str, local: bool = False) -> list[str]:
    """The proper names the question gives provinces, as written ("Hà Giang"); none when the asker names their own
    place ("Tôi dạy ở tỉnh X …": the plan still answers them). `local`: those it gives districts, communes and
    wards instead ("huyện Quỳnh Lưu")."""
    if vocab.PLACE_SELF_Q.search(question.lower()):
        return []
    names = []
    for m in (_LOCAL_NOUN if local else _NOUN).finditer(question):
        words: list[str] = []
        # capitalised syllables only: "Giang", not "ở", "TP" or "HCM" (an abbreviation ends the name)
        for w in question[m.end():].split()[:4]:
            core = w.strip(",.;:?!()\"“”")
            if not core or not _titled(core) or (words and w[0] in "(\"“["):  # "Phú Thọ (Công văn 4532 …)": an
                break  # opening bracket or quote starts something else
            words.append(core)
            if core != w:  # punctuation ends the name
                break
        while words and _not_name(words[-1]):  # "tỉnh Hà Giang Thì …": not the name's
            words.pop()
        if words and not (len(words) == 1 and len(words[0]) < 3):
            names.append(" ".join(words))
    return list(dict.fromkeys(names))


def place_outside(names: list[str], document: Iterable[str]) -> bool:
    """A place the question names occurs nowhere in the document (its passages and its name, accents
    ignored, whole words): the document does not speak of it. `document` is read only as far as needed."""
    if not names:
        return False
    # the name or its initials ("Hồ Chí Minh": "HCM" of "TP.HCM")
    left = {" ".join(tokens(n)): "".join(w[0] for w in tokens(n)) for n in names}
    for text in document:
        folded = " " + " ".join(tokens(text)) + " "
        left = {n: i for n, i in left.items() if f" {n} " not in folded and (len(i) < 2 or f" {i} " not in folded)}
        if not left:
            return False
    return True


_BODY = re.compile(rf"\b({vocab.BODY_NOUNS})\s+")


def named_bodies(question: str) -> list[tuple[str, str]]:
    """The offices and bodies the question names by their proper name ("Sở Tư pháp", "So Y te", "Trung tâm Thông
    tin"), as (the name's first two words accent-free, the initials of the whole: "tu phap", "stp"); none when the
    asker names their own ("tôi làm ở Phòng Nội vụ"). Only a capitalised noun followed by a capitalised word is read
    ("Ban Tổ chức", not "ban hành"; "Bộ GDĐT" is an abbreviation, checked elsewhere)."""
    if vocab.PLACE_SELF_Q.search(question.lower()):
        return []
    out = []
    for m in _BODY.finditer(question):
        words = [w.strip(",.;:?!()\"“”") for w in question[m.end():].split()[:2]]
        if not words or not words[0] or not _titled(words[0]) or _not_name(words[0]) or _BODY.match(words[0] + " "):
            continue  # "Văn phòng Sở chủ trì": the body's own office, no name
        if len(words) > 1 and (not words[1].isalpha() or _not_name(words[1]) or words[1].isupper()):
            words = words[:1]
        key = " ".join(tokens(" ".join(words)))
        if len(key) < 3:
            continue
        out.append((key, "".join(w[0] for w in tokens(f"{m.group(1)} {' '.join(words)}"))))
    return list(dict.fromkeys(out))


def body_outside(bodies: list[tuple[str, str]], document: Iterable[str]) -> bool:
    """A body the question names occurs nowhere in the document, by its words or its initials ("STP")."""
    left = set(bodies)
    for text in document:
        folded = " " + " ".join(tokens(text)) + " "
        left = {(k, i) for k, i in left if f" {k} " not in folded and f" {i} " not in folded}
        if not left:
            return False
    return bool(left)
