"""Safe repairs of Vietnamese OCR text. Pure functions over strings.

Tesseract's Vietnamese model gets most letters right and some diacritics wrong: "bố sung" for "bổ sung",
"chỉ phí" for "chi phí", "só" for "số", "Quyêt định" for "Quyết định". Repairs here are conservative:

1. Words are looked up with their tone marks placed by underthesea's `token_normalize` (the engine of
   `text_normalize`, which would also re-space punctuation), so "hoà" and "hòa" are one dictionary word;
   a word that is not repaired keeps the spelling it was printed with ("Tân Hoà" is the school's name).
2. A word is changed only into a variant that differs by its diacritics alone (same letters: "bố" ->
   "bổ", never "bố" -> "bộ phận"), and only when the dictionary (the 72,547 words of underthesea's word
   segmenter, real Vietnamese words of one to four syllables) agrees:
   - a syllable that is no Vietnamese syllable at all ("só", "quyêt") becomes the one variant that makes
     a dictionary word with a neighbour ("Quyêt định" -> "Quyết định"); before a number "só" becomes
     "số" ("só 15/KH-SGDĐT"), the one case common enough to know without a neighbour; else it stays;
   - a valid syllable ("bố", "chỉ") is changed only when it makes no dictionary word with either
     neighbour and exactly one variant makes a KNOWN bigram with a neighbour: PLAN_BIGRAMS (frequent
     words of plans: "bổ sung", "chi phí") or a dictionary word the document itself spells right at least
     twice; and that neighbour must not already be part of a word with its other neighbour. A dictionary
     word alone is not enough: run over the clean corpus plan, "any variant that makes a word" turned
     "kho học liệu" into "khổ học liệu" and "dùng chung" into "dưng chung" (tests/test_ocr_reader.py
     checks that the clean plan goes through unchanged).
   Capitalised syllables inside a sentence are names ("Lai Vung", "Hồng Ngự") and are never changed,
   nor is a capitalised word next to another capitalised word, valid syllable or not.
Whatever is left wrong still matches questions through the accent-free lexical forms of the index.
"""

from __future__ import annotations

import pickle
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.text import fold
from ingest.vocab import QUANTITY_COLUMN_F

# Two-syllable words of plans whose OCR misreadings are themselves valid syllables ("bố sung", "chỉ
# phí", "tô chức", "kinh phi"): the bigrams a valid syllable may be repaired into without further evidence.
PLAN_BIGRAMS = frozenset("""
bổ sung|chi phí|kinh phí|tổ chức|bảo đảm|đảm bảo|kế hoạch|đề án|giáo dục|quản lý|hiệu quả|phổ thông|cơ sở|
chuyển đổi|đổi mới|tổng cộng|nhiệm vụ|nội dung|triển khai|thực hiện|số hóa|dữ liệu|học liệu|trực tuyến|
cán bộ|giáo viên|học sinh|đào tạo|ngân sách|dự án|đầu tư|công nghệ|thông tin|chỉ tiêu|mục tiêu|giải pháp|
phối hợp|chủ trì|hướng dẫn|kiểm tra|đánh giá|báo cáo|chỉ đạo|điều hành|thường xuyên|tiểu học|trung học|
mầm non|nguồn vốn|bố trí|phê duyệt|quyết định|văn bản|điện tử|chữ ký|hạ tầng|thiết bị|an toàn|bảo mật|
""".replace("\n", "").strip("|").split("|"))
_TOKEN = re.compile(r"[^\W\d_]+|\S", re.UNICODE)
_NUMBER_AFTER = re.compile(r"^\s*\d")
_SENTENCE_END = ".!?:;"


def skeleton(syllable: str) -> str:
    """The letters without any diacritic, lower case: 'Quyết' -> 'quyet', 'đổi' -> 'doi'."""
    s = syllable.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def normalize_tones(word: str) -> str:
    """One word with underthesea's tone-mark placement ('hoà' -> 'hòa', 'THUỶ' -> 'THỦY')."""
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize

    return str(token_normalize(unicodedata.normalize("NFC", word)))


