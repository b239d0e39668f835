"""HTML reader: a page saved from a document portal reads as the document alone (the same blocks the
Markdown reader gives), without the site's menus, tabs, scripts, footer or the outline that repeats the
document's headings; the real vbpl.vn page of eval/corpus-dev keeps its Chương / Điều structure once."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import IngestRefused
from ingest.models import Block
from ingest.pipeline import parse_path, sniff_kind
from ingest.readers.html import decode_html, read_html
from tests import builders as b

VBPL = Path(__file__).resolve().parents[1] / "eval" / "corpus-dev" / "nd-chinh-sach-tre-em-hoc-sinh-vung-dtts-trang-vbpl.html"
CHROME = ["Trang chủ", "Văn bản mới", "Hỏi đáp pháp luật", "Nội dung", "Lược đồ", "Mục lục", "Nội dung ẩn",
          "KẾ HOẠCH GIẢ", "Kế hoạch giả", "Điều 99", "Đơn vị chủ quản", "Cổng văn bản"]


def _texts(blocks: list[Block]) -> list[str]:
    return [x.text for x in blocks if x.kind == "para"]


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def test_saved_page_reads_as_the_document_alone() -> None:
    blocks = read_html(b.plan_html())
    texts = _texts(blocks)
    assert texts[0] == "SỞ GIÁO DỤC VÀ ĐÀO TẠO" and "-------" not in texts  # a rule drawn with dashes is no text
    for junk in CHROME:
        assert not any(junk in t for t in texts), junk
    for heading in ("PHẦN I", "I. MỤC TIÊU", "2. Mục tiêu cụ thể", "a) Đổi mới phương thức tổ chức giáo dục",
                    "2.1. Phát triển hạ tầng số", "PHỤ LỤC I"):
        assert texts.count(heading) == 1, heading  # the outline's copy is gone
    (table,) = [x for x in blocks if x.kind == "table"]
    assert table.rows == [r if r[0] not in {"I", "II"} else [r[0], r[1], "", ""] for r in b.DOCX_TABLE]
    assert table.row_bold == b.row_bold(b.DOCX_TABLE)


def test_emphasis_bullets_and_headings() -> None:
    blocks = read_html(_page(
        "<h2>I. MỤC TIÊU</h2><p><strong>1. Mục tiêu chung:</strong> Đẩy mạnh chuyển đổi số.</p>"
        "<p>- Cấp tiểu học: 30% học sinh.</p><ul><li>Cấp trung học</li></ul><ol><li>Bước một</li><li>Bước hai</li></ol>"
        "<p><span style='font-weight: bold'>Điều 3. Tổ chức thực hiện</span></p>"))
    got = [(x.text, x.heading, x.bold, x.lead, x.bullet) for x in blocks]
    assert got == [
        ("I. MỤC TIÊU", True, True, "", ""),
        ("1. Mục tiêu chung: Đẩy mạnh chuyển đổi số.", False, False, "1. Mục tiêu chung:", ""),
        ("Cấp tiểu học: 30% học sinh.", False, False, "", "-"),
        ("Cấp trung học", False, False, "", "•"),
        ("1. Bước một", False, False, "", ""),
        ("2. Bước hai", False, False, "", ""),
        ("Điều 3. Tổ chức thực hiện", False, True, "", ""),
    ]


def test_line_breaks_separate_lines_and_layout_tables_read_as_paragraphs() -> None:
    blocks = read_html(_page(
        "<table><tr><td><b>CHÍNH PHỦ<br>-------</b></td><td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>"
        "Độc lập - Tự do - Hạnh phúc</b></td></tr><tr><td>Số: 60/2025/NĐ-CP</td>"
        "<td><i>Hà Nội, ngày 12 tháng 3 năm 2026</i></td></tr></table><p>NGHỊ ĐỊNH</p>"))
    assert [x.kind for x in blocks] == ["para"] * 6
    assert _texts(blocks) == ["CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                              "Số: 60/2025/NĐ-CP", "Hà Nội, ngày 12 tháng 3 năm 2026", "NGHỊ ĐỊNH"]


def test_table_spans_fill_the_grid() -> None:
    (table,) = read_html(_page(
        "<table><tr><th>TT</th><th>Đối tượng</th><th>Khoa</th><th>Số phiếu</th></tr>"
        "<tr><td>1</td><td rowspan='2'>Sinh viên</td><td>Khoa Hóa</td><td>100</td></tr>"
        "<tr><td>2</td><td>Khoa Sinh</td><td>80</td></tr>"
        "<tr><td colspan='3'><b>Tổng cộng</b></td><td><b>180</b></td></tr></table>"))
    assert table.rows == [["TT", "Đối tượng", "Khoa", "Số phiếu"], ["1", "Sinh viên", "Khoa Hóa", "100"],
                          ["2", "Sinh viên", "Khoa Sinh", "80"], ["Tổng cộng", "", "", "180"]]
    assert table.row_bold == [True, False, False, True]


def test_numbered_lines_that_repeat_nothing_are_kept() -> None:
    """Short numbered lines are an outline only when they repeat the page's text: a plan's own list of
    short items stays."""
    items = ["1. Trường THPT Cao Lãnh", "2. Trường THCS Kim Hồng", "3. Trường Tiểu học Tân Hồng",
             "4. Trường THPT Hồng Ngự 1", "5. Trường THCS Thanh Bình"]
    blocks = read_html(_page("<p>Danh sách trường tham gia:</p><div>" + "".join(f"<div>{t}</div>" for t in items)
                             + "</div><p>Các trường báo cáo kết quả trước ngày 30/6.</p>"))
    assert _texts(blocks)[1:6] == items


def _cp1258(text: str) -> bytes:
    """Windows-1258 as old Vietnamese pages use it: base letters (ê, ơ, ư, ă ...) and tone marks apart."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in nfd if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tones))
            out += (base + tones).encode("cp1258")
    return out


