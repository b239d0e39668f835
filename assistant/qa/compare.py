"""Two amounts a question sets side by side: "mức … của trường nội trú cao hơn mức của trường bán trú bao nhiêu",
"chênh lệch giữa A và B là bao nhiêu" (a difference), "mỗi tháng được hỗ trợ tổng cộng bao nhiêu tiền (tiền ăn
cộng tiền nhà ở)" (a sum of two things named). Pure functions on the question and on a passage's text.

Why by hand: no library reads which two things a Vietnamese question compares, nor an amount as a plan writes
it after its label ("Đơn giá: 1.427.000 x 500 HS …") or with its unit ("180.000 đồng/học sinh/năm học").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import vocab
from ingest.text import fold, tokens

# "cao hơn", "nhiều hơn", "thấp hơn" … then what it is compared with, then the question word (the words that ask,
# ASKING_WORDS, are no side's and no passage's)
_MORE = r"(?P<dir>cao|nhieu|lon|thap|it|nho|dat|vuot|dat cao)\s+hon"
_DIFFERENCE = re.compile(rf"^(?P<left>.+?)\s+{_MORE}\s+(?:so voi\s+)?(?P<right>.+?)\s+(?:la\s+|khoang\s+)?"
                         r"(?:bao nhieu|may)\b")
_GAP = re.compile(r"\bchenh lech\s+(?:giua\s+)?(?P<left>.+?)\s+(?:va|voi|so voi)\s+(?P<right>.+?)\s+"
                  r"(?:la\s+)?(?:bao nhieu|may)\b")
# "(tiền ăn cộng tiền nhà ở)", "… cho việc A cộng với B?": two things whose amounts are added
_SUM_BRACKET = re.compile(r"\((?P<left>[^()]+?)\s+(?:cong(?:\s+voi)?|\+)\s+(?P<right>[^()]+?)\)")
_SUM_RUNNING = re.compile(r"\b(?:cho|ve|cua)\s+(?:viec\s+)?(?P<left>[^?]+?)\s+cong (?:voi|them)\s+(?P<right>[^?]+?)"
                          r"\s*(?:\?|$)")
_LESS = ("thap", "it", "nho")
ASKING_WORDS = {"cao", "nhieu", "lon", "thap", "it", "nho", "vuot", "hon", "chenh", "lech", "giua", "tong", "cong", "tien"}
# words that only frame a side ("mức của …", "so với …"), not what tells the two apart
_FRAME = {"muc", "so", "con", "cua", "o", "cho", "voi", "tien", "moi", "mot", "khoan", "phan", "la"}


@dataclass(frozen=True)
class Pair:
    """The two sides as the question writes them (accent-free), and the arithmetic asked of their amounts."""

    op: str  # "difference" | "sum"
    left: str
    right: str
    less_asked: bool = False  # "thấp hơn … bao nhiêu": the left side is said to be the smaller
    before: str = ""  # a difference's whole text before "hơn" ("đơn giá bộ kit STEM cho một học sinh THPT")


def _framed(side: str) -> str:
    """A side without the words that only frame it ("mức của trường …" is "trường …")."""
    words = side.split()
    while words and words[0] in _FRAME:
        words = words[1:]
    return " ".join(words)


def compared_pair(folded_question: str) -> Pair | None:
    """The two things whose amounts the question subtracts or adds; None when it sets no two side by side. For a
    difference the left side is the end of what comes before "hơn", as long as the right side: "mức … của trường
    phổ thông dân tộc nội trú cao hơn mức của trường phổ thông dân tộc bán trú" sets "trường phổ thông dân tộc nội
    trú" against "trường phổ thông dân tộc bán trú"."""
    q = re.sub(r"\s+", " ", re.sub(r"[,;:]", " ", folded_question)).strip()
    if (m := _SUM_BRACKET.search(q)) and vocab.SUM_Q.search(q):
        pair = Pair("sum", m.group("left").strip(), m.group("right").strip())
    elif (m := _SUM_RUNNING.search(q)) and vocab.SUM_Q.search(q):  # the thing named after the last "cho (việc)"
        left = re.split(r"\b(?:cho|ve|cua)\s+(?:viec\s+)?", m.group("left"))[-1]
        pair = Pair("sum", left.strip(), m.group("right").strip())
    elif m := _GAP.search(q):
        pair = Pair("difference", _framed(m.group("left")), _framed(m.group("right")))
    elif m := _DIFFERENCE.search(q):
        right = _framed(m.group("right"))
        left = " ".join(m.group("left").split()[-len(right.split()):]) if right else ""
        pair = Pair("difference", left, right, m.group("dir") in _LESS, m.group("left"))
    else:
        return None
    return pair if pair.left and pair.right and pair.left != pair.right else None


