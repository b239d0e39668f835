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
]

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
        "Không hỗ trợ loại tệp này ({detail}). Chỉ nhận .pdf, .docx, .md, .txt.",
        "Unsupported file type ({detail}). Accepted: .pdf, .docx, .md, .txt.",
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
        "Tệp PDF không có lớp chữ (bản scan, ảnh chụp). Hãy dùng bản PDF xuất từ Word, hoặc nhận dạng "
        "chữ (OCR) trước khi tải lên.",
        "The PDF has no text layer (a scan). Use a PDF exported from the word processor, or run OCR first.",
    ),
    "garbage_text": (
        "Lớp chữ của tệp PDF không dùng được (chữ nhận dạng lỗi, mất dấu tiếng Việt: {detail}). Hãy dùng "
        "bản gốc hoặc nhận dạng chữ (OCR) lại.",
        "The PDF's text layer is unusable (OCR noise or missing Vietnamese diacritics: {detail}). Use the "
        "original file or run OCR again.",
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
    """A file was refused. `message` is bilingual: Vietnamese first, then English."""

    def __init__(self, code: RefusalCode, detail: str = "", source: str = "") -> None:
        self.code = code
        self.detail = detail
        self.source = source
        vi, en = _MESSAGES[code]
        self.message_vi = vi.format(detail=detail)
        self.message_en = en.format(detail=detail)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.message_vi} / {self.message_en}"
