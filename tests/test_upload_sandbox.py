"""A real `kehoach serve`: a file that would take the server down if parsed in its process (a 160 KB DOCX
whose 700,000 paragraphs cost 3.4 GB and 2.5 minutes to parse in process, measured) is refused through the
HTTP upload and through the Gradio page, the server keeps answering, and its own memory never grows by what
the parse would need: every upload is parsed in the limited child (ingest/sandbox.py). The chat page's staff
code shows staff documents only to whoever enters it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.builders import make_docx_bomb
from tests.conftest import chromium_path
from tests.test_ui_browser import STEM_Q, TOKEN, UIServer, _ask, _last_bot, open_page, serve_ui

pytestmark = pytest.mark.slow

STAFF_CODE = "ma-can-bo-ui"
PARSE_MB = 512  # the child's cap: the bomb is refused in seconds instead of at the default 2 GB
STAFF_PLAN = """# BÁO CÁO NỘI BỘ Rà soát quỹ khen thưởng năm 2025

## I. TÌNH HÌNH

1. Quỹ khen thưởng nội bộ còn dư 777 triệu đồng, dự kiến chi thưởng Tết.
"""
STAFF_Q = "Quỹ khen thưởng nội bộ còn dư bao nhiêu?"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[UIServer]:
    with serve_ui(tmp_path_factory.mktemp("sandbox-ui"), KEHOACH_PARSE_MEMORY_MB=str(PARSE_MB),
                  KEHOACH_STAFF_TOKEN=STAFF_CODE) as srv:
        yield srv


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    return make_docx_bomb(tmp_path_factory.mktemp("bomb") / "ke-hoach-bom.docx", 700_000)


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def _still_answers(server: UIServer) -> None:
    body = httpx.post(server.base + "/api/ask", json={"question": STEM_Q}, timeout=60).json()
    assert "TH Tân Hoà 1" in body["answer"] and body["citations"], body


def test_http_upload_of_a_parser_bomb_is_refused_and_the_server_keeps_answering(server: UIServer,
                                                                                 bomb: Path) -> None:
    assert bomb.stat().st_size < 200_000
    with bomb.open("rb") as fh:
        r = httpx.post(server.base + "/api/documents", files={"file": (bomb.name, fh)},
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=300)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert "quá nhiều bộ nhớ" in detail and "too much memory" in detail, detail
    _still_answers(server)
    docs = httpx.get(server.base + "/api/documents", timeout=30).json()["documents"]
    assert "ke-hoach-bom" not in {d["doc"] for d in docs}
    assert not [p for p in (server.home / "uploads").glob("*.docx")]  # nothing kept of a refused file
    # The server itself never held the parse (3.4 GB in process); its own peak stays that of a server.
    assert _peak_rss_mb(server.pid) < 1500


@pytest.mark.needs("chromium")  # Debian's chromium and the playwright package
def test_gradio_upload_of_a_parser_bomb_and_the_staff_code(server: UIServer, bomb: Path, tmp_path: Path) -> None:
    exe = chromium_path()
    from playwright.sync_api import expect, sync_playwright

    staff_plan = tmp_path / "bao-cao-noi-bo.md"
    staff_plan.write_text(STAFF_PLAN, encoding="utf-8")
    with sync_playwright() as pw:
        browser, page = open_page(pw, exe, server.base + "/")
        try:
            page.get_by_role("tab", name="Tài liệu").click()
            page.get_by_text("Quản trị: tải lên hoặc xoá tài liệu").click()
            page.locator("#kh-token input").fill(TOKEN)

            # The bomb: refused with the sandbox's message, shown on the page.
            page.locator("#kh-upload input[type=file]").set_input_files(str(bomb))
            expect(page.locator("#kh-upload")).to_contain_text(bomb.stem)
            page.locator("#kh-upload-btn").click()
            expect(page.locator("#kh-admin-status .kh-error")).to_contain_text("quá nhiều bộ nhớ",
                                                                               timeout=180_000)
            _still_answers(server)

            # A staff-only report, uploaded as "Nội bộ".
            page.locator("#kh-upload input[type=file]").set_input_files(str(staff_plan))
            expect(page.locator("#kh-upload")).to_contain_text(staff_plan.stem)  # name and extension apart
            page.get_by_text("Nội bộ (chỉ cán bộ)").click()
            page.locator("#kh-upload-btn").click()
            expect(page.locator("#kh-admin-status .kh-ok")).to_contain_text("Đã nạp", timeout=120_000)
            page.locator("#kh-token input").fill("")

            # Without the staff code the chat does not know it; with it, it answers from it.
            page.get_by_role("tab", name="Hỏi đáp").click()
            _ask(page, STAFF_Q)
            expect(page.locator("#kh-status .kh-abstain")).to_contain_text("Không tìm thấy")
            expect(_last_bot(page)).not_to_contain_text("777")
            page.get_by_text("Cán bộ: nhập mã để xem cả tài liệu nội bộ").click()
            page.locator("#kh-staff-code input").fill(STAFF_CODE)
            _ask(page, STAFF_Q)
            expect(_last_bot(page)).to_contain_text("777 triệu đồng")
            page.locator("#kh-chips label").first.click()
            expect(page.locator("#kh-panel")).to_contain_text("777 triệu đồng")
        finally:
            browser.close()
    assert _peak_rss_mb(server.pid) < 1500
    public = httpx.post(server.base + "/api/ask", json={"question": STAFF_Q}, timeout=60).json()
    assert public["abstained"] and public["citations"] == []
