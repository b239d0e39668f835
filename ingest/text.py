"""Vietnamese text helpers: markup removal for display, normal forms for matching, numbers.

The verbatim text of a unit is never changed by these functions' matching forms: `match_form` and
`fold` are used for indexing and comparison only.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_TAG = re.compile(r"<[^>]+>")
_MD_EMPH = re.compile(r"(\*\*\*|\*\*|\*|__)")
_SUP = re.compile(r"<sup>\s*(\d+)\s*</sup>", re.I)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_LI = re.compile(r"<li[^>]*>", re.I)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")


def superscript(n: str) -> str:
    return n.translate(_SUPERSCRIPT)


def strip_markup(s: str) -> str:
    """Markdown/HTML emphasis and tags removed, entities decoded, spaces collapsed; words untouched.

    Footnote references `<sup>1</sup>` become superscript digits ("trang bị¹") so they stay visible.
    List items inside a table cell (`<li>`) are kept apart with "; " only when the source had no
    separator of its own.
    """
    s = _SUP.sub(lambda m: superscript(m.group(1)), s)
    s = _LINK.sub(lambda m: m.group(1), s)
    s = _LI.sub(" ", s)
    s = re.sub(r"<br\s*/?>", " ", s, flags=re.I)
    s = _TAG.sub("", s)
    s = _MD_EMPH.sub("", s)
    s = html.unescape(s)
    s = _MD_ESCAPE.sub(r"\1", s)
    return _SPACES.sub(" ", s).strip()


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# The combining diacritics of Vietnamese (U+0300–U+036F, all category Mn): dropped by str.translate in C. A
# text still not ASCII afterwards may hold another script's marks: those go the slow way, character by character.
_COMBINING = dict.fromkeys(range(0x300, 0x370))


def fold(s: str) -> str:
    """Accent-free lowercase form: 'Hòa Đồng' -> 'hoa dong'."""
    s = unicodedata.normalize("NFD", nfc(s).lower()).translate(_COMBINING).replace("đ", "d")
    if s.isascii():
        return s
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=4096)
def _tone_normalize(s: str) -> str:
    # underthesea's text_normalize fixes tone-mark placement variants ("hoà" / "hòa").
    from underthesea import text_normalize

    return str(text_normalize(s))


def match_form(s: str) -> str:
    """NFC, tone marks normalised (underthesea), lowercase, spaces collapsed."""
    s = nfc(s)
    if s.strip():
        s = _tone_normalize(s)
    return _SPACES.sub(" ", s.lower()).strip()


def has_diacritics(s: str) -> bool:
    return fold(s) != s.lower()


# Numbers are read the Vietnamese way: "." groups thousands, "," is the decimal mark.
_NUM = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^[-+]?\d+(?:,\d+)?$")
_PCT = re.compile(r"^([-+]?[\d.,]+)\s*%$")


def parse_vn_number(s: str) -> float | None:
    """'55.500' -> 55500.0; '78,18' -> 78.18; '-' or text -> None."""
    t = s.strip().replace(" ", "")
    if not t or not _NUM.match(t):
        return None
    return float(t.replace(".", "").replace(",", "."))


def parse_vn_percent(s: str) -> float | None:
    """'78,18%' -> 78.18; anything else -> None."""
    m = _PCT.match(s.strip())
    return parse_vn_number(m.group(1)) if m else None


def parse_cell_value(s: str) -> float | None:
    """A cell holding just a number or a percentage, else None."""
    return parse_vn_percent(s) if s.strip().endswith("%") else parse_vn_number(s)


_NUMBER_TOKEN = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d])")


def drop_thousands_separators(s: str) -> str:
    """'55.500 triệu' -> '55500 triệu' (for matching only)."""
    return _NUMBER_TOKEN.sub(lambda m: m.group(0).replace(".", ""), s)


ROMAN = re.compile(r"^[IVXLC]+$")


def is_year(number: str) -> bool:
    """A number written as a year ("2025", "1998"), not a document's number ("4532", "753")."""
    return len(number) == 4 and number[:2] in ("19", "20")


def is_roman(s: str) -> bool:
    return bool(ROMAN.match(s))


