"""An answer as plain text: its `[n]` markers followed by a "Nguồn:" list of what they cite. The one
formatter behind the OpenAI-compatible chat, the command line and the chat UI's copy box."""

from __future__ import annotations

from assistant.schemas import AskResponse
from ingest.models import Citation


def source_label(i: int, c: Citation) -> str:
    """'[1] Phụ lục IV, dòng 31 (TH Tân Hoà 1)', with ', trang 3' for a page of a PDF (an OCR label
    already names its page)."""
    page = f", trang {c.page}" if c.page and not c.ocr else ""
    return f"[{i}] {c.label}{page}"


def with_sources(resp: AskResponse, *, quotes: bool = False) -> str:
    """The answer, then "Nguồn:" and one line per citation with its document's title; `quotes` adds the
    cited text under each line."""
    return answer_with_sources(resp.answer, resp.citations, quotes=quotes)


def answer_with_sources(answer: str, citations: list[Citation], *, quotes: bool = False) -> str:
    if not citations:
        return answer
    lines = [answer, "", "Nguồn:"]
    for i, c in enumerate(citations, 1):
        lines.append(f"{source_label(i, c)} — {c.doc_title}")
        if quotes:
            lines.append(f"    «{c.text}»")
    return "\n".join(lines)