def test_windows_1258_page_is_decoded_and_composed() -> None:
    data = _cp1258(_page("<p>Kế hoạch chuyển đổi số năm 2024 của Sở Giáo dục và Đào tạo</p>").replace(
        "utf-8", "windows-1258"))
    assert b"\xd2" in data or b"\xec" in data  # tone marks stored apart, as combining characters
    assert _texts(read_html(decode_html(data))) == ["Kế hoạch chuyển đổi số năm 2024 của Sở Giáo dục và Đào tạo"]


@pytest.mark.parametrize(("head", "suffix", "kind"), [
    (b"<!DOCTYPE html><html>", ".html", "html"),
    (b"<html><body>", ".htm", "html"),
    (b"\xef\xbb\xbf  <!-- saved -->\n<!doctype HTML>", ".txt", "html"),  # a saved page named .txt
    (b"<table><tr><td>1</td></tr></table>", ".md", "text"),  # HTML inside Markdown stays Markdown
    ("<p>Kế hoạch</p>".encode(), ".html", "html"),
])
def test_html_sniffed(head: bytes, suffix: str, kind: str) -> None:
    assert sniff_kind(head, suffix) == kind


def test_pdf_named_html_refused(tmp_path: Path) -> None:
    path = tmp_path / "trang.html"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(IngestRefused) as info:
        parse_path(path)
    assert info.value.code == "unsupported_type" and ".html" in info.value.message_vi


def test_page_of_chrome_only_refused_as_no_content(tmp_path: Path) -> None:
    path = tmp_path / "trong.html"
    path.write_text(_page("<nav><a href='/'>Trang chủ</a></nav><script>var a = 1;</script>"), encoding="utf-8")
    with pytest.raises(IngestRefused) as info:
        parse_path(path)
    assert info.value.code == "no_content"


def test_unsupported_type_lists_html() -> None:
    err = IngestRefused("unsupported_type", ".xlsx")
    assert ".html" in err.message_vi and ".html" in err.message_en


# ------------------------------------------------------------------------ the real page (eval/corpus-dev)


@pytest.fixture(scope="module")
def vbpl():  # -> ParsedDocument
    return parse_path(VBPL).document


def test_vbpl_page_header_and_chapters(vbpl) -> None:
    assert (vbpl.meta.doc_type, vbpl.meta.number, vbpl.meta.date) == ("NGHỊ ĐỊNH", "60/2025/NĐ-CP", "2026-03-12")
    chapters = [(s.locator, s.title) for s in vbpl.sections if s.locator.startswith("C.") and "/" not in s.locator]
    assert chapters == [
        ("C.I", "QUY ĐỊNH CHUNG"), ("C.II", "ĐIỀU KIỆN, NGUYÊN TẮC, MỨC HƯỞNG CHÍNH SÁCH"),
        ("C.III", "QUY TRÌNH XÉT DUYỆT TRẺ EM NHÀ TRẺ, HỌC SINH, HỌC VIÊN HƯỞNG CHÍNH SÁCH VÀ TRÌNH TỰ, "
                  "THỦ TỤC ĐỀ NGHỊ CẤP KINH PHÍ, HỖ TRỢ GẠO"),
        ("C.IV", "LẬP, PHÂN BỔ DỰ TOÁN, QUẢN LÝ VÀ QUYẾT TOÁN KINH PHÍ, NGUỒN KINH PHÍ"),
        ("C.V", "ĐIỀU KHOẢN THI HÀNH"),
    ]


def test_vbpl_articles_once_each_despite_the_outline(vbpl) -> None:
    articles = [s for s in vbpl.sections if s.locator.startswith("C.") and s.locator.count("/") == 1]
    assert [s.number for s in articles] == [str(n) for n in range(1, 16)]
    assert not any("~" in s.locator for s in vbpl.sections if s.locator.startswith("C."))
    assert articles[0].title == "Phạm vi điều chỉnh" and articles[-1].title == "Hiệu lực và trách nhiệm thi hành"


def test_vbpl_text_without_the_site(vbpl) -> None:
    lines = {line.strip() for u in vbpl.units for line in u.text.split("\n")}
    unit = next(u for u in vbpl.units if "Hỗ trợ tiền ăn trưa: Mỗi trẻ em nhà trẻ được hỗ trợ mỗi tháng là "
                "360.000 đồng" in u.text)
    assert unit.locator.startswith("C.II/6/1")
    for junk in ("Mục lục", "Đơn vị chủ quản:", "Ngày cập nhật:06/04/2026", "Hiển thị chi tiết cập nhật",
                 "Văn bản gốc", "Khoản 1", "Điểm a", "CƠ SỞ DỮ LIỆU QUỐC GIA VỀ PHÁP LUẬT", "Còn hiệu lực"):
        assert junk not in lines, junk
    assert not any("Ngày cập nhật" in line or "Đơn vị chủ quản" in line for line in lines)
    forms = [t for t in vbpl.tables if t.columns[:3] == ["TT", "Họ và tên", "Ngày tháng năm sinh"]]
    assert len(forms) == 2
