"""Issue 16, round 21: an item quoted with the line announcing its list; a parent's description of their child kept
as the question's case; a table's first column read as the field a question names; the groups of a table as the
kinds a question asks for; the two ends of a count of days in two passages (a cited document's date, an event's
row); the two documents compared when a question names a third; "nào khác" keeps the conversation's document; the
offices receiving a document; abbreviations written in parts ("TP.HCM"); OCR lines with a margin mark, and a line
pitch read from the running text. Literal strings from the development documents, and small documents the tests
write."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answerer import Answerer
from assistant.answering.document_facts import asked_fields
from assistant.qa.compose import announcing_lead, spelled_in
from assistant.qa.query import is_follow_up, without_introduction
from assistant.qa.spans import date_gap, given_gap, refers_to_issue
from assistant.qa.tableqa import Constraint, TableSelection, subgroups
from ingest.models import Unit
from ingest.ocr.engine import Word
from ingest.ocr.page_reader import group_lines, paragraphs, split_columns
from ingest.text import fold, tokens
from tests.fakes import FakeIndex, index_of_text


def _unit(text: str, kind: str = "section", groups: list[str] | None = None) -> Unit:
    return Unit(id=str(abs(hash(text))), doc="d", doc_title="D", kind=kind, locator="x", label="2.c", text=text,
                embed_text=text, group_titles=groups or [])


DIRECT = ("c) Tuyển thẳng vào trường PTDTNT các đối tượng sau:\n- Học sinh dân tộc thiểu số rất ít người quy định tại "
          "Nghị định số 57/2017/NĐ-CP ngày 09 tháng 5 năm 2017 của Chính phủ. ;")


def test_an_item_is_quoted_with_the_line_announcing_its_list() -> None:
    unit = _unit(DIRECT)
    item = "Học sinh dân tộc thiểu số rất ít người quy định tại Nghị định số 57/2017/NĐ-CP"
    assert announcing_lead(unit, item) == "c) Tuyển thẳng vào trường PTDTNT các đối tượng sau:"
    assert announcing_lead(unit, "c) Tuyển thẳng vào trường PTDTNT các đối tượng sau:") == ""  # the line itself
    assert announcing_lead(_unit("Thời gian: từ 29/6/2026\n- đến 09/7/2026."), "đến 09/7/2026.") == ""  # no ":" end


def test_a_parents_description_of_the_child_is_the_case_asked() -> None:
    assert without_introduction("Con tôi là học sinh dân tộc thiểu số rất ít người. Theo thủ tục xét tuyển sinh vào "
                                "trường phổ thông dân tộc nội trú, cháu được xét vào trường theo diện nào?") is None
    # who asks (a role, a level, a named place) or the asker's job is not what the plan must hold
    assert without_introduction("Tôi là giáo viên mầm non ở Nghệ An, nghe nói đề án có bộ kit, đơn giá mỗi bộ kit là "
                                "bao nhiêu?") == "nghe nói đề án có bộ kit, đơn giá mỗi bộ kit là bao nhiêu?"
    rest = without_introduction("minh la nhan vien IT cua mot cong ty phan mem xet nghiem, doc thong bao moi chao gia "
                                "352 thay co hang muc ket noi may XN, hang muc do o so thu tu may?")
    assert rest is not None and rest.startswith("doc thong bao")


PROCEDURE = """Chi tiết thủ tục hành chính

Tên thủ tục: Xét tuyển sinh vào trường phổ thông dân tộc nội trú

Cấp thực hiện: Cấp Tỉnh, Cấp Xã

Trình tự thực hiện: Sở Giáo dục và Đào tạo lập kế hoạch tuyển sinh đối với trường PTDTNT trên địa bàn tỉnh.

| Hình thức nộp | Thời hạn giải quyết | Mô tả |
|---|---|---|
| Trực tiếp | Tùy theo đợt | Theo đợt, trước khi khai giảng năm học. |
| Dịch vụ bưu chính | Tùy theo đợt | Theo đợt, trước khi khai giảng năm học |

