"""The HTTP service: `create_app()` wires the contract's endpoints (../shared/CONTRACT.md)."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import Depends, FastAPI, File, Form, Header, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from assistant.access import STAFF_TOOLS_ONLY, Access, access_for, admin_refusal, visibility_of
from assistant.answer_text import with_sources
from assistant.schemas import CONTRACT_EXCLUDE, AskRequest, AskResponse, SearchRequest, SearchResponse
from assistant.settings import Settings, get_settings

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


def _caller(authorization: str | None = Header(default=None),
            settings: Settings = Depends(get_settings)) -> Access:
    """Who is asking (assistant/access.py): public unless the Bearer is the staff or admin token."""
    return access_for(settings, authorization)


def require_admin(authorization: str | None = Header(default=None), settings: Settings = Depends(get_settings)) -> None:
    refusal = admin_refusal(settings, authorization)
    if refusal is not None:
        raise HTTPException(refusal.status, refusal.message)


def _cite(c: Any) -> dict[str, str]:
    return {"label": c.label, "locator": c.locator, "quote": c.quote}


def _refused(e: ValueError) -> HTTPException:
    return HTTPException(422, str(e))


class AlignRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lower: str  # indexed document ids
    against: str
    level: list[str] | None = None
    district: str = ""
    format: Literal["json", "markdown", "docx", "xlsx"] = "json"


class VisibilityRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    visibility: Literal["public", "staff"]


def create_app(settings: Settings | None = None, *, with_ui: bool = True) -> FastAPI:
    from assistant.wiring import get_answerer, get_library

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
    def health(caller: Access = Depends(_caller)) -> dict[str, Any]:
        docs, units = get_library(s).count(caller)
        return {"status": "ok", "documents": docs, "units": units}

    @app.post("/api/ask", response_model=AskResponse, response_model_exclude=CONTRACT_EXCLUDE)
    def ask(req: AskRequest, caller: Access = Depends(_caller)) -> AskResponse:
        history: list[tuple[str, str]] = [(t.role, t.content) for t in req.history]
        try:
            return get_answerer(s).ask(req.question, history, req.filters.as_dict() if req.filters else None, caller)
        except ValueError as e:
            raise _refused(e) from None

    @app.post("/api/search", response_model=SearchResponse)
    def search(req: SearchRequest, caller: Access = Depends(_caller)) -> SearchResponse:
        try:
            hits = get_answerer(s).search(req.query, req.top_k, req.filters.as_dict() if req.filters else None,
                                          caller)
        except ValueError as e:
            raise _refused(e) from None
        return SearchResponse(hits=hits)

    @app.get("/api/documents")
    def documents(caller: Access = Depends(_caller)) -> dict[str, Any]:
        return {"documents": get_library(s).documents(caller)}

    @app.post("/api/documents", dependencies=[Depends(require_admin)])
    async def upload(file: UploadFile = File(...), visibility: str | None = Form(default=None)) -> JSONResponse:
        try:
            vis = visibility_of(visibility)
        except ValueError as e:
            raise _refused(e) from None
        # Off the event loop (the sandboxed parse and the embedding block), so that questions keep being
        # answered during an upload. The file's text is data: it is indexed, never obeyed.
        out = await run_in_threadpool(get_library(s).upload, file.file, file.filename, visibility=vis)
        if out.refused:
            raise HTTPException(out.status, out.refused)
        return JSONResponse({"doc": out.doc, "units": out.units})

    @app.patch("/api/documents/{doc}", dependencies=[Depends(require_admin)])
    def set_visibility(doc: str, req: VisibilityRequest) -> dict[str, Any]:
        if not get_library(s).set_visibility(doc, req.visibility):
            raise HTTPException(404, "Không có tài liệu này. / No such document.")
        return {"doc": doc, "visibility": req.visibility}

    @app.delete("/api/documents/{doc}", dependencies=[Depends(require_admin)])
    def delete(doc: str) -> dict[str, Any]:
        if not get_library(s).delete(doc):
            raise HTTPException(404, "Không có tài liệu này. / No such document.")
        return {"doc": doc, "deleted": True}

    @app.post("/api/align", response_model=None)
    def align(req: AlignRequest, caller: Access = Depends(_caller)) -> Any:
        """`kehoach align` over indexed documents: staff and admin tokens only (403 for the public)."""
        if not caller.staff:
            raise HTTPException(403, STAFF_TOOLS_ONLY)
        from assistant.staff.align import STATUS_VI, align_plans, summary
        from assistant.staff.export import alignment_markdown, write_alignment
        from assistant.wiring import get_index

        index = get_index(s)
        docs = {}
        for ref in (req.lower, req.against):
            found, _ = index.parsed_documents(ref)
            if not found:
                raise HTTPException(404, f"Không có tài liệu “{ref}”. / No such document “{ref}”.")
            docs[ref] = found[0]
        a = align_plans(docs[req.lower], docs[req.against], levels=set(req.level or []) or None,
                        district=req.district, embedder=index.embedder)
        if req.format == "markdown":
            return PlainTextResponse(alignment_markdown(a), media_type="text/markdown; charset=utf-8")
        if req.format in ("docx", "xlsx"):
            import tempfile
            from pathlib import Path

            folder = Path(tempfile.mkdtemp(prefix="kehoach-align-"))
            path = next(p for p in write_alignment(a, folder) if p.suffix == "." + req.format)
            return FileResponse(path, filename=path.name)
        return {"upper": a.upper_doc, "lower": a.lower_doc, "levels": a.levels, "summary": summary(a),
                "lines": [{"status": ln.status, "status_vi": STATUS_VI[ln.status], "kind": ln.kind,
                           "upper": _cite(ln.upper.cite) if ln.upper else None,
                           "lower": _cite(ln.lower.cite) if ln.lower else None,
                           "upper_figure": ln.upper_figure, "lower_figure": ln.lower_figure, "note": ln.note,
                           "evidence": ln.evidence} for ln in a.lines]}

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "kehoach"}]}

    @app.post("/v1/chat/completions", response_model=None)
    def chat(req: ChatRequest, caller: Access = Depends(_caller)) -> Any:
        turns = [(m.role, _text(m.content)) for m in req.messages if m.role in ("user", "assistant")]
        users = [i for i, (r, _) in enumerate(turns) if r == "user"]
        if not users:
            raise HTTPException(422, "Cần ít nhất một tin nhắn của người dùng. / At least one user message is needed.")
        last = users[-1]
        resp = get_answerer(s).ask(turns[last][1], turns[:last], None, caller)
        content = with_sources(resp)
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
