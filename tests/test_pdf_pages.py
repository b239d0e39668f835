"""PDF pages the text layer cannot give: a damaged page (its content stream broken) and a page whose text
layer lost letters ("B O HI M XÃ H I VI T NAM"). The other pages are read; those pages go to OCR, and what
OCR cannot read either is listed in the parse result and in the document's metadata unit. The broken
spacing of a real text layer (eval/corpus-dev) is repaired instead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.errors import IngestRefused
from ingest.models import Block
from ingest.ocr.engine import OcrStatus
from ingest.pipeline import parse_path
from ingest.readers.pdf import read_pdf, read_pdf_layer
from tests import builders as b

SPACED_PDF = Path(__file__).resolve().parents[1] / "eval" / "corpus-dev" / \
    "kh-lien-tich-huong-nghiep-tuyen-sinh-2025-2026-sgddt-tapchigd-tphcm.pdf"
needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract with its vie model")


@pytest.fixture
def ocr_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_OCR", "0")


@pytest.fixture
def fake_ocr(monkeypatch: pytest.MonkeyPatch):  # -> dict: pages asked for, and what each page gives
    """OCR switched on, Tesseract replaced: `seen["only"]` are the pages asked for; `seen["gives"]` maps a
    page to the text it reads (a page not in it reads as nothing)."""
    seen: dict = {"only": [], "gives": {}}

    def run_ocr(path: Path, kind: str, *, max_pages: int, progress=None, only=None) -> list[Block]:
        seen["only"].append(list(only or []))
        return [Block(kind="para", text=seen["gives"][n], page=n, ocr=True, ocr_conf=91.0)
                for n in only or [] if n in seen["gives"]]

    monkeypatch.setattr("ingest.ocr.engine.ocr_status", lambda: OcrStatus(True))
    monkeypatch.setattr("ingest.ocr.worker.run_ocr", run_ocr)
    return seen


def _meta_text(doc) -> str:  # noqa: ANN001
    (meta,) = [u for u in doc.units if u.kind == "meta"]
    return meta.text


# ------------------------------------------------------------------------------------------ a damaged page


def test_damaged_page_left_out_and_listed(tmp_path: Path) -> None:
    layer = read_pdf_layer(b.make_damaged_pdf(tmp_path / "hong.pdf", pages=(2,)))
    assert layer.damaged == [2] and layer.scanned == [] and layer.bad_layer == {}
    assert {x.page for x in layer.blocks} == {1, 3, 4}
    texts = " ".join(x.text for x in layer.blocks)
    assert b.PLAN_PARAGRAPHS[5].text in texts  # page 1
    assert not any(p.text in texts for p in b.PLAN_PARAGRAPHS if p.page == 2 and len(p.text) > 30)


def test_damaged_page_indexed_around_and_named_in_the_metadata(ocr_off: None, tmp_path: Path) -> None:
    doc = parse_path(b.make_damaged_pdf(tmp_path / "hong.pdf", pages=(2,))).document
    assert doc.unreadable_pages == [2] and doc.pages == 4
    assert "Trang không đọc được: 2 (trang bị hỏng)" in _meta_text(doc)
    meta = next(u for u in doc.units if u.kind == "meta")
    assert meta.metadata["unreadable_pages"] == "2"
    assert {u.page for u in doc.units if u.kind != "meta"} == {1, 3, 4}
    (table,) = doc.tables  # the annex on pages 3-4 is whole
    assert [r.stt for r in table.items] == ["1", "2", "3", "4", "5", "6"]


def test_damaged_page_goes_to_ocr_and_is_read_when_it_renders(fake_ocr, tmp_path: Path) -> None:
    fake_ocr["gives"][2] = "Cấp tiểu học: 30% học sinh được học trực tuyến (đọc bằng OCR)."
    doc = parse_path(b.make_damaged_pdf(tmp_path / "hong.pdf", pages=(2,))).document
    assert fake_ocr["only"] == [[2]]
    assert doc.unreadable_pages == [] and "Trang không đọc được" not in _meta_text(doc)
    page2 = [u for u in doc.units if u.page == 2]
    assert page2 and all(u.metadata.get("ocr") for u in page2) and "đọc bằng OCR" in page2[0].text


def test_damaged_page_that_ocr_cannot_read_either_is_listed(fake_ocr, tmp_path: Path) -> None:
    doc = parse_path(b.make_damaged_pdf(tmp_path / "hong.pdf", pages=(2,))).document
    assert fake_ocr["only"] == [[2]]
    assert doc.unreadable_pages == [2] and "Trang không đọc được: 2 (trang bị hỏng)" in _meta_text(doc)


def test_damaged_page_that_breaks_ocr_does_not_refuse_the_document(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    def broken(*_a, **_k) -> list[Block]:
        raise IngestRefused("broken", "pdfium")

    monkeypatch.setattr("ingest.ocr.engine.ocr_status", lambda: OcrStatus(True))
    monkeypatch.setattr("ingest.ocr.worker.run_ocr", broken)
    doc = parse_path(b.make_damaged_pdf(tmp_path / "hong.pdf", pages=(3,))).document
    assert doc.unreadable_pages == [3] and {u.page for u in doc.units if u.kind != "meta"} == {1, 2, 4}


def test_every_page_damaged_refused_as_broken(tmp_path: Path) -> None:
    with pytest.raises(IngestRefused) as info:
        read_pdf(b.make_damaged_pdf(tmp_path / "hong.pdf", pages=(1, 2, 3, 4)))
    assert info.value.code == "broken" and "4 trang hỏng" in info.value.detail


# ----------------------------------------------------------------------------- a text layer that lost letters


def test_page_that_lost_letters_is_left_to_ocr(tmp_path: Path) -> None:
    layer = read_pdf_layer(b.make_lost_letters_pdf(tmp_path / "mat-chu.pdf"))
    assert list(layer.bad_layer) == [3] and layer.for_ocr == [3]
    assert "chữ cái đứng rời" in layer.bad_layer[3]
    assert {x.page for x in layer.blocks} == {1, 2}
    assert "B O HI M" not in " ".join(x.text for x in layer.blocks)


def test_page_that_lost_letters_is_read_by_ocr(fake_ocr, tmp_path: Path) -> None:
    fake_ocr["gives"][3] = b.LOST_PAGE_TEXT.replace("\n", " ")
    doc = parse_path(b.make_lost_letters_pdf(tmp_path / "mat-chu.pdf")).document
    assert fake_ocr["only"] == [[3]] and doc.unreadable_pages == []
    page3 = " ".join(u.text for u in doc.units if u.page == 3)
    assert "BẢO HIỂM XÃ HỘI VIỆT NAM" in page3 and "B O HI M" not in page3


def test_page_that_lost_letters_with_ocr_off_is_listed_with_how_to(ocr_off: None, tmp_path: Path) -> None:
    doc = parse_path(b.make_lost_letters_pdf(tmp_path / "mat-chu.pdf")).document
    assert doc.unreadable_pages == [3]
    assert "Trang không đọc được: 3 (cần nhận dạng chữ (OCR), chưa bật)" in _meta_text(doc)
    assert not any("B O HI M" in u.text for u in doc.units)


def test_file_whose_only_page_lost_letters_refused_with_how_to_enable_ocr(ocr_off: None, tmp_path: Path) -> None:
    with pytest.raises(IngestRefused) as info:
        parse_path(b.make_lost_letters_pdf(tmp_path / "mat-chu.pdf", good_pages=0))
    err = info.value
    assert err.code == "garbage_text" and "chữ cái đứng rời" in err.detail
    for needle in ("tesseract-ocr-vie", "KEHOACH_OCR=1"):
        assert needle in err.message_vi and needle in err.message_en


@pytest.mark.slow
@needs_ocr
def test_page_that_lost_letters_read_by_tesseract(tmp_path: Path) -> None:
    doc = parse_path(b.make_lost_letters_pdf(tmp_path / "mat-chu.pdf")).document
    page3 = " ".join(u.text for u in doc.units if u.page == 3)
    assert "BẢO HIỂM XÃ HỘI VIỆT NAM" in page3 and "phối hợp với Sở Giáo dục và Đào tạo" in page3
    assert all(u.metadata.get("ocr") for u in doc.units if u.page == 3)
    assert not any(u.metadata.get("ocr") for u in doc.units if u.page in (1, 2))


# ------------------------------------------------------------------------- spaces inside words (real file)


def test_spaced_text_layer_of_a_real_plan_is_repaired() -> None:
    blocks = read_pdf(SPACED_PDF)
    text = " ".join([x.text for x in blocks] + [c for x in blocks for r in x.rows for c in r])
    for good in ("giáo dục mầm non, giáo dục phổ thông và giáo dục thường xuyên", "xây dựng Kế hoạch tổ chức",
                 "Quyết định số 522/QĐ-TTg", "Chuyên gia Tâm lý - Kỹ năng", "Quản lý", "Sở GDĐT"):
        assert good in text, good
    for bad in ("giáo d ục", "c ủa", "K ế", "Qu ản", "Kỹnăng", "SởGDĐT"):
        assert bad not in text, bad
    assert not any(x.kind == "table" for x in blocks)  # highlighted lines of text are no table


def _wrapped_notice(path: Path) -> Path:
    """A notice set in 14 points, 18.5-point line pitch, under a two-column header whose columns' lines sit 10
    points apart (as letterheads print them): a sentence wrapped over two lines, the second starting with a name."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("DejaVu", "", str(b.FONT))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 11)
    for i, (left, right) in enumerate([("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                                       ("TRUNG TÂM THÔNG TIN", "Độc lập - Tự do - Hạnh phúc")]):
        pdf.text(60, 60 + 30 * i, left)
        pdf.text(300, 70 + 30 * i, right)
    pdf.set_font("DejaVu", "", 14)
    lines = ["3. Học phí và hình thức thanh toán: học phí 500.000 đồng mỗi học viên, chuyển khoản về",
             "Công ty Cổ phần Giáo dục; thông tin chuyển khoản và hóa đơn, vui lòng liên hệ thầy Phan",
             "Nguyễn Trúc Phương – số điện thoại: 0398845870 để được hướng dẫn chi tiết.",
             "4. Nguồn kinh phí: các đơn vị thực hiện theo quy định hiện hành về đào tạo, bồi dưỡng."]
    for i, line in enumerate(lines):
        pdf.text(60, 160 + 18.5 * i, line)
    pdf.output(str(path))
    return path


def test_a_sentence_wrapped_over_two_lines_stays_one_paragraph(tmp_path: Path) -> None:
    """The pitch is the page's line pitch (18.5 points), not the header columns' 10-point offset: the line that
    starts with the contact's surname continues the sentence; the numbered line after it starts a new one."""
    texts = [blk.text for blk in read_pdf(_wrapped_notice(tmp_path / "thong-bao.pdf"))]
    joined = next(t for t in texts if "thầy Phan" in t)
    assert "thầy Phan Nguyễn Trúc Phương – số điện thoại: 0398845870" in joined, texts
    assert not joined.rstrip().endswith("bồi dưỡng.")  # "4. Nguồn kinh phí" is a paragraph of its own
