"""Issue 16, round 30: a heading the question names by its number ("Mục 3 … được chia thành mấy tiểu mục", "mục 1
phần I đề cập những nội dung gì"); a word the question spells with other tone marks than the text ("củng cố" of the
template's "cùng cố"); a sentence a break cut after a comma, finished by the next passage; "do Sở hay Tạp chí … chủ
trì" answered with the body whose heading the duty stands under. Literal strings from the development documents, and
small documents the tests write."""

from __future__ import annotations

from pathlib import Path

from assistant.answerer import Answerer
from assistant.answering.fact_answers import accented_otherwise
from assistant.qa.numbered_heading import label_components, named_number
from ingest import vocab
from ingest.text import fold
from tests.fakes import index_of_texts


def test_the_number_a_question_names() -> None:
    assert named_number(fold("Mục 3 trong kế hoạch khảo sát … được chia thành mấy tiểu mục (3.1, 3.2…)?")) == ("3",)
    assert named_number(fold("Trong hướng dẫn kèm công văn 4532, mục 1 phần I đề cập những nội dung gì?")) == ("I", "1")
    assert named_number(fold("mục III “Mục tiêu giáo dục năm học” của Phụ lục 1 cần ghi những nội dung gì?")) == ("III",)
    assert named_number(fold("Phụ lục 2 có mấy dòng?")) is None  # an annex, not a heading's number
    assert named_number(fold("mục tiêu của kế hoạch là gì?")) is None
    assert named_number(fold("mục 2 và mục 3 gồm gì?")) is None  # two headings: which one is not known
    assert label_components("3.1", None) == ("3", "1")
    assert label_components("Phụ lục 1 › III.1", "1") == ("III", "1")
    assert label_components("Phụ lục 1 › III.1", None) is None  # an annex's heading, the annex unnamed
    assert label_components("Mở đầu", None) is None


PLAN = ("KẾ HOẠCH KHẢO SÁT SỰ HÀI LÒNG CỦA SINH VIÊN NĂM 2026\n\n"
        "1. Mục đích\n\nĐo lường sự hài lòng của sinh viên đối với dịch vụ giáo dục công.\n\n"
        "2. Yêu cầu\n\nBảo đảm khách quan, trung thực; đúng tiến độ.\n\n"
        "3. Đối tượng, phạm vi, hình thức và thời gian khảo sát\n\n"
        "3.1. Đối tượng và phạm vi khảo sát\n\nSinh viên thuộc 05 khoa được chọn.\n\n"
        "3.2. Phương pháp chọn mẫu\n\nChọn mẫu ngẫu nhiên theo danh sách lớp.\n\n"
        "3.3. Hình thức khảo sát\n\nKhảo sát trực tuyến trên phần mềm của Bộ.\n\n"
        "4. Tổ chức thực hiện\n\n4.1. Phòng Đào tạo\n\nChủ trì, báo cáo, sơ kết, tổng kết sau khi kết thúc khảo sát.\n\n"
        "4.2. Trung tâm Quản lý chất lượng\n\nPhối hợp chuẩn bị tài khoản và đường dẫn khảo sát.\n\n"
        "5. Nội dung\n\nCó 4 yếu tố cần cân nhắc khi triển khai đó là: Thị trường,\n\n"
        "Công nghệ, Thể chế và Giáo dục.\n")


def test_a_heading_asked_by_its_number_lists_what_is_under_it(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("kh-khao-sat.txt", PLAN)))
    r = answerer.ask("Mục 3 trong kế hoạch khảo sát sự hài lòng của sinh viên năm 2026 được chia thành mấy tiểu mục, "
                     "tên từng tiểu mục là gì?")
    assert not r.abstained and r.mode == "list"
    assert "gồm 3 điểm" in r.answer
    for title in ("3.1. Đối tượng và phạm vi khảo sát", "3.2. Phương pháp chọn mẫu", "3.3. Hình thức khảo sát"):
        assert title in r.answer
    assert [c.label for c in r.citations] == ["3.1", "3.2", "3.3"]
    assert "Tổ chức thực hiện" not in r.answer


def test_a_word_typed_with_other_tone_marks_in_the_passages_phrase() -> None:
    question = fold("nhóm dòng 'Hoạt động củng cố, tăng cường' dùng để ghi số tiết nào?")
    passage = fold("Cột 1: 3. Hoạt động cùng cố, tăng cường (Số tiết tăng cường buổi học thứ 2 của mỗi môn học)")
    assert accented_otherwise("củng", question, passage)
    assert not accented_otherwise("củng", question, fold("Số tiết tăng cường buổi học thứ 2"))  # the phrase is absent
    assert not accented_otherwise("sữa", fold("có hỗ trợ sữa học đường không?"), fold("hỗ trợ tiền ăn trưa"))


def test_a_sentence_cut_after_a_comma_goes_on_in_the_next_passage(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("kh-khao-sat.txt", PLAN)))
    r = answerer.ask("Khi triển khai cần cân nhắc những yếu tố nào?")
    assert not r.abstained
    assert "Thị trường," in r.answer and "Công nghệ, Thể chế và Giáo dục" in r.answer