def _content(text: str, accents: bool, framing: bool = True) -> list[str]:
    """Content words (not stopwords; nor, with `framing`, the words that frame a side)."""
    stop = vocab.STOPWORDS_VI if accents else vocab.STOPWORDS
    return [w for w in tokens(text, accents) if w not in stop and not (framing and fold(w) in _FRAME)
            and not w.isdigit()]


def phrase(side: str, question: str, accents: bool) -> list[str]:
    """A side's content words in order, as the question types them ("tiền nhà ở": "tiền", "nhà")."""
    return _content(" ".join(_span(side, question, accents)), accents, framing=False)


def holds_phrase(words: list[str], text: str, accents: bool) -> bool:
    """`words` one after the other among the text's content words ("Hỗ trợ tiền nhà ở: …" holds "tiền nhà")."""
    have = _content(text, accents, framing=False)
    n = len(words)
    return n > 0 and any(have[i:i + n] == words for i in range(len(have) - n + 1))


def _span(side: str, question: str, accents: bool) -> list[str]:
    """A side's words as the question types them, found by their accent-free form (the last match)."""
    typed = tokens(question, accents)
    folded = [fold(w) for w in typed]
    want = side.split()
    for i in range(len(folded) - len(want), -1, -1):
        if folded[i:i + len(want)] == want:
            return typed[i:i + len(want)]
    return [w for w in typed if fold(w) in set(want)]


def side_words(pair: Pair, question: str, accents: bool) -> tuple[list[str], list[str]]:
    """The words that tell each side from the other, as the question types them (with its accents, when it has
    them): a side's own content words the other side lacks ("nội" against "bán")."""
    left = _content(" ".join(_span(pair.left, question, accents)), accents)
    right = _content(" ".join(_span(pair.right, question, accents)), accents)
    # the right side's own words are those the whole text before "hơn" lacks: "bộ kit mầm non" against "đơn giá bộ
    # kit STEM cho một học sinh THPT" is "mầm non" (the kit is both sides')
    before = _content(" ".join(_span(pair.before, question, accents)), accents) if pair.before else left
    return [w for w in left if w not in right], [w for w in right if w not in before]


# an amount after a label the question names ("Đơn giá: 1.427.000 x 500 HS", "Thành tiền (triệu đồng): 300")
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SAID = re.compile(rf"(?<![\d.,/])({_NUMBER})\s*(ty dong|ti dong|trieu dong|nghin dong|ngan dong|dong|ty|trieu)\b")
_SCALE = {"ty dong": 1e9, "ti dong": 1e9, "ty": 1e9, "trieu dong": 1e6, "trieu": 1e6, "nghin dong": 1e3,
          "ngan dong": 1e3, "dong": 1.0}
_SHOWN = {"ty dong": "tỷ đồng", "ti dong": "tỷ đồng", "ty": "tỷ đồng", "trieu dong": "triệu đồng",
          "trieu": "triệu đồng", "nghin dong": "nghìn đồng", "ngan dong": "nghìn đồng", "dong": "đồng"}


@dataclass(frozen=True)
class Amount:
    written: str  # "270.000"
    unit: str  # accent-free: "dong", "trieu dong", "ty dong"

    @property
    def number(self) -> float:  # in its own unit
        return float(self.written.replace(".", "").replace(",", "."))

    @property
    def value(self) -> float:  # in đồng
        return self.number * _SCALE[self.unit]

    @property
    def unit_shown(self) -> str:
        return _SHOWN[self.unit]

    @property
    def shown(self) -> str:
        return f"{self.written} {self.unit_shown}"


def amount_in(text: str, folded_question: str) -> Amount | None:
    """The amount of money a passage gives: the figure after a label the question names ("đơn giá", "thành tiền",
    "kinh phí"), in the label's unit or the passage's; else the first figure written with its unit of money."""
    folded = fold(text)
    said = _SAID.search(folded)
    for label in vocab.AMOUNT_LABELS:
        if not re.search(rf"\b{label}\b", folded_question):
            continue
        m = re.search(rf"\b{label}\s*(?:\((?P<unit>[a-z ]+)\))?\s*:\s*(?P<n>{_NUMBER})(?![\d])", folded)
        if m:
            unit = (m.group("unit") or "").strip()
            after = _SAID.match(folded, m.start("n"))
            unit = unit if unit in _SCALE else (after.group(2) if after else (said.group(2) if said else "dong"))
            return Amount(m.group("n"), unit)
    return Amount(said.group(1), said.group(2)) if said else None
