"""The documents a plan is based on: its "Căn cứ …" / "Thực hiện …" lines (the legal bases every Vietnamese plan,
decision and decree opens with), read as a list, so that "kế hoạch căn cứ vào bao nhiêu văn bản", "căn cứ những
luật nào", "những quyết định nào là của UBND Thành phố" are answered with every basis, counted, and the ones the
question singles out by kind, issuer or number.

Written by hand: no library reads this Vietnamese administrative convention. Pure functions over units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest import vocab
from ingest.models import Unit
from ingest.numbering import classify
from ingest.text import fold, is_year, nfc

_OPENER = re.compile(r"^\s*(?:[-+•]\s*)?(can cu|thuc hien)\b")
_KIND = "|".join(vocab.BASIS_KINDS)
# A cited document: a kind with a number ("Quyết định số 192/QĐ-UBND", "Nghị quyết 30c/NQ-CP", "Kết luận số
# 91-KL/TW") or a law by its name ("Luật Giáo dục ngày 14 tháng 6 năm 2019").
_CITED = re.compile(rf"\b({_KIND})(?:\s+lien tich)?\s+(?:so\s*)?([\w.]*\d[\w.]*(?:[/-][\w.&]+)+)|\b(luat)\s+(?!so\b)([a-z][a-z ,]{{2,160}}?)(?=\s+(?:ngay|nam)\b|\s+\d|\s*[;.]|\s*$)")
_ISSUER = re.compile(r"(?<!trong )\b(?:cua|do)\s+(.+?)(?=\s+(?:ve|ban hanh|phe duyet|quy dinh|huong dan|trien khai|thi diem|ngay)\b|[,;.:(?]|$)")
_EXCLUDED = re.compile(r"\((?:khong tinh|tru|ngoai)\b[^)]*\)")
# a full stop, then a capital, ends a sentence; not the one of an abbreviation ("TP. Hồ Chí Minh", "Q. 1")
_SENTENCE_END = re.compile(r"(?<!\bTP\.)(?<!\bTp\.)(?<!\bQ\.)(?<!\bP\.)(?<=[.])\s+(?=[A-ZĐÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆ"
                           r"ÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ])")
_NEXT_CITED = re.compile(rf"({_KIND})(?:\s+lien tich)?\s+(?:so\s*)?\d")  # a sentence that cites the next one
_COMMA_CITED = re.compile(rf",\s+(?=({_KIND})(?:\s+lien tich)?\s+(?:so\s*)?\d)")
# a heading over the bases written as numbered items ("2.1. Cơ sở pháp lý", "Căn cứ pháp lý xây dựng đề án"), the
# whole unit being that heading
_BASES_HEADING = re.compile(r"^(?:[\divxlc]+(?:\.\d+)*[.)]?\s+)?(?:co so|can cu) (?:phap ly|xay dung|ban hanh)\b[^.;]{0,60}$")


@dataclass(frozen=True)
class Basis:
    units: tuple[Unit, ...]  # the unit it is in, and those a cut line was joined with
    text: str  # the basis as written ("Căn cứ Quyết định số 192/QĐ-UBND ngày … của Ủy ban nhân dân Thành phố …")
    name: str  # its first cited document as written ("Quyết định số 192/QĐ-UBND", "Luật Giáo dục")
    kind: str  # accent-free kind of its first cited document: "quyet dinh", "luat", …
    key: str  # accent-free number or law name of its first cited document: "192/qd-ubnd", "giao duc"
    issuer: str  # accent-free, abbreviations spelled out: "uy ban nhan dan thanh pho ve …" ("" when not said)


def expand(folded: str) -> str:
    """Accent-free text with the administrative abbreviations spelled out ("ubnd tp" -> "uy ban nhan dan …")."""
    def repl(m: re.Match[str]) -> str:
        full = vocab.ABBREVIATIONS.get(m.group(0)) or vocab.ISSUER_ABBREVIATIONS.get(m.group(0))
        return fold(full) if full else m.group(0)

    return re.sub(r"\w+", repl, folded)


def asks_bases(question: str) -> bool:
    """The question asks what the document is based on ("căn cứ (vào) những văn bản nào", "căn cứ pháp lý")."""
    return bool(vocab.BASES_Q.search(fold(question)) or vocab.EXTREME_BASIS_Q.search(fold(question)))


def bases(units: list[Unit]) -> list[Basis]:
    """Every basis of the document, in its order, one per cited document (a line citing several, separated by
    ";", gives several); a line the page or the OCR cut ("… của Bộ trưởng" / "Bộ GDĐT về việc …") is joined
    with the line after it; the same document cited twice counts once."""
    out: list[Basis] = []
    seen: set[str] = set()
    sections = [u for u in units if u.kind == "section"]
    for i, u in enumerate(sections):
        lines = [line.strip() for line in u.text.split("\n") if line.strip()]
        preamble = not str(u.metadata.get("path", "")).strip()
        for k, line in enumerate(lines):
            opener = _OPENER.match(fold(line))
            if opener is None or (opener.group(1) == "thuc hien" and not preamble):
                continue  # "- Thực hiện nghiêm Thông tư số 22/2021/TT-BGDĐT …" under a heading is a task, no basis
            # the lines after it within the unit, then the units after it, while the basis reads as cut
            after = [(u, x) for x in lines[k + 1:]]
            if k == len(lines) - 1:  # a cut line goes on in a short one-line unit, not in the next paragraphs
                after += [(w, w.text.strip()) for w in sections[i + 1:i + 1 + vocab.BASIS_JOIN_LINES]
                          if "\n" not in w.text.strip() and len(w.text) <= vocab.BASIS_JOIN_MAX_CHARS]
            text, used = line, [u]
            for w, nxt in after[:vocab.BASIS_JOIN_LINES]:
                if re.search(r"[.;:]\s*$", text) or _OPENER.match(fold(nxt)):
                    break
                text = f"{text} {nxt}"
                used += [w] if w.id != used[-1].id else []
            for piece in _pieces(text):
                b = _basis(tuple(used), piece)
                if b is not None and b.key not in seen:
                    seen.add(b.key)
                    out.append(b)
    for b in _numbered_bases(sections):
        if b.key not in seen:
            seen.add(b.key)
            out.append(b)
    return out


def _numbered_bases(sections: list[Unit]) -> list[Basis]:
    """Bases written as numbered items under a heading naming them ("2.1. Cơ sở pháp lý" / "1. Nghị quyết số
    29-NQ/TW …" / "2. Nghị quyết số 88/2014/QH13 …; Quyết định số 404/QĐ-TTg …"), with no "Căn cứ" before them: each
    item's first sentence cites its documents. The items are the units after the heading numbered in one kind
    (1., 2., … or bullets), with the paragraphs an item goes on in; a unit numbered otherwise ("2.2. Cơ sở thực
    tiễn"), numbers starting again or a heading end them. An item citing no document by kind ("Chương trình giáo dục phổ thông tổng thể …")
    is kept: the heading says what every item is."""
    out: list[Basis] = []
    for i, u in enumerate(sections):
        if not _BASES_HEADING.match(fold(u.text.strip()).strip(" :")):
            continue
        kind = last = ""
        for w in sections[i + 1:i + 1 + vocab.BASES_ITEMS_MAX]:
            first = w.text.strip().split("\n")[0].lstrip("> ")  # a Markdown quote's mark kept by a conversion
            n = classify(first)
            if n is None and not re.match(r"^[-+•]\s", first):
                if not kind:
                    break
                continue  # a paragraph the item goes on in (a quotation of the cited resolution)
            this = n.kind if n is not None else "bullet"
            number = n.number if n is not None else ""
            if kind and (this != kind or "." in number or (number.isdigit() and last.isdigit()
                                                            and int(number) <= int(last))):
                break  # another kind of numbering, or the numbers start again: the next part's items
            kind, last = this, number
            rest = n.rest if n is not None else first.lstrip("-+• ")
            sentence = _SENTENCE_END.split(rest)[0].strip()
            found = [b for b in (_basis((w,), p) for p in _pieces(sentence)) if b is not None]
            # one basis an item, as its reader counts them ("2. Nghị quyết 88/2014/QH13 …; Quyết định 404/QĐ-TTg …"
            # is one), named by its first cited document, or by its words when it cites none by kind ("5. Số
            # 3089/BGDĐT-GDTrH ngày 14/8/2020 về …")
            text = nfc(sentence)[:vocab.BASIS_ITEM_MAX_CHARS]
            out.append(replace(found[0], units=(w,), text=text) if found else
                       Basis((w,), text, text[:60], "van ban", fold(text)[:60], ""))
        if out:
            return out
    return out


def _pieces(text: str) -> list[str]:
    """The documents of one basis line: separated by ";", by ", " or by a full stop before the next one (a sentence
    citing none is left out) ("Thông tư
    số 32/2018/TT-BGDĐT ngày …, Quyết định số 16/2006/QĐ-BGDĐT … . Thông tư số 28/2020/TT-BGDĐT …"), each up to the
    end of its sentence ("… hành chính. Chủ tịch UBND tỉnh có ý kiến như sau:" ends at "hành chính")."""
    pieces: list[str] = []
    for part in nfc(text).split(";"):
        sentences = _SENTENCE_END.split(part.strip())
        kept = sentences[:1] + [s for s in sentences[1:] if _NEXT_CITED.match(fold(s))]  # not "Nhà trường cần …"
        for sentence in kept:
            f = fold(sentence)
            cuts = [0] + [m.end() for m in _COMMA_CITED.finditer(f)] if len(f) == len(sentence) else [0]
            pieces += [sentence[a:b].strip(" ,.") for a, b in zip(cuts, cuts[1:] + [len(sentence)], strict=True)]
    return [p for p in pieces if p]


def _basis(units: tuple[Unit, ...], piece: str) -> Basis | None:
    f = fold(piece)
    m = _CITED.search(f)
    if m is None:
        return None
    if m.group(1):
        kind, key, span = m.group(1), m.group(2).lower(), (m.start(1), m.end(2))
    else:
        kind, key, span = "luat", m.group(4).strip(), (m.start(3), m.end(4))
    issuer = _ISSUER.search(f[m.end():])
    name = nfc(piece)[span[0]:span[1]] if len(nfc(piece)) == len(f) else piece[:60]
    return Basis(units, nfc(piece), name, kind, key, expand(issuer.group(1)) if issuer else "")


def _asked_part(question: str) -> str:
    """The accent-free question from its first word asking for a list or a count on ("… căn cứ vào mấy văn bản do
    Chính phủ ban hành"): the words before it name the document itself ("Công văn 4532 của UBND tỉnh …")."""
    f = re.sub(r"\bphap luat\b", " ", _EXCLUDED.sub(" ", fold(question)))
    m = vocab.BASES_LIST_Q.search(f)
    return f[m.start():] if m else ""


def asked_kinds(question: str) -> set[str]:
    """The kinds of document the question asks for ("những luật nào", "các quyết định"); none for "văn bản"."""
    return {m.group(1) for m in re.finditer(rf"\b({_KIND}|luat)\b", _asked_part(question))} - {"van ban"}


def asked_issuers(question: str) -> list[str]:
    """The issuing bodies the question asks for ("do Chính phủ ban hành", "của UBND Thành phố"), spelled out; those
    it excludes ("(không tính văn bản của Văn phòng Chính phủ)") left out."""
    out = []
    for m in _ISSUER.finditer(_asked_part(question)):
        phrase = expand(m.group(1).strip())
        if vocab.ISSUER_BODY.search(phrase):
            out.append(phrase)
    return out


def asked_numbers(question: str) -> set[str]:
    """Document numbers the question names ("Quyết định 3871/QĐ-BGDĐT", "công văn 1910", "nghị định 20/2008"), years
    left out."""
    f = fold(question)
    after_kind = {m.group(2) for m in re.finditer(rf"\b({_KIND}|luat)\s+(?:so\s*)?(\d+)", f)}
    numbers = after_kind | set(vocab.DOC_NUMBER_Q.findall(vocab.DATE_IN_Q.sub(" ", question)))
    return {n.lstrip("0") for n in numbers if not is_year(n)}


def selected(found: list[Basis], question: str, own: str = "") -> tuple[list[Basis], str]:
    """The bases the question singles out and how ("quyet dinh", "chinh phu"): by number when it names one of
    theirs and asks for no list (then only those), else by kind and issuer; all of them, with "", when it names
    none. `own`: the document's id and name, whose numbers name the document itself ("công văn 4532 … căn cứ")."""
    mine = {n.lstrip("0") for n in re.findall(r"\d+", own)}
    numbers = set() if vocab.BASES_LIST_Q.search(fold(question)) else asked_numbers(question) - mine
    named = [b for b in found if lead_number(b.key) in numbers]
    if named:  # a number no basis has is the document's own ("Công văn 4532 căn cứ vào mấy văn bản")
        return named, "number"
    kinds, issuers = asked_kinds(question), asked_issuers(question)
    out = [b for b in found if (not kinds or b.kind in kinds)
           and (not issuers or any(b.issuer.startswith(i) for i in issuers))]
    return out, " ".join(sorted(kinds) + issuers)


def lead_number(key: str, letter: bool = False) -> str:
    """The number a basis's key starts with, without leading zeros ("57" of "57/2017/nđ-cp"); with its letter when
    `letter` ("30c" of "30c/nq-cp"); "" when it starts with none."""
    m = re.match(r"\s*0*(\d+[a-z]?)" if letter else r"\s*0*(\d+)", key)
    return m.group(1) if m else ""
