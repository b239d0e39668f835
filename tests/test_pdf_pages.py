"""A real text layer with spaces inside its syllables ("giáo d ục", eval/corpus-dev) read repaired."""

from __future__ import annotations

from pathlib import Path

from ingest.readers.pdf import read_pdf

SPACED_PDF = Path(__file__).resolve().parents[1] / "eval" / "corpus-dev" / \
    "kh-lien-tich-huong-nghiep-tuyen-sinh-2025-2026-sgddt-tapchigd-tphcm.pdf"


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
