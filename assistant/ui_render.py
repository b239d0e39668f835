"""HTML and plain-text rendering for the Gradio UI (assistant/ui.py): citation chips' side panel,
the answer as copyable text and the documents' structure. Pure functions over units; no Gradio here."""

from __future__ import annotations

import re
from collections import OrderedDict
from html import escape
from typing import Any

from assistant.answer_text import answer_with_sources, source_label
from ingest.models import Citation, Unit
from ingest.text import fold

ROW_KINDS = ("row", "total")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")
_WORD = re.compile(r"\w+", re.UNICODE)

EMPTY_PANEL = ('<div class="kh-panel kh-empty">Bấm vào một nguồn <b>[1]</b>, <b>[2]</b>… dưới câu trả lời '
               'để xem đoạn văn bản hoặc dòng phụ lục được trích dẫn.</div>')


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if len(w) > 1}


def chip_label(i: int, c: Citation) -> str:
    """The text of citation chip i (1-based): '[1] Phụ lục IV, dòng 31 (TH Tân Hoà 1)'."""
    return source_label(i, c)


def answer_plain_text(answer: str, citations: list[Citation]) -> str:
    """The answer with its [n] markers followed by its sources and their text, for copying."""
    return answer_with_sources(answer, citations, quotes=True)


def highlight_sentences(text: str, answer: str) -> str:
    """The unit text as HTML, its sentences that the answer quotes wrapped in <mark>."""
    target = _words(answer)
    parts = [p for p in _SENTENCE.split(text) if p.strip()]
    scores = []
    for p in parts:
        w = _words(p)
        scores.append(len(w & target) / len(w) if w else 0.0)
    best = max(scores, default=0.0)
    out = []
    for p, sc in zip(parts, scores, strict=True):
        hit = sc >= 0.6 or (best > 0.3 and sc == best)
        body = escape(p)
        out.append(f'<mark class="kh-hl">{body}</mark>' if hit else body)
    return "<p>" + "</p><p>".join(out) + "</p>"


def _row_table(rows: list[Unit], current: str | None = None) -> str:
    cols: list[str] = []
    for r in rows:
        for k in r.cells:
            if k not in cols:
                cols.append(k)
    head = "".join(f"<th>{escape(c)}</th>" for c in cols)
    body = []
    for r in rows:
        cls = ' class="kh-current"' if r.id == current else ""
        body.append(f"<tr{cls}>" + "".join(f"<td>{escape(r.cells.get(c, ''))}</td>" for c in cols) + "</tr>")
    return f'<div class="kh-table-wrap"><table class="kh-table"><thead><tr>{head}</tr></thead>' \
           f'<tbody>{"".join(body)}</tbody></table></div>'


def _single_row(unit: Unit) -> str:
    cells = unit.cells or dict(
        (k.strip(), v.strip()) for k, _, v in (p.partition(":") for p in unit.text.split("; ")) if v)
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in cells.items())
    return f'<div class="kh-table-wrap"><table class="kh-table kh-row">{rows}</table></div>'


def citation_panel(n: int, cite: Citation, unit: Unit | None, neighbours: list[Unit], answer: str) -> str:
    """The side panel for citation n: heading path + highlighted text, or the row as a table."""
    page = f'<div class="kh-meta">Trang {cite.page}</div>' if cite.page else ""
    if cite.ocr:  # read from a scan: say so where the passage is shown
        page += '<div class="kh-meta kh-ocr">Văn bản nhận dạng từ bản scan (OCR): có thể sai dấu, hãy đối chiếu bản gốc.</div>'

    title = (f'<div class="kh-cite-no">Nguồn [{n}]</div><h3 class="kh-label">{escape(cite.label)}</h3>'
             f'<div class="kh-doc">{escape(cite.doc_title)}</div>{page}')
    if unit is None:  # the document changed since the answer: show what the citation carries
        return (f'<div class="kh-panel" data-kind="{escape(cite.kind)}">{title}'
                f'<div class="kh-text">{highlight_sentences(cite.text, answer)}</div></div>')
    md = unit.metadata
    if unit.kind in ROW_KINDS:
        annex = md.get("annex")
        info = []
        if annex:
            info.append(f"<b>Phụ lục {escape(str(annex))}</b>")
        if md.get("table_title"):
            info.append(escape(str(md["table_title"])))
        groups = [g for g in (unit.group_titles or [str(md.get("group_title") or "")]) if g]
        if groups:
            info.append("Nhóm: " + escape(" › ".join(groups)))
        rows = sorted({u.id: u for u in [*neighbours, unit] if u.kind in ROW_KINDS}.values(),
                      key=lambda u: int(u.metadata.get("position", 0) or 0) + (10_000 if u.kind == "total" else 0))
        near = ""
        if len(rows) > 1:
            near = f'<div class="kh-sub">Các dòng lân cận</div>{_row_table(rows, unit.id)}'
        return (f'<div class="kh-panel" data-kind="row">{title}<div class="kh-meta">{" · ".join(info)}</div>'
                f'<div class="kh-sub">Dòng được trích dẫn</div>{_single_row(unit)}{near}</div>')
    path = str(md.get("path") or "")
    heading = f'<div class="kh-path">{escape(path)}</div>' if path and path != unit.label else ""
    return (f'<div class="kh-panel" data-kind="{escape(unit.kind)}">{title}{heading}'
            f'<div class="kh-text">{highlight_sentences(unit.text, answer)}</div></div>')


