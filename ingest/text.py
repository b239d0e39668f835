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


def fold(s: str) -> str:
    """Accent-free lowercase form: 'Hòa Đồng' -> 'hoa dong'."""
    s = unicodedata.normalize("NFD", nfc(s).lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d")


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


def is_roman(s: str) -> bool:
    return bool(ROMAN.match(s))


_TOKEN = re.compile(r"[^\W_]+(?:[.,/][0-9]+)*%?")


def tokens(text: str, accents: bool = False) -> list[str]:
    """Syllables for matching: accent-free by default; with `accents`, lowercased NFC with tone marks
    normalised, so a question typed with diacritics does not match a different word ("lương" is not
    "lượng") while one typed without still matches."""
    base = match_form(text) if accents else fold(text)
    return [t.replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", t) else t for t in _TOKEN.findall(base)]


def bigrams(toks: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)}
