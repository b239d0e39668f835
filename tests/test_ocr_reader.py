"""OCR of scanned plans (ingest/ocr/): repairs, page layout, limits, and end to end through `parse_path`.

Fast tests need no Tesseract (pure functions, synthetic OCR words, OCR switched off). Tests marked `slow`
run Tesseract on page images the tests draw themselves (tests/page_images.py: literal excerpts of the
corpus plan at 200 dpi): an image-only PDF, a PNG with a red seal over the text, a two-page TIFF with a
page scanned sideways and one skewed 3.5 degrees, a scan with a garbage text layer. Five page images in
all; the character error rate (CER) on the corpus sentences is asserted below 2 %.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from eval.ocr_metrics import cer
from ingest.errors import IngestRefused
from ingest.models import Block, ParsedDocument, Unit
from ingest.ocr import repair
from ingest.ocr.engine import MAX_PIXELS, Word, estimate_skew, to_gray
from ingest.ocr.page_reader import group_lines, numbered_lead, paragraphs, split_columns
from ingest.pipeline import parse_path, sniff_kind
from ingest.structure import recover
from ingest.units import make_units
from tests import builders as b
from tests import page_images as pi

# Tesseract with its vie model: skipped without it, failed under KEHOACH_REQUIRE_DEPS=1 (tests/conftest.py)
needs_ocr = pytest.mark.needs("tesseract")
MAX_CER = 0.02


# ------------------------------------------------------------------------------------------------ repairs


@pytest.fixture(scope="module")
def corpus_text() -> str:
    from tests.conftest import CORPUS_FILE

    return CORPUS_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("ocr", "fixed"),
    [
        ("Nội dung bố sung chỉ phí thực hiện.", "Nội dung bổ sung chi phí thực hiện."),
        ("Kế hoạch só 15/KH-SGDĐT ngày 10 tháng 3", "Kế hoạch số 15/KH-SGDĐT ngày 10 tháng 3"),
        ("Căn cứ Quyêt định số 1412/QĐ-UBND-HC", "Căn cứ Quyết định số 1412/QĐ-UBND-HC"),
        ("tô chức tập huấn, kinh phi năm 2024", "tổ chức tập huấn, kinh phí năm 2024"),
        ("BỐ SUNG KINH PHÍ", "BỔ SUNG KINH PHÍ"),
        ("Quyêt định số hoá", "Quyết định số hoá"),  # looked up in either tone placement, spelling kept
    ],
)
def test_repairs_known_ocr_confusions(ocr: str, fixed: str) -> None:
    assert repair.repair_text(ocr) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "chỉ tiêu và chi tiêu",  # both real words: neither is touched
        "bố mẹ học sinh",
        "Trường THPT Lai Vung 1, Huyện Hồng Ngự",  # names
        "THPT Lai Vung 1",  # a table cell: "Vung" next to capitalised words is a name, not "Vụng"
        "TH Tân Hoà, số hoá, hoà nhập, THUỶ LỢI",  # both tone placements are right: the printed one stays
        "trách nhiệm của hàng ngũ",  # "cửa hàng" is a word, but "hàng ngũ" already is one here
        "kho học liệu số, dùng chung",  # "khổ học" is a dictionary word: not a known bigram, kept
        "Onetouch, iDesk, STEM/STEAM, 78,18%",
    ],
)
def test_repair_leaves_right_text_alone(text: str) -> None:
    assert repair.repair_text(text) == text


def test_clean_corpus_plan_goes_through_repair_unchanged_but_for_its_typo(corpus_text: str) -> None:
    import re

    out = repair.repair_text(corpus_text, known=repair.document_bigrams([corpus_text]))
    before, after = re.findall(r"\w+|\S", corpus_text), re.findall(r"\w+|\S", out)
    changes = {(x, y) for x, y in zip(before, after, strict=True) if x != y}
    assert all(repair.skeleton(x) == repair.skeleton(y) for x, y in changes)
    assert changes <= {("chuyên", "chuyển")}  # the plan's own typo:
    assert "thực hiện chuyển đổi số toàn diện" in out  # "thực hiện chuyên đổi số toàn diện"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("1. VỀ THỰC HIỆN MỤC TIÊU ĐỀ ÁN", "I. VỀ THỰC HIỆN MỤC TIÊU ĐỀ ÁN"),
        ("l. MỤC TIÊU", "I. MỤC TIÊU"),
        ("Il. NHIỆM VỤ VÀ CÁC GIẢI PHÁP CHỦ YẾU", "II. NHIỆM VỤ VÀ CÁC GIẢI PHÁP CHỦ YẾU"),
        ("1. Mục tiêu chung: Đẩy mạnh chuyển đổi số", "1. Mục tiêu chung: Đẩy mạnh chuyển đổi số"),
        ("2. MỤC TIÊU", "2. MỤC TIÊU"),
    ],
)
def test_roman_heading_read_as_one_is_fixed(text: str, fixed: str) -> None:
    assert repair.fix_roman_heading(text) == fixed


@pytest.mark.parametrize(
    ("text", "fixed"),
    [  # a speck read as a mark between two words (a scanned plan's "Trung tâm Quản lý ‹ chất lượng")
        ("Bước 2: Trung tâm Quản lý ‹ chất lượng thực hiện chọn mẫu", "Bước 2: Trung tâm Quản lý chất lượng thực hiện chọn mẫu"),
        ("phối hợp ´ với các khoa", "phối hợp với các khoa"),
        # the document's own marks stay: an arrow, quotes, a dash, a degree after a number
        ("LỊCH TỔ CHỨC (15/11 → 10/12/2025)", "LỊCH TỔ CHỨC (15/11 → 10/12/2025)"),
        ("chủ đề « Em yêu trường em »", "chủ đề « Em yêu trường em »"),
        ("Tuần 1 - Tuần 2", "Tuần 1 - Tuần 2"),
        ("nhiệt độ 25 ° C", "nhiệt độ 25 ° C"),
    ],
)
def test_specks_between_words_are_dropped(text: str, fixed: str) -> None:
    assert repair.drop_specks(text) == fixed


def test_a_smudged_first_number_is_taken_from_the_heading_before() -> None:
    """A scanned plan's "5.2." and "5.3." read as "$.2." and "%.3.": they follow "5.1.", so they are 5.2 and 5.3;
    a symbol whose number does not follow, or without the dotted form, stays as read."""
    read = ["5.1. Trung tâm Quản lý chất lượng", "- Là đơn vị đầu mối tham mưu ban hành kế hoạch.",
            "$.2. Phòng Đào tạo và Phòng Công tác sinh viên", "- Phối hợp truyền thông, hỗ trợ các khoa.",
            "%.3. Các khoa tham gia khảo sát", "$.5. Một số không liền sau", "$ 2. Không có dấu chấm"]
    fixed = repair.fix_sibling_numbers(read)
    assert fixed[2] == "5.2. Phòng Đào tạo và Phòng Công tác sinh viên"
    assert fixed[4] == "5.3. Các khoa tham gia khảo sát"
    assert fixed[5:] == read[5:] and fixed[:2] == read[:2] and fixed[3] == read[3]


def test_numbered_lead_stands_for_the_bold_lead() -> None:
    assert numbered_lead("1. Mục tiêu chung: Đẩy mạnh chuyển đổi số.") == "1. Mục tiêu chung:"
    assert numbered_lead("Về tiếp cận giáo dục trực tuyến: 50% học sinh") == ""  # not numbered
    assert numbered_lead("a) Tuyên truyền, phổ biến, quán triệt sâu rộng nhằm nâng cao nhận thức về chuyển "
                         "đổi số trong giáo dục: toàn thể đội ngũ") == ""  # too long for a lead


# --------------------------------------------------------------------------------- layout, no Tesseract


def _line(text: str, top: int, left: int, conf: float = 90.0) -> list[Word]:
    """Words of one OCR line as Tesseract reports them (13 px a letter, 34 px high, line keyed by its top)."""
    words, x = [], left
    for w in text.split():
        words.append(Word(w, x, top, 13 * len(w), 34, conf, block=1, par=1, line=top))
        x += 13 * len(w) + 13
    return words


def test_paragraphs_from_ocr_lines() -> None:
    """Line gaps, indents, numbering, bullets and capitals make paragraphs; confidences are kept."""
    rows = [
        ("PHẦN II", 200, 700), ("NỘI DUNG KẾ HOẠCH NĂM 2024", 252, 500),
        ("I. MỤC TIÊU", 330, 236),
        ("1. Mục tiêu chung: Đẩy mạnh chuyển đổi số, tăng cường ứng dụng công nghệ để thúc", 400, 315),
        ("đẩy đổi mới sáng tạo trong dạy và học, gắn kết giữa nhà trường và gia đình, nâng", 452, 236),
        ("cao chất lượng giáo dục.", 504, 236),
        ("- Về môi trường dạy học trực tuyến: Hình thành kho học liệu dạy học trực tuyến cấp", 574, 315),
        ("tỉnh đáp ứng nhu cầu học tập.", 626, 236),
        ("2", 2219, 820),  # the page number
    ]
    words = [w for text, top, left in rows for w in _line(text, top, left)]
    from ingest.ocr.page_reader import _drop_page_numbers

    blocks = [blk for _, blk in paragraphs(_drop_page_numbers(group_lines(words)), page=4)]
    assert [(x.text[:30], x.bullet, x.bold) for x in blocks] == [
        ("PHẦN II", "", True),
        ("NỘI DUNG KẾ HOẠCH NĂM 2024", "", True),
        ("I. MỤC TIÊU", "", True),
        ("1. Mục tiêu chung: Đẩy mạnh ch", "", False),
        ("Về môi trường dạy học trực tuy", "-", False),
    ]
    assert blocks[3].text.endswith("nâng cao chất lượng giáo dục.") and blocks[3].lead == "1. Mục tiêu chung:"
    assert all(x.ocr and x.ocr_conf == 90.0 and x.page == 4 for x in blocks)


def test_bold_paragraphs_and_leads_by_majority_of_word_strokes() -> None:
    from ingest.ocr.bold import bold_lead as _bold_lead

    def words(text: str, flags: str) -> list[Word]:  # flags: B bold, r regular, - not measured
        ws = _line(text, 100, 236)
        for w, f in zip(ws, flags, strict=True):
            w.bold = {"B": True, "r": False, "-": None}[f]
        return ws

    assert _bold_lead(words("1. Mục tiêu chung: Đẩy mạnh chuyển đổi số", "-BrBrrrrr")) == (False, "1. Mục tiêu chung:")
    assert _bold_lead(words("2.1. Tuyên truyền phổ biến nâng cao nhận thức", "-BBBBBrBB")) == (True, "")
    assert _bold_lead(words("Thực hiện Kế hoạch số 70/KH-SGDĐT", "rrrrrr")) == (False, "")
    assert _bold_lead(words("Về tiếp cận giáo dục trực tuyến: 50% học", "BBrrBrB-r")) == (False, "")  # no clean lead


def test_two_column_head_is_read_column_by_column() -> None:
    rows = [("UBND TỈNH ĐỒNG THÁP", 200, 260, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 860),
            ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 245, 240, "Độc lập - Tự do - Hạnh phúc", 930),
            ("Số: /KH-SGDĐT", 290, 320, "Đồng Tháp, ngày tháng năm 2024", 900)]
    words = []
    for left, top, x_left, right, x_right in rows:  # Tesseract read each row across both columns
        words += [Word(w.text, w.left, w.top, w.width, w.height, w.conf, 1, 1, top)
                  for w in _line(left, top, x_left) + _line(right, top, x_right)]
    lines = split_columns(group_lines(words) + group_lines(_line("KẾ HOẠCH", 340, 760)))
    assert [ln.text for ln in lines] == ["UBND TỈNH ĐỒNG THÁP", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: /KH-SGDĐT",
                                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                         "Đồng Tháp, ngày tháng năm 2024", "KẾ HOẠCH"]
    assert [ln.own for ln in lines] == [True] * 6 + [False]


def test_tables_from_the_image_are_whited_out_and_placed_by_their_top(monkeypatch: pytest.MonkeyPatch) -> None:
    """find_tables (ingest/ocr/table_image.py) gives tables with pixel boxes: their area is blank when the
    running text is read, and each comes back as a table block between the paragraphs above and below."""
    from dataclasses import dataclass

    from PIL import Image

    from ingest.ocr import page_reader

    @dataclass
    class FakeTable:
        bbox: tuple[int, int, int, int]
        rows: list[list[str]]
        row_bold: list[bool]
        conf: float

    table = FakeTable((200, 500, 1400, 800), [["STT", "Tên trường"], ["1", "Trường THPT Lai Vung 1"]],
                      [True, False], 81.25)
    seen: list[int] = []

    def fake_words(image: Image.Image, timeout: float) -> list[Word]:
        seen.append(image.getpixel((700, 650)))
        return (_line("PHỤ LỤC I", 300, 700) + _line("DANH SÁCH TRƯỜNG THÍ ĐIỂM", 352, 560)
                + _line("Ghi chú: danh sách có thể được điều chỉnh.", 900, 236))

    monkeypatch.setattr(page_reader, "find_tables", lambda image: [table])
    monkeypatch.setattr(page_reader, "read_words", fake_words)
    monkeypatch.setattr(page_reader, "orient", lambda image, timeout: (image, 0))
    page = Image.new("L", pi.A4, 0)  # all ink: the table's box must arrive white
    res = page_reader.read_page(page, 5, timeout=10)
    assert seen == [255]
    assert [(x.kind, x.text[:20]) for x in res.blocks] == [
        ("para", "PHỤ LỤC I"), ("para", "DANH SÁCH TRƯỜNG THÍ"), ("table", ""), ("para", "Ghi chú: danh sách c")]
    tb = res.blocks[2]
    assert tb.rows == table.rows and tb.row_bold == [True, False] and tb.page == 5
    assert tb.ocr and tb.ocr_conf == 81.2 and res.tables == 1


def test_without_the_table_module_pages_have_no_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.ocr import page_reader

    monkeypatch.setitem(sys.modules, "ingest.ocr.table_image", None)  # import raises ImportError
    assert page_reader.find_tables(pi.render_page(pi.PAGE1, 1)) == []


def test_skew_is_measured_on_the_page_image() -> None:
    page = pi.render_page(pi.PAGE1, 1)
    assert abs(estimate_skew(to_gray(page))) < 0.3
    for deg in (3.5, -4.0):
        assert abs(estimate_skew(to_gray(pi.skewed(page, deg))) + deg) <= 0.3


def test_red_seal_is_dropped_and_print_under_it_kept() -> None:
    page = pi.stamped(pi.render_page(pi.PAGE1, 1))
    rgb, gray = page.convert("RGB"), to_gray(page)
    seal_on_paper = [(x, y) for x in range(960, 1340, 3) for y in range(370, 750, 3)
                     if rgb.getpixel((x, y))[0] - rgb.getpixel((x, y))[1] > 60 and rgb.getpixel((x, y))[0] > 200]
    print_under_seal = [(x, y) for x in range(960, 1340, 3) for y in range(370, 750, 3)
                        if rgb.getpixel((x, y))[0] - rgb.getpixel((x, y))[1] > 60 and rgb.getpixel((x, y))[0] < 150]
    assert len(seal_on_paper) > 100 and len(print_under_seal) > 100
    assert sum(gray.getpixel(p) > 200 for p in seal_on_paper) / len(seal_on_paper) > 0.95
    assert sum(gray.getpixel(p) < 80 for p in print_under_seal) / len(print_under_seal) > 0.9


@pytest.mark.parametrize(
    ("head", "suffix"),
    [(b"\x89PNG\r\n\x1a\n0000", ".png"), (b"\xff\xd8\xff\xe0", ".jpg"), (b"\xff\xd8\xff\xe1", ".jpeg"),
     (b"II*\x00", ".tif"), (b"MM\x00*", ".tiff"), (b"\xff\xd8\xff\xe0", ".png")],  # a JPEG named .png: image
)
def test_images_sniffed_by_magic_bytes(head: bytes, suffix: str) -> None:
    assert sniff_kind(head, suffix) == "image"


def test_image_suffix_without_image_content_refused(tmp_path: Path) -> None:
    path = tmp_path / "anh.png"
    path.write_text("Kế hoạch chuyển đổi số", encoding="utf-8")
    with pytest.raises(IngestRefused) as info:
        parse_path(path)
    assert info.value.code == "broken" and ".png" in info.value.detail


# ------------------------------------------------------------------------ OCR metadata, citations


def _ocr_blocks() -> list[Block]:
    return [
        Block(kind="para", text="PHẦN II", page=3, bold=True, ocr=True, ocr_conf=91.0),
        Block(kind="para", text="I. MỤC TIÊU", page=3, bold=True, ocr=True, ocr_conf=88.0),
        Block(kind="para", text="Đẩy mạnh chuyển đổi số trong dạy và học.", page=3, ocr=True, ocr_conf=86.4),
        Block(kind="para", text="PHỤ LỤC I", page=4, bold=True, ocr=True, ocr_conf=90.0),
        Block(kind="table", rows=[["STT", "Tên trường"], ["1", "Trường THPT Lai Vung 1"]], row_bold=[True, False],
              page=4, ocr=True, ocr_conf=79.6),
    ]


def test_ocr_confidence_travels_to_units_and_citations() -> None:
    doc = recover(_ocr_blocks(), "scan", "scan.pdf")
    doc.ocr = True
    units = {u.locator: u for u in make_units(doc)}
    sec, row = units["P.II/I"], units["PL.I/T1/1"]
    assert sec.metadata["ocr"] is True and sec.metadata["ocr_conf"] == 86.4 and sec.page == 3
    assert row.metadata["ocr"] is True and row.metadata["ocr_conf"] == 79.6 and row.page == 4
    cite = sec.citation()
    assert cite.ocr and cite.ocr_conf == 86.4
    assert cite.label == "Phần II › I (OCR, tr. 3, độ tin cậy 86%)"
    assert row.citation().label.endswith("(OCR, tr. 4, độ tin cậy 80%)")
    assert {"ocr": True, "ocr_conf": 86.4}.items() <= cite.model_dump().items()


def test_text_documents_get_no_ocr_keys(corpus_doc) -> None:
    assert not corpus_doc.ocr
    assert not any("ocr" in u.metadata for u in corpus_doc.units)
    cite = corpus_doc.units[3].citation()
    assert not cite.ocr and cite.ocr_conf is None and "OCR" not in cite.label


def test_chip_and_copy_text_do_not_repeat_the_page_of_an_ocr_label() -> None:
    from assistant.ui_render import answer_plain_text, chip_label

    unit = Unit(id="x", doc="d", doc_title="T", kind="section", locator="P.I", label="Phần I", page=3, text="a",
                embed_text="a", metadata={"ocr": True, "ocr_conf": 86.0})
    cite = unit.citation()
    assert chip_label(1, cite) == "[1] Phần I (OCR, tr. 3, độ tin cậy 86%)"
    assert ", trang 3" not in answer_plain_text("x [1]", [cite])


# ----------------------------------------------------------------------------- OCR off: clear refusals


@pytest.fixture
def ocr_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_OCR", "0")


def _refused_with_how_to(path: Path, code: str) -> IngestRefused:
    with pytest.raises(IngestRefused) as info:
        parse_path(path)
    err = info.value
    assert err.code == code, err.message
    for needle in ("tesseract-ocr-vie", "KEHOACH_OCR=1", "make sysdeps"):
        assert needle in err.message_vi and needle in err.message_en
    return err


def test_scan_refused_with_how_to_enable_ocr_when_off(ocr_off: None, tmp_path: Path) -> None:
    err = _refused_with_how_to(b.make_scanned_pdf(tmp_path / "scan.pdf"), "scanned")
    assert "KEHOACH_OCR=0" in err.message_vi and "turned off" in err.message_en


def test_image_refused_with_how_to_enable_ocr_when_off(ocr_off: None, tmp_path: Path) -> None:
    path = tmp_path / "trang.png"
    pi.render_page(pi.PAGE1, 1).save(path)
    err = _refused_with_how_to(path, "scanned")
    assert "PNG" in err.detail


def test_garbage_layer_refused_with_how_to_enable_ocr_when_off(ocr_off: None, tmp_path: Path) -> None:
    err = _refused_with_how_to(b.make_garbage_pdf(tmp_path / "rac.pdf"), "garbage_text")
    assert "từ có dấu" in err.detail


def test_refusal_says_tesseract_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KEHOACH_OCR", "auto")
    monkeypatch.setattr("ingest.ocr.engine.shutil.which", lambda _name: None)
    err = _refused_with_how_to(b.make_scanned_pdf(tmp_path / "scan.pdf"), "scanned")
    assert "chưa cài tesseract" in err.message_vi and "not installed" in err.message_en


# ------------------------------------------------------------------------------------ time limit


@pytest.mark.timeout(600)
def test_child_time_limit_grows_with_announced_pages() -> None:
    """The OCR budget: a child that announces 3 pages gets timeout + 3 x page budget; one that
    announces nothing is killed at the base timeout."""
    from ingest.sandbox import PROGRESS_MARK, run_child

    seen: list[tuple[int, int]] = []
    announce = (f"import time; print('{PROGRESS_MARK} 0 3', flush=True); time.sleep(1.5); "
                f"print('{PROGRESS_MARK} 3 3', flush=True)")
    done = run_child([sys.executable, "-c", announce], timeout_s=1.0, page_s=1.0,
                     on_progress=lambda d, n: seen.append((d, n)))
    assert done.returncode == 0 and done.pages == 3 and done.limit_s == 4.0 and seen == [(0, 3), (3, 3)]
    # A child that would never end: that run_child returns at all shows it was killed (no wall-clock check);
    # pytest-timeout fails a hang after 10 minutes.
    silent = run_child([sys.executable, "-c", "import time; time.sleep(3600)"], timeout_s=1.0, page_s=1.0)
    assert silent.timed_out and silent.pages == 0 and silent.limit_s == 1.0


# ----------------------------------------------------------------------------- with Tesseract (slow)


def _best_cer(sentence: str, texts: list[str]) -> float:
    """CER of the sentence against the closest line of the units (a unit may hold a heading line, and
    bullets are written "- ...")."""
    return min(cer(sentence, line.removeprefix("- ")) for t in texts for line in t.split("\n"))


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("scans")
    p1, p2 = pi.render_page(pi.PAGE1, 1), pi.render_page(pi.PAGE2, 2)
    out = {"pdf": pi.image_pdf([pi.render_page(pi.HEAD + pi.PAGE1, 1), p2], d / "ke-hoach-scan.pdf")}
    pi.stamped(p1).save(d / "trang-dong-dau.png")
    out["png"] = d / "trang-dong-dau.png"
    frames = [pi.sideways(p1), pi.skewed(p2, 3.5)]
    frames[0].save(d / "hai-trang.tiff", save_all=True, append_images=frames[1:], compression="tiff_deflate",
                   dpi=(200, 200))
    out["tiff"] = d / "hai-trang.tiff"
    out["garbage"] = pi.garbage_layer_pdf(p2, d / "lop-chu-rac.pdf")
    return out


TREE = [("P.I", "Phần I", "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2023"),
        ("P.I/I", "Phần I › I", "VỀ THỰC HIỆN MỤC TIÊU ĐỀ ÁN CHUYỂN ĐỔI SỐ"),
        ("P.II", "Phần II", "NỘI DUNG KẾ HOẠCH NĂM 2024"),
        ("P.II/I", "Phần II › I", "MỤC TIÊU"),
        ("P.II/I/1", "Phần II › I.1", "Mục tiêu chung"),
        ("P.II/I/2", "Phần II › I.2", "Mục tiêu cụ thể"),
        ("P.II/I/2/a", "Phần II › I.2.a", "Đổi mới mạnh mẽ phương thức tổ chức giáo dục")]


def _check_scan(path: Path, pages: list[int], tree: list[tuple[str, str, str]]) -> ParsedDocument:
    """`pages`: which drawn pages (PAGE1, PAGE2) the file holds, in order."""
    t0 = time.perf_counter()
    doc = parse_path(path).document
    seconds = time.perf_counter() - t0
    assert doc.ocr and doc.pages == len(pages)
    assert [(s.locator, s.label, s.title) for s in doc.sections] == tree
    units = [u for u in doc.units if u.kind == "section"]
    texts = [u.text for u in units]
    cers = {s[:40]: round(_best_cer(s, texts), 4) for p in pages for s in pi.SENTENCES[p]}
    print(f"\n{path.name}: {len(pages)} page(s) in {seconds:.1f} s ({seconds / len(pages):.1f} s/page), CER {cers}")
    assert max(cers.values()) <= MAX_CER, cers
    assert not any(t.strip() in {"1", "2"} for t in texts)  # page numbers dropped
    for u in units:
        conf = u.metadata["ocr_conf"]
        assert u.metadata["ocr"] is True and isinstance(conf, float) and 50 < conf <= 100
        cite = u.citation()
        assert cite.ocr and cite.label == f"{u.label} (OCR, tr. {u.page}, độ tin cậy {conf:.0f}%)"
        assert u.page in range(1, len(pages) + 1)
    return doc


@pytest.mark.slow
@needs_ocr
def test_image_only_pdf_is_read_by_ocr(scans: dict[str, Path]) -> None:
    """Two pages, the first under the two-column head of the plan: the head gives the same metadata as
    the corpus plan's text (type, title, blank number, place, year), read column by column."""
    doc = _check_scan(scans["pdf"], [1, 2], TREE)
    m = doc.meta
    assert (m.doc_type, m.title, m.number, m.number_suffix, m.place, m.date, m.year) == (
        "KẾ HOẠCH", "Kế hoạch Triển khai Đề án chuyển đổi số ngành Giáo dục tỉnh Đồng Tháp - Năm 2024", None,
        "/KH-SGDĐT", "Đồng Tháp", None, 2024)
    assert m.issuer == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    meta = next(u for u in doc.units if u.kind == "meta")
    assert meta.metadata["ocr"] is True and meta.citation().label == "Thông tin văn bản (OCR)"


