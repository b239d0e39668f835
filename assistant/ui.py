"""The teacher-facing Gradio UI, mounted on the FastAPI app at `/` (the API stays under /api and /v1).

Tab "Hỏi đáp": chat with filters (document, "Tôi là…" role, school level, district) that narrow
retrieval; each answer comes with numbered citation chips; a chip opens the cited unit in the side
panel (a section's heading path and text with the quoted sentence highlighted, or an annex row as a
table with its annex, group and neighbouring rows; the page for PDFs). Example questions, a clear
"không tìm thấy" state, kind error messages and the answer with its sources as plain text to copy.
Tab "Tài liệu": the indexed documents and their structure; with the admin token, upload and delete.
`gr.api` endpoints ("ask", "documents") serve gradio_client users.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI

from assistant.access import OPERATOR, Access, access_for, admin_refusal
from assistant.settings import Settings
from assistant.ui_render import (
    EMPTY_PANEL,
    answer_plain_text,
    chip_label,
    citation_panel,
    document_structure,
    documents_table,
    status_html,
)
from ingest.models import Citation

if TYPE_CHECKING:
    from assistant.library import Library

log = logging.getLogger("kehoach.ui")

EXAMPLES = [
    "Tôi dạy THCS, tỷ trọng dạy trực tuyến phải đạt bao nhiêu?",
    "Những trường nào ở huyện Lai Vung được đầu tư STEM?",
    "Tổng kinh phí khái toán năm 2024 là bao nhiêu?",
    "Những nhiệm vụ nào chưa đạt năm 2023?",
]
ALL = ""
ROLES = [("Không chọn", ALL), ("Giáo viên", "giáo viên"), ("Cán bộ quản lý", "cán bộ quản lý"),
         ("Nhân viên phòng/sở", "nhân viên phòng/sở")]
LEVELS = [("Tất cả cấp học", ALL), ("Mầm non", "mầm non"), ("Tiểu học", "tiểu học"), ("THCS", "THCS"),
          ("THPT", "THPT"), ("GDTX", "GDTX")]
ABSTAIN_NOTE = ("Không tìm thấy trong kế hoạch: các tài liệu hiện có không trả lời câu hỏi này. "
                "Hãy thử hỏi cách khác, bỏ bớt bộ lọc, hoặc chọn tài liệu khác.")
ERROR_NOTE = ("Xin lỗi, đã có lỗi khi tìm câu trả lời. Vui lòng thử lại sau ít phút; "
              "nếu vẫn lỗi, hãy báo cho quản trị viên.")

# On a phone the panel sits below the chat: bring it into view when a chip is clicked.
SCROLL_TO_PANEL = """(chip, last) => {
  if (window.innerWidth < 700) {
    document.getElementById("kh-panel")?.scrollIntoView({behavior: "smooth", block: "start"});
  }
  return [chip, last];
}"""

CSS = """
.gradio-container { max-width: 1280px !important; margin: auto; }
#kh-title h1 { font-size: 1.45rem; margin: 0.2rem 0; }
#kh-title p { margin: 0; color: var(--body-text-color-subdued); }
#kh-chips .wrap { gap: 6px; }
#kh-chips label { border-radius: 999px !important; padding: 4px 12px !important; font-size: 0.88rem;
  border: 1px solid var(--color-accent) !important; background: var(--background-fill-secondary); }
#kh-chips label.selected, #kh-chips label:has(input:checked) { background: var(--color-accent) !important;
  color: #fff !important; }
