"""Staff tools on the corpus plan and on small hand-made plans: checker, draft, exports, comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.staff.checker import check_plan
from assistant.staff.compare import compare_plans
from assistant.staff.draft import make_draft
from assistant.staff.export import to_markdown, write_all
from ingest.pipeline import parse_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md"


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return parse_path(CORPUS).document


def _parse(tmp_path: Path, text: str, name: str = "kh.md"):  # type: ignore[no-untyped-def]
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return parse_path(p).document


def _key(f) -> tuple:  # type: ignore[no-untyped-def]
    return (f.kind, tuple(c.locator for c in f.citations))


# -- checker on the corpus -------------------------------------------------------------------------

def test_checker_finds_exactly_the_real_problems(plan) -> None:  # type: ignore[no-untyped-def]
    errors = [f for f in check_plan(plan) if f.severity == "error"]
    assert [_key(f) for f in errors] == [
        ("percent_mismatch", ("P.I/I#p2",)),
        ("percent_mismatch", ("PL.I/T1/6",)),
        ("quantity_conflict", ("P.I/I#p2", "PL.I/T1/6")),
        ("doc_date_conflict", ("P.II#p1", "P.II/IV/5/b#p3")),
        ("numbering_duplicate", ("P.II/IV/5/b", "P.II/IV/5/b~2")),
        ("numbering_gap", ("PL.I/T2/I/1", "PL.I/T2/I/3")),
        ("numbering_gap", ("PL.II/T1/I/1", "PL.II/T1/I/3")),
        ("numbering_duplicate", ("PL.III/T1/II/5", "PL.III/T1/II/5~2")),
        ("figure_conflict", ("P.II/I/2/b#p1", "P.II/II/1#p1")),  # "Tối thiểu 70%" vs "80%" (checker by meaning)
    ]
    by_kind = {f.kind: f for f in errors}
    pct = [f.data for f in errors if f.kind == "percent_mismatch"]
    assert [(d["numerator"], d["denominator"], d["stated"], d["computed"]) for d in pct] == [
        (465, 595, 78.18, 78.15), (465, 597, 78.18, 77.89)]
    assert by_kind["quantity_conflict"].data == {"numerator": 465, "denominators": [595, 597]}
    assert by_kind["doc_date_conflict"].data == {"number": "1412/QĐ-UBND-HC", "dates": ["2022-12-23", "2023-12-23"]}
    gaps = [f.data for f in errors if f.kind == "numbering_gap"]
    assert all(g["missing"] == ["2"] for g in gaps)
    dups = [f.data["number"] for f in errors if f.kind == "numbering_duplicate"]
    assert dups == ["b", "5"]
    for f in errors:  # every finding quotes the places involved
        assert f.citations and all(c.quote and c.label for c in f.citations)
    assert "78,18" in errors[0].citations[0].quote and "465/595" in errors[0].citations[0].quote


def test_checker_budget_is_consistent_with_one_note(plan) -> None:  # type: ignore[no-untyped-def]
    found = check_plan(plan)
    assert not [f for f in found if f.kind.startswith("budget") and f.severity == "error"]
    notes = [f for f in found if f.severity == "info"]
    assert [(f.kind, f.data["amount"], f.data["source"]) for f in notes] == [
        ("budget_unlabelled_line", 30.0, "Sự nghiệp GDĐT hàng năm của Sở GDĐT")]
    assert notes[0].citations[0].locator == "PL.III/T1/III/1"
    # no alarm on consistent parts: 4.230 + 1.650 = 5.880, total 55.500, no missing annex
    text = " ".join(f.message_vi for f in found)
    assert "5.880" not in text and "55.500" not in text
    assert not [f for f in found if f.kind == "annex_missing"]


# -- checker on hand-made plans --------------------------------------------------------------------

HEAD = "## KẾ HOẠCH\n\n### Thử nghiệm năm 2024\n\n"
BUDGET = """#### I. NỘI DUNG

Nội dung chung của kế hoạch.

#### II. KINH PHÍ

Tổng kinh phí: **{total}** triệu đồng trong đó:

- Ngân sách tỉnh: {a} triệu đồng.
- Xã hội hóa: {b} triệu đồng.

(Chi tiết Phụ lục I kèm theo)

## PHỤ LỤC I

**DANH MỤC DỰ ÁN**

Đơn vị tính: triệu đồng