@pytest.mark.slow
@needs_ocr
def test_png_with_a_seal_over_the_text(scans: dict[str, Path]) -> None:
    _check_scan(scans["png"], [1], TREE[:2])


@pytest.mark.slow
@needs_ocr
def test_tiff_pages_sideways_and_skewed(scans: dict[str, Path]) -> None:
    """Page 1 scanned a quarter turn clockwise (landscape image), page 2 skewed 3.5 degrees."""
    _check_scan(scans["tiff"], [1, 2], TREE)


@pytest.mark.slow
@needs_ocr
def test_garbage_text_layer_is_replaced_by_ocr(scans: dict[str, Path]) -> None:
    """A scan whose invisible text layer is noise: refused before OCR, read now."""
    with pytest.raises(IngestRefused) as info:
        from ingest.readers.pdf import read_pdf

        read_pdf(scans["garbage"])
    assert info.value.code == "garbage_text"
    _check_scan(scans["garbage"], [2], TREE[2:])


@pytest.mark.slow
@needs_ocr
def test_visible_garbage_is_refused_after_ocr(tmp_path: Path) -> None:
    """make_garbage_pdf prints the garbage on the page: OCR reads it back and it is still not Vietnamese."""
    with pytest.raises(IngestRefused) as info:
        parse_path(b.make_garbage_pdf(tmp_path / "rac.pdf", "stripped"))
    assert info.value.code == "ocr_unreadable" and "OCR" in info.value.message_en


