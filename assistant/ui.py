"""A minimal Gradio chat mounted at `/` (the API stays under /api and /v1). The full teacher UI —
citation side panel, filters, document tab — is tracked separately (issue 5)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from assistant.settings import Settings

EXAMPLES = [
    "Tôi dạy THCS, tỷ trọng dạy trực tuyến phải đạt bao nhiêu?",
    "Những trường nào ở huyện Lai Vung được đầu tư STEM?",
    "chi tieu thanh toan khong dung tien mat nam 2024",
    "Những nhiệm vụ nào chưa đạt năm 2023?",
]


def _reply(message: str, history: list[dict[str, Any]], settings: Settings) -> str:
    from assistant.wiring import get_assistant

    turns = [(h["role"], str(h["content"])) for h in history if h.get("role") in ("user", "assistant")]
    resp = get_assistant(settings).ask(message, turns)
    if not resp.citations:
        return resp.answer
    sources = "\n".join(f"[{i}] {c.label}" + (f", trang {c.page}" if c.page else "") + f"\n> {c.text[:400]}"
                        for i, c in enumerate(resp.citations, 1))
    return f"{resp.answer}\n\n**Nguồn:**\n{sources}"


def mount_ui(app: FastAPI, settings: Settings) -> FastAPI:
    import gradio as gr

    with gr.Blocks(title="kehoach — Hỏi đáp kế hoạch") as demo:
        gr.Markdown("## Hỏi đáp về kế hoạch, đề án — có trích dẫn nguồn")
        gr.ChatInterface(fn=lambda m, h: _reply(m, h, settings), examples=EXAMPLES,
                         textbox=gr.Textbox(placeholder="Nhập câu hỏi (có dấu hoặc không dấu)…"))
    return gr.mount_gradio_app(app, demo, path="/")
