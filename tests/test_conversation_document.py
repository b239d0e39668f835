"""Issue 16, round 32: the document of a conversation. A follow-up whose only word of a kind of document is a verb
("Trung tâm thông báo những nội dung gì") names no document: it stays with the one the conversation is about, and
that one is the document the previous question named in words, not the one most of its passages share words with.
Small files worded like the development documents."""

from __future__ import annotations

from pathlib import Path

from assistant.answerer import Answerer, conversation_doc
from assistant.qa.docname import named_document
from ingest.text import fold
from tests.fakes import index_of_texts

CENTRE = "CÔNG VĂN\nCông văn V/v lịch bồi dưỡng các lớp STEM tháng 12/2025\nTRUNG TÂM THÔNG TIN VÀ CHƯƠNG TRÌNH GIÁO DỤC"
SURVEY = "KẾ HOẠCH\nKế hoạch Khảo sát, xác định chỉ số hài lòng của người dân đối với dịch vụ giáo dục công năm 2026"
NAMES = {"cv-lich-boi-duong-stem": CENTRE, "kh-khao-sat-hai-long": SURVEY}


def test_a_kind_of_document_used_as_a_verb_names_no_document() -> None:
    # "Trung tâm | thông báo": the syllable before the kind is another word's, not "Trung tâm Thông tin"
    assert named_document("còn ở bước 3 thì Trung tâm thông báo những nội dung gì đến các khoa?", NAMES) is None
    # the kind heading a name still names it
    assert named_document("Theo công văn lịch bồi dưỡng các lớp STEM, lớp học ngày nào?", NAMES) == \
        "cv-lich-boi-duong-stem"
    assert named_document("Theo kế hoạch khảo sát chỉ số hài lòng, bước 2 làm gì?", NAMES) == "kh-khao-sat-hai-long"


FILES = {
    "kh-khao-sat-hai-long.md": "# KẾ HOẠCH\n\nKhảo sát, xác định chỉ số hài lòng của người dân đối với dịch vụ giáo "
                               "dục công năm 2026\n\n## I. CÁC BƯỚC THỰC HIỆN\n\nBước 2: Trung tâm Quản lý chất lượng "
                               "chọn mẫu ngẫu nhiên sinh viên trong từng khoa.\n\nBước 3: Trung tâm Quản lý chất lượng "
                               "thông báo kế hoạch, thời gian, hình thức khảo sát và hướng dẫn thực hiện đến 05 khoa "
                               "được chọn.\n",
    "cv-lich-boi-duong-stem.md": "# CÔNG VĂN\n\nV/v lịch bồi dưỡng các lớp STEM tháng 12/2025\n\nTRUNG TÂM THÔNG TIN VÀ "
                                 "CHƯƠNG TRÌNH GIÁO DỤC\n\n## 1. Lịch học\n\nTrung tâm Thông tin và Chương trình Giáo "
                                 "dục thông báo đến các khoa, các đơn vị nội dung lịch bồi dưỡng các lớp STEM. Ở bước 3, Trung "
                                 "tâm thông báo những nội dung lịch học đến các khoa.\n\n"
                                 "## 2. Nội dung\n\nTrung tâm thông báo nội dung từng lớp đến các đơn vị: ở bước 2, "
                                 "Trung tâm làm gì, bước 3 Trung tâm làm gì.\n\n## 3. Bước 2\n\nỞ bước 2 Trung tâm "
                                 "gửi danh sách lớp; Trung tâm làm gì ở bước 2 được ghi trong lịch.\n",
}
# the previous question names the survey plan; the centre's letter has more lines with its other words
HISTORY = [("user", "Trong kế hoạch khảo sát hài lòng 2026, ở bước 2 Trung tâm làm gì?")]


def test_the_conversation_is_about_the_document_its_question_named(tmp_path: Path) -> None:
    index = index_of_texts(tmp_path, *FILES.items())
    assert conversation_doc(index, HISTORY, {}) == "kh-khao-sat-hai-long"


def test_a_follow_up_with_a_verb_of_a_kind_of_document_stays_with_the_conversation(tmp_path: Path) -> None:
    index = index_of_texts(tmp_path, *FILES.items())
    r = Answerer(index).ask("còn ở bước 3 thì Trung tâm thông báo những nội dung gì đến các khoa?", history=HISTORY)
    assert not r.abstained
    assert {c.doc for c in r.citations} == {"kh-khao-sat-hai-long"}
    assert "hình thức khảo sát" in r.answer
    # retrieval kept to the conversation's document (the centre's letter has the follow-up's words too)
    assert any(f is not None and f.doc == "kh-khao-sat-hai-long" for _, f in index.searches)


def test_a_report_a_body_sends_is_not_the_documents_recipients() -> None:
    from assistant.answering.document_facts import asked_fields

    assert "Nơi nhận" not in asked_fields(fold("Văn phòng đó tổng hợp báo cáo kết quả đạt được gửi cho những ai?"))
    assert "Nơi nhận" in asked_fields(fold("Kế hoạch này được gửi cho những ai?"))