@pytest.mark.slow
@needs_ocr
def test_blank_scan_refused_as_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "trang-trang.png"
    pi.render_page([], None).save(path)
    with pytest.raises(IngestRefused) as info:
        parse_path(path)
    assert info.value.code == "ocr_unreadable"


@needs_ocr
def test_image_bomb_refused_before_decoding(tmp_path: Path) -> None:
    """A 400-megapixel PNG of a few kilobytes is refused without being decoded."""
    from PIL import Image

    path = tmp_path / "bom.png"
    Image.new("1", (20_000, 20_000), 1).save(path, optimize=True)
    assert path.stat().st_size < 200_000
    with pytest.raises(IngestRefused) as info:
        parse_path(path)
    # Refused by PIL's size check on the header (DecompressionBombError, before any pixel is decoded): that
    # branch alone names the pixel limit. No wall-clock assertion; decoding would take minutes and gigabytes.
    assert info.value.code == "too_complex" and f"{MAX_PIXELS // 1_000_000} Mpx" in info.value.message_en


@pytest.mark.slow
@needs_ocr
def test_ocr_timeout_refused(monkeypatch: pytest.MonkeyPatch, scans: dict[str, Path]) -> None:
    monkeypatch.setenv("KEHOACH_OCR_PAGE_TIMEOUT_S", "0.05")
    with pytest.raises(IngestRefused) as info:
        parse_path(scans["png"])
    assert info.value.code == "ocr_timeout" and "KEHOACH_OCR_PAGE_TIMEOUT_S" in info.value.message_en


