"""Traces a PDF-to-Markdown converter leaves, read as the document means them: a table header whose narrow cells
lost the space at their line breaks ("Đơn vịchủ trì") gets its words back, so the column's role is known; a title
cut at its line break into two Markdown headings ("### và dịch vụ viễn thông") is one heading. Strings are those of
a plan in eval/corpus-dev."""

from __future__ import annotations

from ingest.models import Block
from ingest.quality import split_glued_headers
from ingest.readers.markdown import read_markdown
from ingest.units import column_key

GLUED_HEADER = ["TT", "Nhiệm vụ thựchiện", "Đơn vịchủ trì", "Đơn vịphốihợp", "Thờigian thựchiện", "Ghichú"]


def _plan_blocks(header: list[str]) -> list[Block]:
    return [
        Block(kind="para", text="Sở Thông tin và Truyền thông chủ trì, phối hợp với các đơn vị có liên quan thực "
                                "hiện kế hoạch này; thời gian thực hiện và ghi chú theo phụ lục."),
        Block(kind="table", rows=[list(header),
                                  ["1", "Xây dựng Quy hoạch hạ tầng viễn thông thụ động", "Sở Thông tin và Truyền "
                                   "thông", "UBND các huyện, thành phố", "2025", ""]]),
    ]


def test_a_glued_header_gets_its_words_back_and_its_columns_their_roles() -> None:
    assert [column_key(h) for h in GLUED_HEADER[2:4]] == [None, None]  # as the converter left them
    blocks = _plan_blocks(GLUED_HEADER)
    split_glued_headers(blocks)
    header = blocks[1].rows[0]
    assert header == ["TT", "Nhiệm vụ thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện",
                      "Ghi chú"]
    assert [column_key(h) for h in header[2:5]] == ["lead", "partner", "deadline"]
    # the rows and the prose are the reader's business: left as they are
    assert blocks[1].rows[1][1] == "Xây dựng Quy hoạch hạ tầng viễn thông thụ động"


def test_a_sound_header_and_codes_are_left_alone() -> None:
    sound = ["STT", "Nội dung", "Đơn vị chủ trì", "Kinh phí (triệu đồng)", "GDĐT", "Ghi chú"]
    blocks = _plan_blocks(sound)
    split_glued_headers(blocks)
    assert blocks[1].rows[0] == sound


def test_a_title_cut_into_two_markdown_headings_is_one() -> None:
    blocks = read_markdown(
        "# GIẢI PHÁP\n\n## Tổ chức hiệu quả công tác quản lý, giám sát, đo kiểm chất lượng mạng\n\n"
        "### và dịch vụ viễn thông\n\n* Đo kiểm, so sánh chất lượng giữa các doanh nghiệp.\n\n"
        "## Thúc đẩy phối hợp liên ngành\n\n### Nội dung phối hợp\n\n* Phối hợp với Sở Xây dựng.\n"
    )
    headings = [b.text for b in blocks if b.heading]
    assert headings == ["GIẢI PHÁP", "Tổ chức hiệu quả công tác quản lý, giám sát, đo kiểm chất lượng mạng và dịch "
                        "vụ viễn thông", "Thúc đẩy phối hợp liên ngành", "Nội dung phối hợp"]


def test_lettered_headings_in_a_row_stay_apart() -> None:
    blocks = read_markdown("### 1. Mục tiêu\n\n#### a) Mục tiêu chung\n\nNâng cao chất lượng.\n\n"
                           "#### b) Mục tiêu cụ thể\n\n#### đ) Điều kiện bảo đảm\n")
    assert [b.text for b in blocks if b.heading] == ["1. Mục tiêu", "a) Mục tiêu chung", "b) Mục tiêu cụ thể",
                                                   "đ) Điều kiện bảo đảm"]
