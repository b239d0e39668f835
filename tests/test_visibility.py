"""Documents with visibility: a `staff` document never reaches a caller without the staff (or admin) token,
through any read: ask, search, chat completions (plain and streamed), the documents listing, health counts,
the staff tools' chat intents, the UI's calls and the command line with --public; and does with it.
Fake embedder, the app in process (TestClient)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ADMIN = "quan-tri-bi-mat"
STAFF = "can-bo-bi-mat"
PUBLIC_PLAN = """# KẾ HOẠCH Ứng dụng công nghệ thông tin năm 2025

## I. MỤC TIÊU

1. Tỷ lệ trường học có kết nối Internet cáp quang đạt 100%.

2. Tổng kinh phí thực hiện kế hoạch là 2.500 triệu đồng.
"""
STAFF_PLAN = """# BÁO CÁO NỘI BỘ Rà soát quỹ khen thưởng năm 2025

## I. TÌNH HÌNH

1. Quỹ khen thưởng nội bộ còn dư 777 triệu đồng, dự kiến chi thưởng Tết cho cán bộ phòng Tổ chức.

2. Đề xuất điều chuyển giáo viên trường Hoa Sen sang trường Mai Vàng từ tháng 3.
"""
STAFF_DOC = "bao-cao-noi-bo"
PUBLIC_DOC = "ke-hoach-cntt"
STAFF_Q = "Quỹ khen thưởng nội bộ còn dư bao nhiêu?"
SECRET_WORDS = ("777", "khen thưởng", "Hoa Sen", "Mai Vàng", "nội bộ", STAFF_DOC)
TOKENS = {"none": None, "wrong": "Bearer sai-ma", "staff": f"Bearer {STAFF}", "admin": f"Bearer {ADMIN}"}


def _headers(who: str) -> dict[str, str]:
    token = TOKENS[who]
    return {"Authorization": token} if token else {}


def _upload(client: Any, name: str, text: str, visibility: str | None = None, who: str = "admin") -> Any:
    data = {"visibility": visibility} if visibility else None
    return client.post("/api/documents", files={"file": (name, text.encode(), "text/markdown")}, data=data,
                       headers=_headers(who))


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from assistant.api import create_app
    from assistant.settings import Settings
    from assistant.wiring import clear_cache

    home = tmp_path_factory.mktemp("vis") / "home"
    s = Settings(home=home, embedder="fake", chroma_url="", corpus_dir=home / "no-corpus", admin_token=ADMIN,
                 staff_token=STAFF)
    clear_cache()
    with TestClient(create_app(s, with_ui=False)) as c:
        c.settings = s
        assert _upload(c, f"{PUBLIC_DOC}.md", PUBLIC_PLAN).status_code == 200
        r = _upload(c, f"{STAFF_DOC}.md", STAFF_PLAN, "staff")
        assert r.status_code == 200 and r.json()["doc"] == STAFF_DOC, r.text
        yield c
    clear_cache()


def _leaks(text: str) -> list[str]:
    return [w for w in SECRET_WORDS if w.lower() in text.lower()]


@pytest.mark.parametrize("who", ["none", "wrong"])
def test_public_callers_never_see_the_staff_document(client: Any, who: str) -> None:
    h = _headers(who)
    body = client.post("/api/ask", json={"question": STAFF_Q}, headers=h).json()
    assert body["abstained"] is True and body["citations"] == [] and not _leaks(body["answer"]), body
    # Named explicitly as a filter: still nothing (the filter cannot reach past visibility).
    body = client.post("/api/ask", json={"question": STAFF_Q, "filters": {"doc": STAFF_DOC}}, headers=h).json()
    assert body["abstained"] is True and body["citations"] == []
    for q in (STAFF_Q, "Hoa Sen Mai Vàng điều chuyển giáo viên", "777 triệu"):
        hits = client.post("/api/search", json={"query": q, "top_k": 50}, headers=h).json()["hits"]
        assert hits == [] or {x["doc"] for x in hits} == {PUBLIC_DOC}, hits
    docs = client.get("/api/documents", headers=h).json()["documents"]
    assert [d["doc"] for d in docs] == [PUBLIC_DOC] and docs[0]["visibility"] == "public"
    health = client.get("/api/health", headers=h).json()
    assert health["documents"] == 1
    public_units = next(d["units"] for d in client.get("/api/documents", headers=_headers("admin")).json()[
        "documents"] if d["doc"] == PUBLIC_DOC)
    assert health["units"] == public_units
    # The staff tools' chat intents check the public plans only.
    body = client.post("/api/ask", json={"question": "Kiểm tra kế hoạch giúp tôi"}, headers=h).json()
    assert not _leaks(body["answer"]) and all(c["doc"] == PUBLIC_DOC for c in body["citations"]), body


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("who", ["none", "wrong"])
def test_chat_completions_hide_the_staff_document(client: Any, who: str, stream: bool) -> None:
    req = {"model": "kehoach", "stream": stream, "messages": [{"role": "user", "content": STAFF_Q}]}
    r = client.post("/v1/chat/completions", json=req, headers=_headers(who))
    assert r.status_code == 200
    # The envelope's random id and its timestamp ("created": 1796034777) are not the answer: left out before
    # looking for the staff document's words (a timestamp once held "777").
    text = r.text
    shown = re.sub(r'"(id|created)":\s*("[^"]*"|\d+)', "", text)
    assert not _leaks(shown.replace("khen thưởng nội bộ còn dư", "")), text  # the question itself is not echoed
    if not stream:
        body = r.json()
        assert body["citations"] == [] and body["abstained"] is True
    else:
        events = [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: {")]
        assert all(e.get("citations", []) == [] for e in events)


@pytest.mark.parametrize("who", ["staff", "admin"])
def test_staff_and_admin_tokens_see_it(client: Any, who: str) -> None:
    h = _headers(who)
    body = client.post("/api/ask", json={"question": STAFF_Q}, headers=h).json()
    assert not body["abstained"] and "777 triệu đồng" in body["answer"], body
    assert body["citations"][0]["doc"] == STAFF_DOC
    hits = client.post("/api/search", json={"query": STAFF_Q}, headers=h).json()["hits"]
    assert hits[0]["doc"] == STAFF_DOC
    docs = {d["doc"]: d["visibility"] for d in client.get("/api/documents", headers=h).json()["documents"]}
    assert docs == {PUBLIC_DOC: "public", STAFF_DOC: "staff"}
    assert client.get("/api/health", headers=h).json()["documents"] == 2
    req = {"model": "kehoach", "messages": [{"role": "user", "content": STAFF_Q}]}
    chat = client.post("/v1/chat/completions", json=req, headers=h).json()
    assert "777 triệu đồng" in chat["choices"][0]["message"]["content"]
    assert chat["citations"][0]["doc"] == STAFF_DOC


def test_visibility_changes_without_reembedding(client: Any) -> None:
    from assistant.wiring import get_index

    ix = get_index(client.settings)
    embedded = ix.vectors.embedded_count
    assert client.patch(f"/api/documents/{STAFF_DOC}", json={"visibility": "public"},
                        headers=_headers("staff")).status_code == 401  # staff reads, only the admin writes
    assert client.patch(f"/api/documents/{STAFF_DOC}", json={"visibility": "secret"},
                        headers=_headers("admin")).status_code == 422
    assert client.patch("/api/documents/khong-co", json={"visibility": "staff"},
                        headers=_headers("admin")).status_code == 404
    try:
        r = client.patch(f"/api/documents/{STAFF_DOC}", json={"visibility": "public"}, headers=_headers("admin"))
        assert r.status_code == 200 and r.json() == {"doc": STAFF_DOC, "visibility": "public"}
        body = client.post("/api/ask", json={"question": STAFF_Q}).json()
        assert "777 triệu đồng" in body["answer"]
        r = client.patch(f"/api/documents/{PUBLIC_DOC}", json={"visibility": "staff"}, headers=_headers("admin"))
        assert r.status_code == 200
        body = client.post("/api/ask", json={"question": "Tổng kinh phí thực hiện kế hoạch là bao nhiêu?"}).json()
        assert "2.500" not in body["answer"] and all(c["doc"] != PUBLIC_DOC for c in body["citations"])
    finally:
        client.patch(f"/api/documents/{STAFF_DOC}", json={"visibility": "staff"}, headers=_headers("admin"))
        client.patch(f"/api/documents/{PUBLIC_DOC}", json={"visibility": "public"}, headers=_headers("admin"))
    assert ix.vectors.embedded_count == embedded  # nothing was embedded again


def test_reingest_keeps_a_staff_document_staff(client: Any) -> None:
    """Uploading a new version without saying its visibility never makes a staff document public."""
    r = _upload(client, f"{STAFF_DOC}.md", STAFF_PLAN.replace("777", "778"))
    assert r.status_code == 200
    body = client.post("/api/ask", json={"question": STAFF_Q}).json()
    assert body["abstained"] and not _leaks(body["answer"])
    body = client.post("/api/ask", json={"question": STAFF_Q}, headers=_headers("staff")).json()
    assert "778 triệu đồng" in body["answer"]
    assert _upload(client, f"{STAFF_DOC}.md", STAFF_PLAN).status_code == 200
    assert _upload(client, "x.md", PUBLIC_PLAN, "secret").status_code == 422


def test_public_idf_does_not_count_staff_words(client: Any) -> None:
    """A word only the staff document has is unknown to a public caller: its question is off-topic, as if
    the document did not exist."""
    from assistant.wiring import get_index

    ix = get_index(client.settings)
    assert ix.idf(staff=True).df_folded.get("hoa", 0) > 0
    assert ix.idf(staff=False).df_folded.get("hoa", 0) == 0
    assert ix.idf(staff=False).n == ix.count(staff=False)[1]


def test_ui_calls_follow_the_staff_code(client: Any) -> None:
    """The chat UI's calls (assistant/ui.py) with and without the staff code kept in the browser session."""
    from assistant.ui import _doc_choices, ask_once
    from assistant.wiring import get_library

    s = client.settings
    public = ask_once(s, STAFF_Q, [], {}, None)
    assert public["abstained"] and public["citations"] == []
    assert ask_once(s, STAFF_Q, [], {}, "ma-sai")["abstained"]
    staff = ask_once(s, STAFF_Q, [], {}, STAFF)
    assert "777 triệu đồng" in staff["answer"]
    from assistant.access import access_for

    assert [d for _, d in _doc_choices(s, access_for(s, None))] == [PUBLIC_DOC]
    assert {d for _, d in _doc_choices(s, access_for(s, STAFF))} == {PUBLIC_DOC, STAFF_DOC}
    lib = get_library(s)
    assert lib.structure(STAFF_DOC, access_for(s, None)) == []
    assert lib.structure(STAFF_DOC, access_for(s, STAFF))
    unit_id = staff["citations"][0]["id"]
    assert lib.unit(unit_id, access_for(s, None)) is None and lib.unit(unit_id, access_for(s, STAFF)) is not None


