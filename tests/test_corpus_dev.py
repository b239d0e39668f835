"""Every document of eval/corpus-dev that has a text layer (all but the three scans, which OCR reads:
tests/test_ocr_corpus.py) ingests: none is refused, and each gives a plausible structure. The floors are
below what the documents hold (eval/corpus-dev/SOURCES.md), so a reader that loses a part shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_path

CORPUS_DEV = Path(__file__).resolve().parents[1] / "eval" / "corpus-dev"
# file -> (sections at least, table rows at least, units at least)
FLOORS = {
    "cv-2345-bgddt-gdth-huong-dan-ke-hoach-giao-duc-nha-truong-tieu-hoc.md": (60, 30, 120),
    "cv-lich-boi-duong-stem-thang-12-2025-ttttctgd-sgddt-tphcm.pdf": (4, 1, 15),
    # pandoc grid tables: 21 schools, 17 budget rows (its table of contents, 27 rows, is no table of the plan)
    "de-an-giao-duc-stem-nghe-an-ban-de-xuat.md": (60, 40, 250),
    "hsmt-chuong-v-yeu-cau-ky-thuat-thue-phan-mem-qlbv-2026-bv-tam-than-quang-ngai.docx": (8, 700, 700),
    "kh-cuoc-thi-startup-cap-truong-2025-2026-thpt-phuoc-buu.pdf": (20, 4, 60),
    "kh-lien-tich-huong-nghiep-tuyen-sinh-2025-2026-sgddt-tapchigd-tphcm.pdf": (60, 0, 150),
    "kh-nang-cao-chat-luong-mang-vien-thong-di-dong-dak-nong-2025.md": (15, 6, 40),  # 7 tasks under groups I-IV
    "kh-truyen-thong-cuoc-thi-dong-long-tiep-suc-sgddt-tphcm-2025.pdf": (20, 5, 80),
    "nd-chinh-sach-tre-em-hoc-sinh-vung-dtts-trang-vbpl.html": (100, 8, 200),  # Chương I-V, Điều 1-15, forms
    "qd-bo-sung-du-toan-2025-chi-thu-nhap-tang-them-nq98-ubnd-tphcm.pdf": (5, 0, 15),
    "tthc-1.005090-xet-tuyen-sinh-truong-pho-thong-dan-toc-noi-tru.docx": (8, 6, 25),  # 3 tables without a grid
}


def test_every_document_with_a_text_layer_is_listed() -> None:
    files = {p.name for p in CORPUS_DEV.iterdir() if p.name != "SOURCES.md" and "-scan." not in p.name}
    assert files == set(FLOORS)


HEAVY = {  # several seconds each on a busy machine: with the slow tests
    "kh-lien-tich-huong-nghiep-tuyen-sinh-2025-2026-sgddt-tapchigd-tphcm.pdf",
    "hsmt-chuong-v-yeu-cau-ky-thuat-thue-phan-mem-qlbv-2026-bv-tam-than-quang-ngai.docx",
}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in HEAVY else n for n in sorted(FLOORS)])
def test_corpus_dev_document_ingests(name: str) -> None:
    doc = parse_path(CORPUS_DEV / name).document  # IngestRefused would fail the test
    sections, rows, units = FLOORS[name]
    assert len(doc.sections) >= sections, len(doc.sections)
    assert len(doc.rows) >= rows, len(doc.rows)
    assert len(doc.units) >= units, len(doc.units)
    assert doc.unreadable_pages == []  # the blank last page of a PDF is no unreadable page
    assert len({u.id for u in doc.units}) == len(doc.units)
