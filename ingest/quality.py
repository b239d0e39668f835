"""Is a text layer real Vietnamese? Catches OCR noise, diacritic-stripped exports and legacy-font mojibake
(TCVN3/VNI text decoded as Latin-1: "KÕ ho¹ch") before they are indexed and quoted back to users."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ingest.models import Block

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



# -- a text layer that lost letters ("B O HI M XÃ H I VI T NAM" for "BẢO HIỂM XÃ HỘI VIỆT NAM") ---------------
# A font whose text map lacks the letters only Vietnamese uses (ạ ả ấ ... đ ơ ư) drops them from the text layer
# while the page still shows them: what is left are consonants standing alone, and accented letters of the
# Latin-1 kind (à á â ã ...) without any of their Vietnamese-only neighbours. Such a page is read by OCR.
MIN_PAGE_WORDS = 20
MAX_FRAGMENTS = 0.2  # share of a page's words that are lone consonants ("B", "M", "ngh"); real text: < 0.08
MIN_PAGE_MARKED = 15
MIN_VIETNAMESE_ONLY = 0.15  # of a page's marked letters, those outside Latin-1; real text: > 0.55


def _is_fragment(word: str) -> bool:
    """A lone consonant or consonant cluster ("B", "M", "ngh"), which no syllable is; an acronym in capitals
    (GDĐT, UBND) is not counted."""
    if len(word) >= 2 and word.isupper():
        return False
    return not any(_marks(c)[0].lower() in "aeiouy" for c in word)


def assess_page_letters(text: str) -> tuple[bool, str]:
    """(ok, detail) for one page's text layer: not ok when it lost letters (see above). Pages with fewer
    than ~20 words pass: too little to judge."""
    text = unicodedata.normalize("NFC", text)
    words = _WORD.findall(text)
    if len(words) < MIN_PAGE_WORDS:
        return True, "quá ít chữ để đánh giá"
    fragments = sum(_is_fragment(w) for w in words) / len(words)
    marked = [c for c in text if c.isalpha() and is_vietnamese_marked(c)]
    only = sum(ord(c) > 0xFF for c in marked) / max(len(marked), 1)
    detail = f"{round(fragments * 100)}% chữ cái đứng rời, {round(only * 100)}% chữ riêng của tiếng Việt"
    if fragments > MAX_FRAGMENTS or (len(marked) >= MIN_PAGE_MARKED and only < MIN_VIETNAMESE_ONLY):
        return False, detail
    return True, detail

# -- a text layer with spaces inside its words ("giáo d ục", "c ủa") or none between them ("kỹnăng") ---------
# Some producers draw a syllable in pieces (the marked vowel from another font), and the text layer comes out
# with a space at each piece. A fragment that cannot be a Vietnamese syllable alone ("d", "Qu", "ngh") is joined
# to its neighbour when together they make one ("dục", "Quản"); two fragments that are both possible syllables
# ("nghi ệp", "Tu ấn") are joined only when the joined word is written whole elsewhere in the same document.
# Words run together ("TÂMTHÔNGTIN", "cụthểnhư") are segmented into syllables (`segment_syllables`), the
# document's own words deciding between segmentations. A text layer counts as broken when such cut fragments, or
# such run-together words, are more than rare: correct text stays as it is.
_TOKEN_EDGE = re.compile(r"^([(\[\"“‘'«]*)([^\W\d_]+)([.,;:!?)\]\"”’'»…]*)$")
_GLUED_PAREN = re.compile(r"(?<=[^\W\d_])\((?=[^\W\d_])")
_DIGIT_TAIL = re.compile(r"^([(\[\"“‘'«]*)([^\W\d_]+)(\d\S*)$")
MIN_SPLIT_REPAIRS = 5  # fragments joined before a text layer counts as broken-spaced
MIN_SPLIT_SHARE = 0.004  # of its words
# Words run together (marked, not a syllable, segmenting into syllables one way only) before a text layer counts
# as glued. Tuned on eval/corpus-dev's Word-exported PDFs read without their drawn spaces (12-148 such words,
# 1-7% of their words) against the corpus plan and the clean fixtures (0-1: a typo such as "đểt").
MIN_GLUED = 5
MIN_GLUED_SHARE = 0.004
MAX_SYLLABLE = 7  # letters in the longest written syllable ("nghiêng", "nghiệng")


def _case_joinable(a: str, b: str) -> bool:
    """'giáo d'+'ục', 'K'+'ế', 'CH'+'ỦNG' join; 'cĐiều', 'ab'+'CD' do not."""
    if a.isupper() and b.isupper():
        return True
    return b.islower() and (a.islower() or (a[:1].isupper() and (len(a) == 1 or a[1:].islower())))


def _marked(word: str) -> bool:
    return any(is_vietnamese_marked(c) for c in word)


def segment_syllables(word: str, seen: Callable[[str], bool]) -> list[str] | None:
    """The one best way to cut `word` into two or more Vietnamese syllables, each piece cased to run on from
    the one before ("TÂMTHÔNGTIN" -> TÂM THÔNG TIN, "Tổchức" -> Tổ chức), or None: no way, or two equally good.
    Best = fewest pieces `seen` does not know (the document's own words: "CHỦNGHĨA" is CHỦ NGHĨA, not CHỦNG
    HĨA), then fewest pieces ("gian" before "gi an"). Dynamic programming over the cut points, counting the
    ways that reach each best score; written here because no Vietnamese tokenizer we have splits text that
    lost its spaces (underthesea's word_tokenize groups syllables already spaced)."""
    from ingest.text import is_syllable

    n = len(word)
    # best[i]: (score, ways, pieces) of word[:i]; score = (unseen pieces, pieces), lower is better
    best: list[tuple[tuple[int, int], int, list[str]] | None] = [None] * (n + 1)
    best[0] = ((0, 0), 1, [])
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        (unseen, count), ways, pieces = here
        for j in range(i + 1, min(n, i + MAX_SYLLABLE) + 1):
            piece = word[i:j]
            if not is_syllable(piece) or (pieces and not _case_joinable(pieces[-1], piece)):
                continue
            score = (unseen + (not seen(piece)), count + 1)
            old = best[j]
            if old is None or score < old[0]:
                best[j] = (score, ways, [*pieces, piece])
            elif score == old[0]:
                best[j] = (score, old[1] + ways, old[2])
    done = best[n]
    return done[2] if done and done[1] == 1 and len(done[2]) >= 2 else None


class SpacingRepair:
    """Joins syllables cut by spaces and splits words run together, with the document's own words as
    evidence; `broken` says whether the text layer needs it at all."""

    def __init__(self, texts: list[str]) -> None:
        from ingest.text import is_syllable

        self._ok = is_syllable
        self.vocab: dict[str, int] = {}
        fragments = words = 0
        candidates: list[str] = []  # words that may be several run together ("kỹnăng")
        for text in texts:
            candidates += [w for w in _WORD.findall(text) if _marked(w) and not self._ok(w)]
            parts = [m.group(2) if (m := _TOKEN_EDGE.match(t)) else None for t in text.split()]
            for i, w in enumerate(parts):
                if w is None:
                    continue
                words += 1
                if self._ok(w):
                    self.vocab[w.lower()] = self.vocab.get(w.lower(), 0) + 1
                    continue
                nxt = parts[i + 1] if i + 1 < len(parts) else None
                prev = parts[i - 1] if i > 0 else None
                pairs = ([(prev, w)] if prev else []) + ([(w, nxt)] if nxt else [])
                if any(_case_joinable(a, b) and self._ok(a + b) for a, b in pairs):
                    fragments += 1  # a piece that makes a syllable with its neighbour: "d" + "ục"
        self.fragments, self.words = fragments, words
        self.glued = sum(len(self._split(w)) > 1 for w in candidates)
        self.cut = fragments >= MIN_SPLIT_REPAIRS and fragments >= MIN_SPLIT_SHARE * words
        self.run_together = self.glued >= MIN_GLUED and self.glued >= MIN_GLUED_SHARE * words
        self.broken = self.cut or self.run_together

    def _join(self, a: str, b: str, strict: bool) -> bool:
        if not _case_joinable(a, b) or not self._ok(a + b):
            return False
        if not self._ok(a) or not self._ok(b):
            return True
        return not strict and self.vocab.get((a + b).lower(), 0) > 0

    def _seen(self, word: str) -> bool:
        return self.vocab.get(word.lower(), 0) > 0

    def _split(self, word: str) -> list[str]:
        """Words run together: 'kỹnăng' -> ['kỹ', 'năng']; 'SởGDĐT' -> ['Sở', 'GDĐT']; 'GDĐTđối' -> ['GDĐT',
        'đối']; 'MINHĐộc' -> ['MINH', 'Độc']; 'TÂMTHÔNGTIN' -> ['TÂM', 'THÔNG', 'TIN']; else [word]."""
        if not word.isalpha() or self._ok(word) or not _marked(word):
            return [word]
        for i in range(1, len(word)):  # at a change of case: a marked syllable, then capitals, or the reverse
            left, right = word[:i], word[i:]
            if left[-1].islower() and right[0].isupper() and self._ok(left) and _marked(left):
                return [left, *self._split(right)]
            if left[-1].isupper() and right[0].islower() and len(left) >= 2 and left.isupper():
                if self._ok(left[-1] + right):  # "MINHĐộc": the last capital starts the next word
                    return [*self._split(left[:-1]), left[-1] + right]
                if self._ok(right) and _marked(right):  # "GDĐTđối": an abbreviation, then a word
                    return [left, right]
        return segment_syllables(word, self._seen) or [word]

    def __call__(self, text: str) -> str:
        if not self.broken or not text:
            return text
        text = _GLUED_PAREN.sub(" (", text)  # "SởGDĐT(Ông", "đơn vị(theo": the space before "(" was lost too
        tokens: list[str] = []
        for t in text.split(" "):
            if (d := _DIGIT_TAIL.match(t)) and _marked(d.group(2)):  # "ố522/QĐ-TTg", "Chủđề2"
                words = [d.group(2)] if self._ok(d.group(2)) else self._split(d.group(2))
                if all(self._ok(w) for w in words):
                    tokens += [d.group(1) + words[0], *words[1:], d.group(3)]  # "s ố" is joined below
                    continue
            m = _TOKEN_EDGE.match(t)
            if m and m.group(2):
                pieces = self._split(m.group(2))
                if len(pieces) > 1:
                    tokens += [m.group(1) + pieces[0], *pieces[1:-1], pieces[-1] + m.group(3)]
                    continue
            # "-Tựdo-Hạnhphúc", "2023vềhướng": words run together inside a token with other characters
            tokens.append(self.split_run_together(t))
        for strict in (True, False) if self.cut else ():  # a layer that only ran words together has no cut
            changed = True
            while changed:
                changed = False
                for i in range(len(tokens) - 1):
                    a, b = _TOKEN_EDGE.match(tokens[i]), _TOKEN_EDGE.match(tokens[i + 1])
                    if not a or not b or a.group(3) or b.group(1):
                        continue
                    wa, wb = a.group(2), b.group(2)
                    if not self._join(wa, wb, strict):
                        continue
                    # A consonant fragment between two pieces goes right when it starts the next one
                    # ("i m ới" -> "i mới"), left when it closes the previous one ("dụ c m" -> "dục m").
                    if (strict and i + 2 < len(tokens) and not self._ok(wb)
                            and (c := _TOKEN_EDGE.match(tokens[i + 2])) and not b.group(3) and not c.group(1)
                            and self._join(wb, c.group(2), True) and self._ok(wa)):
                        continue
                    tokens[i : i + 2] = [tokens[i] + tokens[i + 1]]
                    changed = True
                    break
        return " ".join(tokens)

    def split_run_together(self, text: str) -> str:
        """Only the words run together split ("Nhiệm vụ thựchiện" -> "Nhiệm vụ thực hiện"), whether or not the
        layer as a whole is damaged: for the few texts where one narrow cell's wrapped lines lost their space."""
        return _WORD.sub(lambda w: " ".join(self._split(w.group())), text)


def split_glued_headers(blocks: list[Block]) -> None:
    """Table header cells whose words ran together when a narrow cell's wrapped lines were joined without a space
    ("Đơn vịchủ trì", "Thờigian thựchiện", a PDF converted to Markdown or HTML), split again in place with the
    document's own words as evidence, whatever the reader: a column's role ("chủ trì", "phối hợp", "thời gian")
    is read from its header's words. Body text is left to the reader's own repair (`SpacingRepair.broken`)."""
    tables = [b for b in blocks if b.kind == "table" and b.rows]
    if not tables:
        return
    fix = SpacingRepair([b.text for b in blocks] + [c for b in tables for r in b.rows for c in r])
    for b in tables:
        b.rows[0] = [fix.split_run_together(c) for c in b.rows[0]]


def repair_spacing(texts: list[str]) -> list[str]:
    """`SpacingRepair` over a document's texts: each text repaired, or all returned as they are when the
    text layer's spacing is sound."""
    fix = SpacingRepair(texts)
    return [fix(t) for t in texts] if fix.broken else list(texts)
