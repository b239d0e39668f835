"""Markdown as converters write it (issue 16): a framed box becomes a quoted block ("> **Giai đoạn 1:** …"), and
the sentence that announces a table ("… trong đó phân bổ như sau:") names what its rows are."""

from __future__ import annotations

from ingest.readers.markdown import read_markdown
from ingest.structure import recover
from ingest.units import make_units

PROPOSAL = """# ĐỀ ÁN GIÁO DỤC STEM

## III. KHÁI TOÁN KINH PHÍ

> **Phương án tài chính**
>
> **Giai đoạn 1:** Sử dụng 100% ngân sách của tỉnh.
>
> **Giai đoạn 2:** Hợp tác công tư (PPP), trong đó phân bổ
> như sau:

| TT | Nguồn kinh phí | Tỷ lệ đóng góp (%) | Thành tiền |
|---|---|---|---|
| 1 | Ngân sách tỉnh | 30% | 27 tỷ đồng |
| 2 | Nhà đầu tư | 70% | 50 tỷ đồng |

## IV. CHI TIẾT HẠNG MỤC

Các hạng mục đầu tư của giai đoạn 2 như sau:

Bảng kê dưới đây do Sở Tài chính thẩm định.

| TT | Hạng mục | Thành tiền |
|---|---|---|
| 1 | Phòng học STEM | 12 tỷ đồng |
"""


def test_a_quoted_block_is_read_without_its_marks() -> None:
    texts = [b.text for b in read_markdown(PROPOSAL) if b.kind == "para"]
    assert "Giai đoạn 1: Sử dụng 100% ngân sách của tỉnh." in texts
    assert "Giai đoạn 2: Hợp tác công tư (PPP), trong đó phân bổ như sau:" in texts
    assert not any(">" in t for t in texts)
    assert read_markdown("Điểm > 5 và < 10")[0].text == "Điểm > 5 và < 10"  # a ">" inside a line stays


def test_the_sentence_announcing_a_table_titles_its_rows() -> None:
    doc = recover(read_markdown(PROPOSAL), "de-an", "de-an.md")
    first, second = doc.tables
    assert first.title.endswith("Giai đoạn 2: Hợp tác công tư (PPP), trong đó phân bổ như sau")
    assert "phân bổ như sau" not in second.title  # only the table right after the sentence
    rows = [u for u in make_units(doc) if u.kind == "row" and "Nhà đầu tư" in u.text]
    assert rows and "Hợp tác công tư (PPP)" in str(rows[0].metadata["path"])
    assert "Hợp tác công tư (PPP)" in rows[0].embed_text
