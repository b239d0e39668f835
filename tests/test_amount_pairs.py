"""Issue 16, round 31: two amounts a question sets side by side, each found in its own passage and cited: "… của
trường phổ thông dân tộc nội trú cao hơn mức của trường phổ thông dân tộc bán trú bao nhiêu" subtracts, "(tiền ăn
cộng tiền nhà ở)" adds. Literal strings from the development documents (a decree's articles, a proposal's kit
prices), in small documents the tests write."""

from __future__ import annotations

from pathlib import Path

from assistant.answerer import Answerer
from assistant.qa.compare import Pair, amount_in, compared_pair, holds_phrase, phrase, side_words
from assistant.qa.parts import question_parts
from ingest.text import fold
from tests.fakes import index_of_texts

DECREE = ("NGHỊ ĐỊNH QUY ĐỊNH CHÍNH SÁCH CHO HỌC SINH BÁN TRÚ\n\n"
          "Điều 6. Mức hưởng chính sách đối với học sinh\n\n"
          "1. Chính sách đối với trẻ em nhà trẻ bán trú\n\n"
          "Hỗ trợ tiền ăn trưa: Mỗi trẻ em nhà trẻ được hỗ trợ mỗi tháng là 360.000 đồng và được hưởng không quá 9 "
          "tháng/năm học.\n\n"
          "2. Chính sách đối với học sinh bán trú\n\n"
          "a) Hỗ trợ tiền ăn: Mỗi học sinh, học viên được hỗ trợ mỗi tháng là 936.000 đồng và được hưởng không quá 9 "
          "tháng/năm học;\n\n"
          "b) Hỗ trợ tiền nhà ở: Mỗi học sinh bán trú phải tự túc chỗ ở thì mỗi tháng được hỗ trợ 360.000 đồng và "
          "được hưởng không quá 9 tháng/năm học;\n\n"
          "Điều 7. Mức hưởng chính sách đối với cơ sở giáo dục\n\n"
          "2. Trường phổ thông dân tộc bán trú\n\n"
          "c) Được hỗ trợ kinh phí để tổ chức khám sức khỏe hằng năm cho học sinh bán trú, lập tủ thuốc dùng chung cho "
          "học sinh với mức hỗ trợ là 180.000 đồng/học sinh bán trú/năm học;\n\n"
          "4. Trường phổ thông dân tộc nội trú\n\n"
          "c) Được cấp kinh phí để tổ chức khám sức khỏe hằng năm cho học sinh, lập tủ thuốc dùng chung cho khu nội "
          "trú với mức là 270.000 đồng/học sinh/năm học;\n")

KITS = ("ĐỀ ÁN GIÁO DỤC STEM\n\n"
        "I. Đầu tư các bộ kit học liệu STEM\n\n"
        "+ Bộ kít STEM mầm non:\nĐơn giá: 1.427.000 x 500 HS x 18 = 12.848.519.000 đồng\n\n"
        "+ Bộ kit STEM THPT:\nĐơn giá: 2.382.000 x 500 HS x 18= 21.441.504.000 đồng\n\n"
        "II. Văn bản và phần mềm\n\n"
        "Xây dựng các văn bản quản lý, điều hành và phần mềm quản lý giảng dạy: Kinh phí (ước tính): 375 triệu "
        "đồng\n\n"
        "Phần mềm quản lý giảng dạy: Kinh phí (ước tính): 300 triệu đồng\n")