@dataclass(frozen=True)
class Vocabulary:
    words: frozenset[str]  # dictionary words, lower case, syllables joined by one space
    syllables: frozenset[str]
    variants: dict[str, tuple[str, ...]]  # skeleton -> valid syllables with that skeleton

    @classmethod
    def from_words(cls, words: Iterable[str]) -> Vocabulary:
        norm = set()
        for w in words:
            parts = w.lower().split()
            if parts and all(p.isalpha() for p in parts):
                norm.add(" ".join(normalize_tones(p) for p in parts))
        syllables = {s for w in norm for s in w.split()}
        variants: dict[str, set[str]] = {}
        for s in syllables:
            variants.setdefault(skeleton(s), set()).add(s)
        return cls(frozenset(norm), frozenset(syllables), {k: tuple(sorted(v)) for k, v in variants.items()})


def _dictionary_path() -> Path | None:
    try:
        import underthesea
    except ImportError:
        return None
    base = Path(underthesea.__file__).parent / "pipeline" / "word_tokenize" / "models"
    found = sorted(base.glob("ws_crf_*/dictionary.bin"))
    return found[-1] if found else None


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """underthesea's word-segmenter dictionary (a pickled set of words shipped inside the installed
    package, read once); an empty vocabulary if it is missing (then only tone placement is normalised)."""
    path = _dictionary_path()
    if path is None:
        return Vocabulary.from_words([])
    with path.open("rb") as fh:
        words = pickle.load(fh)  # noqa: S301 - a data file of the installed underthesea package
    return Vocabulary.from_words(str(w) for w in words)


_ROMAN_LOOKALIKE = re.compile(r"^([1lI|]{1,3})\.(\s+)(\S.*)$", re.S)


def fix_roman_heading(text: str) -> str:
    """'1. VỀ THỰC HIỆN MỤC TIÊU' -> 'I. VỀ THỰC HIỆN MỤC TIÊU': Tesseract reads a bold roman I as 1, l or |.
    Plans number their capitalised headings in roman (I., II., III.) and their sentence-case ones in
    arabic (1. Mục tiêu chung), so a numeral of 1/l/I/| characters before an all-capitals title is
    taken as roman. Anything else (sentence case, other digits) is left alone."""
    m = _ROMAN_LOOKALIKE.match(text)
    if not m or set(m.group(1)) == {"I"}:
        return text
    title = m.group(3)
    letters = [c for c in title.split(":")[0] if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return text
    return "I" * len(m.group(1)) + "." + m.group(2) + title


_SUBNUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})\.\s")
_SMUDGED_SUBNUMBER = re.compile(r"^[$§%&@#S~]\.(\d{1,2})\.(\s)")


def fix_sibling_numbers(texts: list[str]) -> list[str]:
    """'$.2. Phòng Đào tạo' after '5.1. Trung tâm …' -> '5.2. Phòng Đào tạo': Tesseract reads a bold 5 as "$", "S"
    or "%". A numbered heading whose first number is a symbol takes the first number of the heading before it
    when its second number follows that heading's ("5.1." then "?.2."); anything else is left alone."""
    out: list[str] = []
    last: tuple[int, int] | None = None
    for text in texts:
        m = _SMUDGED_SUBNUMBER.match(text)
        if m and last and int(m.group(1)) == last[1] + 1:
            text = f"{last[0]}.{m.group(1)}.{m.group(2)}{text[m.end():]}"
        n = _SUBNUMBER.match(text)
        if n:
            last = (int(n.group(1)), int(n.group(2)))
        out.append(text)
    return out


def document_bigrams(texts: Iterable[str], vocab: Vocabulary | None = None, min_count: int = 2) -> frozenset[str]:
    """PLAN_BIGRAMS plus the dictionary bigrams a document spells right at least `min_count` times: a
    scanned plan that reads "bổ sung" on most pages confirms the repair of the page that reads "bố sung"."""
    vocab = vocab if vocab is not None else default_vocabulary()
    counts: dict[str, int] = {}
    for text in texts:
        toks = [normalize_tones(t).lower() for t in re.findall(r"[^\W\d_]+|[^\w\s]", text)]
        for a, b in zip(toks, toks[1:], strict=False):
            pair = f"{a} {b}"
            if pair in vocab.words:
                counts[pair] = counts.get(pair, 0) + 1
    return PLAN_BIGRAMS | {p for p, n in counts.items() if n >= min_count}