def status_html(kind: str, text: str) -> str:
    return f'<div class="kh-status kh-{kind}" role="status">{escape(text)}</div>'


# -- documents tab ---------------------------------------------------------------------------------
def documents_table(docs: list[dict[str, Any]], units_of: Any) -> str:
    if not docs:
        return '<div class="kh-status kh-info">Chưa có tài liệu nào trong kho.</div>'
    rows = []
    for d in docs:
        units = units_of(d["doc"])
        secs = len({u.label for u in units if u.kind == "section"})
        tables = {(u.metadata.get("annex"), u.metadata.get("table")) for u in units if u.kind in ROW_KINDS}
        when = str(d.get("ingested_at") or "")[:16].replace("T", " ")
        rows.append(f"<tr><td><b>{escape(d.get('doc_title') or d['doc'])}</b><br><code>{escape(d['doc'])}</code></td>"
                    f"<td>{secs}</td><td>{len(tables)}</td><td>{d.get('rows', 0)}</td><td>{escape(when)}</td></tr>")
    return ('<div class="kh-table-wrap"><table class="kh-table kh-docs"><thead><tr><th>Tài liệu</th><th>Mục</th>'
            '<th>Bảng phụ lục</th><th>Dòng bảng</th><th>Nạp lúc</th></tr></thead><tbody>' + "".join(rows)
            + "</tbody></table></div>")


def document_structure(units: list[Unit]) -> str:
    """A browsable outline: sections (label, path, text) then annex tables with their rows."""
    if not units:
        return '<div class="kh-status kh-info">Chọn một tài liệu để xem cấu trúc.</div>'
    out = []
    meta = [u for u in units if u.kind == "meta"]
    if meta:
        out.append(f'<details open><summary>Thông tin văn bản</summary><pre class="kh-pre">'
                   f'{escape(meta[0].text)}</pre></details>')
    # A long section is indexed as several units with the same label: shown once, its text joined.
    secs: OrderedDict[str, list[Unit]] = OrderedDict()
    for u in units:
        if u.kind == "section":
            secs.setdefault(u.label, []).append(u)
    if secs:
        items = []
        for label, parts in secs.items():
            path = str(parts[0].metadata.get("path") or "")
            pages = sorted({u.page for u in parts if u.page})
            page = f" · trang {pages[0]}" + (f"–{pages[-1]}" if len(pages) > 1 else "") if pages else ""
            text = "\n".join(u.text for u in parts)
            items.append(f'<details class="kh-sec"><summary>{escape(label)}'
                         f'<span class="kh-muted"> {escape(path[:90])}{page}</span></summary>'
                         f'<div class="kh-text"><p>{escape(text).replace(chr(10), "</p><p>")}</p></div></details>')
        out.append(f'<details open><summary>Các mục ({len(secs)})</summary>{"".join(items)}</details>')
    tables: OrderedDict[tuple[str, int], list[Unit]] = OrderedDict()
    for u in units:
        if u.kind in ROW_KINDS:
            tables.setdefault((str(u.metadata.get("annex") or ""), int(u.metadata.get("table", 0) or 0)), []).append(u)
    if tables:
        items = []
        for (annex, _t), rows in tables.items():
            rows.sort(key=lambda u: int(u.metadata.get("position", 0) or 0) + (10_000 if u.kind == "total" else 0))
            title = str(rows[0].metadata.get("table_title") or "")
            name = f"Phụ lục {annex}" if annex else "Bảng"
            items.append(f'<details class="kh-annex"><summary>{escape(name)} — {escape(title)} '
                         f'<span class="kh-muted">({len(rows)} dòng)</span></summary>{_row_table(rows)}</details>')
        out.append(f'<details open><summary>Phụ lục và bảng ({len(tables)})</summary>{"".join(items)}</details>')
    return '<div class="kh-structure">' + "".join(out) + "</div>"
