"""The chat page's staff tab "Đối chiếu kế hoạch" (`kehoach align` over indexed plans): shown, and answering,
only for a caller whose code is the staff or admin token (assistant/access.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from assistant.access import STAFF_TOOLS_ONLY, access_for
from assistant.settings import Settings
from ingest import vocab


def align_report(settings: Settings, lower: str | None, upper: str | None, level: str | None,
                 code: str | None) -> tuple[str, list[str]]:
    """(Markdown report, [DOCX, XLSX paths]) of `lower` against `upper` (indexed ids), or a refusal."""
    if not access_for(settings, code).staff:
        return STAFF_TOOLS_ONLY, []
    if not lower or not upper or lower == upper:
        return "Chọn hai kế hoạch khác nhau: cấp dưới và cấp trên. / Pick two different plans.", []
    from assistant.staff.align import align_plans
    from assistant.staff.export import alignment_markdown, write_alignment
    from assistant.wiring import get_index

    index = get_index(settings)
    docs = [index.parsed_documents(d)[0] for d in (lower, upper)]
    if not all(docs):
        return "Không có tài liệu này. / No such document.", []
    a = align_plans(docs[0][0], docs[1][0], levels={level} if level else None, embedder=index.embedder)
    files = write_alignment(a, Path(tempfile.mkdtemp(prefix="kehoach-align-")))
    return alignment_markdown(a), [str(p) for p in files[1:]]


def align_tab(settings: Settings, code: Any) -> tuple[Any, Any, Any]:
    """Builds the tab inside the page's gr.Tabs; returns (tab, lower dropdown, upper dropdown) for the page
    to show and fill when the code changes."""
    import gradio as gr

    levels = [("Theo đơn vị ban hành", "")] + [(name, key) for key, name in vocab.LEVEL_NAMES.items()]
    with gr.Tab("Đối chiếu kế hoạch (cán bộ)", id="align", visible=False) as tab:
        with gr.Row():
            lower = gr.Dropdown([], label="Kế hoạch cấp dưới", elem_id="kh-al-lower")
            upper = gr.Dropdown([], label="Kế hoạch cấp trên", elem_id="kh-al-upper")
            level = gr.Dropdown(levels, value="", label="Cấp học của người đọc", elem_id="kh-al-level")
        run = gr.Button("Đối chiếu", variant="primary", elem_id="kh-al-run")
        report = gr.Markdown(elem_id="kh-al-report")
        files = gr.File(label="Tải về (DOCX, XLSX)", file_count="multiple", elem_id="kh-al-files")
    run.click(lambda lo, up, lv, c: align_report(settings, lo, up, lv, c), [lower, upper, level, code],
              [report, files], api_visibility="private")
    return tab, lower, upper