TT\tHạng mục\tKinh phí\tNguồn kinh phí
1\tMáy tính\t1.000\tNgân sách tỉnh
2\tPhần mềm\t500\tNgân sách tỉnh
3\tĐào tạo\t300\tXã hội hóa
\t**TỔNG CỘNG**\t{grand}\t
"""


def test_budget_consistent_plan_has_no_finding(tmp_path: Path) -> None:
    doc = _parse(tmp_path, HEAD + BUDGET.format(total="1.800", a="1.500", b="300", grand="1.800"))
    assert [f.kind for f in check_plan(doc)] == []


def test_budget_mismatches_are_found(tmp_path: Path) -> None:
    doc = _parse(tmp_path, HEAD + BUDGET.format(total="2.000", a="1.600", b="300", grand="1.900"))
    found = [f for f in check_plan(doc) if f.kind == "budget_mismatch"]
    scopes = sorted(str(f.data.get("scope") or f.data.get("source")) for f in found)
    assert scopes == ["Ngân sách tỉnh", "narrative_sources", "overall", "table_total"]
    src = next(f for f in found if f.data.get("source") == "Ngân sách tỉnh")
    assert (src.data["stated"], src.data["computed"]) == (1600.0, 1500.0)
    assert {c.locator.split("/")[0] for c in src.citations} >= {"PL.I"}


def _numbered(extra: str) -> str:
    return HEAD + "#### I. MỤC TIÊU\n\nNội dung một.\n\n" + extra


def test_percentages_and_quantities(tmp_path: Path) -> None:
    ok = _parse(tmp_path, _numbered("- Đã có 45/60 trường học triển khai sổ điểm điện tử, đạt 75%.\n\n"
                                     "- Ngày 23/12/2023 đạt 100% kế hoạch.\n"), "ok.md")
    assert [f.kind for f in check_plan(ok)] == []
    bad = _parse(tmp_path, _numbered("- Đã có 45/60 trường học triển khai sổ điểm điện tử, đạt 80%.\n\n"
                                      "- Sổ điểm điện tử: 45/62 trường học triển khai.\n"), "bad.md")
    kinds = [f.kind for f in check_plan(bad)]
    assert kinds == ["percent_mismatch", "quantity_conflict"]


def test_document_dates(tmp_path: Path) -> None:
    same = "Căn cứ Quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2024.\n\nTheo Quyết định 12/QĐ-UBND ngày 05/3/2024.\n"
    assert [f.kind for f in check_plan(_parse(tmp_path, _numbered(same), "a.md"))] == []
    diff = same.replace("05/3/2024", "05/4/2024")
    found = check_plan(_parse(tmp_path, _numbered(diff), "b.md"))
    assert [(f.kind, f.data["dates"]) for f in found] == [("doc_date_conflict", ["2024-03-05", "2024-04-05"])]


def test_numbering_and_annex_refs(tmp_path: Path) -> None:
    good = _numbered("#### II. NHIỆM VỤ\n\n**1. Việc một:** làm.\n\n**2. Việc hai:** làm (xem Phụ lục I).\n\n"
                     "## PHỤ LỤC I\n\nSTT\tNội dung\n1\tA\n2\tB\n")
    assert [f.kind for f in check_plan(_parse(tmp_path, good, "g.md"))] == []
    bad = _numbered("#### III. NHIỆM VỤ\n\n**1. Việc một:** làm.\n\n**1. Việc hai:** làm (xem Phụ lục II).\n\n"
                    "## PHỤ LỤC I\n\nSTT\tNội dung\n1\tA\n3\tB\n")
    found = check_plan(_parse(tmp_path, bad, "h.md"))
    assert sorted((f.kind, str(f.data.get("missing") or f.data.get("number") or f.data.get("annex")))
                  for f in found) == [("annex_missing", "II"), ("numbering_duplicate", "1"),
                                      ("numbering_gap", "['2']"), ("numbering_gap", "['II']")]


# -- draft -----------------------------------------------------------------------------------------

def test_draft_rows(plan) -> None:  # type: ignore[no-untyped-def]
    d = make_draft(plan, 2025)
    assert d.year == 2025 and "2025" in d.title
    targets = [e for e in d.evaluation if e.kind == "Chỉ tiêu"]
    tasks = [e for e in d.evaluation if e.kind == "Nhiệm vụ"]
    assert (len(targets), len(tasks), len(d.evaluation)) == (9, 21, 30)
    assert targets[0].text.startswith("Về tiếp cận giáo dục trực tuyến") and targets[0].cite.locator == "P.II/I/2/a#p1"
    assert targets[-1].text.startswith("Về dịch vụ hỗ trợ người học") and targets[-1].cite.locator == "P.II/I/2/b#p5"
    assert (tasks[0].stt, tasks[0].lead, tasks[0].cite.locator) == ("1.1", "Văn phòng Sở", "PL.II/T1/I/1/1.1")
    assert (tasks[-1].stt, tasks[-1].lead, tasks[-1].cite.locator) == ("5", "Phòng KHTC", "PL.II/T1/III/5")
    assert all(e.result == "" and e.note == "" for e in d.evaluation)
    assert [(c.cite.locator, c.lead) for c in d.carry_over] == [
        ("PL.I/T2/I/5/_1", "Phòng GDTrH&TX"), ("PL.I/T2/I/7/_1", "Phòng GDTrH&TX"),
        ("PL.I/T2/II/6", "Văn phòng Sở"), ("PL.I/T2/III/2", "Phòng GDTrH&TX, Phòng GDMN-TH")]
    assert d.carry_over[0].reason.startswith("Hiện Sở GDĐT chưa xây dựng được hệ thống dạy học trực tuyến")
    assert d.carry_over[1].reason == "Nội dung này do Sở Thông tin và Truyền thông chủ trì"
    assert d.carry_over[3].reason.startswith("Do Bộ GDĐT chưa có quy chuẩn")
    items = [b for b in d.budget if not b.is_total]
    assert len(items) == 14 and items[0].amount == 4230.0 and items[0].cite.locator == "PL.III/T1/I/1"
    assert d.budget[-1].is_total and d.budget[-1].amount == 55500.0
    assert sum(b.amount or 0 for b in items) == 55500.0


def test_draft_exports(plan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document
    from openpyxl import load_workbook

    d = make_draft(plan, 2025)
    md, docx_path, xlsx_path = write_all(d, tmp_path)
    assert "Nội dung chưa đạt" in md.read_text(encoding="utf-8") and to_markdown(d).count("\n| ") > 40
    tables = Document(str(docx_path)).tables
    assert [len(t.rows) for t in tables] == [31, 5, 16]
    assert [c.text for c in tables[0].rows[0].cells][5:7] == ["Kết quả", "Ghi chú"]
    assert tables[0].rows[10].cells[4].text == "Văn phòng Sở" and "PL.II/T1/I/1/1.1" in tables[0].rows[10].cells[7].text
    assert "PL.I/T2/I/5/_1" in tables[1].rows[1].cells[5].text
    assert tables[2].rows[-1].cells[2].text == "TỔNG CỘNG" and tables[2].rows[-1].cells[3].text == "55.500"
    wb = load_workbook(str(xlsx_path))
    assert wb.sheetnames == ["Danh gia", "Chuyen tiep", "Kinh phi"]
    ev = list(wb["Danh gia"].iter_rows(values_only=True))
    assert ev[1][5:7] == ("Kết quả", "Ghi chú") and len(ev) == 32
    assert ev[-1][4] == "Phòng KHTC" and ev[-1][5] is None
    bud = list(wb["Kinh phi"].iter_rows(values_only=True))
    assert bud[2][3] == 4230 and bud[-1][3] == 55500 and "PL.III/T1/total" in bud[-1][6]
    assert len(list(wb["Chuyen tiep"].iter_rows(values_only=True))) == 6


# -- compare ---------------------------------------------------------------------------------------

def test_compare_cashless_2023_to_2024(plan) -> None:  # type: ignore[no-untyped-def]
    c = compare_plans(plan)
    cashless = [p for p in c.changed if "tiền mặt" in p.old.text and "tiền mặt" in p.new.text]
    assert len(cashless) == 1
    p = cashless[0]
    assert (p.old.figures, p.new.figures) == (["50%"], ["80%"])
    assert p.old.cite.locator == "PL.I/T1/6" and p.new.cite.locator == "P.II/II/1#p1"
    assert "50%" in p.old.cite.quote and "80%" in p.new.cite.quote
    tasks = [m for m in c.matched if m.old.kind == "Nhiệm vụ"]
    assert len(tasks) == 21 and not [n for n in c.added if n.kind == "Nhiệm vụ"]


def test_compare_two_plans(tmp_path: Path) -> None:
    base = HEAD.replace("2024", "{y}") + ("#### I. MỤC TIÊU\n\n**2. Mục tiêu cụ thể**\n\n"
                                          "- Thanh toán không dùng tiền mặt tại {p} cơ sở giáo dục.\n\n"
                                          "- {extra}\n")
    old = _parse(tmp_path, base.format(y=2024, p="50%", extra="Số hóa học bạ điện tử cho 30% học sinh."), "o.md")
    new = _parse(tmp_path, base.format(y=2025, p="80%", extra="Đưa trí tuệ nhân tạo vào 20% trường THPT."), "n.md")
    c = compare_plans(old, new)
    assert [(p.old.figures, p.new.figures) for p in c.changed] == [(["50%"], ["80%"])]
    assert [i.figures for i in c.added] == [["20%"]] and [i.figures for i in c.dropped] == [["30%"]]


# -- chat intents ----------------------------------------------------------------------------------

def test_chat_intents() -> None:
    from assistant.staff.chat import intent_of

    assert intent_of("Những chỉ tiêu chưa đạt năm 2023?") == "not_achieved"
    assert intent_of("Năm 2023 những nhiệm vụ nào chưa đạt?") == "not_achieved"
    assert intent_of("Kiểm tra kế hoạch giúp tôi") == "check"
    assert intent_of("Vì sao nhiệm vụ xây dựng nền tảng dạy - học trực tuyến năm 2023 chưa đạt?") is None
    assert intent_of("Có mấy nhiệm vụ năm 2023 bị đánh giá chưa đạt?") is None
    assert intent_of("Tổng kinh phí là bao nhiêu?") is None


def test_chat_answers_from_the_same_functions() -> None:
    from assistant.staff.chat import staff_answer
    from ingest.pipeline import parse_path

    plans = [parse_path(CORPUS).document]
    resp = staff_answer("những chỉ tiêu chưa đạt năm 2023", plans)
    assert resp is not None and resp.intent == "list" and resp.mode == "staff" and "4 nội dung chưa đạt" in resp.answer
    assert [c.locator for c in resp.citations] == ["PL.I/T2/I/5/_1", "PL.I/T2/I/7/_1", "PL.I/T2/II/6", "PL.I/T2/III/2"]
    assert "Nội dung này do Sở Thông tin và Truyền thông chủ trì" in resp.answer
    resp = staff_answer("kiểm tra kế hoạch", plans)
    assert resp is not None and "9 vấn đề, 1 ghi chú" in resp.answer
    assert "465/597" in resp.answer and any(c.locator == "PL.III/T1/II/5~2" for c in resp.citations)
    assert staff_answer("Tổng kinh phí là bao nhiêu?", plans) is None


def test_chat_staff_intents_read_the_indexed_plans(tmp_path: Path) -> None:
    """Over HTTP: an uploaded plan (stored under a generated name) is checked under its own doc id, with
    citations of the index's units; a re-upload replaces it (one plan, one stored file); a deleted plan is
    neither checked nor kept on disk."""
    from fastapi.testclient import TestClient

    from assistant.api import create_app
    from assistant.settings import Settings

    s = Settings(home=tmp_path / "home", embedder="fake", admin_token="t0k", chroma_url="",
                 corpus_dir=tmp_path / "none")
    auth = {"Authorization": "Bearer t0k"}
    data = CORPUS.read_bytes()
    with TestClient(create_app(s, with_ui=False)) as c:
        def upload() -> str:
            r = c.post("/api/documents", files={"file": ("ke-hoach-ban-sao.md", data, "text/markdown")}, headers=auth)
            assert r.status_code == 200, r.text
            return str(r.json()["doc"])

        def check(doc: str | None = None) -> dict:
            body = {"question": "Kiểm tra kế hoạch giúp tôi", **({"filters": {"doc": doc}} if doc else {})}
            r = c.post("/api/ask", json=body)
            assert r.status_code == 200, r.text
            return dict(r.json())

        doc = upload()
        assert doc == "ke-hoach-ban-sao"
        r = check(doc)
        assert "9 vấn đề, 1 ghi chú" in r["answer"] and "465/597" in r["answer"]
        assert r["citations"] and {x["doc"] for x in r["citations"]} == {doc}
        searchable = {h["id"] for h in c.post("/api/search", json={"query": "465/597 hồ sơ", "top_k": 50,
                                                                     "filters": {"doc": doc}}).json()["hits"]}
        assert any(x["id"] in searchable for x in r["citations"])  # ids of indexed units, not of a re-parse

        upload()  # the same plan again: replaces the first upload
        assert len(list(s.uploads_dir.iterdir())) == 1
        r = check()
        assert r["answer"].count("9 vấn đề, 1 ghi chú") == 1

        assert c.delete(f"/api/documents/{doc}", headers=auth).status_code == 200
        assert list(s.uploads_dir.iterdir()) == []
        r = check()
        assert "vấn đề," not in r["answer"] and not any(x["doc"] == doc for x in r["citations"])
