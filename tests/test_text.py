import pytest

from ingest.numbering import classify, join_numbers
from ingest.readers.markdown import lead_span, read_markdown
from ingest.text import (
    drop_thousands_separators,
    fold,
    is_syllable,
    parse_cell_value,
    parse_vn_number,
    strip_markup,
    syllable_parts,
)


def test_vietnamese_numbers():
    assert parse_vn_number("55.500") == 55500
    assert parse_vn_number("1.650") == 1650
    assert parse_vn_number("30") == 30
    assert parse_vn_number("78,18") == 78.18
    assert parse_vn_number("-") is None
    assert parse_vn_number("Xã hội hóa") is None
    assert parse_cell_value("78,18%") == 78.18
    assert drop_thousands_separators("Tổng kinh phí: 55.500 triệu") == "Tổng kinh phí: 55500 triệu"
    assert drop_thousands_separators("đạt 78,18%") == "đạt 78,18%"


def test_fold_and_markup():
    assert fold("Thanh toán không dùng tiền mặt") == "thanh toan khong dung tien mat"
    assert fold("Đồng Tháp") == "dong thap"
    assert strip_markup("trang bị<sup>1</sup>.") == "trang bị¹."
    assert strip_markup("**a) *Đổi mới mô hình dạy - học:***") == "a) Đổi mới mô hình dạy - học:"
    assert strip_markup("<b>TỔNG CỘNG</b>") == "TỔNG CỘNG"
    # the verbatim words are kept: no tone-mark rewriting of "Hoà"
    assert strip_markup("TH Tân Hoà 1") == "TH Tân Hoà 1"


def test_lead_span():
    assert lead_span("**1. Mục tiêu chung:** Đẩy mạnh chuyển đổi số") == "1. Mục tiêu chung:"
    assert lead_span("**a) *Đổi mới mô hình dạy - học:*** Triển khai") == "a) Đổi mới mô hình dạy - học:"
    assert lead_span("*Về tiếp cận giáo dục trực tuyến:* 50% học sinh") == "Về tiếp cận giáo dục trực tuyến:"
    assert lead_span("Không có nhấn mạnh") == ""


def test_classify_numbering():
    assert classify("PHẦN II").kind == "phan"
    assert classify("II. NHIỆM VỤ VÀ CÁC GIẢI PHÁP CHỦ YẾU").number == "II"
    n = classify("2.1. Tuyên truyền phổ biến")
    assert (n.kind, n.number, n.rank) == ("arabic", "2.1", 5)
    assert classify("a) Tuyên truyền, phổ biến").number == "a"
    assert classify("Điều 5. Tổ chức thực hiện").kind == "dieu"
    assert classify("1.300 triệu đồng") is None
    assert classify("100% văn bản") is None
    assert join_numbers([("roman", "II"), ("arabic", "2"), ("arabic", "2.1"), ("alpha", "a")]) == "II.2.1.a"
    assert join_numbers([("dieu", "5"), ("arabic", "1"), ("alpha", "a")]) == "Điều 5 › khoản 1 › điểm a"


def test_markdown_tables_of_three_shapes():
    md = (
        "| STT | Tên trường |\n|---|---|\n| 1 | TH Nhị Mỹ |\n\n"
        "<table><tr><th>STT</th><th>Tên trường</th></tr><tr><td>2</td><td>THCS Bình Thạnh</td></tr></table>\n\n"
        "STT\tTên trường\n3\tTHPT Kiến Văn\n"
    )
    tables = [b for b in read_markdown(md) if b.kind == "table"]
    assert [t.rows for t in tables] == [
        [["STT", "Tên trường"], ["1", "TH Nhị Mỹ"]],
        [["STT", "Tên trường"], ["2", "THCS Bình Thạnh"]],
        [["STT", "Tên trường"], ["3", "THPT Kiến Văn"]],
    ]
    assert tables[0].row_bold[0] and tables[1].row_bold[0]


# Pandoc's grid table as in eval/corpus-dev/de-an-giao-duc-stem-nghe-an-ban-de-xuat.md: a header over several
# lines above "+===+", cells wrapped over lines, escaped punctuation, and a cell spanning two rows.
GRID = """\
Khái toán:

+---------+---------------------------+------------+----------------+
| **TT**  | **Nội dung chi**          | **ĐV       | **Thành tiền** |
|         |                           | tính**     | (triệu đồng)   |
+:=======:+:=========================:+:==========:+===============:+
| **I**   | **Giai đoạn 1**           |            | **88,820,007** |
+---------+---------------------------+------------+----------------+
| 1.1     | Đầu tư xây dựng phòng học | Phòng      | 12,500         |
|         | STEM tiêu chuẩn           |            |                |
+---------+---------------------------+------------+----------------+
| **III** | **Kinh phí dự phòng**     | \\%         | 1,000          |
+---------+---------------------------+------------+----------------+
| 2.1     | Tập huấn cho giáo viên    | Người/lượt\\ | 1,500          |
|         |                           | buổi       |                |
|         +---------------------------+------------+----------------+
|         | Kiểm tra giữa kỳ          | Lượt       | 100            |
+---------+---------------------------+------------+----------------+

Ghi chú.
"""


def test_markdown_pandoc_grid_table():
    blocks = read_markdown(GRID)
    assert [b.kind for b in blocks] == ["para", "table", "para"]
    table = blocks[1]
    assert table.rows == [
        ["TT", "Nội dung chi", "ĐV tính", "Thành tiền (triệu đồng)"],
        ["I", "Giai đoạn 1", "", "88,820,007"],
        ["1.1", "Đầu tư xây dựng phòng học STEM tiêu chuẩn", "Phòng", "12,500"],
        ["III", "Kinh phí dự phòng", "%", "1,000"],
        ["2.1", "Tập huấn cho giáo viên", "Người/lượt buổi", "1,500"],
        ["2.1", "Kiểm tra giữa kỳ", "Lượt", "100"],  # the "2.1" cell spans both rows
    ]
    assert table.row_bold == [True, True, False, False, False, False]  # "%" and "1,000" are not bold


@pytest.mark.parametrize("word", [
    "dục", "Quản", "nghiệp", "của", "gìn", "giếng", "quốc", "quyết", "Tuấn", "khuỷu", "xoong", "người", "hòa",
    "hoà", "thuở", "uống", "ấy", "ục", "ủa", "ẩn", "NGHĨA", "Đắk", "Kon", "kỹ", "VIỆT", "thịt", "bệnh",
])
def test_vietnamese_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", [
    "d", "Qu", "ngh", "th", "B", "M", "cm", "dùc", "học2", "kỹnăng", "SởGDĐT", "CHỦNGHĨA", "video", "robot",
    "ghêa", "gha", "nge", "hóá", "STEM",
])
def test_not_vietnamese_syllables(word: str) -> None:
    assert not is_syllable(word)


def test_syllable_parts() -> None:
    assert syllable_parts("Quản") == ("qu", "an", "\u0309")
    assert syllable_parts("nghiệp") == ("ngh", "iêp", "\u0323")
    assert syllable_parts("gìn") == ("g", "in", "\u0300")
    assert syllable_parts("ấy") == ("", "ây", "\u0301")


def test_a_year_is_no_document_number() -> None:
    from ingest.text import is_year

    assert is_year("2025") and is_year("1998")
    assert not is_year("4532") and not is_year("753") and not is_year("20251")