#kh-chips label.selected *, #kh-chips label:has(input:checked) * { color: #fff !important; }
#kh-chips input[type=radio] { display: none; }
.kh-examples button { font-size: 0.85rem !important; text-align: left; white-space: normal; }
.kh-panel { font-size: 0.95rem; line-height: 1.45; }
.kh-panel h3.kh-label { margin: 0.1rem 0 0.3rem; font-size: 1.05rem; }
.kh-cite-no { font-weight: 600; color: var(--color-accent); }
.kh-doc, .kh-meta, .kh-path, .kh-muted { color: var(--body-text-color-subdued); font-size: 0.88rem; }
.kh-path { font-style: italic; margin-bottom: 0.4rem; }
.kh-sub { font-weight: 600; margin: 0.6rem 0 0.2rem; }
.kh-text p { margin: 0.3rem 0; }
mark.kh-hl { background: #fff0a8; color: inherit; padding: 0 2px; border-radius: 3px; }
.kh-table-wrap { overflow-x: auto; max-width: 100%; }
table.kh-table { border-collapse: collapse; width: 100%; font-size: 0.86rem; }
table.kh-table th, table.kh-table td { border: 1px solid var(--border-color-primary); padding: 4px 6px;
  vertical-align: top; text-align: left; }
table.kh-table th { background: var(--background-fill-secondary); }
table.kh-row th { width: 38%; }
table.kh-table tr.kh-current td { background: #fff0a8; font-weight: 600; color: #222; }
.kh-status { padding: 8px 12px; border-radius: 8px; margin: 4px 0; }
.kh-abstain { background: #fff7e0; border: 1px solid #e8c25a; color: #5a4500; }
.kh-error { background: #fdecec; border: 1px solid #e39a9a; color: #7a1d1d; }
.kh-ok { background: #eaf7ee; border: 1px solid #8bc79c; color: #1d5a2c; }
.kh-info { background: var(--background-fill-secondary); }
.kh-empty { color: var(--body-text-color-subdued); }
.kh-structure details { margin: 4px 0 4px 0.4rem; }
.kh-structure summary { cursor: pointer; font-weight: 600; }
.kh-structure details.kh-sec summary, .kh-structure details.kh-annex summary { font-weight: 500; }
.kh-pre { white-space: pre-wrap; font-size: 0.88rem; font-family: inherit; }
@media (max-width: 640px) {
  .gradio-container { padding: 6px !important; }
  #kh-title h1 { font-size: 1.15rem; }
}
"""


# -- helpers ----------------------------------------------------------------------------------------
# Every call goes to the Library (documents) or the Answerer (questions) with the access the staff code
# gives (assistant/access.py): the UI parses, stores and checks nothing itself.
def _library(settings: Settings) -> Library:
    from assistant.wiring import get_library

    return get_library(settings)


def _doc_choices(settings: Settings, access: Access) -> list[tuple[str, str]]:
    out = []
    for d in _library(settings).documents(access):
        title = d.get("doc_title") or d["doc"]
        # A bare "Kế hoạch" says little: the document id (from the file name) tells them apart.
        label = title if len(title) >= 30 else f"{title} ({d['doc']})"
        out.append((f"{label} — nội bộ" if d.get("visibility") == "staff" else label, d["doc"]))
    return out


def _district_choices(settings: Settings, access: Access) -> list[tuple[str, str]]:
    return [("Tất cả quận/huyện", ALL)] + [(n, n) for n in _library(settings).districts(access)]


def _filters(doc: str | None, role: str | None, level: str | None, district: str | None) -> dict[str, str]:
    vals = {"doc": doc, "role": role, "level": level, "district": district}
    return {k: v for k, v in vals.items() if v}


def _turns(history: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out = []
    for h in history or []:
        role, content = h.get("role"), h.get("content")
        if role in ("user", "assistant") and isinstance(content, str):
            # Sent back without the sources footer the UI added.
            out.append((role, content.split("\n\n**Nguồn:**", 1)[0]))
    return out


def ask_once(settings: Settings, question: str, history: list[tuple[str, str]],
             filters: dict[str, str], code: str | None = None) -> dict[str, Any]:
    """One answer as a plain dict (the shape of /api/ask plus `error`), for the access `code` gives."""
    from assistant.wiring import get_answerer

    try:
        resp = get_answerer(settings).ask(question, history, filters or None, access_for(settings, code))
    except ValueError as e:
        return {"answer": "", "abstained": False, "citations": [], "error": f"Bộ lọc không hợp lệ: {e}"}
    except Exception:  # shown kindly; the details go to the server log
        log.exception("ask failed")
        return {"answer": "", "abstained": False, "citations": [], "error": ERROR_NOTE}
    return {"answer": resp.answer, "abstained": resp.abstained,
            "citations": [c.model_dump() for c in resp.citations], "error": None}


def upload_file(settings: Settings, path: str | Path, visibility: str | None = None,
                progress: Any = None) -> tuple[bool, str]:
    """One uploaded file through the Library's upload path (sandboxed parse); (ok, message)."""
    def step(frac: float, desc: str) -> None:
        if progress is not None:
            progress(frac, desc=desc)

    src = Path(path)
    name = src.name
    step(0.1, "Đang kiểm tra và đọc tệp (tách mục, bảng phụ lục)…")
    t0 = time.perf_counter()
    try:
        with src.open("rb") as fh:
            out = _library(settings).upload(
                fh, name, visibility=visibility,
                ocr_progress=lambda d, n: step(0.1 + 0.8 * d / max(n, 1), f"Đang nhận dạng chữ (OCR) trang {d}/{n}…"))
    except Exception:
        log.exception("upload failed")
        return False, "Đã có lỗi khi nạp tệp. Vui lòng thử lại; nếu vẫn lỗi, hãy báo cho quản trị viên."
    step(1.0, "Xong")
    if out.refused:
        return False, f"Không nạp được «{name}»: {out.refused}"
    return True, (f"Đã nạp «{name}» (mã {out.doc}): {out.sections} mục, {out.rows} dòng bảng, "
                  f"{out.units} đơn vị trích dẫn, trong {time.perf_counter() - t0:.1f} giây.")


def _admin_refusal(settings: Settings, token: str | None) -> str | None:
    refusal = admin_refusal(settings, token)
    return None if refusal is None else refusal.message


# -- the Blocks ---------------------------------------------------------------------------------------
def build_ui(settings: Settings) -> Any:
    import gradio as gr

    library = _library(settings)

    def access(code: str | None, token: str | None = None) -> Access:
        """The staff code's access, or the administrator's when the admin token is entered below."""
        return OPERATOR if admin_refusal(settings, token) is None else access_for(settings, code)

    def doc_dropdowns(code: str | None = None, token: str | None = None) -> tuple[Any, ...]:
        who = access(code, token)
        docs = _doc_choices(settings, who)
        return (gr.update(choices=[("Tất cả tài liệu", ALL)] + docs),
                gr.update(choices=_district_choices(settings, who)),
                gr.update(choices=docs, value=docs[0][1] if docs else None),
                gr.update(choices=docs, value=None),
                documents_table(library.documents(who), lambda d: library.structure(d, who)))

    def respond(question: str, history: list[dict[str, Any]], doc: str, role: str, level: str, district: str,
                code: str | None = None):
        history = list(history or [])
        question = (question or "").strip()
        no_chips = gr.update(choices=[], value=None, visible=False)
        if not question:
            return (history, question, no_chips, status_html("info", "Vui lòng nhập câu hỏi."), "", {},
                    EMPTY_PANEL)
        result = ask_once(settings, question, _turns(history), _filters(doc, role, level, district), code)
        history.append({"role": "user", "content": question})
        if result["error"]:
            return (history, question, no_chips, status_html("error", result["error"]), "", {}, EMPTY_PANEL)
        cites = [Citation(**c) for c in result["citations"]]
        content = result["answer"]
        if cites:
            content += "\n\n**Nguồn:** " + " · ".join(chip_label(i, c) for i, c in enumerate(cites, 1))
        history.append({"role": "assistant", "content": content})
        chips = [chip_label(i, c) for i, c in enumerate(cites, 1)]
        if result["abstained"]:
            status = status_html("abstain", ABSTAIN_NOTE)
        else:
            status = status_html("ok", f"Có {len(cites)} nguồn trích dẫn — bấm vào từng nguồn để xem chi tiết.")
        last = {"answer": result["answer"], "citations": result["citations"]}
        panel = EMPTY_PANEL
        return (history, "", gr.update(choices=chips, value=None, visible=bool(chips)), status,
                answer_plain_text(result["answer"], cites), last, panel)

    def show_citation(chip: str | None, last: dict[str, Any], code: str | None = None) -> str:
        m = re.match(r"\[(\d+)\]", chip or "")
        cites = (last or {}).get("citations") or []
        if not m or not (1 <= int(m.group(1)) <= len(cites)):
            return EMPTY_PANEL
        n = int(m.group(1))
        cite = Citation(**cites[n - 1])
        who = access(code)
        try:
            unit = library.unit(cite.id, who)
            near = library.neighbours(unit, 2, who) if unit is not None and unit.kind in ("row", "total") else []
        except Exception:
            log.exception("citation panel failed")
            unit, near = None, []
        return citation_panel(n, cite, unit, near, last.get("answer", ""))

    def clear_chat():
        return [], gr.update(choices=[], value=None, visible=False), "", "", {}, EMPTY_PANEL

    def structure(doc: str | None, code: str | None = None, token: str | None = None) -> str:
        return document_structure(library.structure(doc, access(code, token)) if doc else [])

    def do_upload(token: str, file: str | None, vis: str, code: str | None,
                  progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
        refusal = _admin_refusal(settings, token)
        if refusal:
            return (status_html("error", refusal), *[gr.update()] * 6)
        if not file:
            return (status_html("error", "Vui lòng chọn một tệp PDF, DOCX, HTML, MD hoặc TXT."), *[gr.update()] * 6)
        ok, msg = upload_file(settings, file, vis or None, progress)
        if not ok:
            return (status_html("error", msg), None, *[gr.update()] * 5)
        return (status_html("ok", msg), None, *doc_dropdowns(code, token))

    def do_delete(token: str, doc: str | None, code: str | None):
        refusal = _admin_refusal(settings, token)
        if refusal:
            return (status_html("error", refusal), *[gr.update()] * 5)
        if not doc:
            return (status_html("error", "Vui lòng chọn tài liệu cần xoá."), *[gr.update()] * 5)
        if not library.delete(doc):
            return (status_html("error", "Không có tài liệu này (có thể đã bị xoá)."), *doc_dropdowns(code, token))
        return (status_html("ok", f"Đã xoá tài liệu {doc}."), *doc_dropdowns(code, token))

    with gr.Blocks(title="Hỏi đáp kế hoạch — kehoach") as demo:
        gr.Markdown("# Hỏi đáp kế hoạch, đề án ngành Giáo dục\nTrả lời từ văn bản, có trích dẫn mục và "
                    "dòng phụ lục. Hỏi có dấu hoặc không dấu đều được.", elem_id="kh-title")
        last = gr.State({})
        with gr.Accordion("Cán bộ: nhập mã để xem cả tài liệu nội bộ", open=False, elem_id="kh-staff"):
            # Kept for this browser session only (the page's state), sent with each request, never stored.
            code = gr.Textbox(label="Mã cán bộ", type="password", elem_id="kh-staff-code",
                              placeholder="Để trống nếu không có: chỉ xem tài liệu công khai")
        with gr.Tabs():
            with gr.Tab("Hỏi đáp", id="chat"):
                with gr.Accordion("Bộ lọc: tài liệu, vai trò, cấp học, quận/huyện", open=False), gr.Row():
                    f_doc = gr.Dropdown([("Tất cả tài liệu", ALL)], value=ALL, label="Tài liệu",
                                        elem_id="kh-f-doc", min_width=200)
                    f_role = gr.Dropdown(ROLES, value=ALL, label="Tôi là…", elem_id="kh-f-role", min_width=160)
                    f_level = gr.Dropdown(LEVELS, value=ALL, label="Cấp học", elem_id="kh-f-level",
                                          min_width=160)
                    f_district = gr.Dropdown([("Tất cả quận/huyện", ALL)], value=ALL, label="Quận/huyện",
                                             elem_id="kh-f-district", min_width=160)
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=320):
                        chat = gr.Chatbot(label="Hội thoại", height=420, elem_id="kh-chat", buttons=["copy"],
                                          feedback_options=None,
                                          placeholder="Đặt câu hỏi về kế hoạch, hoặc bấm một câu hỏi mẫu bên dưới.")
                        status = gr.HTML("", elem_id="kh-status")
                        chips = gr.Radio([], label="Nguồn trích dẫn — bấm để xem", elem_id="kh-chips",
                                         visible=False)
                        with gr.Row():
                            box = gr.Textbox(placeholder="Nhập câu hỏi…", show_label=False, scale=5, min_width=200,
                                             elem_id="kh-question", max_length=4000)
                            send = gr.Button("Gửi", variant="primary", scale=1, min_width=70, elem_id="kh-send")
                        gr.Markdown("**Câu hỏi mẫu**")
                        with gr.Row(elem_classes="kh-examples"):
                            ex_buttons = [gr.Button(q, size="sm", min_width=200) for q in EXAMPLES]
                        with gr.Row():
                            clear = gr.Button("Cuộc hội thoại mới", size="sm", variant="secondary")
                        with gr.Accordion("Sao chép câu trả lời kèm nguồn", open=False):
                            copy = gr.Textbox(label="Câu trả lời và nguồn (văn bản thuần)", lines=6,
                                              interactive=False, buttons=["copy"], elem_id="kh-copy")
                    with gr.Column(scale=2, min_width=300):
                        gr.Markdown("### Chi tiết nguồn")
                        panel = gr.HTML(EMPTY_PANEL, elem_id="kh-panel")
            with gr.Tab("Tài liệu", id="docs"):
                docs_html = gr.HTML(elem_id="kh-docs")
                d_pick = gr.Dropdown([], label="Xem cấu trúc tài liệu", elem_id="kh-d-pick")
                d_struct = gr.HTML(elem_id="kh-structure")
                with gr.Accordion("Quản trị: tải lên hoặc xoá tài liệu (cần mã quản trị)", open=False,
                                  elem_id="kh-admin"):
                    token = gr.Textbox(label="Mã quản trị", type="password", elem_id="kh-token")
                    with gr.Row():
                        with gr.Column(min_width=260):
                            up_file = gr.File(label="Tệp kế hoạch (PDF, DOCX, HTML, MD, TXT, ảnh scan PNG/JPG/TIF)",
                                              type="filepath", elem_id="kh-upload")
                            up_vis = gr.Radio([("Công khai", "public"), ("Nội bộ (chỉ cán bộ)", "staff")],
                                              value="public", label="Ai được xem", elem_id="kh-upload-vis")
                            up_btn = gr.Button("Tải lên và nạp", variant="primary", elem_id="kh-upload-btn")
                        with gr.Column(min_width=260):
                            del_pick = gr.Dropdown([], label="Tài liệu cần xoá", elem_id="kh-del-pick")
                            del_btn = gr.Button("Xoá tài liệu", variant="stop", elem_id="kh-del-btn")
                    admin_status = gr.HTML("", elem_id="kh-admin-status")
            from assistant.ui_staff import align_tab

            al_tab, al_lower, al_upper = align_tab(settings, code)

        filters = [f_doc, f_role, f_level, f_district]
        outs = [chat, box, chips, status, copy, last, panel]
        box.submit(respond, [box, chat, *filters, code], outs, api_visibility="private")
        send.click(respond, [box, chat, *filters, code], outs, api_visibility="private")
        for b, q in zip(ex_buttons, EXAMPLES, strict=True):
            b.click(lambda h, d, r, lv, di, c, q=q: respond(q, h, d, r, lv, di, c), [chat, *filters, code], outs,
                    api_visibility="private")
        clear.click(clear_chat, None, [chat, chips, status, copy, last, panel], api_visibility="private")
        chips.input(show_citation, [chips, last, code], panel, api_visibility="private", js=SCROLL_TO_PANEL)
        lists = [f_doc, f_district, d_pick, del_pick, docs_html]
        demo.load(doc_dropdowns, None, lists, api_visibility="private")
        code.change(doc_dropdowns, [code, token], lists, api_visibility="private")
        token.change(doc_dropdowns, [code, token], lists, api_visibility="private")
        d_pick.change(structure, [d_pick, code, token], d_struct, api_visibility="private")

        def staff_view(code: str | None = None, token: str | None = None) -> tuple[Any, ...]:
            who = access(code, token)  # the staff tab: shown and filled only for the staff or admin code
            docs = _doc_choices(settings, who) if who.staff else []
            return gr.update(visible=who.staff), gr.update(choices=docs), gr.update(choices=docs)

        for event in (code.change, token.change):
            event(staff_view, [code, token], [al_tab, al_lower, al_upper], api_visibility="private")
        up_btn.click(do_upload, [token, up_file, up_vis, code], [admin_status, up_file, *lists],
                     api_visibility="private")
        del_btn.click(do_delete, [token, del_pick, code], [admin_status, *lists], api_visibility="private")

        def ask(question: str, doc: str = "", role: str = "", level: str = "", district: str = "",
                staff_code: str = "") -> dict:
            """Ask the documents; returns {answer, abstained, citations, error}. `staff_code`: the staff or
            admin token, to include staff-only documents."""
            return ask_once(settings, question, [], _filters(doc, role, level, district), staff_code)

        def documents(staff_code: str = "") -> list:
            """The indexed documents: [{doc, doc_title, units, rows, ingested_at, visibility}]."""
            return library.documents(access_for(settings, staff_code))

        gr.api(ask, api_name="ask")
        gr.api(documents, api_name="documents")
    return demo


def mount_ui(app: FastAPI, settings: Settings) -> FastAPI:
    import gradio as gr

    demo = build_ui(settings)
    upload_words = {"upload_text.drop_file": "Kéo thả tệp vào đây", "upload_text.click_to_upload": "Bấm để chọn tệp"}
    return gr.mount_gradio_app(app, demo, path="/", css=CSS, theme=gr.themes.Soft(), footer_links=["api"],
                               i18n=gr.I18n(vi=upload_words, en=upload_words))