def _in_name(words: list[str], linked: list[bool], i: int) -> bool:
    """A capitalised word next to another capitalised one (or after an all-capitals abbreviation such as
    THPT) is part of a name: "Lai Vung" in "THPT Lai Vung 1" is never "repaired" into "Lai Vụng"."""
    left = i > 0 and linked[i] and words[i - 1][:1].isupper()
    right = i + 1 < len(words) and linked[i + 1] and words[i + 1][:1].isupper()
    return left or right


def _restore_case(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _pairs_word(vocab: Vocabulary, a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and f"{a} {b}" in vocab.words


def _choose(vocab: Vocabulary, known: frozenset[str], low: str, prev: str | None, nxt: str | None,
            before: str | None, after: str | None) -> str | None:
    """The variant of `low` to use, or None to keep it. prev/nxt: neighbouring syllables (lower case,
    None at a sentence or token boundary); before/after: the syllables beyond them."""
    candidates = [v for v in vocab.variants.get(skeleton(low), ()) if v != low]
    if not candidates:
        return None
    if low not in vocab.syllables:  # certainly wrong: take the one variant the dictionary confirms
        fits = [v for v in candidates if _pairs_word(vocab, prev, v) or _pairs_word(vocab, v, nxt)]
        return fits[0] if len(fits) == 1 else None
    if _pairs_word(vocab, prev, low) or _pairs_word(vocab, low, nxt):
        return None  # already a word in context
    # A valid syllable that makes no word with its neighbours: changed only into a known bigram (see
    # PLAN_BIGRAMS and the document's own frequent words), whose neighbour is not already in a word.
    fits = [v for v in candidates
            if (f"{prev} {v}" in known and not _pairs_word(vocab, before, prev))
            or (f"{v} {nxt}" in known and not _pairs_word(vocab, nxt, after))]
    return fits[0] if len(fits) == 1 else None


def repair_text(text: str, vocab: Vocabulary | None = None, known: frozenset[str] | None = None) -> str:
    """The OCR text with tone placement normalised and dictionary-confirmed diacritic errors fixed;
    spacing and punctuation untouched. `known`: bigrams a valid syllable may be changed into
    (default PLAN_BIGRAMS; `document_bigrams` adds the document's own)."""
    vocab = vocab if vocab is not None else default_vocabulary()
    known = known if known is not None else PLAN_BIGRAMS
    text = unicodedata.normalize("NFC", text)
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    tokens = [text[a:b] for a, b in spans]
    # Tone placement is normalised for the dictionary lookups only: a word that is not repaired keeps its
    # spelling ("Tân Hoà" stays, though underthesea writes "Hòa"); matching treats both placements alike.
    words = list(tokens)
    # Syllable neighbours: only across plain spaces (no punctuation between them).
    lows: list[str | None] = [normalize_tones(w).lower() if w.isalpha() else None for w in words]
    linked = [i > 0 and spans[i - 1][1] < spans[i][0] and text[spans[i - 1][1]:spans[i][0]].strip() == ""
              for i in range(len(spans))]

    def neighbour(i: int, step: int) -> str | None:
        j = i + step
        if j < 0 or j >= len(words):
            return None
        if not (linked[i] if step < 0 else linked[j]):
            return None
        return lows[j]

    out = list(words)
    # Non-syllables first, so that a valid syllable next to one is judged against its repaired form.
    order = [i for i, low in enumerate(lows) if low is not None and low not in vocab.syllables]
    order += [i for i, low in enumerate(lows) if low is not None and low in vocab.syllables]
    for i in order:
        w = words[i]
        low = lows[i]
        if low is None or len(low) > 7:
            continue
        sentence_start = i == 0 or (i > 0 and words[i - 1] in _SENTENCE_END) or not linked[i]
        name_like = w[:1].isupper() and not w.isupper() and not sentence_start
        if name_like and (low in vocab.syllables or _in_name(words, linked, i)):
            continue  # a name ("Hồng Ngự", "THPT Lai Vung 1"); "theo Quyêt định" is an OCR error
        prev, nxt = neighbour(i, -1), neighbour(i, 1)
        before = neighbour(i - 1, -1) if prev is not None else None
        after = neighbour(i + 1, 1) if nxt is not None else None
        new = _choose(vocab, known, low, prev, nxt, before, after)
        if new is None and low not in vocab.syllables and "số" in vocab.variants.get(skeleton(low), ()):
            rest = text[spans[i][1]:]
            new = "số" if _NUMBER_AFTER.match(rest) else None
        if new is not None:
            out[i] = _restore_case(new, w)
            lows[i] = new
    pieces, last = [], 0
    for (a, b), w in zip(spans, out, strict=True):
        pieces.append(text[last:a])
        pieces.append(w)
        last = b
    pieces.append(text[last:])
    return "".join(pieces)


# A mark OCR reads from a speck of dust or a stroke of the stamp between two words ("Trung tâm Quản lý ‹ chất
# lượng"): a token of these characters alone, spaced, between two letters. Arrows, dashes and quotes in pairs are
# the document's own and stay.
_SPECK = re.compile(r"(?<=[^\W\d_]) [‹›‚„¸˛`´˜¨°¬¦^~]{1,2} (?=[^\W\d_])")


def drop_specks(text: str) -> str:
    """OCR text without the lone marks specks left between two words."""
    return _SPECK.sub(" ", text)


# A cell of digits where OCR read a "1" as "l", "I" or "|" (and a "0" as "O"): "l", "1l", "2O".
_DIGITISH = re.compile(r"^[0-9lI|O.,]{1,6}$")
_NUMBER_CELL = re.compile(r"^\d[\d.,]*$")
_ROMAN_CELL = re.compile(r"^[IVX]{1,5}\.?$")
_AS_DIGITS = str.maketrans("lI|O", "1110")
DIGIT_COLUMN_SHARE = 0.6  # a column is one of numbers when this share of its non-empty cells are numbers


def repair_digit_cells(rows: list[list[str]]) -> list[list[str]]:
    """Cells of a column of numbers that OCR read with letters for digits ("Khối lượng: l" -> "1"). Only a whole
    cell made of digits and the letters Tesseract confuses with them, holding an "l" or "|" (or an "I"/"O" beside a
    digit: a Roman numeral "II" of a group row stays), in a column where most cells are numbers or headed as a
    quantity; a word ("Ill", "IO" in a column of names) is left alone."""
    width = max((len(r) for r in rows), default=0)
    out = [list(r) for r in rows]
    for j in range(width):
        cells = [r[j].strip() for r in rows[1:] if j < len(r) and r[j].strip()]  # below the header row
        numbers = sum(bool(_NUMBER_CELL.match(c) or _ROMAN_CELL.match(c)) for c in cells)  # numbering counts
        # a quantity column by its header ("Số lượng", "Khối lượng"), or one whose cells are mostly numbers
        quantity = any(j < len(r) and QUANTITY_COLUMN_F.search(fold(r[j])) for r in rows[:3])
        if not quantity and (len(cells) < 3 or numbers < DIGIT_COLUMN_SHARE * len(cells)):
            continue
        for r in out:
            c = r[j].strip() if j < len(r) else ""
            # "l" and "|" are never digits' look-alikes by chance; "I" and "O" only beside a digit ("1I", "2O"):
            # alone, "I", "II", "III" are the Roman numerals of group rows
            if c and _DIGITISH.match(c) and (re.search(r"[l|]", c) or (re.search(r"[IO]", c) and re.search(r"\d", c))):
                r[j] = c.translate(_AS_DIGITS)
    return out
