"""`kehoach align`: a lower plan built from the corpus plan's text (targets kept, one weakened, one dropped,
one added, figures reworded) against the corpus plan, line by line; the pure rules with literal Vietnamese;
the DOCX and XLSX outputs opened and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.embedder import FakeEmbedder
from assistant.staff.align import AlignLine, align_plans, applies, deadline_of, lower_is_better, summary
from assistant.staff.common import Cite
from assistant.staff.compare import Item
from assistant.staff.export import alignment_markdown, write_alignment
from ingest.pipeline import parse_path
from tests.conftest import CORPUS_FILE

EDITS = [  # (in the corpus plan, in the lower plan)
    ("tỷ lệ giải quyết hồ sơ trực tuyến đạt tối thiểu 50%", "tỷ lệ giải quyết hồ sơ trực tuyến đạt tối thiểu 40%"),
    ("- *Về môi trường dạy học trực tuyến:* Hình thành kho học liệu dạy học trực tuyến cấp tỉnh đáp ứng nhu cầu học "
     "tập cho 50% nội dung chương trình giáo dục phổ thông.\n", ""),
    ("60% các cơ sở giáo dục phổ thông, giáo dục thường xuyên thực hiện",
     "60 phần trăm các cơ sở giáo dục phổ thông, giáo dục thường xuyên thực hiện"),
    ("đạt trung bình 90%", "đạt trung bình 90 phần trăm"),
    ("- *Về triển khai mô hình dạy học STEM/STEAM:*",
     "- *Về an toàn thông tin:* 100% giáo viên được tập huấn kỹ năng bảo đảm an toàn thông tin trên môi trường "
     "mạng.\n\n- *Về triển khai mô hình dạy học STEM/STEAM:*"),
]


def lower_plan(tmp_path: Path):  # type: ignore[no-untyped-def]
    text = CORPUS_FILE.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    p = tmp_path / "ke-hoach-cap-duoi.md"
    p.write_text(text, encoding="utf-8")
    return parse_path(p).document


@pytest.fixture(scope="module")
def alignment(tmp_path_factory, corpus_doc):  # type: ignore[no-untyped-def]
    return align_plans(lower_plan(tmp_path_factory.mktemp("align")), corpus_doc, embedder=FakeEmbedder())


def _row(ln: AlignLine) -> tuple[str, str | None, str | None, str, str]:
    return (ln.status, ln.upper.cite.locator if ln.upper else None, ln.lower.cite.locator if ln.lower else None,
            ln.upper_figure, ln.lower_figure)


def test_targets_line_by_line(alignment) -> None:  # type: ignore[no-untyped-def]
    targets = [_row(ln) for ln in alignment.lines if ln.kind == "Chỉ tiêu"]
    assert targets == [
        ("covered", "P.II/I/2/a#p1", "P.II/I/2/a#p1", "50%", "50%"),
        ("covered", "P.II/I/2/a#p1", "P.II/I/2/a#p1", "50%, 35%", "50%, 35%"),
        ("missing", "P.II/I/2/a#p2", None, "50%", ""),  # dropped: the online learning-materials store
        ("covered", "P.II/I/2/a#p3", "P.II/I/2/a#p2", "60%", "60%"),  # "60 phần trăm"
        ("covered", "P.II/I/2/a#p3", "P.II/I/2/a#p2", "5%, 10%", "5%, 10%"),
        ("covered", "P.II/I/2/a#p4", "P.II/I/2/a#p4", "40%, 30%", "40%, 30%"),
        ("covered", "P.II/I/2/b#p1", "P.II/I/2/b#p1", "70%", "70%"),
        ("covered", "P.II/I/2/b#p1", "P.II/I/2/b#p1", "100%, 100%", "100%, 100%"),
        ("covered", "P.II/I/2/b#p1", "P.II/I/2/b#p1", "80%", "80%"),
        ("covered", "P.II/I/2/b#p4", "P.II/I/2/b#p4", "80%", "80%"),
        ("covered", "P.II/I/2/b#p5", "P.II/I/2/b#p5", "100%", "100%"),
        ("weaker", "P.II/I/2/b#p5", "P.II/I/2/b#p5", "50%", "40%"),  # weakened
        ("covered", "P.II/I/2/b#p5", "P.II/I/2/b#p5", "80%", "80%"),
        ("covered", "P.II/I/2/b#p5", "P.II/I/2/b#p5", "90%", "90%"),  # "90 phần trăm"
        ("covered", "P.II/II/1#p1", "P.II/II/1#p1", "80%", "80%"),
        ("covered", "P.II/II/1#p1", "P.II/II/1#p1", "80%", "80%"),
        ("extra", None, "P.II/I/2/a#p3", "", "100%"),  # added: information security
    ]
    weak = next(ln for ln in alignment.lines if ln.status == "weaker")
    assert weak.note == "40% thấp hơn 50% (càng cao càng tốt)"
    assert "tối thiểu 50%" in weak.upper.cite.quote and "tối thiểu 40%" in weak.lower.cite.quote
    extra = next(ln for ln in alignment.lines if ln.status == "extra")
    assert "an toàn thông tin" in extra.lower.cite.quote


def test_tasks_all_carried(alignment) -> None:  # type: ignore[no-untyped-def]
    tasks = [ln for ln in alignment.lines if ln.kind == "Nhiệm vụ"]
    assert len(tasks) == 21 and {ln.status for ln in tasks} == {"covered"}
    assert all(ln.upper.cite.locator == ln.lower.cite.locator for ln in tasks)
    assert summary(alignment).startswith("35 đã có, 1 thấp hơn yêu cầu, 1 thiếu, 1 bổ sung")


def test_every_line_cites_both_sides(alignment) -> None:  # type: ignore[no-untyped-def]
    md = alignment_markdown(alignment)
    assert md.count("\n| ") == 1 + len(alignment.lines)  # the header and one row a line
    for ln in alignment.lines:
        assert (ln.upper is not None) + (ln.lower is not None) == (1 if ln.status in ("missing", "extra") else 2)
    assert "| Thiếu | Chỉ tiêu |" in md and "[P.II/I/2/a#p2] | — |" in md


def test_outputs_open(alignment, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document
    from openpyxl import load_workbook

    md, docx_path, xlsx_path = write_alignment(alignment, tmp_path)
    assert md.read_text(encoding="utf-8").startswith("# Đối chiếu:")
    t = Document(str(docx_path)).tables[0]
    assert len(t.rows) == 1 + len(alignment.lines)
    assert [c.text for c in t.rows[0].cells][:3] == ["STT", "Tình trạng", "Loại"]
    weak = next(r for r in t.rows if r.cells[1].text == "Thấp hơn yêu cầu")
    assert (weak.cells[4].text, weak.cells[6].text) == ("50%", "40%") and "P.II/I/2/b#p5" in weak.cells[9].text
    rows = list(load_workbook(str(xlsx_path))["Doi chieu"].iter_rows(values_only=True))
    assert rows[0][0].startswith("Đối chiếu:") and rows[1][1] == "Tình trạng" and len(rows) == 2 + len(alignment.lines)
    missing = next(r for r in rows if r[1] == "Thiếu")
    assert missing[5] == "—" and "P.II/I/2/a#p2" in missing[8] and missing[9] == "—"


# -- the rules ---------------------------------------------------------------------------------------

def _item(text: str, deadline: str = "") -> Item:
    return Item("Chỉ tiêu", text, Cite("x", "x", text), deadline=deadline)


def test_direction_deadlines_and_reader() -> None:
    from assistant.staff.align import _compare

    assert lower_is_better("Giảm tỷ lệ học sinh bỏ học xuống dưới 1%")
    assert not lower_is_better("90% học sinh được tiếp cận học liệu số")
    drop_up, drop_low = _item("Tỷ lệ học sinh bỏ học dưới 1%"), _item("Tỷ lệ học sinh bỏ học dưới 1,5%")
    assert _compare(drop_up, drop_low)[0] == "weaker"
    assert _compare(drop_up, _item("Tỷ lệ học sinh bỏ học dưới 0,5%"))[0] == "covered"
    assert deadline_of("Quý II/2024") == (2024, 6, 31) and deadline_of("Tháng 9/2024") == (2024, 9, 31)
    assert deadline_of("trước ngày 30/6/2024") == (2024, 6, 30) and deadline_of("Năm 2025") == (2025, 12, 31)
    assert deadline_of("Thường xuyên") is None
    late = _compare(_item("Số hóa học bạ", "Quý II/2024"), _item("Số hóa học bạ", "Tháng 9/2024"))
    assert late[0] == "weaker" and "muộn hơn" in late[3]
    assert not applies(_item("5% nội dung ở bậc tiểu học"), {"thpt"}, "")
    assert applies(_item("80% cơ sở giáo dục phổ thông"), {"thpt"}, "")
    assert not applies(_item("Đầu tư thiết bị cho huyện Lai Vung"), set(), "Huyện Tháp Mười")


def test_level_option_leaves_out_other_levels(tmp_path: Path, corpus_doc) -> None:  # type: ignore[no-untyped-def]
    a = align_plans(lower_plan(tmp_path), corpus_doc, levels={"mam_non"})
    assert a.not_applicable > 0 and a.levels == ["mam_non"]
    assert not [ln for ln in a.lines if ln.upper and "tiểu học" in ln.upper.text and "mầm non" not in ln.upper.text
                and "giáo dục" not in ln.upper.text]


# -- the chat intent ---------------------------------------------------------------------------------

def test_chat_alignment_intent(tmp_path: Path, corpus_doc) -> None:  # type: ignore[no-untyped-def]
    from assistant.staff.chat import intent_of, issuer_level, staff_answer

    assert intent_of("Kế hoạch của trường có đủ chỉ tiêu của Sở không?") == "align"
    assert intent_of("Đối chiếu kế hoạch của trường với kế hoạch của Sở") == "align"
    assert intent_of("Kiểm tra kế hoạch giúp tôi") == "check"
    assert intent_of("Chỉ tiêu thanh toán không dùng tiền mặt năm 2024 là bao nhiêu?") is None
    text = CORPUS_FILE.read_text(encoding="utf-8").replace("Số: /KH-SGDĐT", "TRƯỜNG TRUNG HỌC PHỔ THÔNG MẪU\n\nSố: /KH-THPT", 1)
    for old, new in EDITS:
        text = text.replace(old, new)
    p = tmp_path / "ke-hoach-truong.md"
    p.write_text(text, encoding="utf-8")
    school = parse_path(p).document
    assert issuer_level(corpus_doc) is not None and issuer_level(school) is not None
    assert issuer_level(school) > issuer_level(corpus_doc)  # type: ignore[operator]
    resp = staff_answer("Kế hoạch của trường có đủ chỉ tiêu của Sở không?", [corpus_doc, school])
    assert resp is not None and resp.intent == "align" and resp.mode == "staff"
    first = resp.answer.splitlines()[0]
    assert first.startswith(f"Đối chiếu “{school.title}” với kế hoạch cấp trên “{corpus_doc.title}”")
    assert "kế hoạch của đơn vị cấp trên cùng chủ đề và năm 2024" in first
    assert "1 thấp hơn yêu cầu, 1 thiếu, 1 bổ sung" in first
    assert "- Thấp hơn yêu cầu: tỷ lệ giải quyết hồ sơ trực tuyến đạt tối thiểu 50% (40% thấp hơn 50%" in resp.answer
    assert {c.doc for c in resp.citations} == {school.doc, corpus_doc.doc} and len(resp.citations) >= 4


def test_api_align_is_for_staff_only(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from assistant.api import create_app
    from assistant.settings import Settings

    s = Settings(home=tmp_path / "home", embedder="fake", admin_token="adm", staff_token="stf", chroma_url="",
                 corpus_dir=tmp_path / "none")
    text = CORPUS_FILE.read_text(encoding="utf-8")
    lower = text
    for old, new in EDITS:
        lower = lower.replace(old, new)
    with TestClient(create_app(s, with_ui=False)) as c:
        for name, body in (("ke-hoach-so.md", text), ("ke-hoach-truong.md", lower)):
            r = c.post("/api/documents", files={"file": (name, body.encode(), "text/markdown")},
                       headers={"Authorization": "Bearer adm"})
            assert r.status_code == 200, r.text
        req = {"lower": "ke-hoach-truong", "against": "ke-hoach-so"}
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            r = c.post("/api/align", json=req, headers=headers)
            assert r.status_code == 403 and " / " in r.json()["detail"] and "staff" in r.json()["detail"]
        r = c.post("/api/align", json=req, headers={"Authorization": "Bearer stf"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["summary"].startswith("35 đã có, 1 thấp hơn yêu cầu, 1 thiếu, 1 bổ sung")
        weak = next(ln for ln in body["lines"] if ln["status"] == "weaker")
        assert weak["upper"]["locator"] == weak["lower"]["locator"] == "P.II/I/2/b#p5"
        r = c.post("/api/align", json={**req, "format": "xlsx"}, headers={"Authorization": "Bearer adm"})
        assert r.status_code == 200 and r.content[:2] == b"PK"
        r = c.post("/api/align", json={**req, "against": "khong-co"}, headers={"Authorization": "Bearer adm"})
        assert r.status_code == 404


def test_ui_align_tab_answers_staff_only(tmp_path: Path) -> None:
    from assistant.settings import Settings
    from assistant.ui import build_ui
    from assistant.ui_staff import align_report
    from assistant.wiring import get_library

    s = Settings(home=tmp_path / "home", embedder="fake", admin_token="adm", staff_token="stf", chroma_url="",
                 corpus_dir=tmp_path / "none")
    text = CORPUS_FILE.read_text(encoding="utf-8")
    lower = text
    for old, new in EDITS:
        lower = lower.replace(old, new)
    for name, body in (("ke-hoach-so.md", text), ("ke-hoach-truong.md", lower)):
        (tmp_path / name).write_text(body, encoding="utf-8")
    get_library(s).ingest([tmp_path / "ke-hoach-so.md", tmp_path / "ke-hoach-truong.md"])
    refused, files = align_report(s, "ke-hoach-truong", "ke-hoach-so", "", "")
    assert "staff" in refused and " / " in refused and files == []
    md, files = align_report(s, "ke-hoach-truong", "ke-hoach-so", "", "stf")
    assert md.startswith("# Đối chiếu:") and "| Thấp hơn yêu cầu |" in md
    assert sorted(Path(f).suffix for f in files) == [".docx", ".xlsx"]
    demo = build_ui(s)  # the page builds with the tab (hidden until a staff code is entered)
    tabs = [b for b in demo.blocks.values() if type(b).__name__ == "Tab" and getattr(b, "id", None) == "align"]
    assert len(tabs) == 1 and tabs[0].visible is False


UPPER_NARRATIVE = """# KẾ HOẠCH Tổ chức Tuần lễ học tập suốt đời năm 2025

