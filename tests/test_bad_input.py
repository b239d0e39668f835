"""Bad input through `parse_path`: every refusal is an `IngestRefused` with the right code and a message in
Vietnamese and English; nothing else escapes, and one bad file never stops the others."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from ingest.errors import IngestRefused
from ingest.pipeline import Limits, doc_id_for, iter_files, parse_path
from tests import builders as b

VI_WORD = re.compile(r"\b\w*[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]\w*\b", re.I)
EN_WORD = re.compile(r"\b(file|PDF|text|content)\b", re.I)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
GOOD_MD = """# KẾ HOẠCH

## I. MỤC TIÊU

Các cơ sở giáo dục rà soát, nâng cấp đường truyền Internet phục vụ dạy học trực tuyến.
"""


@pytest.fixture(autouse=True)
def _ocr_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about refusals, so OCR is off (KEHOACH_OCR=0): with it on, a scan is read instead
    (tests/test_ocr_reader.py), and a refused scan says how to turn OCR on."""
    monkeypatch.setenv("KEHOACH_OCR", "0")


def refused(path: Path, code: str, **kwargs) -> IngestRefused:
    with pytest.raises(IngestRefused) as info:
        parse_path(path, **kwargs)
    err = info.value
    assert err.code == code, err.message
    assert VI_WORD.search(err.message_vi), err.message_vi  # e.g. "Tệp", "hỏng", "mật khẩu"
    assert EN_WORD.search(err.message_en), err.message_en
    assert str(err) == f"{err.message_vi} / {err.message_en}"
    assert err.source == path.name
    return err


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ------------------------------------------------------------------------------------- empty and type


@pytest.mark.parametrize("name", ["rong.md", "rong.txt", "rong.pdf", "rong.docx"])
def test_zero_bytes_refused_as_empty(name: str, tmp_path: Path) -> None:
    err = refused(write(tmp_path / name, b""), "empty")
    assert "rỗng" in err.message_vi and "empty" in err.message_en


def test_whitespace_only_markdown_refused_as_empty(tmp_path: Path) -> None:
    refused(write(tmp_path / "trang.md", " \n\t\n   \r\n\u00a0\n"), "empty")


def test_markup_without_text_refused_as_no_content(tmp_path: Path) -> None:
    err = refused(write(tmp_path / "chi-the.md", "**  **\n\n<b></b>\n"), "no_content")
    assert "nội dung" in err.message_vi


