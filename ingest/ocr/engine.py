"""The OCR engine: is Tesseract with its Vietnamese model here and enabled, page images from PDFs and image
files, page orientation and skew correction, and words with their confidences from Tesseract.

Tesseract (Debian `tesseract-ocr`, `tesseract-ocr-vie`) is driven through pytesseract; PDF pages are
rasterised by pypdfium2 at 200 dpi (the resolution Tesseract's models read well, and what most offices
scan at). Setting: KEHOACH_OCR = "auto" (default: on when tesseract and its `vie` model are installed),
"1"/"on" (same, said explicitly), "0"/"off" (never OCR; scans are refused with how to enable it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

OCR_ENV = "KEHOACH_OCR"
PAGE_TIMEOUT_ENV = "KEHOACH_OCR_PAGE_TIMEOUT_S"
DPI = 200
LANG = "vie"
_OFF = {"0", "off", "false", "no", "none"}
# A page image larger than this is rasterised at a lower resolution (a hostile PDF with a 5 m wide page
# must not allocate gigabytes); A4 at 200 dpi is 3.9 Mpx, A3 at 300 dpi 17 Mpx.
MAX_PIXELS = 40_000_000
DEFAULT_PAGE_TIMEOUT_S = 60.0


def _single_thread() -> None:
    """Tesseract's OpenMP threads make it slower on a small shared machine: measured here (2 cores, load
    ~5) one page took 3.3-4.9 s with the default threads and 0.9 s with OMP_THREAD_LIMIT=1. Pages are
    the unit of parallelism; a value set by the operator is kept."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class OcrStatus:
    enabled: bool  # OCR will run
    reason: tuple[str, str] | None = None  # why not: (Vietnamese, English)


def ocr_setting() -> str:
    return os.environ.get(OCR_ENV, "auto").strip().lower() or "auto"


def page_timeout_s() -> float:
    """Seconds one Tesseract call on one page may take, and each page's share of the OCR time budget.
    Measured ~5-8 s a page at 200 dpi on 2 busy cores: 60 s leaves room for a loaded machine."""
    return float(os.environ.get(PAGE_TIMEOUT_ENV, DEFAULT_PAGE_TIMEOUT_S))


@lru_cache(maxsize=4)
def _tesseract_langs(exe: str) -> tuple[str, ...]:
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    lines = (out.stdout + "\n" + out.stderr).splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and " " not in ln.strip())


def ocr_status() -> OcrStatus:
    """Whether OCR runs here, and if not, why (for the refusal message)."""
    if ocr_setting() in _OFF:
        return OcrStatus(False, (f"đã tắt bằng {OCR_ENV}={ocr_setting()}", f"turned off by {OCR_ENV}={ocr_setting()}"))
    exe = shutil.which("tesseract")
    if exe is None:
        return OcrStatus(False, ("máy chủ chưa cài tesseract", "tesseract is not installed"))
    if LANG not in _tesseract_langs(exe):
        return OcrStatus(False, ("thiếu mô hình tiếng Việt (gói tesseract-ocr-vie)",
                                 "the Vietnamese model (package tesseract-ocr-vie) is missing"))
    return OcrStatus(True)


# -- page images --------------------------------------------------------------------------------------------


def page_count(path: Path, kind: str) -> int:
    if kind == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            return len(pdf)
        finally:
            pdf.close()
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS // 2  # PIL refuses twice this (DecompressionBombError)
    with Image.open(path) as im:
        return int(getattr(im, "n_frames", 1))


def iter_pages(path: Path, kind: str, dpi: int = DPI, only: list[int] | None = None) -> Iterator[Any]:
    """Page images (PIL, RGB or L) one at a time: PDF pages rasterised, image frames (multi-page TIFF).
    `only`: the 1-based PDF pages to render (the scanned pages of an otherwise text PDF)."""
    if kind == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            for i in ([n - 1 for n in only] if only else range(len(pdf))):
                page = pdf[i]
                w, h = page.get_size()  # points
                scale = min(dpi / 72, (MAX_PIXELS / max(w * h, 1.0)) ** 0.5)
                yield page.render(scale=scale).to_pil()
                page.close()
        finally:
            pdf.close()
        return
    from PIL import Image, ImageOps, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS // 2  # PIL refuses twice this (DecompressionBombError)
    with Image.open(path) as im:
        for frame in ImageSequence.Iterator(im):
            page = ImageOps.exif_transpose(frame.copy())
            yield _fit_resolution(page)


def _fit_resolution(image: Any) -> Any:
    """Photos and faxes below ~150 dpi have letters too small for Tesseract: a page whose short side is
    under 1,200 px is scaled up to ~1,650 px (A4 at 200 dpi). A huge image (over 16 Mpx: more than A4
    at 340 dpi) is scaled down to that, which OCR does not need and memory would not like."""
    short, pixels = min(image.size), image.width * image.height
    k = 1.0
    if 0 < short < 1200:
        k = min(1654 / short, 3.0)
    elif pixels > 16_000_000:
        k = (16_000_000 / pixels) ** 0.5
    if k != 1.0:
        image = image.resize((max(1, round(image.width * k)), max(1, round(image.height * k))))
    return image