## I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao nhận thức của học sinh về học tập suốt đời.

## II. NỘI DUNG

1. Tổ chức trưng bày sách và tài liệu học tập tại thư viện các trường học.

2. Phát động phong trào đọc sách trong học sinh toàn trường trong tháng 10.

3. Tổ chức tọa đàm chia sẻ kinh nghiệm tự học cho giáo viên và học sinh.
"""

LOWER_NARRATIVE = """# KẾ HOẠCH Hưởng ứng Tuần lễ học tập suốt đời năm 2025 của Trường THCS An Bình

## I. MỤC ĐÍCH

1. Học sinh hiểu ý nghĩa của học tập suốt đời.

## II. NỘI DUNG THỰC HIỆN

1. Tổ chức trưng bày sách và tài liệu học tập tại thư viện nhà trường.

2. Phát động phong trào đọc sách trong học sinh toàn trường trong tháng 10.
"""


def test_narrative_tasks_of_a_plan_without_an_assignment_table(tmp_path: Path) -> None:
    """A plan that states its tasks as numbered paragraphs under 'Nội dung' (no table with 'chủ trì')."""
    (tmp_path / "upper.md").write_text(UPPER_NARRATIVE, encoding="utf-8")
    (tmp_path / "lower.md").write_text(LOWER_NARRATIVE, encoding="utf-8")
    upper, lower = parse_path(tmp_path / "upper.md").document, parse_path(tmp_path / "lower.md").document
    a = align_plans(lower, upper)
    by_status: dict[str, list[str]] = {}
    for ln in a.lines:
        if ln.kind == "Nhiệm vụ" and ln.upper is not None:
            by_status.setdefault(ln.status, []).append(ln.upper.text)
    assert by_status == {
        "covered": ["1. Tổ chức trưng bày sách và tài liệu học tập tại thư viện các trường học.",
                    "2. Phát động phong trào đọc sách trong học sinh toàn trường trong tháng 10."],
        "missing": ["3. Tổ chức tọa đàm chia sẻ kinh nghiệm tự học cho giáo viên và học sinh."]}