| Tên giấy tờ | Số lượng |
|---|---|
| Học bạ cấp trung học cơ sở | Bản chính: 1 Bản sao: 0 |
"""


@pytest.fixture(scope="module")
def procedure(tmp_path_factory: pytest.TempPathFactory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("procedure"), "thu-tuc-xet-tuyen-ptdtnt.md", PROCEDURE)


def test_a_tables_first_column_is_the_field_a_question_names(procedure: FakeIndex) -> None:
    answer = Answerer(procedure).respond(procedure, "Nộp hồ sơ xét tuyển vào trường phổ thông dân tộc nội trú theo "
                                                    "những hình thức nào?")
    assert not answer.abstained, answer.answer
    assert "Trực tiếp" in answer.answer and "Dịch vụ bưu chính" in answer.answer, answer.answer


def test_the_groups_of_a_table_are_the_kinds_asked_for() -> None:
    top = "Quản lý khoa/phòng cấp cứu"
    rows = [_unit(f"STT: {i}; Tên chức năng: {name}", "row", [top, group])
            for i, (group, name) in enumerate([("Tiếp nhận cấp cứu", "Tiếp nhận đăng ký khám bệnh"),
                                               ("Tiếp nhận cấp cứu", "Quản lý thông tin chuyển tuyến"),
                                               ("Khám bệnh cấp cứu", "Danh sách bệnh nhân"),
                                               ("Quản lý thuốc vật tư cấp cứu", "Quản lý phiếu lĩnh thuốc")])]
    sel = TableSelection(("d", "", 2), rows, rows, [Constraint("__group__", set(), top)])
    assert list(subgroups(sel, "chuc nang")) == ["Tiếp nhận cấp cứu", "Khám bệnh cấp cứu",
                                                 "Quản lý thuốc vật tư cấp cứu"]
    assert subgroups(sel, "giuong benh") == {}  # a noun the groups' titles do not name: not the groups


CLASS_ROW = ("STT: 1; Tên lớp: Phương pháp dạy học STEM; Ngày bắt đầu: Thứ Bảy 13/12/2025; Ngày kết thúc: Thứ Bảy "
             "20/12/2025; Hình thức học: Học trực tuyến từ 8g00-16g30")


def test_days_from_a_cited_document_to_the_start_an_event_row_labels() -> None:
    q = fold("Từ ngày Sở GDĐT TP.HCM ban hành Công văn 1557 hướng dẫn nhiệm vụ giáo dục phổ thông 2025-2026 đến ngày "
             "khai giảng lớp Phương pháp dạy học STEM tháng 12/2025 là bao nhiêu ngày?")
    assert refers_to_issue(q)  # "Sở GDĐT TP.HCM ban hành": words with a dot between the day and the issuing
    gap = given_gap([CLASS_ROW], q, date(2025, 8, 19))
    assert gap is not None and "cách nhau 116 ngày, từ 19/08/2025 đến 13/12/2025" in gap, gap
    ended = given_gap([CLASS_ROW], fold("Từ ngày 19/8/2025 đến ngày kết thúc lớp STEM là bao nhiêu ngày?"))
    assert ended is not None and "123 ngày" in ended, ended


def test_the_two_documents_compared_are_the_last_two_named() -> None:
    q = fold("Trong công văn 4532 của UBND tỉnh Phú Thọ về rà soát thủ tục hành chính, Nghị định 63/2010 về kiểm soát "
             "thủ tục hành chính ra đời trước Nghị quyết 30c/NQ-CP khoảng bao lâu?")
    texts = ["Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ; Nghị định số 63/2010/NĐ-CP ngày "
             "08/6/2010 của Chính phủ về Kiểm soát thủ tục hành chính;",
             "Văn bản số 4532/UBND-KSTTHC, ngày 07/12/2011 của UBND tỉnh về việc xây dựng kế hoạch rà soát;"]
    gap = date_gap(texts, q)
    assert gap is not None and "khoảng 1 năm 5 tháng, từ 08/06/2010 đến 08/11/2011" in gap, gap


def test_others_than_the_conversation_named_and_the_offices_receiving_a_document() -> None:
    q = "còn phòng nào khác của Sở cũng nhận văn bản để phối hợp không?"
    assert is_follow_up(q)
    assert not is_follow_up("Trường nào khác trong Kế hoạch 115/KH-UBND có lớp STEM?")  # a number of its own
    assert "Nơi nhận" in asked_fields(fold(q))
    assert "Nơi nhận" in asked_fields(fold("Công văn lịch bồi dưỡng STEM gửi những phòng nào của Sở GDĐT?"))
    assert asked_fields(fold("Phòng nào chủ trì nhiệm vụ nhận hồ sơ?")) == ()


def test_abbreviations_written_in_parts() -> None:
    assert spelled_in(["tphcm"], tokens("Trường Đại học Luật TP.HCM.")) == ["tphcm"]
    assert spelled_in(["tphcm"], tokens("Sở Giáo dục và Đào tạo TP. Hồ Chí Minh")) == ["tphcm"]
    assert spelled_in(["gddt"], tokens("Phòng GD&ĐT huyện")) == ["gddt"]
    assert spelled_in(["tphcm"], tokens("Trường Đại học Kinh tế - Luật, ĐHQG-HCM;")) == []


def _line(text: str, top: int, left: int) -> list[Word]:
    words, x = [], left
    for w in text.split():
        words.append(Word(w, x, top, 13 * len(w), 30, 90.0, block=1, par=1, line=top))
        x += 13 * len(w) + 13
    return words


def test_a_mark_in_the_margin_does_not_cut_a_paragraph() -> None:
    """A stamp's edge ("+P:") read on two body lines made each a column of its own: the sentence was cut in three."""
    rows = [("Căn cứ Quy định về công tác lấy ý kiến các bên liên quan của Trường Đại học Công", 1008, 295),
            ("Thương Thành phố Hồ Chí Minh ban hành kèm theo Quyết định số 214/QĐ-DCT ngày 12", 1049, 224),
            ("tháng 01 năm 2026;", 1097, 222)]
    words = []
    for i, (text, top, left) in enumerate(rows):
        words += _line(text, top, left)
        if i < 2:  # the mark, far right of the line, on the same Tesseract line
            words.append(Word("+P:" if i == 0 else '"', 1550, top, 40, 30, 40.0, block=1, par=1, line=top))
    lines = split_columns(group_lines(words))
    assert [ln.own for ln in lines] == [False, False, False]
    blocks = [b.text for _, b in paragraphs(lines, page=1)]
    assert blocks == [" ".join(r[0] for r in rows)], blocks
    # a real second column (the head's motto) is still read apart
    head = _line("TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", 194, 154) + _line("Độc lập - Tự do - Hạnh phúc", 194, 923)
    assert [(ln.text, ln.own) for ln in split_columns(group_lines(head))] == [
        ("TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", True), ("Độc lập - Tự do - Hạnh phúc", True)]


