"""`kehoach compare OLD [NEW]`: targets and tasks matched across two plans, or, with one plan, the
previous year's targets and tasks (the results annex: tables with a "Kết quả" column) against this
year's (the "Mục tiêu" / "Nhiệm vụ trọng tâm" sentences with a percentage, and the task annex).
Reports changed figures (50% → 80%), new and dropped items, with citations on both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.staff.common import Cite, find_column, short
from assistant.staff.draft import current_tasks, sections_under, target_sections
from assistant.staff.matching import Evidence, Matcher, word_cosine
from ingest import vocab
from ingest.models import ParsedDocument
from ingest.text import fold

if TYPE_CHECKING:
    from assistant.embedder import Embedder

_PCT = re.compile(r"(\d+(?:,\d+)?)\s*(?:%|phần trăm)")
MATCH_AT = 0.5


cosine = word_cosine  # the matcher's word measure (matching.py), under its old name


@dataclass
class Item:
    kind: str  # "Chỉ tiêu" | "Nhiệm vụ"
    text: str
    cite: Cite

    lead: str = ""  # tasks: the lead unit (Đơn vị chủ trì)
    deadline: str = ""  # tasks: the deadline column, when the plan has one

    @property
    def figures(self) -> list[str]:
        return [m.group(1) + "%" for m in _PCT.finditer(self.text)]


@dataclass
class Pair:
    old: Item
    new: Item
    score: float
    evidence: Evidence | None = None

    @property
    def changed(self) -> bool:
        return self.old.figures != self.new.figures


@dataclass
class Comparison:
    old_title: str
    new_title: str
    matched: list[Pair] = field(default_factory=list)
    added: list[Item] = field(default_factory=list)
    dropped: list[Item] = field(default_factory=list)

    @property
    def changed(self) -> list[Pair]:
        return [p for p in self.matched if p.changed]


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ0-9])|;\s*", text) if c.strip()]


def plan_targets(doc: ParsedDocument) -> list[Item]:
    """This year's targets: clauses with a percentage in the target sections and the 'nhiệm vụ trọng tâm'
    (a plan without a 'Mục tiêu cụ thể' section: those titled 'mục tiêu' / 'chỉ tiêu')."""
    secs = target_sections(doc) or sections_under(doc, vocab.TARGET_SECTION_F)
    secs = secs + [s for s in doc.sections if s.annex is None and "trong tam" in fold(s.title)]
    out = []
    for s in secs:
        for i, p in enumerate(s.paragraphs, 1):
            for c in _clauses(p.text):
                if _PCT.search(c):
                    out.append(Item("Chỉ tiêu", c, Cite(s.label, f"{s.locator}#p{i}", short(c))))
    return out


def result_items(doc: ParsedDocument) -> tuple[list[Item], list[Item]]:
    """Last year's targets and tasks from the results annex (tables with a 'Kết quả' column)."""
    targets: list[Item] = []
    tasks: list[Item] = []
    for t in doc.tables:
        if find_column(t, "ket qua") is None:
            continue
        col = find_column(t, "chi tieu")
        kind = "Chỉ tiêu" if col else "Nhiệm vụ"
        col = col or find_column(t, "nhiem vu", "noi dung") or t.columns[1]
        for r in t.items:
            text = r.cells.get(col, "")
            (targets if col and kind == "Chỉ tiêu" else tasks).append(
                Item(kind, text, Cite(r.label, r.locator, short(text))))
    return targets, tasks


def plan_tasks(doc: ParsedDocument) -> list[Item]:
    """The tasks of the assignment table; a plan without one (a school's plan, a communication plan) states them
    as numbered paragraphs under 'Nhiệm vụ' / 'Nội dung' / 'Giải pháp' headings: those paragraphs."""
    tasks = [Item("Nhiệm vụ", e.text, e.cite, e.lead, e.deadline) for e in current_tasks(doc)]
    if tasks:
        return tasks
    out: list[Item] = []
    for s in sections_under(doc, vocab.TASK_SECTION_F):
        for i, p in enumerate(s.paragraphs, 1):
            text = p.text.strip()
            if len(text.split()) >= vocab.TASK_MIN_WORDS and len(out) < vocab.TASKS_MAX:
                out.append(Item("Nhiệm vụ", text, Cite(s.label, f"{s.locator}#p{i}", short(text))))
    return out


def match(old: list[Item], new: list[Item], embedder: Embedder | None = None,
          min_words: float = MATCH_AT) -> tuple[list[Pair], list[Item], list[Item]]:
    """Greedy one-to-one matching (matching.py, shared with the checker and `kehoach align`), best pairs
    first: on shared content words, and with an embedder also on meaning (a reworded item matches with
    fewer shared words when it is among the closest in meaning)."""
    found = Matcher(embedder).one_to_one([o.text for o in old], [n.text for n in new], min_words=min_words)
    pairs = [Pair(old[i], new[j], ev.score, ev) for i, j, ev in found]
    used_o, used_n = {i for i, _, _ in found}, {j for _, j, _ in found}
    return (pairs, [n for j, n in enumerate(new) if j not in used_n],
            [o for i, o in enumerate(old) if i not in used_o])


def compare_plans(old: ParsedDocument, new: ParsedDocument | None = None) -> Comparison:
    if new is None:  # one plan: its results annex (last year) vs its own content (this year)
        old_targets, old_tasks = result_items(old)
        new_doc = old
        title_old, title_new = f"{old.title} — kết quả năm trước (phụ lục)", f"{old.title} — năm kế hoạch"
    else:
        old_targets, old_tasks = plan_targets(old), plan_tasks(old)
        new_doc = new
        title_old, title_new = old.title, new.title
    cmp = Comparison(title_old, title_new)
    for o, n in ((old_targets, plan_targets(new_doc)), (old_tasks, plan_tasks(new_doc))):
        pairs, added, dropped = match(o, n)
        cmp.matched += pairs
        cmp.added += added
        cmp.dropped += dropped
    return cmp


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def comparison_markdown(c: Comparison) -> str:
    lines = [f"# So sánh: {c.old_title} → {c.new_title}", "",
             "| Loại | Cũ | Mới | Số liệu | Nguồn cũ | Nguồn mới |", "|---|---|---|---|---|---|"]
    for p in c.changed:
        lines.append(f"| {p.old.kind} (thay đổi) | {_cell(short(p.old.text, 90))} | {_cell(short(p.new.text, 90))} | "
                     f"{', '.join(p.old.figures) or '—'} → {', '.join(p.new.figures) or '—'} | "
                     f"{_cell(p.old.cite.label)} | {_cell(p.new.cite.label)} |")
    for n in c.added:
        lines.append(f"| {n.kind} (mới) | — | {_cell(short(n.text, 90))} | {', '.join(n.figures) or '—'} | — |"
                     f" {_cell(n.cite.label)} |")
    for o in c.dropped:
        lines.append(f"| {o.kind} (bỏ) | {_cell(short(o.text, 90))} | — | {', '.join(o.figures) or '—'} |"
                     f" {_cell(o.cite.label)} | — |")
    same = len(c.matched) - len(c.changed)
    lines += ["", f"{len(c.changed)} thay đổi số liệu, {len(c.added)} mới, {len(c.dropped)} bỏ, {same} giữ nguyên."]
    return "\n".join(lines) + "\n"
