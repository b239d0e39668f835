"""Is a text layer real Vietnamese? Catches OCR noise, diacritic-stripped exports and legacy-font mojibake
(TCVN3/VNI text decoded as Latin-1: "KÕ ho¹ch") before they are indexed and quoted back to users."""

from __future__ import annotations

import re
import unicodedata

# Marks Vietnamese puts on vowels: grave, acute, tilde, hook above, dot below, circumflex, breve, horn.
_VI_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}
_VI_BASES = set("aeiouyAEIOUY")
# Frequent words of plan prose (compounds such as "thực hiện" count per syllable).
_FUNCTION_TEXT = (
    "của và các được trong cho với là có những theo năm này đã để không một người khi đến từ về tại "
    "trên thực hiện cơ sở đơn vị tỉnh huyện xã phát triển kế hoạch nhiệm vụ giáo dục quản lý đảm bảo "
    "bảo đảm tổ chức triển khai nội dung số hóa hoạt động"
)
FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
MIN_LETTERS = 40
MIN_DIACRITIC_WORDS = 0.25
MIN_FUNCTION_WORDS = 0.03  # low: an annex that is only a list of school names has ~7%
MAX_FOREIGN_MARKS = 0.03
MAX_JUNK = 0.04
_WORD = re.compile(r"[^\W\d_]+")
# Punctuation plans really use; anything else that is neither letter, digit nor space counts as junk.
_PUNCT = set(".,;:!?()[]{}-–—/%\"'“”‘’…«»+*&<>=#°§№ₓ\u00a0·•")


def _marks(ch: str) -> tuple[str, set[str]]:
    nfd = unicodedata.normalize("NFD", ch)
    return nfd[:1], {c for c in nfd[1:] if unicodedata.combining(c)}


def is_vietnamese_marked(ch: str) -> bool:
    """True for a letter carrying Vietnamese diacritics (ế, ợ, ă, đ ...)."""
    if ch in "đĐ":
        return True
    base, marks = _marks(ch)
    return bool(marks) and base in _VI_BASES and marks <= _VI_MARKS


def _is_foreign_marked(ch: str) -> bool:
    """A marked Latin letter Vietnamese never uses (ä, ç, ¸-style mojibake: Ö, µ, ¶ ...)."""
    if not ch.isalpha() or ch in "đĐ" or ord(ch) < 0x80:
        return False
    if ord(ch) >= 0x250:  # beyond Latin Extended-B: not a Latin-script letter at all here
        return not ("\u1ea0" <= ch <= "\u1ef9")  # Latin Extended Additional holds ạ..ỹ
    return not is_vietnamese_marked(ch)


def text_stats(text: str) -> dict[str, float]:
    """Shares that tell real Vietnamese from a broken text layer."""
    text = unicodedata.normalize("NFC", text)
    words = _WORD.findall(text)
    letters = [c for c in text if c.isalpha()]
    visible = [c for c in text if not c.isspace()]
    n_words = max(len(words), 1)
    lower = [w.lower() for w in words]
    return {
        "letters": float(len(letters)),
        "diacritic_words": sum(any(is_vietnamese_marked(c) for c in w) for w in words) / n_words,
        "function_words": sum(w in FUNCTION_WORDS for w in lower) / n_words,
        "foreign_marks": sum(_is_foreign_marked(c) for c in letters) / max(len(letters), 1),
        "junk": sum(not (c.isalnum() or c in _PUNCT) for c in visible) / max(len(visible), 1),
    }


def assess_vietnamese_text(text: str) -> tuple[bool, str]:
    """(ok, detail). Texts with fewer than ~40 letters pass: too little to judge (the caller decides
    whether that is "no content"). The detail is short and Vietnamese, e.g. "3% từ có dấu"."""
    s = text_stats(text)
    if s["letters"] < MIN_LETTERS:
        return True, "quá ít chữ để đánh giá"
    pct = {k: round(v * 100) for k, v in s.items()}
    if s["junk"] > MAX_JUNK:
        return False, f"{pct['junk']}% ký tự rác"
    if s["foreign_marks"] > MAX_FOREIGN_MARKS:
        return False, f"{pct['foreign_marks']}% chữ có dấu lạ (sai bảng mã)"
    if s["diacritic_words"] < MIN_DIACRITIC_WORDS:
        return False, f"{pct['diacritic_words']}% từ có dấu"
    if s["function_words"] < MIN_FUNCTION_WORDS:
        return False, f"{pct['function_words']}% hư từ thông dụng"
    return True, f"{pct['diacritic_words']}% từ có dấu, {pct['function_words']}% hư từ thông dụng"
