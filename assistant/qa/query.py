"""Understanding a question: its content words, its intent, who is asking, and follow-ups.

All matching is on the accent-free form, so questions typed without diacritics behave the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.tags import levels_of, roles_of
from ingest.text import fold, has_diacritics

# Function words and question words (accent-free). They say nothing about the topic.
STOPWORDS = set(
    ["a", "ai", "anh", "bao", "bay", "bi", "boi", "cac", "cai", "can", "cho", "chi", "chua", "co", "con", "cua", "cung", "da", "dang", "day", "de", "den", "deu", "di", "do", "doi", "duoc", "gi", "gio", "hay", "hoi", "khi", "khong", "la", "lai", "lam", "len", "luc", "ma", "minh", "moi", "mot", "muon", "nam", "nao", "nay", "neu", "nhieu", "nhu", "nhung", "noi", "o", "phai", "qua", "ra", "rang", "roi", "sao", "se", "so", "sau", "tai", "the", "theo", "thi", "thuc", "tren", "trong", "tu", "toi", "tuy", "va", "vao", "van", "ve", "vi", "voi", "xin", "xem", "biet", "giup", "hoac", "cung", "nen", "duoc", "chung", "ta", "em", "thay", "co", "ban", "oi", "vay", "the", "nao", "bao", "nhieu", "dieu", "gi"]
) - {"day", "trong", "so", "doi", "moi", "noi", "tu", "dang", "thuc", "hoi"}  # "dạy", "trọng", "số": ambiguous
# without tone marks, so left to the idf weighting
# The same function words with their tone marks: "dạy" (teach) and "trọng" are not "đây" and "trong".
STOPWORDS_VI = set(
    ["à", "ai", "anh", "bao", "bây", "bị", "bởi", "các", "cái", "cần", "cho", "chỉ", "chưa", "có", "còn", "của", "cũng", "đã", "đang", "đây", "để", "đến", "đều", "đi", "đó", "đối", "được", "gì", "giờ", "hay", "hỏi", "khi", "không", "là", "lại", "làm", "lên", "lúc", "mà", "mình", "mới", "một", "muốn", "nào", "này", "nếu", "nhiều", "như", "những", "nơi", "ở", "phải", "qua", "ra", "rằng", "rồi", "sao", "sẽ", "sau", "tại", "thế", "theo", "thì", "thực", "trên", "trong", "từ", "tôi", "tuy", "và", "vào", "vẫn", "về", "vì", "với", "xin", "xem", "biết", "giúp", "hoặc", "nên", "chúng", "ta", "em", "thấy", "bạn", "ơi", "vậy", "bao", "nhiêu", "điều"]
)
# Abbreviations of levels and roles: matched through the unit's level/role tags instead of as words.
TAG_WORDS = {"thcs", "thpt", "gdtx", "cbql", "gv", "th"}
# Words that stay meaningful even though they are short or common in questions.
KEEP = {"dat", "chua", "tong", "nam"}

_LIST = re.compile(r"\b(nhung|cac|danh sach|liet ke|ke ten|gom nhung|nao)\b")
_COUNT = re.compile(r"\b(bao nhieu|may|so luong|dem)\b")
_SUM = re.compile(r"\b(tong (kinh phi|so tien|von|muc dau tu)|cong lai|tong cong)\b")
_MONEY = re.compile(r"\b(kinh phi|tien|von|ngan sach|trieu|nguon)\b")
_LOOKUP = re.compile(r"\b(ai|don vi nao|phong nao|co quan nao)\b.*\b(chu tri|phoi hop|thuc hien|phu trach)\b|"
                     r"\b(chu tri|phoi hop|phu trach)\b.*\b(la ai|ai|don vi nao|phong nao)\b")
_DIGEST = re.compile(r"\b(toi (la|day|lam)|ap dung cho|danh cho|lien quan den toi|can dat (gi|nhung)|"
                     r"phai dat (gi|nhung)|chi tieu( \w+){0,4} nao|nhiem vu( \w+){0,4} nao .*(toi|giao vien)|"
                     r"giao vien .* can)\b")
# Question frames whose words say what is asked, not what about: "có nhiệm vụ gì", "làm gì".
_FRAMES = re.compile(r"\b(co )?(nhiem vu|trach nhiem|vai tro|cong viec|noi dung) (gi|nao|ra sao)\b|\blam gi\b|"
                     r"\b(trong|cua|theo) (ke hoach|de an|van ban|tai lieu) (nay|do)\b")
_MY_SCHOOL = re.compile(r"\btruong (toi|minh|em|chung toi|cua toi)\b")
# Words that only say who is asking; what is left after them is the topic.
_WHO = re.compile(r"\b(toi|minh|em|la|day|lam|giao vien|nha giao|can bo quan ly|cbql|hoc sinh|truong|cap|bac|"
                  r"tieu hoc|trung hoc co so|trung hoc pho thong|trung hoc|thcs|thpt|mam non|gdtx|ap dung|cho|"
                  r"chi tieu|nhiem vu|nao|gi|can|dat|phai|nhung|lien quan|den|thuc hien|nam|\d{4}|chuyen doi so|chu y|"
                  r"viec|giang day|quan tam|tom tat|giup|biet|o|va|cac|ke hoach|nay|cua|ve)\b")
_FOLLOW = re.compile(r"^(con|the con|vay con|vay|the|con ve)\b|\b(thi sao|the nao|ra sao)\s*\??$")
_ENTITY_PLURAL = re.compile(r"\b(truong|don vi|nhiem vu|chi tieu|du an|hang muc|co so)\b")


@dataclass
class Query:
    text: str  # the question as asked
    retrieval_text: str  # with the conversation's context when it is a follow-up
    folded: str
    words: list[str]  # content syllables, in order: with tone marks when the question has them
    accents: bool = False
    intent: str = "fact"  # fact | list | count | sum | lookup | digest
    roles: set[str] = field(default_factory=set)
    levels: set[str] = field(default_factory=set)
    follow_up: bool = False


def content_words(text: str, accents: bool = False) -> list[str]:
    from ingest.text import tokens

    out = []
    frames = {w for m in _FRAMES.finditer(fold(text)) for w in m.group(0).split()}
    from assistant.qa.compose import QUESTION_VOCAB

    for t in tokens(text, accents):
        f = fold(t)
        if f in frames or f in TAG_WORDS or f in QUESTION_VOCAB:
            continue
        stop = (t in STOPWORDS_VI) if accents else (f in STOPWORDS)
        if (not stop or f in KEEP) and (len(f) > 1 or f.isdigit()):
            out.append(t)
    return out


def detect_intent(folded: str) -> str:
    if _DIGEST.search(folded):
        # A digest only when the question names no topic of its own beyond who is asking
        # ("Tôi dạy THCS, tỷ trọng dạy trực tuyến phải đạt bao nhiêu?" asks one figure).
        topic = [w for w in _WHO.sub(" ", folded).split() if w not in STOPWORDS and len(w) > 1]
        if len(topic) <= 1:
            return "digest"
    if _MY_SCHOOL.search(folded) and not re.search(r"\b(truong (toi|minh|em)) (la|ten)\b", folded):
        return "list"
    if _LOOKUP.search(folded):
        return "lookup"
    if _COUNT.search(folded) and _ENTITY_PLURAL.search(folded) and "%" not in folded and (
            re.search(r"\b(bao nhieu|may) (truong|don vi|nhiem vu|chi tieu|du an|hang muc|co so)\b", folded)
            or re.search(r"\bso (luong )?(truong|don vi|nhiem vu)\b", folded)):
        return "count"
    # A sum needs both "tổng" and money: "tổng cộng bao nhiêu đơn vị" is a count, "bao nhiêu tiền" for one
    # line is a lookup of that line.
    if (_SUM.search(folded) or re.search(r"\bgom (nhung )?(khoan|hang muc|muc|du an)\b", folded)) and \
            _MONEY.search(folded):
        return "sum"
    if re.match(r"(cac|nhung) (truong|nhiem vu|chi tieu|du an|hang muc)\b", folded):
        return "list"
    if re.search(r"\b(nhung|danh sach|liet ke|ke ten)\b.*\b(truong|don vi|nhiem vu|chi tieu|du an|hang muc)\b.*"
                 r"\b(nao|gom|la)\b|\b(danh sach|liet ke|ke ten)\b|"
                 r"\b(truong|nhiem vu|chi tieu|du an|hang muc)\b( \w+){0,2} nao\b", folded):
        return "list"
    return "fact"


_ANAPHORA = re.compile(r"\b(nay|do|ay|nam nay|viec do|viec nay|nhiem vu nay|chi tieu nay|truong do|cai do)\s*\??$|"
                       r"\b(viec|nhiem vu|chi tieu|khoan|muc|du an) (nay|do|ay|tren)\b|\bnam nay\b")


def is_follow_up(text: str) -> bool:
    f = fold(text).strip()
    return (bool(_FOLLOW.search(f)) or bool(_ANAPHORA.search(f))) and len(f.split()) <= 12


def parse_query(question: str, history: list[tuple[str, str]] | None = None) -> Query:
    """`history` is a list of (role, content) turns, oldest first."""
    previous = [c for r, c in (history or []) if r == "user"]
    follow = bool(previous) and is_follow_up(question)
    retrieval = question
    folded_q = fold(question)
    intent = detect_intent(folded_q)
    roles, levels = roles_of(question), levels_of(question)
    if follow:
        prev = previous[-1]
        prev_levels, prev_roles = levels_of(prev), roles_of(prev)
        base = prev
        # Replace the previous question's level/role by the new one where the follow-up names one.
        retrieval = f"{base} {question}"
        prev_intent = detect_intent(fold(prev))
        intent = prev_intent if intent == "fact" else intent
        levels = levels or prev_levels
        roles = roles or prev_roles
    accents = has_diacritics(question)
    return Query(text=question, retrieval_text=retrieval, folded=fold(retrieval), words=content_words(retrieval, accents),
                 accents=accents,
                 intent=intent, roles=roles, levels=levels, follow_up=follow)
