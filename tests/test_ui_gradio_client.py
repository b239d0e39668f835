"""The Gradio app mounted at `/` answers the official `gradio_client` (its `ask` and `documents`
endpoints), against a real `kehoach serve` process (fake embedder; see test_ui_browser.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.test_ui_browser import STEM_Q, UNANSWERABLE_Q, UIServer, serve_ui

pytestmark = pytest.mark.slow

CORPUS_DOC = "kh-chuyen-doi-so-giao-duc-dong-thap-2024"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[UIServer]:
    with serve_ui(tmp_path_factory.mktemp("ui-client")) as srv:
        yield srv


@pytest.fixture(scope="module")
def client(server: UIServer):
    from gradio_client import Client

    return Client(server.base + "/", verbose=False, download_files=False)


def test_api_lists_the_endpoints(client) -> None:
    info = client.view_api(print_info=False, return_format="dict")
    names = set(info["named_endpoints"])
    assert {"/ask", "/documents"} <= names, names


def test_ask_with_citations(client) -> None:
    out = client.predict(STEM_Q, api_name="/ask")
    assert out["error"] is None and out["abstained"] is False
    assert "TH Tân Hoà 1" in out["answer"]
    labels = [c["label"] for c in out["citations"]]
    assert any("Phụ lục IV, dòng 31" in lb for lb in labels), labels
    assert all(c["doc"] == CORPUS_DOC for c in out["citations"])


def test_filters_narrow_and_validate(client) -> None:
    out = client.predict(STEM_Q, CORPUS_DOC, "", "tiểu học", "huyện Lai Vung", api_name="/ask")
    assert out["error"] is None, out
    texts = [c["text"] for c in out["citations"]]
    assert texts and all("Lai Vung" in t for t in texts), texts
    assert any("TH Tân Hoà 1" in t for t in texts) and not any("THPT Lai Vung 1" in t for t in texts), texts
    bad = client.predict(STEM_Q, "", "phi công", "", "", api_name="/ask")
    assert bad["error"] and "Bộ lọc không hợp lệ" in bad["error"]


def test_unanswerable_abstains(client) -> None:
    out = client.predict(UNANSWERABLE_Q, api_name="/ask")
    assert out["abstained"] is True and out["citations"] == []


def test_documents(client) -> None:
    docs = client.predict(api_name="/documents")
    assert [d["doc"] for d in docs] == [CORPUS_DOC]
    assert docs[0]["rows"] > 50 and docs[0]["visibility"] == "public"
