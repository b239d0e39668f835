"""The number and the date written into a header's blanks after the plan was typed (issue 16, round 22): drawn over
the blank as text of its own, or stamped by an electronic signature's widget. Read in their place, the document's
number and date come out whole; the lines without a blank read as before."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_path
from ingest.readers.pdf import read_pdf
from ingest.readers.pdf_annotations import _words
from tests import builders as b

CORPUS_DEV = Path(__file__).resolve().parents[1] / "eval" / "corpus-dev"


def test_a_number_drawn_into_the_blank_and_a_stamped_date_read_in_place(tmp_path: Path) -> None:
    path = b.make_signed_header_pdf(tmp_path / "ke-hoach-ky-so.pdf")
    texts = [blk.text for blk in read_pdf(path)]
    header = next(t for t in texts if t.startswith("Số:"))
    assert "Số: 90 /KH-SGDĐT" in header, header
    assert "ngày 03 tháng 10 năm 2025" in header, header
    assert any(b.SIGNED_BODY[:60] in t for t in texts)  # the body as it was
    meta = parse_path(path).document.meta
    assert meta.number == "90/KH-SGDĐT" and meta.date == "2025-10-03"


def test_a_real_signed_plans_number_and_date() -> None:
    """A plan of the development corpus whose "90" and " 03 10" are drawn over the typed blanks."""
    texts = [blk.text for blk in read_pdf(CORPUS_DEV / "kh-lien-tich-huong-nghiep-tuyen-sinh-2025-2026-sgddt-tapchigd-"
                                                        "tphcm.pdf")]
    assert "Số: 90 /KHLT-SGDĐT-TCGD Thành phố Hồ Chí Minh, ngày 03 tháng 10 năm 2025" in texts
    texts = [blk.text for blk in read_pdf(CORPUS_DEV / "cv-lich-boi-duong-stem-thang-12-2025-ttttctgd-sgddt-tphcm.pdf")]
    assert "Số: 79 /TTTT-CTGD Thành phố Hồ Chí Minh, ngày 19 tháng 11 năm 2025" in texts  # three signature widgets


def test_the_words_of_one_stamped_string_keep_their_offsets() -> None:
    assert _words("03          10", 12.0) == [(0.0, "03"), (12.0 + 10 * 3.0, "10")]
    assert _words(" 4644 ", 10.0) == [(2.5, "4644")]
