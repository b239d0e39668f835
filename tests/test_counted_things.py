"""Issue 16, round 31: a count asked of a thing ("có bao nhiêu giải Ba", "mỗi nhóm tối đa mấy học sinh") is answered
by the sentence writing a number before that thing, and one part of a stated list is not summed with the others.
"Giải Nhất … được thưởng những gì" is answered by that item, not the whole list it is of. Literal strings in the
shapes of school contest plans; a small plan the test writes."""

from __future__ import annotations

from pathlib import Path

from assistant.answerer import Answerer
from assistant.qa.compose import stated_parts_sum
from assistant.qa.kinds import counted_bonus
from ingest import vocab
from ingest.text import fold
from tests.fakes import index_of_texts

PRIZES = "Ban tổ chức trao 01 giải Nhất, 02 giải Nhì, 03 giải Ba và 05 giải Khuyến khích, cụ thể:"

CONTEST = ("KẾ HOẠCH\n\nTổ chức Hội thi Rung chuông vàng cấp trường\n\n"
           "I. ĐỐI TƯỢNG\n\nHọc sinh dự thi theo đội, mỗi đội từ 03 đến 05 học sinh.\n\nMỗi lớp đăng ký tối đa 02 đội.\n\n"
           "II. GIẢI THƯỞNG\n\n" + PRIZES + "\n\n- Giải Nhất: 2.000.000 đồng;\n\n- Giải Nhì: mỗi giải 1.500.000 đồng;\n\n"
           "- Giải Ba: mỗi giải 1.000.000 đồng;\n\n- Giải Khuyến khích: mỗi giải 500.000 đồng.\n")


def test_the_sentence_that_counts_the_thing_asked() -> None:
    full = vocab.COUNTED_BONUS
    assert counted_bonus(fold("Cuộc thi có bao nhiêu giải Ba?"), fold(PRIZES)) == full
    assert counted_bonus(fold("Cuộc thi có bao nhiêu giải Ba?"), fold("Giải Ba: mỗi giải 1.000.000 đồng;")) == 0.0
    assert counted_bonus(fold("mỗi đội tối đa mấy học sinh?"), fold("mỗi đội từ 03 đến 05 học sinh")) == full
    assert counted_bonus(fold("có tất cả bao nhiêu giải?"), fold(PRIZES)) == 0.0  # one word: any figure may count it
    assert counted_bonus(fold("dạy bao nhiêu tiết mỗi tuần?"), fold("dạy 35 tiết mỗi tuần")) == 0.0  # "mỗi": per what
    assert counted_bonus(fold("học phí là bao nhiêu?"), fold(PRIZES)) == 0.0  # nothing counted


def test_one_part_of_a_stated_list_is_not_summed_with_the_others() -> None:
    assert stated_parts_sum(PRIZES, fold("có bao nhiêu giải Ba?")) == ""
    assert "1 + 2 + 3 + 5 = 11 giải" in stated_parts_sum(PRIZES, fold("có tất cả bao nhiêu giải?"))


def test_a_count_of_prizes_and_of_members_in_a_contest_plan(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("kh-rung-chuong-vang.txt", CONTEST)))
    r = answerer.ask("Hội thi Rung chuông vàng có bao nhiêu giải Ba?")
    assert not r.abstained and "03 giải Ba" in r.answer and "cộng lại" not in r.answer
    r = answerer.ask("Mỗi đội dự thi Rung chuông vàng tối đa mấy học sinh?")
    assert "mỗi đội từ 03 đến 05 học sinh" in r.answer.split("\n")[0]  # not "tối đa 02 đội" of a class


def test_the_several_things_of_one_item_named_not_its_whole_list(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("kh-rung-chuong-vang.txt", CONTEST.replace(
        "- Giải Nhất: 2.000.000 đồng;", "- Giải Nhất: 2.000.000 đồng kèm giấy khen của Hiệu trưởng;"))))
    r = answerer.ask("Giải Nhất hội thi Rung chuông vàng được thưởng những gì?")
    assert "Giải Nhất: 2.000.000 đồng kèm giấy khen" in r.answer
    assert "Giải Nhì: mỗi giải" not in r.answer  # the other prizes' lines are not what is asked