def to_gray(image: Any) -> Any:
    """Grayscale for OCR with coloured ink dropped. A red seal or a blue signature is saturated where
    black print is not; in its brightest channel such ink is light, and print under it stays dark. So
    saturated pixels take their brightest channel, stretched so that ink on bare paper (the common
    level) becomes white and the darkest print under the ink black; letter shapes are kept."""
    import numpy as np
    from PIL import Image

    if image.mode in ("L", "1"):
        return image.convert("L")
    rgba = image.convert("RGBA")
    bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    arr = np.asarray(Image.alpha_composite(bg, rgba).convert("RGB")).astype(np.float32)
    hi, lo = arr.max(axis=2), arr.min(axis=2)
    gray = arr[..., 0] * 0.299 + arr[..., 1] * 0.587 + arr[..., 2] * 0.114
    sat = hi - lo > 40
    if int(sat.sum()) > 500:
        paper, dark = np.percentile(hi[sat], 60), np.percentile(hi[sat], 2)
        dark = min(float(dark), float(paper) - 40)
        gray = np.where(sat, np.clip((hi - dark) * 255 / (paper - dark), 0, 255), gray)
    return Image.fromarray(gray.astype(np.uint8), "L")


# -- orientation and skew -----------------------------------------------------------------------------------


def orient(image: Any, timeout: float) -> tuple[Any, int]:
    """Tesseract's orientation detection (OSD, `--psm 0`): a page scanned sideways or upside down is
    turned upright. (image, degrees turned clockwise). Too little text to decide leaves it as it is."""
    import pytesseract

    _single_thread()
    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT, timeout=timeout)
    except pytesseract.TesseractError:  # "Too few characters": a nearly empty page
        return image, 0
    rotate = int(osd.get("rotate", 0)) % 360
    if rotate == 0 or float(osd.get("orientation_conf", 0.0)) < 2.0:
        return image, 0
    return image.rotate(-rotate, expand=True, fillcolor=255), rotate


def estimate_skew(image: Any, max_deg: float = 6.0) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text lines horizontal, by projection
    profile: turned the right way, rows of ink alternate sharply with the blank rows between lines, so the
    variance of the row-sum differences peaks. Steps of 0.5 deg, then 0.1 deg around the best, at 1/4 scale."""
    import numpy as np
    from PIL import Image

    small = image.convert("L").reduce(4) if min(image.size) > 800 else image.convert("L")
    ink = Image.fromarray(((np.asarray(small) < 140) * 255).astype(np.uint8), "L")
    if not 0.2 < np.asarray(ink).mean() < 250:  # a blank page, or all ink: no lines to straighten
        return 0.0

    def score(deg: float) -> float:
        rows = np.asarray(ink.rotate(deg, resample=Image.Resampling.NEAREST, fillcolor=0)).sum(axis=1)
        return float(np.var(np.diff(rows.astype(np.float64))))

    coarse = [d / 2 for d in range(int(-2 * max_deg), int(2 * max_deg) + 1)]
    best = max(coarse, key=score)
    if score(best) <= score(0.0) * 1.05:  # no clearly better angle: search around straight
        best = 0.0
    fine: list[float] = [best + d / 10 for d in range(-5, 6)]
    angle: float = max(fine, key=score)
    return round(angle, 1)


def deskew(image: Any) -> tuple[Any, float]:
    """(image turned straight, the correction applied in degrees). Angles under 0.3 deg are left alone: rotating
    resamples the letters, which costs more than that skew does."""
    from PIL import Image

    angle = estimate_skew(image)
    if abs(angle) < 0.3:
        return image, 0.0
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255), angle


# -- words --------------------------------------------------------------------------------------------------


@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0-100
    block: int
    par: int
    line: int
    bold: bool | None = None  # from its stroke width (page_reader.measure_bold); None: not a word of letters

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def read_words(image: Any, timeout: float) -> list[Word]:
    """Words of a page image with their boxes and confidences (Tesseract `image_to_data`, page
    segmentation 3: columns and blocks found by Tesseract, in its reading order)."""
    import pytesseract

    _single_thread()
    data = pytesseract.image_to_data(image, lang=LANG, config="--psm 3", output_type=pytesseract.Output.DICT,
                                     timeout=timeout)
    words = []
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if data["level"][i] != 5 or not str(text).strip() or conf < 0:
            continue
        words.append(Word(str(text).strip(), int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
                          int(data["height"][i]), conf, int(data["block_num"][i]), int(data["par_num"][i]),
                          int(data["line_num"][i])))
    return words
