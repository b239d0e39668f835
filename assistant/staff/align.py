"""`kehoach align LOWER --against UPPER`: does a lower plan (a school's, a district office's) carry the
targets and tasks of the upper plan (the Sở's) that apply to its reader? For each upper item: `covered`
(matched, same or stricter figure, no later deadline), `weaker` (a figure worse in the target's own direction
— lower for a coverage rate, higher for a drop-out rate — or a later deadline), `missing`; then the lower
plan's items that the upper plan does not ask for (`extra`). Items and their matching are those of
`kehoach compare` (compare.py, matching.py); every line cites both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.staff.common import Cite, fmt
from assistant.staff.compare import Item, match, plan_targets, plan_tasks
from assistant.staff.figures import figures_in
from ingest import vocab
from ingest.models import ParsedDocument
from ingest.tags import levels_of
from ingest.text import fold

if TYPE_CHECKING:
    from assistant.embedder import Embedder

STATUS_VI = {"covered": "Đã có", "weaker": "Thấp hơn yêu cầu", "missing": "Thiếu", "extra": "Bổ sung (cấp trên không yêu cầu)"}
ALIGN_MATCH_AT = 0.45  # items of two plans share fewer words than restatements within one plan


@dataclass
class AlignLine:
    status: str  # covered | weaker | missing | extra
    kind: str  # "Chỉ tiêu" | "Nhiệm vụ"
    upper: Item | None
    lower: Item | None
    upper_figure: str = ""
    lower_figure: str = ""
    note: str = ""
    evidence: str = ""


@dataclass
class Alignment:
    upper_title: str
    lower_title: str
    upper_doc: str
    lower_doc: str
    levels: list[str] = field(default_factory=list)
    district: str = ""
    lines: list[AlignLine] = field(default_factory=list)
    not_applicable: int = 0

    def count(self, status: str) -> int:
        return sum(1 for ln in self.lines if ln.status == status)


def percentages(text: str) -> list[float]:
    return [v for _, _, v, unit in figures_in(text) if unit == "%"]


def lower_is_better(text: str) -> bool:
    """'tỷ lệ học sinh bỏ học dưới 1%': a target of this subject is stricter when lower."""
    return bool(vocab.LOWER_IS_BETTER_F.search(fold(text)))


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def deadline_of(text: str) -> tuple[int, int, int] | None:
    """The latest date a deadline allows, as (year, month, day): 'Quý II/2024' -> (2024, 6, 30),
    'Tháng 6/2024' -> (2024, 6, 31), '30/6/2024' -> (2024, 6, 30), 'Năm 2024' -> (2024, 12, 31)."""
    f = fold(text)
    if m := vocab.DEADLINE_DATE_F.search(f):
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    if m := vocab.DEADLINE_MONTH_F.search(f):
        return int(m.group(2)), int(m.group(1)), 31
    if (m := vocab.DEADLINE_QUARTER_F.search(f)) and m.group(2):
        q = _ROMAN.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
        if 1 <= q <= 4:
            return int(m.group(2)), 3 * q, 31
    if m := vocab.DEADLINE_YEAR_F.search(f):
        return int(m.group(1)), 12, 31
    return None


def applies(item: Item, levels: set[str], district: str) -> bool:
    """An upper item applies to the reader unless it names only other school levels, or another district."""
    named = levels_of(item.text)
    if levels and named and not named & levels:
        return False
    if district:
        places = re.findall(r"\b(?:huyen|thanh pho|thi xa|quan)\s+([a-z]+(?:\s+[a-z]+)?)", fold(item.text))
        if places and not any(p in fold(district) or fold(district).endswith(p) for p in places):
            return False
    return True


def _compare(up: Item, low: Item) -> tuple[str, str, str, str]:
    """(status, upper figure, lower figure, note) of a matched pair."""
    ups, lows = percentages(up.text), percentages(low.text)
    uf = ", ".join(fmt(v) + "%" for v in ups)
    lf = ", ".join(fmt(v) + "%" for v in lows)
    notes = []
    status = "covered"
    if ups:
        down = lower_is_better(up.text)
        if not lows:
            notes.append("kế hoạch cấp dưới không ghi số liệu")
            status = "weaker"
        elif (max(lows) > max(ups)) if down else (max(lows) < max(ups)):
            status = "weaker"
            notes.append(f"{lf} {'cao hơn' if down else 'thấp hơn'} {uf} ({'càng thấp càng tốt' if down else 'càng cao càng tốt'})")
    du, dl = deadline_of(up.deadline), deadline_of(low.deadline)
    if du and dl and dl > du:
        status = "weaker"
        notes.append(f"thời hạn {low.deadline} muộn hơn {up.deadline}")
    if up.lead and not low.lead:
        notes.append("chưa ghi đơn vị chủ trì")
    return status, uf, lf, "; ".join(notes)


def align_plans(lower: ParsedDocument, upper: ParsedDocument, *, levels: set[str] | None = None,
                district: str = "", embedder: Embedder | None = None) -> Alignment:
    """The alignment report of `lower` against `upper`. `levels`/`district`: the lower plan's reader; by
    default the levels named by its issuer (a school's plan: its level), no district filter."""
    reader = set(levels) if levels else levels_of(" ".join(filter(None, [lower.meta.issuer, lower.meta.title])))
    out = Alignment(upper.title, lower.title, upper.doc, lower.doc, sorted(reader), district)
    for ups_all, lows in ((plan_targets(upper), plan_targets(lower)), (plan_tasks(upper), plan_tasks(lower))):
        # matched against every upper item: a lower item carrying one that does not apply is no extra
        ups = [u for u in ups_all if applies(u, reader, district)]
        out.not_applicable += len(ups_all) - len(ups)
        pairs, extra, _ = match(ups_all, lows, embedder, min_words=ALIGN_MATCH_AT)
        by_upper = {id(p.old): p for p in pairs}
        for u in ups:
            p = by_upper.get(id(u))
            if p is None:
                out.lines.append(AlignLine("missing", u.kind, u, None, ", ".join(fmt(v) + "%" for v in percentages(u.text))))
                continue
            status, uf, lf, note = _compare(u, p.new)
            out.lines.append(AlignLine(status, u.kind, u, p.new, uf, lf, note,
                                       p.evidence.describe() if p.evidence else ""))
        out.lines += [AlignLine("extra", n.kind, None, n, "", ", ".join(fmt(v) + "%" for v in percentages(n.text)))
                      for n in extra]
    return out


HEAD = ["STT", "Tình trạng", "Loại", "Kế hoạch cấp trên", "Số liệu cấp trên", "Kế hoạch cấp dưới",
        "Số liệu cấp dưới", "Ghi chú", "Nguồn cấp trên", "Nguồn cấp dưới"]


def _src(c: Cite | None) -> str:
    return f"{c.label} [{c.locator}]" if c else "—"


def table(a: Alignment) -> list[list[str]]:
    """The report as rows of strings, one per line (shared by Markdown, DOCX and XLSX)."""
    return [[str(i), STATUS_VI[ln.status], ln.kind, ln.upper.cite.quote if ln.upper else "—", ln.upper_figure or "—",
             ln.lower.cite.quote if ln.lower else "—", ln.lower_figure or "—", ln.note,
             _src(ln.upper.cite if ln.upper else None), _src(ln.lower.cite if ln.lower else None)]
            for i, ln in enumerate(a.lines, 1)]


def summary(a: Alignment) -> str:
    return (f"{a.count('covered')} đã có, {a.count('weaker')} thấp hơn yêu cầu, {a.count('missing')} thiếu, "
            f"{a.count('extra')} bổ sung; {a.not_applicable} nội dung cấp trên không áp dụng cho đối tượng này.")


def title(a: Alignment) -> str:
    return f"Đối chiếu: {a.lower_title} với {a.upper_title}"


def intro(a: Alignment) -> str:
    who = ", ".join(vocab.LEVEL_NAMES.get(x, x) for x in a.levels) or "mọi cấp học"
    return f"Kế hoạch cấp trên: {a.upper_doc}. Kế hoạch cấp dưới: {a.lower_doc}. Áp dụng cho: {who}" + (
        f", {a.district}" if a.district else "") + f". {summary(a)}"
