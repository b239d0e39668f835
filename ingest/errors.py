"""Refusals: a file that cannot be ingested is refused with a message in Vietnamese and English
saying why and what to do. Nothing is indexed from a refused file."""

from __future__ import annotations

from typing import Literal

RefusalCode = Literal[
    "empty",
    "too_large",
    "unsupported_type",
    "broken",
    "encrypted",
    "scanned",
    "garbage_text",
    "no_content",
    "too_many_pages",
    "too_slow",
    "too_complex",
    "ocr_unreadable",
    "ocr_timeout",
]

# What a refusal of a scan says when OCR is off or missing (ingest/ocr/engine.py, KEHOACH_OCR).
OCR_HOW = (
    "Để đọc bản scan và ảnh, hãy bật nhận dạng chữ (OCR): cài gói tesseract-ocr và tesseract-ocr-vie "
    "(hoặc chạy `make sysdeps`), rồi đặt KEHOACH_OCR=auto (mặc định) hoặc KEHOACH_OCR=1; hoặc dùng bản PDF "
    "xuất từ Word.",
    "To read scans and images, enable OCR: install tesseract-ocr and tesseract-ocr-vie (or run "
    "`make sysdeps`) and set KEHOACH_OCR=auto (the default) or KEHOACH_OCR=1; or use a PDF exported from "
    "the word processor.",
)
_NEEDS_OCR = {"scanned", "garbage_text"}

_MESSAGES: dict[str, tuple[str, str]] = {
    "empty": (
        "Tệp rỗng (0 byte hoặc không có nội dung). Hãy kiểm tra lại tệp và tải lên bản đầy đủ.",
        "The file is empty. Check it and upload the complete file.",
    ),
    "too_large": (
        "Tệp quá lớn ({detail}). Hãy tách tệp thành nhiều phần nhỏ hơn hoặc tăng giới hạn KEHOACH_MAX_FILE_MB.",
        "The file is too large ({detail}). Split it, or raise KEHOACH_MAX_FILE_MB.",
    ),
    "unsupported_type": (
        "Không hỗ trợ loại tệp này ({detail}). Chỉ nhận .pdf, .docx, .md, .txt, .html và ảnh .png, .jpg, .tif.",
        "Unsupported file type ({detail}). Accepted: .pdf, .docx, .md, .txt, .html and images .png, .jpg, .tif.",
    ),
    "broken": (
        "Tệp bị hỏng hoặc không đọc được ({detail}). Hãy xuất lại tệp từ phần mềm gốc.",
        "The file is damaged or unreadable ({detail}). Export it again from the original program.",
    ),
    "encrypted": (
        "Tệp PDF được mã hóa/đặt mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại.",
        "The PDF is encrypted or password-protected. Remove the password and upload it again.",
    ),
    "scanned": (
        "Tệp không có lớp chữ (bản scan, ảnh chụp: {detail}).",
        "The file has no text layer (a scan or an image: {detail}).",
    ),
    "garbage_text": (
        "Lớp chữ của tệp PDF không dùng được (chữ nhận dạng lỗi, mất dấu hoặc mất chữ cái tiếng Việt: {detail}).",
        "The PDF's text layer is unusable (OCR noise, missing Vietnamese diacritics or letters: {detail}).",
    ),
    "ocr_unreadable": (
        "Đã nhận dạng chữ (OCR) nhưng không đọc được nội dung tiếng Việt nào ({detail}). Hãy quét lại rõ hơn "
        "(200-300 dpi, trang thẳng, đủ sáng) hoặc dùng bản gốc.",
        "OCR ran but found no readable Vietnamese text ({detail}). Scan it again more clearly (200-300 dpi, "
        "straight, well lit) or use the original file.",
    ),
    "ocr_timeout": (
        "Nhận dạng chữ (OCR) mất quá lâu (quá {detail} giây) nên đã dừng. Hãy tách tệp thành ít trang hơn "
        "hoặc tăng KEHOACH_OCR_PAGE_TIMEOUT_S.",
        "OCR took too long (over {detail} s) and was stopped. Split the file into fewer pages or raise "
        "KEHOACH_OCR_PAGE_TIMEOUT_S.",
    ),
    "no_content": (
        "Không tìm thấy nội dung văn bản trong tệp.",
        "No text content was found in the file.",
    ),
    "too_many_pages": (
        "Tệp có quá nhiều trang ({detail}). Hãy tách tệp thành nhiều phần.",
        "The file has too many pages ({detail}). Split it into parts.",
    ),
    "too_slow": (
        "Đọc tệp mất quá lâu (quá {detail} giây) nên đã dừng. Hãy tách tệp hoặc xuất lại từ phần mềm gốc.",
        "Reading the file took too long (over {detail} s) and was stopped. Split it or export it again.",
    ),
    "too_complex": (
        "Tệp quá phức tạp, đọc tệp cần quá nhiều bộ nhớ (giới hạn {detail}). Hãy tách tệp thành nhiều phần.",
        "The file is too complex: reading it needs too much memory (limit {detail}). Split it into parts.",
    ),
}


class IngestRefused(Exception):
    """A file was refused. `message` is bilingual: Vietnamese first, then English. A scan refused
    ("scanned", "garbage_text") says how to enable OCR, and why it did not run (`why`: (vi, en))."""

    def __init__(self, code: RefusalCode, detail: str = "", source: str = "",
                 why: tuple[str, str] | None = None) -> None:
        self.code = code
        self.detail = detail
        self.source = source
        self.why = why
        vi, en = _MESSAGES[code]
        self.message_vi = vi.format(detail=detail)
        self.message_en = en.format(detail=detail)
        if code in _NEEDS_OCR:
            if why:
                self.message_vi += f" Không nhận dạng chữ (OCR) được: {why[0]}."
                self.message_en += f" OCR did not run: {why[1]}."
            self.message_vi += " " + OCR_HOW[0]
            self.message_en += " " + OCR_HOW[1]
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.message_vi} / {self.message_en}"