@pytest.mark.slow
@needs_ocr
def test_upload_sandbox_reads_a_scan(scans: dict[str, Path]) -> None:
    """Through parse_isolated (the API's upload path): OCR inside the limited child, progress reported."""
    from ingest.sandbox import parse_isolated

    doc = parse_isolated(scans["png"], source="dong-dau.png", timeout_s=60).document
    assert doc.ocr and [s.locator for s in doc.sections] == ["P.I", "P.I/I"]


@pytest.mark.slow
@needs_ocr
def test_text_pdf_with_a_scanned_page(tmp_path: Path) -> None:
    """A text PDF whose second page is a scan (an annex or the signed page, scanned in): the text page is
    read from its text layer, the scanned page by OCR, in page order; only the latter is marked OCR."""
    from fpdf import FPDF

    png = tmp_path / "trang-2.png"
    pi.render_page(pi.PAGE2, 2).save(png, dpi=(200, 200))
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(20, 20, 20)
    pdf.add_font("DejaVu", "", str(b.FONT))
    pdf.add_font("DejaVu", "B", str(b.FONT_BOLD))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    for item in pi.PAGE1:
        pdf.set_font("DejaVu", "B" if item.kind in ("title", "heading") else "", 12)
        text = f"- {item.text}" if item.kind == "bullet" else item.text
        pdf.multi_cell(0, 6, text, align="C" if item.kind == "title" else "J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=210, h=297)
    path = tmp_path / "ke-hoach-mot-trang-scan.pdf"
    pdf.output(str(path))

    doc = parse_path(path).document
    assert [(s.locator, s.title) for s in doc.sections] == [(loc, title) for loc, _, title in TREE]
    units = [u for u in doc.units if u.kind == "section"]
    by_page = {p: [u for u in units if u.page == p] for p in (1, 2)}
    assert by_page[1] and not any(u.metadata.get("ocr") for u in by_page[1])
    assert by_page[2] and all(u.metadata.get("ocr") for u in by_page[2])
    assert "465/595" in " ".join(u.text for u in by_page[1])
    ocr_text = " ".join(u.text for u in by_page[2])
    assert cer(pi.PAGE2[7].text, ocr_text[ocr_text.find("Về triển khai mô hình"):][: len(pi.PAGE2[7].text)]) <= MAX_CER
    assert "(OCR, tr. 2" in by_page[2][0].citation().label


def test_digit_cells_read_with_letters_are_repaired_in_number_columns_only() -> None:
    from ingest.ocr.repair import repair_digit_cells

    rows = [["STT", "Danh mục dịch vụ", "Khối lượng", "Đơn vị tính"],
            ["1", "Nâng cấp chức năng chữ ký số", "l", "Gói"],
            ["2", "Kết nối HIS", "", ""],
            ["l0", "Quản lý QC", "", ""],
            ["II", "NHÓM PHẦN MỀM", "", ""],
            ["3", "Kết nối PACS", "", ""],
            ["1I", "Quản lý kho", "", ""]]
    out = repair_digit_cells(rows)
    assert [r[2] for r in out] == ["Khối lượng", "1", "", "", "", "", ""]  # a quantity column by its header
    # a column of numbers; the Roman numeral of a group row stays
    assert [r[0] for r in out] == ["STT", "1", "2", "10", "II", "3", "11"]
    # letters in a column of words stay letters; in a column of numbers "Ill" was "111"
    words = [["Tên", "Số tiết"], ["Ill", "35"], ["IO", "Ill"], ["Lan", "70"], ["Bình", "105"]]
    assert repair_digit_cells(words) == [["Tên", "Số tiết"], ["Ill", "35"], ["IO", "111"], ["Lan", "70"], ["Bình", "105"]]
    assert repair_digit_cells([["STT", "Nội dung"], ["I", "A"], ["1", "B"], ["2", "C"], ["II", "D"], ["1", "E"]]) == \
        [["STT", "Nội dung"], ["I", "A"], ["1", "B"], ["2", "C"], ["II", "D"], ["1", "E"]]
