"""End to end through the Gradio UI in headless Chromium (Debian's `chromium`, driven by Playwright).

`kehoach serve` runs as a real subprocess (fresh KEHOACH_HOME, admin token set, fake embedder so it
stays fast; the real model is covered by test_server.py). The test asks a corpus question, opens a
citation and sees the annex row, uploads a small DOCX plan built here and gets an answer from it,
uploads a broken file and sees the refusal. Screenshots go to the test's tmp dir and artifacts/ui/.
Without chromium (or the playwright package) the test skips, saying what to install; under
KEHOACH_REQUIRE_DEPS=1 (`make test`, CI) it fails instead (tests/conftest.py `need`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bench.procs import free_port, stop
from tests.conftest import chromium_path

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "ui-test-admin-token"
STEM_Q = "Những trường nào ở huyện Lai Vung được đầu tư STEM?"
UNANSWERABLE_Q = "Kế hoạch có quy định mức lương giáo viên không?"
# The uploaded plan's title, from its own subject line (the dropdown shows the title).
PLAN_OPTION = re.compile("Trang bị máy chiếu cho các trường tiểu học")
DOCX_Q = "Trường TH Mỹ An được trang bị bao nhiêu máy chiếu?"






@dataclass
class UIServer:
    base: str
    home: Path
    log: Path
    pid: int = 0


@contextlib.contextmanager
def serve_ui(root: Path, **extra_env: str) -> Iterator[UIServer]:
    """`kehoach serve` on a free port with the fake embedder; ready when /api/health answers."""
    home = root / "home"
    home.mkdir(parents=True)
    port = free_port()
    env = {**os.environ, "KEHOACH_HOME": str(home), "KEHOACH_ADMIN_TOKEN": TOKEN,
           "KEHOACH_CORPUS_DIR": str(ROOT / "corpus"), "KEHOACH_EMBEDDER": "fake",
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
           "GRADIO_ANALYTICS_ENABLED": "False", "TOKENIZERS_PARALLELISM": "false", **extra_env}
    log = root / "server.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1",
                                 "--port", str(port)], cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 180
            while True:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2.0).status_code == 200:
                        break
                if proc.poll() is not None or time.monotonic() > deadline:
                    stop(proc)
                    pytest.fail(f"server did not start: {log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.5)
            yield UIServer(f"http://127.0.0.1:{port}", home, log, proc.pid)
        finally:
            stop(proc)


def tiny_plan_docx(path: Path) -> Path:
    """A tiny plan: a title, one goal and an annex table of schools and projectors."""
    import docx

    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Trang bị máy chiếu cho các trường tiểu học huyện Tháp Mười năm 2025")
    d.add_paragraph("I. MỤC TIÊU")
    d.add_paragraph("Trang bị 20 máy chiếu cho các trường tiểu học huyện Tháp Mười trong năm 2025.")
    d.add_paragraph("PHỤ LỤC")
    d.add_paragraph("DANH SÁCH TRƯỜNG ĐƯỢC TRANG BỊ MÁY CHIẾU")
    rows = [("STT", "Tên trường", "Số máy chiếu", "Huyện"), ("1", "TH Mỹ An", "12", "H Tháp Mười"),
            ("2", "TH Trường Xuân", "8", "H Tháp Mười")]
    table = d.add_table(rows=len(rows), cols=4)
    for r, vals in enumerate(rows):
        for c, v in enumerate(vals):
            table.cell(r, c).text = v
    d.save(str(path))
    return path


@pytest.fixture(scope="module")
def ui_server(tmp_path_factory) -> Iterator[UIServer]:
    with serve_ui(tmp_path_factory.mktemp("ui-serve")) as srv:
        yield srv


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("ui-screenshots")
    yield folder
    dest = ROOT / "artifacts" / "ui"
    dest.mkdir(parents=True, exist_ok=True)
    for f in folder.glob("*.png"):
        shutil.copy2(f, dest / f.name)


def open_page(pw, exe: str, url: str):  # -> (Browser, Page)
    """Headless Debian chromium on `url`. expect() waits 5 s by default, page actions 60 s: on a loaded
    2-core machine a re-render after an upload took longer than 5 s once. A liveness bound, the same for both."""
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)
    browser = pw.chromium.launch(executable_path=exe, headless=True,
                                 args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page.set_default_timeout(60_000)
    page.goto(url)
    return browser, page


def _ask(page, question: str) -> None:
    box = page.locator("#kh-question textarea")
    box.fill(question)
    page.locator("#kh-send").click()


def _last_bot(page):
    return page.locator("#kh-chat .message.bot, #kh-chat [data-testid='bot']").last


@pytest.mark.needs("chromium")  # Debian's chromium and the playwright package; checked before the server starts
def test_browser_end_to_end(ui_server: UIServer, shots: Path, tmp_path: Path) -> None:
    exe = chromium_path()
    assert exe is not None
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser, page = open_page(pw, exe, ui_server.base + "/")
        try:
            expect(page.locator("#kh-question textarea")).to_be_visible()
            page.screenshot(path=str(shots / "01-start.png"), full_page=True)

            # A corpus question: the answer lists the three Lai Vung schools with chips [1]..[3].
            _ask(page, STEM_Q)
            chat = page.locator("#kh-chat")
            expect(chat).to_contain_text("TH Tân Hoà 1")
            expect(chat).to_contain_text("THPT Lai Vung 1")
            chips = page.locator("#kh-chips label")
            expect(chips.first).to_contain_text("[1]")
            page.screenshot(path=str(shots / "02-answer.png"), full_page=True)

            # Clicking citation [1] shows the row as a table, with its annex and neighbouring rows.
            chips.first.click()
            panel = page.locator("#kh-panel")
            expect(panel.locator("table.kh-row")).to_contain_text("TH Tân Hoà 1")
            expect(panel.locator("table.kh-row")).to_contain_text("Tên trường")
            expect(panel).to_contain_text("Phụ lục IV")
            expect(panel).to_contain_text("Các dòng lân cận")
            expect(panel.locator("tr.kh-current")).to_contain_text("TH Tân Hoà 1")
            page.screenshot(path=str(shots / "03-citation-row.png"), full_page=True)

            # Copy text: the answer with its sources.
            page.get_by_text("Sao chép câu trả lời kèm nguồn").click()
            copy_text = page.locator("#kh-copy textarea").input_value()
            assert "Nguồn:" in copy_text and "[1] Phụ lục IV, dòng 31" in copy_text, copy_text

            # A question the plan does not answer: the clear "không tìm thấy" state.
            _ask(page, UNANSWERABLE_Q)
            expect(page.locator("#kh-status .kh-abstain")).to_contain_text("Không tìm thấy trong kế hoạch")
            page.screenshot(path=str(shots / "04-abstain.png"), full_page=True)

            # Filters + an example question: level THCS, then the first example; the section citation
            # shows its heading path with the quoted sentence highlighted.
            page.get_by_text("Bộ lọc: tài liệu, vai trò, cấp học, quận/huyện").click()
            page.locator("#kh-f-level input").click()
            page.get_by_role("option", name="THCS", exact=True).click()
            expect(page.locator("#kh-f-level input")).to_have_value("THCS")
            page.get_by_role("button", name="Tôi dạy THCS, tỷ trọng dạy trực tuyến phải đạt bao nhiêu?").click()
            expect(_last_bot(page)).to_contain_text("10% ở bậc trung học")
            page.locator("#kh-chips label").first.click()
            expect(page.locator("#kh-panel mark.kh-hl", has_text="10% ở bậc trung học")).to_be_visible()
            expect(page.locator("#kh-panel")).to_contain_text("Phần II")
            page.screenshot(path=str(shots / "04b-section.png"), full_page=True)

            # Phone width: the same page, stacked. The THCS filter is still on: only the THCS school.
            page.set_viewport_size({"width": 390, "height": 844})
            _ask(page, STEM_Q)
            expect(_last_bot(page)).to_contain_text("THCS Tân Phước")
            expect(_last_bot(page)).not_to_contain_text("TH Tân Hoà 1")
            page.locator("#kh-chips label").first.click()
            expect(page.locator("#kh-panel table.kh-row")).to_contain_text("THCS Tân Phước")
            page.screenshot(path=str(shots / "05-phone.png"), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})

            # Documents tab: structure browsable; upload a DOCX with the admin token.
            page.get_by_role("tab", name="Tài liệu").click()
            expect(page.locator("#kh-docs")).to_contain_text("Đồng Tháp")
            expect(page.locator("#kh-structure")).to_contain_text("Phụ lục IV")
            page.get_by_text("Quản trị: tải lên hoặc xoá tài liệu").click()
            page.locator("#kh-token input").fill("wrong-token")
            docx_path = tiny_plan_docx(tmp_path / "ke-hoach-may-chieu.docx")
            page.locator("#kh-upload input[type=file]").set_input_files(str(docx_path))
            # (Gradio shows a file's stem and extension in two spans: their text may come apart, "hong .pdf")
            expect(page.locator("#kh-upload")).to_contain_text(re.compile(r"ke-hoach-may-chieu\s*\.docx"))
            page.locator("#kh-upload-btn").click()
            expect(page.locator("#kh-admin-status .kh-error")).to_contain_text("Sai mã quản trị")
            page.locator("#kh-token input").fill(TOKEN)
            page.locator("#kh-upload-btn").click()
            expect(page.locator("#kh-admin-status .kh-ok")).to_contain_text("Đã nạp", timeout=120_000)
            expect(page.locator("#kh-docs")).to_contain_text("ke-hoach-may-chieu")
            page.screenshot(path=str(shots / "06-upload-ok.png"), full_page=True)

            # A broken "PDF": the ingest refusal, shown plainly.
            bad = tmp_path / "hong.pdf"
            bad.write_bytes(b"this is not a pdf at all\x00\x01\x02")
            page.locator("#kh-upload input[type=file]").set_input_files(str(bad))
            expect(page.locator("#kh-upload")).to_contain_text(re.compile(r"hong\s*\.pdf"))
            page.locator("#kh-upload-btn").click()
            expect(page.locator("#kh-admin-status .kh-error")).to_contain_text("Không nạp được «hong.pdf»")
            page.screenshot(path=str(shots / "07-upload-refused.png"), full_page=True)

            # Back to the chat: the uploaded plan answers.
            # The document filter picks the uploaded plan; the level filter goes back to all levels.
            page.get_by_role("tab", name="Hỏi đáp").click()
            page.locator("#kh-f-level input").click()
            page.get_by_role("option", name="Tất cả cấp học").click()
            page.locator("#kh-f-doc input").click()
            page.get_by_role("option", name=PLAN_OPTION).click()
            _ask(page, DOCX_Q)
            expect(_last_bot(page)).to_contain_text("12")
            chips = page.locator("#kh-chips label")
            expect(chips.first).to_contain_text("[1]")
            chips.first.click()
            expect(page.locator("#kh-panel")).to_contain_text("TH Mỹ An")
            page.screenshot(path=str(shots / "08-docx-answer.png"), full_page=True)

            # Delete it again (admin): gone from the documents table.
            page.get_by_role("tab", name="Tài liệu").click()
            page.locator("#kh-del-pick input").click()
            page.get_by_role("option", name=PLAN_OPTION).click()
            page.locator("#kh-del-btn").click()
            expect(page.locator("#kh-admin-status .kh-ok")).to_contain_text("Đã xoá tài liệu ke-hoach-may-chieu")
            expect(page.locator("#kh-docs")).not_to_contain_text("ke-hoach-may-chieu")
        finally:
            browser.close()