def test_the_line_pitch_is_read_from_the_running_text() -> None:
    """The head's two columns, read one after the other, made a step of 33 px the pitch: lines 48 px apart in a
    paragraph were then read as paragraph gaps."""
    head = [("BỘ CÔNG THƯƠNG ĐẠI HỌC", 154, 291, True), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 187, 803, True),
            ("Độc lập - Tự do - Hạnh phúc", 220, 923, True)]
    body = [("Căn cứ Quyết định số 3871/QĐ-BGDĐT ngày 05 tháng 12 năm 2024 của Bộ trưởng", 747, 294),
            ("Bộ Giáo dục và Đào tạo phê duyệt Bộ công cụ điều tra xã hội học đo lường sự hài lòng", 795, 220),
            ("của người dân đối với dịch vụ giáo dục công;", 836, 220),
            ("Căn cứ Công văn số 2637/BGDĐT-VP ngày 15 tháng 5 năm 2026 của Bộ Giáo dục", 878, 295),
            ("và Đào tạo về việc hướng dẫn khảo sát, xác định chỉ số hài lòng của người dân đối với", 919, 221),
            ("dịch vụ giáo dục công;", 966, 220)]
    lines = []
    for text, top, left, *_ in head:
        (ln,) = group_lines(_line(text, top, left))
        ln.own = True
        lines.append(ln)
    lines += [group_lines(_line(text, top, left))[0] for text, top, left in body]
    texts = [b.text for _, b in paragraphs(lines, page=1)][3:]
    assert len(texts) == 2 and texts[0].endswith("dịch vụ giáo dục công;") and "Bộ trưởng Bộ Giáo dục" in texts[0], \
        texts


SURVEY = """# KẾ HOẠCH Khảo sát, xác định chỉ số hài lòng của người dân đối với dịch vụ giáo dục công năm 2026

## 5. Tổ chức thực hiện

### 5.1. Trung tâm Quản lý chất lượng

- Là đơn vị đầu mối tham mưu ban hành kế hoạch và tổ chức triển khai khảo sát.

- Phối hợp với Phòng Đào tạo và 05 khoa liên quan chuẩn bị dữ liệu sinh viên, thực hiện chọn mẫu ngẫu nhiên, hướng dẫn
triển khai khảo sát trực tuyến.

## 6. Tiến độ thực hiện

| TT | Nội dung công việc | Thời gian thực hiện | Đơn vị chủ trì/phối hợp |
|---|---|---|---|
| 1 | Ban hành kế hoạch; rà soát danh sách sinh viên | Trước ngày 27/6/2026 | Phòng Đào tạo; Trung tâm QLCL |
| 2 | Chọn mẫu ngẫu nhiên, chuẩn bị tài khoản/đường dẫn và hướng dẫn khảo sát | Trước ngày 30/6/2026 | Trung tâm QLCL; các khoa |
"""


def test_a_line_stating_the_task_answers_before_a_timetable_row(tmp_path: pytest.TempPathFactory) -> None:
    index = index_of_text(tmp_path, "kh-khao-sat-hai-long-2026.md", SURVEY)  # type: ignore[arg-type]
    answer = Answerer(index).respond(index, "Trung tâm Quản lý chất lượng phối hợp với những đơn vị nào để chuẩn bị "
                                            "dữ liệu sinh viên và chọn mẫu?")
    assert answer.answer.splitlines()[0].startswith("Trung tâm Quản lý chất lượng: Phối hợp với Phòng Đào tạo và 05 "
                                                    "khoa"), answer.answer