_TOKEN = re.compile(r"[^\W_]+(?:[.,/][0-9]+)*%?")


def tokens(text: str, accents: bool = False) -> list[str]:
    """Syllables for matching: accent-free by default; with `accents`, lowercased NFC with tone marks
    normalised, so a question typed with diacritics does not match a different word ("lương" is not
    "lượng") while one typed without still matches."""
    return list(_tokens(text, accents))


_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


@lru_cache(maxsize=4096)
def _tokens(text: str, accents: bool) -> tuple[str, ...]:
    # Cached: answering reads the same retrieved passages' syllables for every candidate and every question.
    base = match_form(text) if accents else fold(text)
    return tuple(t.replace(".", "") if _THOUSANDS.fullmatch(t) else t for t in _TOKEN.findall(base))


def bigrams(toks: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)}


# -- Vietnamese syllables -------------------------------------------------------------------------------------
# Written Vietnamese is a string of syllables: onset + rhyme + tone. Which ones can exist follows from the
# sound system (phonotactics), so a closed description of it tells a real syllable ("dục", "Quản", "nghiệp")
# from a piece of one ("d", "Qu", "ục" is real too) or a letter left by a broken text layer ("B O HI M").
_ONSETS = ("ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")  # fmt: skip
_OPEN_RHYMES = (
    "a e ê i y o ô ơ u ư ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ua ưa ưu iêu yêu uôi ươi ươu "
    "oa oe uê uy oai oay oao oeo uây uya uyu uơ"
)
# Nucleus -> codas it takes (m n ng nh p t c ch; k only in Central Highlands names: "Đắk Lắk").
_CLOSED_RHYMES = {
    "a": "m n ng nh p t c ch k", "ă": "m n ng p t c k", "â": "m n ng p t c", "e": "m n ng p t c",
    "ê": "m n nh p t ch", "i": "m n nh p t ch", "y": "t nh ch", "o": "m n ng p t c k", "oo": "ng c",
    "ô": "m n ng p t c k", "ơ": "m n p t", "u": "m n ng p t c", "ư": "m n ng t c", "iê": "m n ng p t c",
    "yê": "m n ng t", "uô": "m n ng t c", "ươ": "m n ng p t c", "oa": "m n ng nh p t c ch", "oă": "m n ng t c",
    "oe": "m n t", "uâ": "n ng t", "uê": "nh ch", "uy": "n nh t ch p", "uyê": "n t",
}
_RHYMES = frozenset(_OPEN_RHYMES.split()) | frozenset(
    nucleus + coda for nucleus, codas in _CLOSED_RHYMES.items() for coda in codas.split()
)
_STOPS = ("p", "t", "c", "ch", "k")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_FRONT = ("i", "e", "ê", "y")


def syllable_parts(word: str) -> tuple[str, str, str] | None:
    """(onset, rhyme, tone mark) of a written Vietnamese syllable, any case, or None when the letters cannot
    form one: 'Quản' -> ('qu', 'an', '\u0309'); 'dục' -> ('d', 'uc', '\u0323'); 'd', 'Qu', 'cm', 'SởGD' -> None."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in nfd if c in _TONES]
    if len(tones) > 1:
        return None
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    if not base or any(unicodedata.combining(c) for c in base):
        return None
    tone = tones[0] if tones else ""
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset):]
        if onset == "gi" and rhyme not in _RHYMES:
            continue  # "gìn" is g + in, tried below
        if rhyme not in _RHYMES:
            continue
        if onset in ("gh", "ngh") and not rhyme.startswith(_FRONT):
            continue
        if onset in ("g", "ng") and rhyme.startswith(("e", "ê")):
            continue
        if onset == "qu" and rhyme.startswith(("u", "o")):
            continue
        if rhyme.endswith(_STOPS) and tone not in ("", "\u0301", "\u0323"):
            continue  # a stop coda takes only sắc or nặng ("dùc" is no syllable)
        if rhyme.endswith(_STOPS) and tone == "":
            continue
        return onset, rhyme, tone
    return None


def is_syllable(word: str) -> bool:
    """True for a possible written Vietnamese syllable (see `syllable_parts`)."""
    return syllable_parts(word) is not None
