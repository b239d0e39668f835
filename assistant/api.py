"""The HTTP service: `create_app()` wires the contract's endpoints (../shared/CONTRACT.md)."""

from __future__ import annotations

import hmac
import json
import logging
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, File, Header, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from assistant.schemas import AskRequest, AskResponse, SearchRequest, SearchResponse
from assistant.settings import Settings, get_settings
from ingest.pipeline import SUFFIXES

log = logging.getLogger("kehoach.api")
MODEL_ID = "kehoach-extractive"


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")
    model: str | None = None
    messages: list[ChatMessage]
    stream: bool = False


def _text(content: str | list[dict[str, Any]] | None) -> str:
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return content or ""


def require_admin(authorization: str | None = Header(default=None), settings: Settings = Depends(get_settings)) -> None:
    if not settings.admin_token:
        raise HTTPException(403, "Chức năng ghi đang tắt: đặt biến KEHOACH_ADMIN_TOKEN để bật. / Writes are "
                                 "disabled: set KEHOACH_ADMIN_TOKEN to enable them.")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), settings.admin_token.encode()):
        raise HTTPException(401, "Sai mã quản trị. / Wrong admin token.")


def _filters(filters: Any) -> dict[str, str] | None:
    """The request's filters as a dict; a value that names no level/role is the client's error (422)."""
    from assistant.index.filters import normalise_filters

    if not filters:
        return None
    vals = filters.as_dict()
    try:
        normalise_filters(vals)
    except ValueError as e:
        raise HTTPException(422, str(e)) from e
    return vals


def _with_sources(resp: AskResponse) -> str:
    if not resp.citations:
        return resp.answer
    lines = [resp.answer, "", "Nguồn:"] + [f"[{i}] {c.label} — {c.doc_title}" for i, c in enumerate(resp.citations, 1)]
    return "\n".join(lines)


def create_app(settings: Settings | None = None, *, with_ui: bool = True) -> FastAPI:
    from assistant.wiring import get_assistant, get_index, limits

    s = settings or get_settings()
    app = FastAPI(title="kehoach", version="0.1.0")
    app.dependency_overrides[get_settings] = lambda: s

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in exc.errors()]
        return JSONResponse(status_code=422, content={
            "detail": "Yêu cầu không hợp lệ. / Invalid request.", "errors": errors})

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse(status_code=500, content={"detail": "Lỗi máy chủ, vui lòng thử lại. / Server error, "
                                                                "please try again."})

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        docs, units = get_index(s).count()
        return {"status": "ok", "documents": docs, "units": units}

    @app.post("/api/ask", response_model=AskResponse, response_model_exclude={"mode", "intent"})
    def ask(req: AskRequest) -> AskResponse:
        history = [(t.role, t.content) for t in req.history]
        return get_assistant(s).ask(req.question, history, _filters(req.filters))

    @app.post("/api/search", response_model=SearchResponse)
    def search(req: SearchRequest) -> SearchResponse:
        return SearchResponse(hits=get_assistant(s).search(req.query, req.top_k, _filters(req.filters)))

    @app.get("/api/documents")
    def documents() -> dict[str, Any]:
        return {"documents": [{k: d.get(k) for k in ("doc", "doc_title", "units", "rows", "ingested_at")}
                              for d in get_index(s).documents()]}

    @app.post("/api/documents", dependencies=[Depends(require_admin)])
    async def upload(file: UploadFile = File(...)) -> JSONResponse:
        name = Path(file.filename or "tai-lieu").name
        suffix = Path(name).suffix.lower()
        if suffix not in SUFFIXES:
            raise HTTPException(415, f"Không hỗ trợ loại tệp {suffix or '(không đuôi)'}; chỉ nhận .pdf, .docx, .md, "
                                     f".txt và ảnh .png, .jpg, .tif. / Unsupported file type; accepted: .pdf, .docx, "
                                     f".md, .txt and images .png, .jpg, .tif.")
        limit = int(s.max_file_mb * 1024 * 1024)
        s.uploads_dir.mkdir(parents=True, exist_ok=True)
        # Stored under a generated name: the user's file name never becomes a path.
        dest = s.uploads_dir / f"{uuid.uuid4().hex}{suffix}"
        size = 0
        with dest.open("wb") as fh:
            while chunk := await file.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    fh.close()
                    dest.unlink(missing_ok=True)
                    raise HTTPException(413, f"Tệp quá lớn (> {s.max_file_mb:.0f} MB). / File too large.")
                fh.write(chunk)
        from ingest.errors import IngestRefused
        from ingest.pipeline import doc_id_for
        from ingest.sandbox import parse_isolated

        # Parsed in a child process under a memory cap and a timeout (ingest/sandbox.py): a hostile
        # file can only exhaust that child. The file's text is data: it is indexed, never obeyed.
        # Both steps block (child process, embedding): run them off the event loop, so that questions
        # keep being answered during an upload (measured: a 20-30 s stall of every request before).
        try:
            result = await run_in_threadpool(parse_isolated, dest, doc_id=doc_id_for(name), source=name,
                                             limits=limits(s))
        except IngestRefused as e:
            dest.unlink(missing_ok=True)
            raise HTTPException(422, e.message) from None
        doc = result.document
        await run_in_threadpool(get_index(s).add_documents, [doc], {doc.doc: {"path": dest, "source": name}})
        return JSONResponse({"doc": doc.doc, "units": len(doc.units)})

    @app.delete("/api/documents/{doc}", dependencies=[Depends(require_admin)])
    def delete(doc: str) -> dict[str, Any]:
        if not get_index(s).delete_document(doc):
            raise HTTPException(404, "Không có tài liệu này. / No such document.")
        return {"doc": doc, "deleted": True}

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "kehoach"}]}

    @app.post("/v1/chat/completions", response_model=None)
    def chat(req: ChatRequest) -> Any:
        turns = [(m.role, _text(m.content)) for m in req.messages if m.role in ("user", "assistant")]
        users = [i for i, (r, _) in enumerate(turns) if r == "user"]
        if not users:
            raise HTTPException(422, "Cần ít nhất một tin nhắn của người dùng. / At least one user message is needed.")
        last = users[-1]
        resp = get_assistant(s).ask(turns[last][1], turns[:last])
        content = _with_sources(resp)
        cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        citations = [c.model_dump() for c in resp.citations]
        if not req.stream:
            return {"id": cid, "object": "chat.completion", "created": created, "model": req.model or MODEL_ID,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                    "citations": citations, "abstained": resp.abstained}

        def events() -> Iterator[str]:
            base = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": req.model or MODEL_ID}
            first = {**base, "choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}],
                     "citations": citations}
            yield f"data: {json.dumps(first, ensure_ascii=False)}\n\n"
            for i in range(0, len(content), 200):
                chunk = {**base, "choices": [{"index": 0, "delta": {"content": content[i:i + 200]},
                                              "finish_reason": None}]}
                yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
            end = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "citations": citations}
            yield f"data: {json.dumps(end, ensure_ascii=False)}\n\n"
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    if with_ui:
        from assistant.ui import mount_ui

        app = mount_ui(app, s)
    return app