def test_cli_sees_all_unless_public(tmp_path: Path) -> None:
    env = {"KEHOACH_HOME": str(tmp_path / "home"), "KEHOACH_EMBEDDER": "fake",
           "KEHOACH_CORPUS_DIR": str(tmp_path / "none"), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    pub, staff = tmp_path / f"{PUBLIC_DOC}.md", tmp_path / f"{STAFF_DOC}.md"
    pub.write_text(PUBLIC_PLAN, encoding="utf-8")
    staff.write_text(STAFF_PLAN, encoding="utf-8")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "assistant", *args], env=env, capture_output=True,
                              text=True, timeout=300, cwd=tmp_path)

    assert cli("ingest", str(pub)).returncode == 0
    assert cli("ingest", str(staff), "--visibility", "staff").returncode == 0
    assert "777 triệu đồng" in cli("ask", STAFF_Q).stdout  # the operator sees everything
    out = json.loads(cli("ask", STAFF_Q, "--json", "--public").stdout)
    assert out["abstained"] and out["citations"] == [] and set(out) == {"answer", "abstained", "citations"}
    assert STAFF_DOC in cli("documents").stdout and STAFF_DOC not in cli("documents", "--public").stdout
    hits = json.loads(cli("search", "Hoa Sen Mai Vàng", "--json", "--public").stdout)["hits"]
    assert all(h["doc"] == PUBLIC_DOC for h in hits)
    assert json.loads(cli("search", "Hoa Sen Mai Vàng", "--json").stdout)["hits"][0]["doc"] == STAFF_DOC
    assert cli("visibility", STAFF_DOC, "public").returncode == 0
    assert STAFF_DOC in cli("documents", "--public").stdout
    assert cli("remove", STAFF_DOC).returncode == 0
    assert cli("remove", STAFF_DOC).returncode == 1
    assert STAFF_DOC not in cli("documents").stdout
    assert "Loading weights" not in cli("ask", "Tổng kinh phí?").stderr
