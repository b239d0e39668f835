"""Page images of the corpus plan for the OCR tests: A4 at 200 dpi drawn with PIL in the DejaVu fonts of
tests/builders.py, and what scanning does to pages (turned sideways, skewed, stamped), plus an
image-only PDF (fpdf2 `image()`, no text layer). The texts are literal excerpts of
corpus/kh-chuyen-doi-so-giao-duc-dong-thap-2024.md, so the expected OCR output is known exactly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.builders import FONT, FONT_BOLD

DPI = 200
A4 = (1654, 2339)  # pixels at 200 dpi
MARGIN_L, MARGIN_R, MARGIN_T = 236, 157, 200  # 30 mm, 20 mm, 25 mm
SIZE = 36  # 13 pt at 200 dpi
PITCH = 52
INDENT = 79  # 10 mm first-line indent


@dataclass(frozen=True)
class Item:
    kind: str  # "title" (centred, bold), "heading" (bold), "para" (first-line indent), "bullet" ("- "),
    # "header" (the two-column head of an administrative document: "left|right", each centred in its column)
    text: str
    bold: bool = False  # for "header" rows
    lead: int = 0  # "para": its first `lead` words are printed bold ("1. Mục tiêu chung:", as in the plan)


# The head of the plan as printed: issuer and number on the left, national motto, place and date on the right
# (the number and the day are left blank, as in the corpus), then the document type and its title.
HEAD = [
    Item("header", "UBND TỈNH ĐỒNG THÁP|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True),
    Item("header", "SỞ GIÁO DỤC VÀ ĐÀO TẠO|Độc lập - Tự do - Hạnh phúc", bold=True),
    Item("header", "Số:      /KH-SGDĐT|Đồng Tháp, ngày      tháng      năm 2024"),
    Item("title", "KẾ HOẠCH"),
    Item("title", "Triển khai Đề án chuyển đổi số ngành Giáo dục tỉnh Đồng Tháp - Năm 2024"),
]
PAGE1 = [
    Item("title", "PHẦN I"),
    Item("title", "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2023"),
    Item("para", "Thực hiện Kế hoạch số 70/KH-SGDĐT ngày 29 tháng 05 năm 2023 của Sở Giáo dục và Đào tạo "
                 "(GDĐT) Đồng Tháp về Triển khai Đề án chuyển đổi số ngành Giáo dục tỉnh Đồng Tháp - Năm 2023, "
                 "Sở GDĐT đã triển khai thực hiện và đạt được các kết quả:"),
    Item("heading", "I. VỀ THỰC HIỆN MỤC TIÊU ĐỀ ÁN CHUYỂN ĐỔI SỐ"),
    Item("bullet", "Sở GDĐT đã triển khai dạy học với mô hình giáo dục STEM đến 100% các cơ sở giáo dục từ "
                   "tiểu học đến cấp trung học phổ thông theo hướng dẫn của Bộ GDĐT."),
    Item("bullet", "Đã triển khai thanh toán không dùng tiền mặt được 465/595 cơ sở giáo dục phổ thông, giáo "
                   "dục thường xuyên đạt tỉ lệ 78,18%."),
    Item("bullet", "Đã tổ chức cho cán bộ quản lý, giáo viên tập huấn về bảo mật an toàn thông tin trên nền "
                   "tảng Onetouch."),
]
PAGE2 = [
    Item("title", "PHẦN II"),
    Item("title", "NỘI DUNG KẾ HOẠCH NĂM 2024"),
    Item("heading", "I. MỤC TIÊU"),
    Item("para", "1. Mục tiêu chung: Đẩy mạnh chuyển đổi số, tăng cường ứng dụng công nghệ để thúc đẩy đổi "
                 "mới sáng tạo trong dạy và học, gắn kết giữa nhà trường và gia đình, nâng cao chất lượng và "
                 "cơ hội tiếp cận giáo dục, hiệu quả quản lý giáo dục.", lead=4),
    Item("heading", "2. Mục tiêu cụ thể"),
    Item("heading", "a) Đổi mới mạnh mẽ phương thức tổ chức giáo dục"),
    Item("bullet", "Về môi trường dạy học trực tuyến: Hình thành kho học liệu dạy học trực tuyến cấp tỉnh đáp "
                   "ứng nhu cầu học tập cho 50% nội dung chương trình giáo dục phổ thông."),
    Item("bullet", "Về triển khai mô hình dạy học STEM/STEAM: 40% cơ sở giáo dục phổ thông có triển khai đào "
                   "tạo áp dụng mô hình giáo dục STEM/STEAM với 30% học sinh tham gia."),
]
# Sentences the OCR of these pages must give back (CER measured on them).
SENTENCES = {
    1: [PAGE1[2].text, PAGE1[4].text, PAGE1[5].text],
    2: [PAGE2[3].text, PAGE2[6].text, PAGE2[7].text],
}


def _wrap(draw: ImageDraw.ImageDraw, words: list[tuple[str, ImageFont.FreeTypeFont]], width: int,
          first: int) -> list[list[tuple[str, ImageFont.FreeTypeFont]]]:
    """Words (each with its font) into lines no wider than `width` (the first line `first` px shorter)."""
    space = draw.textlength(" ", font=words[0][1]) if words else 0
    lines: list[list[tuple[str, ImageFont.FreeTypeFont]]] = [[]]
    used = 0.0
    for word, font in words:
        w = draw.textlength(word, font=font)
        room = width - (first if len(lines) == 1 else 0)
        if lines[-1] and used + space + w > room:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0) + w
        lines[-1].append((word, font))
    return [ln for ln in lines if ln]


def _draw_line(draw: ImageDraw.ImageDraw, x: float, y: int, line: list[tuple[str, ImageFont.FreeTypeFont]]) -> None:
    space = draw.textlength(" ", font=line[0][1])
    for word, font in line:
        draw.text((x, y), word, font=font, fill="black")
        x += draw.textlength(word, font=font) + space


def _line_width(draw: ImageDraw.ImageDraw, line: list[tuple[str, ImageFont.FreeTypeFont]]) -> float:
    space = draw.textlength(" ", font=line[0][1])
    return sum(draw.textlength(w, font=f) for w, f in line) + space * (len(line) - 1)


def render_page(items: list[Item], page_number: int | None = None, size: tuple[int, int] = A4) -> Image.Image:
    """A white RGB page with the items drawn top to bottom, and a bare page number at the foot."""
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    regular = ImageFont.truetype(str(FONT), SIZE)
    bold = ImageFont.truetype(str(FONT_BOLD), SIZE)
    width = size[0] - MARGIN_L - MARGIN_R
    y = MARGIN_T
    for it in items:
        font = bold if it.kind in ("title", "heading") else regular
        if it.kind == "header":
            small = ImageFont.truetype(str(FONT_BOLD if it.bold else FONT), 30)
            split = MARGIN_L + int(width * 0.4)
            for text, (x0, x1) in zip(it.text.split("|"), ((MARGIN_L - 60, split), (split, size[0] - MARGIN_R + 40)),
                                      strict=True):
                draw.text(((x0 + x1) / 2, y), text, font=small, fill="black", anchor="ma")
            y += 44
            continue
        words = [(w, bold if i < it.lead else font) for i, w in enumerate(it.text.split())]
        if it.kind == "title":
            for line in _wrap(draw, words, width, 0):
                _draw_line(draw, MARGIN_L + (width - _line_width(draw, line)) / 2, y, line)
                y += PITCH
        elif it.kind == "bullet":
            draw.text((MARGIN_L + INDENT, y), "-", font=font, fill="black")
            for i, line in enumerate(_wrap(draw, words, width, INDENT + 30)):
                _draw_line(draw, MARGIN_L + (INDENT + 30 if i == 0 else 0), y, line)
                y += PITCH
        else:
            first = INDENT if it.kind == "para" else 0
            for i, line in enumerate(_wrap(draw, words, width, first)):
                _draw_line(draw, MARGIN_L + (first if i == 0 else 0), y, line)
                y += PITCH
        y += PITCH // 3
    if page_number is not None:
        draw.text((size[0] / 2, size[1] - 120), str(page_number), font=regular, fill="black", anchor="mm")
    return img


def sideways(img: Image.Image) -> Image.Image:
    """The page scanned turned a quarter clockwise: a landscape image with the text running downwards."""
    return img.rotate(-90, expand=True, fillcolor="white")


def skewed(img: Image.Image, degrees: float) -> Image.Image:
    """The page fed crooked into the scanner (counter-clockwise positive)."""
    return img.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor="white")


def stamped(img: Image.Image, centre: tuple[int, int] = (1150, 560), radius: int = 190) -> Image.Image:
    """A red round seal, semi-transparent, pressed over the text (as on every signed plan)."""
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    x, y = centre
    red = (210, 30, 40, 150)
    for r, w in ((radius, 10), (radius - 40, 5)):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=red, width=w)
    font = ImageFont.truetype(str(FONT_BOLD), 34)
    draw.text((x, y - 40), "SỞ GIÁO DỤC", font=font, fill=red, anchor="mm")
    draw.text((x, y + 10), "VÀ ĐÀO TẠO", font=font, fill=red, anchor="mm")
    draw.text((x, y + 60), "★ ĐỒNG THÁP ★", font=ImageFont.truetype(str(FONT), 28), fill=red, anchor="mm")
    return Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")


def image_pdf(pages: list[Image.Image], path: Path) -> Path:
    """A PDF of page images only (no text layer), each page A4 (or A4 landscape for a wide image)."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    for img in pages:
        landscape = img.width > img.height
        pdf.add_page(orientation="L" if landscape else "P")
        w, h = (297, 210) if landscape else (210, 297)
        pdf.image(img, x=0, y=0, w=w, h=h)
    pdf.output(str(path))
    return path


def garbage_layer_pdf(img: Image.Image, path: Path, kind: str = "stripped") -> Path:
    """A scan with a useless text layer: the page image, under it invisible text without diacritics (what
    an old OCR pass or a legacy-font export leaves), as many published plans carry."""
    from fpdf import FPDF
    from fpdf.enums import TextMode

    from tests.builders import garbage_text

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_page()
    pdf.image(img, x=0, y=0, w=210, h=297)
    pdf.set_font("DejaVu", "", 10)
    pdf.text_mode = TextMode.INVISIBLE
    pdf.set_xy(20, 20)
    pdf.multi_cell(170, 5, garbage_text(kind))
    pdf.output(str(path))
    return path