def test_the_two_sides_a_question_sets_side_by_side() -> None:
    pair = compared_pair(fold("mức kinh phí khám sức khỏe mỗi năm của trường phổ thông dân tộc nội trú cao hơn mức "
                              "của trường phổ thông dân tộc bán trú bao nhiêu tiền?"))
    assert pair == Pair("difference", "truong pho thong dan toc noi tru", "truong pho thong dan toc ban tru",
                        before="muc kinh phi kham suc khoe moi nam cua truong pho thong dan toc noi tru")
    assert compared_pair(fold("chênh lệch giữa đơn giá kit THPT và kit mầm non là bao nhiêu tiền?")) == \
        Pair("difference", "don gia kit thpt", "kit mam non")
    assert compared_pair(fold("học phí lớp A thấp hơn lớp B bao nhiêu?")) == \
        Pair("difference", "lop a", "lop b", less_asked=True, before="hoc phi lop a")
    assert compared_pair(fold("mỗi tháng được hỗ trợ tổng cộng bao nhiêu tiền (tiền ăn cộng tiền nhà ở)?")) == \
        Pair("sum", "tien an", "tien nha o")
    assert compared_pair(fold("dự trù tổng cộng bao nhiêu tiền cho việc xây dựng văn bản cộng với phần mềm quản lý?")) \
        == Pair("sum", "xay dung van ban", "phan mem quan ly")
    assert compared_pair(fold("tiền ăn mỗi tháng bao nhiêu?")) is None
    assert compared_pair(fold("(tiền ăn cộng tiền nhà ở) là gì?")) is None  # no sum asked


def test_the_words_that_tell_the_sides_apart() -> None:
    question = "đơn giá bộ kit STEM cho một học sinh THPT cao hơn bộ kit mầm non bao nhiêu tiền?"
    pair = compared_pair(fold(question))
    assert pair is not None
    assert side_words(pair, question, accents=True) == (["học", "sinh", "thpt"], ["mầm", "non"])  # the kit: both's
    assert phrase("tien nha o", "(tiền ăn cộng tiền nhà ở)", accents=True) == ["tiền", "nhà"]
    assert holds_phrase(["tiền", "nhà"], "b) Hỗ trợ tiền nhà ở: Mỗi học sinh …", accents=True)
    assert not holds_phrase(["tiền", "nhà"], "Hỗ trợ tiền ăn trưa: Mỗi trẻ em nhà trẻ …", accents=True)


def test_the_amount_a_passage_gives() -> None:
    amount = amount_in("Đơn giá: 1.427.000 x 500 HS x 18 = 12.848.519.000 đồng", fold("đơn giá bộ kit bao nhiêu"))
    assert amount is not None and amount.written == "1.427.000" and amount.value == 1_427_000
    amount = amount_in("Thành tiền (triệu đồng): 300", fold("thành tiền bao nhiêu"))
    assert amount is not None and amount.value == 300_000_000 and amount.shown == "300 triệu đồng"
    amount = amount_in("với mức hỗ trợ là 180.000 đồng/học sinh bán trú/năm học;", fold("mức bao nhiêu"))
    assert amount is not None and amount.shown == "180.000 đồng"
    assert amount_in("Mỗi học sinh được hỗ trợ mỗi tháng 15 kg gạo", fold("bao nhiêu tiền")) is None


def test_a_difference_of_two_articles_amounts(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("nd-ban-tru.txt", DECREE)))
    r = answerer.ask("Mức kinh phí khám sức khỏe, lập tủ thuốc mỗi năm của trường phổ thông dân tộc nội trú cao hơn mức "
                     "của trường phổ thông dân tộc bán trú bao nhiêu tiền cho mỗi học sinh?")
    first = r.answer.split("\n")[0]
    assert not r.abstained and "270.000 − 180.000 = 90.000 đồng" in first
    assert len(r.citations) == 2 and "270.000" in r.citations[0].text and "180.000" in r.citations[1].text
    r = answerer.ask("Mức kinh phí khám sức khỏe, lập tủ thuốc của trường phổ thông dân tộc bán trú thấp hơn mức của "
                     "trường phổ thông dân tộc nội trú bao nhiêu tiền?")
    assert "90.000 đồng" in r.answer.split("\n")[0] and "ngược lại" not in r.answer  # as asked: no correction


