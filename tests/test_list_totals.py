"""Issue 16, round 32: the total of a list of counted items written one per line (a contest's prizes): "có tất cả
bao nhiêu giải" sums the counts, "tổng số tiền thưởng" sums count × the amount each, every line cited; one item's
count ("bao nhiêu giải Ba") and a line whose amount may be the items' together are left to the lines themselves.
A small plan built here, worded like a school's contest plan."""

from __future__ import annotations

from pathlib import Path

from assistant.answerer import Answerer
from assistant.answering.list_totals import ListTotals
from assistant.qa.item_list import asks_count_of, asks_money_of, item_runs, parse_item
from ingest.models import Unit
from ingest.text import fold
from tests.fakes import index_of_texts

PLAN = """UBND HUYỆN TÂN PHÚ
TRƯỜNG THCS NGUYỄN TRÃI
Số: 45/KH-THCSNT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tân Phú, ngày 12 tháng 10 năm 2025
KẾ HOẠCH Tổ chức Hội thi "Tìm hiểu an toàn giao thông" năm học 2025-2026
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao ý thức chấp hành pháp luật về an toàn giao thông cho học sinh.
II. CƠ CẤU GIẢI THƯỞNG
01 giải Nhất: 1.000.000 đồng;
02 giải Nhì: mỗi giải 700.000 đồng;
03 giải Ba: mỗi giải 500.000 đồng;
05 giải Khuyến khích: mỗi giải 200.000 đồng.
Các đội đạt giải được tặng Giấy khen của Hiệu trưởng.
III. KINH PHÍ
Kinh phí tổ chức được chi từ nguồn kinh phí hoạt động của nhà trường.
"""


def _unit(text: str) -> Unit:
    return Unit(id="u", doc="d", doc_title="", kind="section", locator="II", label="II", text=text,
                embed_text=text, metadata={"path": "CƠ CẤU GIẢI THƯỞNG"})


def test_a_line_of_counted_items_and_the_amount_of_each() -> None:
    item = parse_item("02 giải Nhì: mỗi giải 700.000 đồng;", _unit(""))
    assert item is not None and (item.count, item.noun, item.name, item.each) == (2, "giai", "giải Nhì", 700000.0)
    one = parse_item("01 giải Nhất: 1.000.000 đồng;", _unit(""))
    assert one is not None and one.each == 1000000.0  # one item: its amount is that item's
    together = parse_item("02 giải Nhì: 1.400.000 đồng;", _unit(""))
    assert together is not None and together.each is None  # may be the two together: not taken as each
    assert parse_item("Các đội đạt giải được tặng Giấy khen.", _unit("")) is None


def test_which_totals_a_question_asks() -> None:
    run = item_runs([_unit(line) for line in PLAN.splitlines()[10:15]])[0]
    assert [i.count for i in run] == [1, 2, 3, 5]
    assert asks_count_of(fold("Hội thi có tất cả bao nhiêu giải?"), run)
    assert asks_count_of(fold("tong so giai la bao nhieu"), run)
    assert not asks_count_of(fold("Hội thi có tất cả bao nhiêu giải Ba?"), run)  # one item's count
    assert not asks_count_of(fold("Giải Nhì được bao nhiêu tiền?"), run)
    assert asks_money_of(fold("Tổng số tiền thưởng của hội thi là bao nhiêu?"), run)
    assert not asks_money_of(fold("Tổng kinh phí đào tạo giáo viên là bao nhiêu?"), run)  # not this list's


def test_the_count_and_the_money_of_a_prize_list_each_line_cited(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("kh-hoi-thi.txt", PLAN)))
    count = answerer.ask("Hội thi tìm hiểu an toàn giao thông có tất cả bao nhiêu giải?")
    assert not count.abstained and "11 giải" in count.answer
    assert len(count.citations) == 4 and all("giải" in c.text for c in count.citations)  # each line cited
    money = answerer.ask("Tổng số tiền thưởng của hội thi tìm hiểu an toàn giao thông là bao nhiêu?")
    assert not money.abstained and "4.900.000 đồng" in money.answer
    assert "2 × 700.000" in money.answer
    # one item's amount or count is its own line's, not a total
    index = index_of_texts(tmp_path, ("kh-hoi-thi.txt", PLAN))
    for q in ("Giải Ba của hội thi tìm hiểu an toàn giao thông được thưởng bao nhiêu tiền?",
              "Hội thi tìm hiểu an toàn giao thông có tất cả bao nhiêu giải Ba?"):
        assert ListTotals().run(answerer.prepare(index, q, [], None)) is None


def test_lines_run_into_one_paragraph_are_still_the_list() -> None:
    text = ("II. CƠ CẤU GIẢI THƯỞNG 01 giải Nhất: 1.000.000 đồng; 02 giải Nhì: mỗi giải 700.000 đồng; 03 giải Ba: mỗi "
            "giải 500.000 đồng. Các đội đạt giải được tặng Giấy khen.")
    runs = item_runs([_unit(text)])
    assert [(i.count, i.each) for i in runs[0]] == [(1, 1000000.0), (2, 700000.0), (3, 500000.0)]