def test_which_of_two_bodies_does_a_duty() -> None:
    assert vocab.BODY_ASK_Q.search(fold("Còn việc báo cáo, sơ kết, tổng kết thì do Sở hay Tạp chí Giáo dục chủ trì?"))
    assert not vocab.BODY_ASK_Q.search(fold("Học trực tiếp hay trực tuyến?"))


def test_lines_listed_by_part_of_their_names_are_summed() -> None:
    from assistant.answering.named_rows import listed_items

    q = ("Theo kế hoạch chuyển đổi số ngành giáo dục Đồng Tháp năm 2024, ba hạng mục đầu tư thiết bị (phòng họp trực "
         "tuyến, camera giám sát, thiết bị phòng chức năng STEM/STEAM) cộng lại bao nhiêu triệu đồng?")
    assert [plain for plain, _ in listed_items(q)] == [
        "phong hop truc tuyen", "camera giam sat", "thiet bi phong chuc nang stem steam"]
    assert listed_items("Tổng kinh phí (triệu đồng) là bao nhiêu?") == []  # a unit in brackets, no list


def test_a_choice_among_what_the_conversation_named_is_a_follow_up() -> None:
    from assistant.qa.query import is_follow_up

    assert is_follow_up("Trong số đó văn bản nào không do Chính phủ ban hành mà do một cơ quan khác, là cơ quan nào?")
    assert is_follow_up("Trong các văn bản trên, văn bản nào được ban hành gần đây nhất và do cơ quan nào ký ban hành?")
    # "do" is "by" here, not "đó": a question of its own
    assert not is_follow_up("Trong số các trường do Sở quản lý, trường nào được đầu tư phòng học STEM năm 2024?")


GUIDE = ("HƯỚNG DẪN XÂY DỰNG KẾ HOẠCH RÀ SOÁT QUY ĐỊNH, THỦ TỤC HÀNH CHÍNH\n\n"
         "Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể cải cách "
         "hành chính nhà nước giai đoạn 2011-2020;\n\n"
         "Văn bản số 4532/UBND-KSTTHC, ngày 07/12/2011 của UBND tỉnh về việc xây dựng kế hoạch rà soát;\n\n"
         "Văn bản số 348/KSTT-VP ngày 28/11/2011 của Cục Kiểm soát thủ tục hành chính về việc hướng dẫn nghiệp vụ.\n\n"
         "I. XÂY DỰNG KẾ HOẠCH\n\nCác sở, ngành gửi kế hoạch rà soát trước ngày 05/01/2012.\n")


def test_the_days_between_two_cited_documents_not_the_one_it_is_named_by(tmp_path: Path) -> None:
    from assistant.answering.issue_gap import IssueGap

    index = index_of_texts(tmp_path, ("cv-4532-huong-dan-ra-soat.txt", GUIDE))
    asked = Answerer(index).prepare(index, "Văn bản 348/KSTT-VP (được viện dẫn trong hướng dẫn kèm Công văn 4532 của UBND tỉnh) ra "
                                           "đời sau Nghị quyết 30c/NQ-CP của Chính phủ bao nhiêu ngày?", None, None)
    r = IssueGap().run(asked)  # both cited lines read from the whole document, whatever retrieval ranked first
    assert r is not None and "cách nhau 20 ngày" in r.answer and "08/11/2011" in r.answer
    assert "4532/UBND-KSTTHC" not in r.answer
    assert not vocab.AMONG_THOSE_Q.match("trong đó ai đến từ trường đại học việt đức?")  # as before: its own rules


DECREE = ("NGHỊ ĐỊNH QUY ĐỊNH CHÍNH SÁCH BÁN TRÚ\n\n"
          "Điều 6. Mức hưởng chính sách đối với trẻ em nhà trẻ bán trú, học sinh bán trú\n\n"
          "1. Chính sách đối với trẻ em nhà trẻ bán trú\n\n"
          "Hỗ trợ tiền ăn trưa: Mỗi trẻ em nhà trẻ bán trú được hỗ trợ tiền ăn mỗi tháng là 360.000 đồng và được "
          "hưởng không quá 9 tháng/năm học.\n\n"
          "2. Chính sách đối với các đối tượng khác\n\n"
          "a) Hỗ trợ tiền ăn: Mỗi học sinh được hỗ trợ mỗi tháng là 936.000 đồng và được hưởng không quá 9 "
          "tháng/năm học;\n")


def test_a_passage_about_other_people_than_those_asked_of_is_passed_over(tmp_path: Path) -> None:
    answerer = Answerer(index_of_texts(tmp_path, ("nd-ban-tru.txt", DECREE)))
    r = answerer.ask("Một học sinh bán trú được hỗ trợ tiền ăn mỗi tháng bao nhiêu?")
    assert not r.abstained and "936.000" in r.answer.split("\n")[0]