@pytest.mark.parametrize(
    ("name", "data", "detail"),
    [
        ("chuong-trinh.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", ".exe"),
        ("ghi-chu.exe", "Kế hoạch số 15/KH-SGDĐT", ".exe"),  # text inside, still not a type we take
        ("bang-tinh.xlsx", b"PK\x03\x04\x14\x00\x06\x00xl/workbook.xml", ".xlsx"),
        ("README", "Kế hoạch chuyển đổi số năm 2024", "không có đuôi"),
        ("ke-hoach.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ".md"),  # a PDF named .md
    ],
)
def test_unsupported_type_refused(name: str, data: bytes | str, detail: str, tmp_path: Path) -> None:
    err = refused(write(tmp_path / name, data), "unsupported_type")
    assert detail in err.detail
    assert ".pdf, .docx, .md, .txt" in err.message_vi and ".pdf, .docx, .md, .txt" in err.message_en


def test_random_bytes_named_pdf_refused_as_broken(tmp_path: Path) -> None:
    refused(write(tmp_path / "ngau-nhien.pdf", random.Random(7).randbytes(20_000)), "broken")


def test_random_text_bytes_named_pdf_refused_as_broken(tmp_path: Path) -> None:
    noise = bytes(random.Random(7).choice(range(32, 127)) for _ in range(20_000))
    err = refused(write(tmp_path / "ngau-nhien.pdf", noise), "broken")
    assert ".pdf" in err.detail


def test_docx_that_is_not_a_zip_refused(tmp_path: Path) -> None:
    err = refused(write(tmp_path / "van-ban.docx", "Đây không phải tệp Word"), "broken")
    assert ".docx" in err.detail
    refused(write(tmp_path / "zip-hong.docx", b"PK\x03\x04 khong phai zip"), "broken")


def test_pdf_that_is_really_a_docx_refused(tmp_path: Path) -> None:
    docx = b.make_plan_docx(tmp_path / "that.docx")
    err = refused(write(tmp_path / "gia.pdf", docx.read_bytes()), "broken")
    assert "không phải .pdf" in err.detail


def test_docx_named_txt_refused(tmp_path: Path) -> None:
    docx = b.make_plan_docx(tmp_path / "that.docx")
    refused(write(tmp_path / "gia.txt", docx.read_bytes()), "unsupported_type")


# ------------------------------------------------------------------------------------------------ PDF


def test_encrypted_pdf_refused(tmp_path: Path) -> None:
    err = refused(b.make_encrypted_pdf(tmp_path / "khoa.pdf"), "encrypted")
    assert "mật khẩu" in err.message_vi and "password" in err.message_en


def test_scanned_pdf_refused(tmp_path: Path) -> None:
    err = refused(b.make_scanned_pdf(tmp_path / "scan.pdf"), "scanned")
    assert "OCR" in err.message_vi and "OCR" in err.message_en
    for how in ("tesseract-ocr-vie", "make sysdeps", "KEHOACH_OCR=1"):  # how to enable OCR
        assert how in err.message_vi and how in err.message_en
    assert "KEHOACH_OCR=0" in err.message_vi and "KEHOACH_OCR=0" in err.message_en  # why it did not run


@pytest.mark.parametrize("kind", ["stripped", "noise"])
def test_garbage_text_pdf_refused(kind: str, tmp_path: Path) -> None:
    err = refused(b.make_garbage_pdf(tmp_path / f"rac-{kind}.pdf", kind), "garbage_text")
    assert err.detail and err.detail in err.message_vi and err.detail in err.message_en
    assert "tesseract-ocr-vie" in err.message_vi and "tesseract-ocr-vie" in err.message_en


def test_truncated_pdf_refused(tmp_path: Path) -> None:
    err = refused(b.make_truncated_pdf(tmp_path / "cat-cut.pdf"), "broken")
    assert "%%EOF" in err.detail


def test_too_many_pages_refused_and_limit_respected(tmp_path: Path) -> None:
    path = b.make_many_pages_pdf(tmp_path / "nhieu-trang.pdf", 6)
    err = refused(path, "too_many_pages", limits=Limits(max_pages=5))
    assert "6" in err.detail and "5" in err.detail
    doc = parse_path(path, limits=Limits(max_pages=6)).document  # at the limit: read
    assert doc.pages == 6


@pytest.mark.parametrize("builder", [b.make_plan_pdf, b.make_plan_docx])
def test_too_large_refused(builder, tmp_path: Path) -> None:
    path = builder(tmp_path / ("lon.pdf" if builder is b.make_plan_pdf else "lon.docx"))
    size = path.stat().st_size
    refused(path, "too_large", limits=Limits(max_bytes=size - 1))
    assert parse_path(path, limits=Limits(max_bytes=size)).document.tables  # exactly at the limit: read


# ----------------------------------------------------------------------------------------------- text


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1"])
def test_non_utf8_text_refused(encoding: str, tmp_path: Path) -> None:
    text = "Ke hoach chuyen doi so: muc tieu \xe9\xe8 \xe0 nam 2024." if encoding == "latin-1" else (
        "Kế hoạch chuyển đổi số năm 2024")
    err = refused(write(tmp_path / "cu.txt", text.encode(encoding, errors="replace")), "broken")
    assert "UTF-8" in err.detail


def test_utf16_text_with_bom_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.md", GOOD_MD.encode("utf-16"))
    doc = parse_path(path).document
    assert [(s.locator, s.title) for s in doc.sections] == [("I", "MỤC TIÊU")]


def _single_line(path: Path, unit: str, size: int) -> Path:
    data = unit.encode("utf-8")
    path.write_bytes(data * (size // len(data) + 1))
    return path


# Liveness bound, not a benchmark (~15 s each here on 2 shared cores): pytest-timeout fails a hang after
# 10 minutes, a bound no loaded machine reaches.
@pytest.mark.timeout(600)
def test_10mb_single_line_with_sentences_parses_into_bounded_units(tmp_path: Path) -> None:
    """A real product reads it (it is text) but never makes a unit bigger than a screen of text."""
    sentence = "Các cơ sở giáo dục rà soát, nâng cấp đường truyền Internet phục vụ dạy học. "
    path = _single_line(tmp_path / "mot-dong.txt", sentence, 10 * 1024 * 1024)
    result = parse_path(path)
    units = result.document.units
    assert len(units) > 10_000
    assert max(len(u.text) for u in units) <= 1100
    assert units[1].text.startswith("Các cơ sở giáo dục rà soát")


@pytest.mark.timeout(600)  # liveness bound, as above
def test_10mb_single_line_without_punctuation_gives_bounded_units(tmp_path: Path) -> None:
    """Without a sentence end to cut at, it is still read (not refused): cut between words into bounded
    units that keep every word, in order."""
    words = "các cơ sở giáo dục rà soát nâng cấp đường truyền Internet phục vụ dạy học "
    path = _single_line(tmp_path / "khong-dau-cau.txt", words, 10 * 1024 * 1024)
    source = path.read_text(encoding="utf-8").split()
    units = parse_path(path).document.units
    assert len(units) > 10_000
    assert max(len(u.text) for u in units) <= 1100
    assert [w for u in units for w in u.text.split()] == source  # no word cut in two, lost or repeated


# ------------------------------------------------------------------------------------------ file names


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("../../etc/x.md", "x"),
        ("a;rm -rf.md", "a-rm-rf"),
        ("$(reboot) `id`.md", "reboot-id"),
        ("..\\..\\Windows\\Kế hoạch 2024.MD", "windows-ke-hoach-2024"),
        ("../../.md", "tai-lieu"),
        ("Đ" * 300 + ".md", "d" * 80),
    ],
)
def test_hostile_file_name_gives_safe_doc_id(name: str, slug: str, tmp_path: Path) -> None:
    assert doc_id_for(name) == slug and SLUG.match(slug)
    doc = parse_path(write(tmp_path / "ke-hoach.md", GOOD_MD), source=name).document
    assert doc.doc == slug and doc.source == name
    assert all(u.doc == slug and u.metadata["doc"] == slug for u in doc.units)


def test_file_on_disk_with_shell_characters_in_its_name(tmp_path: Path) -> None:
    path = write(tmp_path / "a;rm -rf $(x).md", GOOD_MD)
    doc = parse_path(path).document
    assert doc.doc == "a-rm-rf-x" and doc.source == "a;rm -rf $(x).md"


# ------------------------------------------------------------------------------------- a mixed folder


def test_bad_files_never_stop_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "tai-lieu"
    (folder / "con").mkdir(parents=True)
    write(folder / "01-ke-hoach.md", GOOD_MD)
    b.make_plan_pdf(folder / "02-ke-hoach.pdf")
    b.make_plan_docx(folder / "con" / "03-ke-hoach.docx")
    write(folder / "10-rong.md", b"")
    write(folder / "11-chuong-trinh.exe", b"MZ\x90\x00")
    write(folder / "12-gia.pdf", "Đây không phải PDF")
    b.make_encrypted_pdf(folder / "13-khoa.pdf")
    b.make_scanned_pdf(folder / "14-scan.pdf")
    b.make_truncated_pdf(folder / "15-cat-cut.pdf")
    write(folder / "16-cu.txt", "Kế hoạch năm 2024".encode("cp1258", errors="replace"))
    shutil.copy(folder / "con" / "03-ke-hoach.docx", folder / "17-bang.xlsx")
    write(folder / ".an.md", GOOD_MD)  # hidden: skipped

    parsed: dict[str, int] = {}
    codes: dict[str, str] = {}
    for path in iter_files([folder]):
        try:
            parsed[path.name] = len(parse_path(path).document.units)
        except IngestRefused as e:
            codes[path.name] = e.code
    assert set(parsed) == {"01-ke-hoach.md", "02-ke-hoach.pdf", "03-ke-hoach.docx"}
    assert parsed["02-ke-hoach.pdf"] == parsed["03-ke-hoach.docx"] == 15 and parsed["01-ke-hoach.md"] == 2
    assert codes == {
        "10-rong.md": "empty",
        "11-chuong-trinh.exe": "unsupported_type",
        "12-gia.pdf": "broken",
        "13-khoa.pdf": "encrypted",
        "14-scan.pdf": "scanned",
        "15-cat-cut.pdf": "broken",
        "16-cu.txt": "broken",
        "17-bang.xlsx": "unsupported_type",
    }