def test_a_sum_of_two_things_named(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("nd-ban-tru.txt", DECREE)))
    r = answerer.ask("Một học sinh bán trú phải tự túc chỗ ở thì mỗi tháng được hỗ trợ tổng cộng bao nhiêu tiền "
                     "(tiền ăn cộng tiền nhà ở)?")
    assert "936.000 + 360.000 = 1.296.000 đồng" in r.answer.split("\n")[0]  # the pupils' meals, not the toddlers'
    assert [c.text.startswith(("a) Hỗ trợ tiền ăn", "b) Hỗ trợ tiền nhà ở")) for c in r.citations] == [True, True]


def test_kit_prices_under_their_names_and_one_line_for_both(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("de-an-stem.txt", KITS)))
    r = answerer.ask("Đơn giá bộ kit STEM cho một học sinh THPT cao hơn bộ kit mầm non bao nhiêu tiền?")
    assert "2.382.000 − 1.427.000 = 955.000 đồng" in r.answer.split("\n")[0]
    r = answerer.ask("Dự trù tổng cộng bao nhiêu tiền cho việc xây dựng văn bản quản lý, điều hành cộng với phần mềm "
                     "quản lý giảng dạy?")
    assert "675" not in r.answer and "Tổng (" not in r.answer  # one line states the amount for both: not added to
    # another line's (left to the fact answers)


FUNDS = ("KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2024\n\n"
         "V. KINH PHÍ THỰC HIỆN\n\n"
         "Tổng kinh phí: 55.500 triệu đồng trong đó:\n- Sử dụng vốn đầu tư công: 28.000 triệu đồng;\n"
         "- Ngân sách sự nghiệp: 7.500 triệu đồng;\n- Xã hội hóa: 20.000 triệu đồng.\n")


def test_the_gap_between_two_sources_named_with_nothing_else(tmp_path: Path) -> None:
    """"chênh lệch giữa A và B": the sides' own words choose the lines (no other word of the question to go by), and
    "giữa A và B" is one thing asked, not two questions."""
    assert question_parts("Chênh lệch giữa vốn đầu tư công và xã hội hóa là bao nhiêu tiền?") == []
    assert question_parts("Vốn đầu tư công là bao nhiêu và xã hội hóa là bao nhiêu?") != []  # as before: two asked
    answerer = Answerer(index_of_texts(tmp_path, ("kh-cds.txt", FUNDS)))
    r = answerer.ask("Chênh lệch giữa vốn đầu tư công và xã hội hóa là bao nhiêu tiền?")
    lines = r.answer.split("\n")
    assert "28.000 − 20.000 = 8.000 triệu đồng" in lines[0] and len(lines) == 3


def test_two_amounts_in_the_clauses_of_one_sentence(tmp_path: Path) -> None:
    """"trong đó sản xuất phóng sự 40.000.000 đồng, quảng bá trên mạng xã hội 30.000.000 đồng": one sentence gives
    both amounts, each in its own clause; the difference reads each from its clause, not the sentence's first."""
    plan = ("KẾ HOẠCH TRUYỀN THÔNG CUỘC THI SÁNG TẠO TRẺ\n\nV. KINH PHÍ\n\nTổng kinh phí thực hiện: 85.000.000 đồng, từ "
            "nguồn ngân sách sự nghiệp giáo dục; trong đó sản xuất phóng sự 40.000.000 đồng, quảng bá trên mạng xã hội "
            "30.000.000 đồng, in ấn băng rôn, áp phích 15.000.000 đồng.\n\nVI. TỔ CHỨC THỰC HIỆN\n\nVăn phòng Sở chủ "
            "trì thực hiện tin, bài, phóng sự.\n")
    answerer = Answerer(index_of_texts(tmp_path, ("kh-truyen-thong.txt", plan)))
    r = answerer.ask("Kinh phí sản xuất phóng sự nhiều hơn quảng bá trên mạng xã hội bao nhiêu tiền?")
    assert not r.abstained and "40.000.000 − 30.000.000 = 10.000.000" in r.answer
