"""Questions worded as fresh users word them (issue 16, round 4): a follow-up naming a new subject ("còn nhà đầu tư
thì sao?") answered about it, not about the earlier question's; a contact asked by its channel ("email gì") answered
by the line holding one; "từ những nguồn nào" answered with the whole enumeration; "lần thứ mấy"; the asker's own
frame ("năm nay", "kể ra") and offered alternatives ("trực tiếp hay online") not counted against the evidence.
Small documents the tests write, worded like the development documents."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.answerer import Answerer
from assistant.qa.kinds import holds_kind, wanted_type
from assistant.qa.query import content_words, parse_query
from assistant.qa.widen import enumeration
from ingest.models import Unit
from tests.fakes import FakeIndex, index_of_text

NOTICE = """# LỊCH BỒI DƯỠNG GIÁO VIÊN VỀ GIÁO DỤC STEM THÁNG 12 NĂM 2025

## 1. Thời gian và hình thức

| STT | Tên lớp | Ngày bắt đầu | Hình thức học |
|---|---|---|---|
| 1 | Phương pháp dạy học STEM | Thứ Bảy 13/12/2025 | Học trực tuyến từ 8g00-16g30 |

## 2. Kinh phí

Học phí: 500.000 đồng/học viên.

Nguồn kinh phí: các đơn vị thực hiện theo Thông tư 36/2018/TT-BTC ngày 30 tháng 3 năm 2018 của Bộ Tài chính về \
hướng dẫn lập dự toán kinh phí đào tạo, bồi dưỡng cán bộ, công chức, viên chức; Từ nguồn kinh phí chi thường \
xuyên của đơn vị; Các nguồn chi khác hoặc do cá nhân tự túc.

## 3. Tổ chức thực hiện

Trung tâm phối hợp với các trường tổ chức Chương trình bồi dưỡng giáo viên lần thứ 18 năm học 2025 - 2026.

Trong quá trình thực hiện nếu có thông tin cần trao đổi, đề nghị các đơn vị liên hệ:
Bà Đinh Thị Phương Thảo – Chuyên viên

Trung tâm Thông tin và Chương trình Giáo dục, 66 Lê Thánh Tôn; email: dinhthao@hcm.edu.vn.
"""

PROPOSAL = """# ĐỀ ÁN GIÁO DỤC STEM GIAI ĐOẠN 2020 - 2025

## 1. Phương án tài chính

Bảng 5. Nguồn kinh phí giai đoạn 2

| TT | Nguồn kinh phí | Tỷ lệ đóng góp (%) | Thành tiền |
|---|---|---|---|
| 1 | Ngân sách tỉnh | 30% | 27 tỷ đồng |
| 2 | Nhà đầu tư | 70% | 50 tỷ đồng |
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("notice"), "lich-stem.md", NOTICE)


@pytest.fixture(scope="module")
def proposal(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("proposal"), "de-an-stem.md", PROPOSAL)


def test_a_follow_up_is_answered_about_the_subject_it_names(proposal: FakeIndex) -> None:
    first = "Ở giai đoạn 2 đề án STEM, ngân sách tỉnh góp bao nhiêu?"
    q = parse_query("còn nhà đầu tư thì sao?", [("user", first)])
    assert q.follow_up and q.focus == ["nhà", "đầu", "tư"]
    r = Answerer(proposal).ask("còn nhà đầu tư thì sao?", history=[("user", first), ("assistant", "30%, 27 tỷ đồng")])
    assert not r.abstained
    assert r.citations[0].text.startswith("TT: 2; Nguồn kinh phí: Nhà đầu tư")  # not the province's row again
    assert "50 tỷ đồng" in r.answer.split("\n")[0]


@pytest.mark.parametrize(("question", "kind"), [
    ("liên hệ chuyên viên nào, email gì?", "email"),
    ("Địa chỉ email để gửi hồ sơ là gì?", "email"),
    ("Số điện thoại đường dây nóng là bao nhiêu?", "phone"),
    ("Cần hỗ trợ thì liên hệ ai?", "contact"),
    ("Chương trình Hướng nghiệp năm nay là lần thứ mấy?", "edition"),
    ("Hội thi được tổ chức lần thứ bao nhiêu?", "edition"),
])
def test_the_kind_of_value_asked(question: str, kind: str) -> None:
    assert wanted_type(question) == kind


def test_a_line_holds_the_channel_asked() -> None:
    assert holds_kind("email", "66 Lê Thánh Tôn; email: dinhthao@hcm.edu.vn.")
    assert not holds_kind("email", "Bà Đinh Thị Phương Thảo – Chuyên viên")
    assert holds_kind("phone", "Số điện thoại: (028) 38 291 875")
    assert holds_kind("edition", "Chương trình Hướng nghiệp - Tuyển sinh lần thứ 18 năm học 2025 - 2026")
    assert not holds_kind("edition", "Tổ chức lần lượt tại các trường")


def test_an_email_asked_with_the_person_is_answered_with_both(notice: FakeIndex) -> None:
    r = Answerer(notice).ask("Nếu cần trao đổi thông tin thì liên hệ chuyên viên nào, email gì?")
    assert not r.abstained
    first, second = r.answer.split("\n")[:2]
    assert "Đinh Thị Phương Thảo" in first and "dinhthao@hcm.edu.vn" in second  # the line after the person's


def test_a_question_asking_for_several_gets_the_whole_enumeration(notice: FakeIndex) -> None:
    r = Answerer(notice).ask("Kinh phí bồi dưỡng STEM lấy từ những nguồn nào?")
    assert not r.abstained
    for item in ("Thông tư 36/2018/TT-BTC", "chi thường xuyên", "cá nhân tự túc"):
        assert item in r.answer


def test_an_enumeration_is_the_items_joined_by_semicolons() -> None:
    first = ("Nguồn kinh phí: các đơn vị thực hiện theo Thông tư 36/2018/TT-BTC của Bộ Tài chính hướng dẫn lập dự "
             "toán, quản lý và sử dụng kinh phí đào tạo, bồi dưỡng cán bộ, công chức, viên chức;")
    text = f"Mở đầu. {first} Từ nguồn chi thường xuyên; Do cá nhân tự túc. Kết."
    unit = Unit(id="u", doc="d", doc_title="D", kind="section", label="2", locator="2", text=text, embed_text=text)
    assert enumeration(unit, "Từ nguồn chi thường xuyên;") == f"{first} Từ nguồn chi thường xuyên; Do cá nhân tự túc."
    assert enumeration(unit, "Mở đầu.") == "Mở đầu."  # no item of one


def test_the_edition_asked_is_answered_from_the_line_numbering_it(notice: FakeIndex) -> None:
    r = Answerer(notice).ask("Chương trình bồi dưỡng giáo viên năm học 2025 - 2026 là chương trình lần thứ mấy?")
    assert not r.abstained
    assert "lần thứ 18" in r.answer


def test_the_askers_frame_is_no_content() -> None:
    assert content_words("Chương trình năm nay gồm bao nhiêu chương trình thành phần? Kể ra.", accents=True) == \
        ["chương", "trình", "chương", "trình", "thành", "phần"]
    assert "năm" in content_words("Kế hoạch năm 2025 có bao nhiêu chỉ tiêu?", accents=True)  # a year named stays


def test_offered_alternatives_do_not_count_against_the_evidence(notice: FakeIndex) -> None:
    r = Answerer(notice).ask("Lớp STEM học trực tiếp hay online?")
    assert not r.abstained
    assert "Học trực tuyến" in r.answer


def test_a_number_the_document_is_named_by_in_its_file_name_only(tmp_path) -> None:
    # a scan whose number OCR lost: "753" is only in the file name the uploader gave it
    text = ("# KẾ HOẠCH KHẢO SÁT SỰ HÀI LÒNG CỦA NGƯỜI HỌC NĂM 2026\n\n## 1. Thời gian\n\n"
            "Thời gian triển khai khảo sát: từ ngày 29/6/2026 đến hết ngày 09/7/2026.\n")
    index = index_of_text(tmp_path, "kh-753-khao-sat-hai-long.md", text)
    r = Answerer(index).ask("Theo kế hoạch 753, thời gian khảo sát từ ngày nào đến ngày nào?")
    assert not r.abstained and "29/6/2026" in r.answer
    r = Answerer(index).ask("Theo kế hoạch 981, thời gian khảo sát từ ngày nào đến ngày nào?")
    assert r.abstained  # a number neither its text nor its name holds


ADMISSION = """# THỦ TỤC XÉT TUYỂN SINH VÀO TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ

## 1. Trình tự thực hiện

a) Sở Giáo dục và Đào tạo lập kế hoạch tuyển sinh, trình Ủy ban nhân dân cấp tỉnh phê duyệt.

b) Tuyển thẳng vào trường phổ thông dân tộc nội trú các đối tượng sau:

- Học sinh dân tộc thiểu số rất ít người theo quy định của Chính phủ;

- Học sinh trung học cơ sở đạt giải cấp quốc gia do Bộ Giáo dục và Đào tạo tổ chức;

- Con liệt sĩ;

- Con thương binh có tỷ lệ suy giảm khả năng lao động từ 81% trở lên;

- Học sinh khuyết tật có hoàn cảnh đặc biệt khó khăn.

c) Hồ sơ nộp trực tiếp tại trường.
"""


def test_a_list_whose_items_are_units_of_their_own_is_answered_whole(tmp_path) -> None:
    index = index_of_text(tmp_path, "tthc-xet-tuyen.md", ADMISSION)
    r = Answerer(index).ask("Những học sinh nào được tuyển thẳng vào trường phổ thông dân tộc nội trú?")
    assert not r.abstained
    for item in ("rất ít người", "giải cấp quốc gia", "Con liệt sĩ", "Con thương binh", "Học sinh khuyết tật"):
        assert item in r.answer, r.answer  # the fourth and fifth too: no other passage is that close to the question
    assert "Hồ sơ nộp trực tiếp" not in r.answer  # the list ends where its items do


DOSSIER = """# THỦ TỤC XÉT TUYỂN SINH VÀO TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ

## 1. Thành phần hồ sơ

| Tên giấy tờ | Bản chính | Bản sao |
|---|---|---|
| Đơn đăng ký dự tuyển theo mẫu | 1 | 0 |
| Học bạ cấp tiểu học | 1 | 0 |
| Học bạ cấp trung học cơ sở | 1 | 0 |
| Bằng tốt nghiệp trung học cơ sở | 0 | 1 |
| Giấy xác nhận chế độ ưu tiên (nếu có) | 1 | 0 |

## 2. Thời hạn giải quyết

Trong thời hạn 10 ngày làm việc kể từ ngày hết hạn nhận hồ sơ.
"""


def test_a_list_asked_of_a_small_table_shows_every_row(tmp_path) -> None:
    index = index_of_text(tmp_path, "tthc-ho-so.md", DOSSIER)
    r = Answerer(index).ask("Xét tuyển vào trường dân tộc nội trú thì hồ sơ cần những giấy tờ gì?")
    assert not r.abstained
    for paper in ("Đơn đăng ký dự tuyển", "Học bạ cấp tiểu học", "Học bạ cấp trung học cơ sở",
                  "Bằng tốt nghiệp trung học cơ sở", "Giấy xác nhận chế độ ưu tiên"):
        assert paper in r.answer, r.answer


COMMITTEES = """# KẾ HOẠCH TỔ CHỨC CHƯƠNG TRÌNH HƯỚNG NGHIỆP NĂM HỌC 2025 - 2026

## III. TỔ CHỨC THỰC HIỆN

1. Ban Chỉ đạo
- Ông Nguyễn Văn An, Giám đốc Sở GDĐT, Trưởng ban;
- Bà Trần Thị Bình, Phó Giám đốc Sở GDĐT, Phó Trưởng ban;
- Ông Lê Văn Cường, Phó Giám đốc Sở GDĐT, Phó Trưởng ban;
- Bà Phạm Thị Dung, Phó Giám đốc Sở GDĐT, Phó Trưởng ban;
- Ông Hồ Văn Em, Chánh Văn phòng Sở GDĐT, thành viên.

2. Ban Tổ chức
- Ông Võ Văn Giang, Tổng Biên tập Tạp chí, Trưởng ban;
- Ông Đỗ Văn Hải, Trưởng phòng Giáo dục Phổ thông, Phó Trưởng ban;
- Bà Mai Thị Lan, chuyên viên, thành viên.
"""


def test_a_count_of_the_members_holding_a_role(tmp_path) -> None:
    index = index_of_text(tmp_path, "kh-huong-nghiep.md", COMMITTEES)
    r = Answerer(index).ask("Ban Chỉ đạo có tất cả bao nhiêu Phó Trưởng ban?")
    assert not r.abstained
    assert r.answer.startswith("Có 3 Phó Trưởng"), r.answer  # not the five members, nor the other committee's
    assert "Trần Thị Bình" in r.answer and "Nguyễn Văn An" not in r.answer and "Đỗ Văn Hải" not in r.answer


def test_a_committee_named_by_words_of_the_plan_s_own_name(tmp_path) -> None:
    # "tổ chức" is also the plan's name ("Kế hoạch tổ chức chương trình …"), "ban" the role counted: the question
    # still names "2. Ban Tổ chức" word for word, unaccented, and the Ban Chỉ đạo's deputies are not counted
    index = index_of_text(tmp_path, "kh-huong-nghiep.md", COMMITTEES)
    r = Answerer(index).ask("ban to chuc chuong trinh huong nghiep co tat ca bao nhieu pho truong ban?")
    assert not r.abstained and r.mode == "list", r.answer
    assert r.answer.startswith("Có 1 ") and "Đỗ Văn Hải" in r.answer, r.answer
    assert "Trần Thị Bình" not in r.answer, r.answer


def test_a_numbered_heading_over_bullets_of_their_own_units_is_a_list_of_the_bullets() -> None:
    from assistant.qa.listqa import item_lists

    path = "TỔ CHỨC THỰC HIỆN › Ban Chỉ đạo"
    texts = ["1. Ban Chỉ đạo\n- Ông Nguyễn Văn An, Giám đốc Sở GDĐT, Trưởng ban;",
             "- Bà Trần Thị Bình, Phó Giám đốc Sở GDĐT, Phó Trưởng ban;",
             "- Ông Lê Văn Cường, Phó Giám đốc Sở GDĐT, Phó Trưởng ban;",
             "- Ông Hồ Văn Em, Chánh Văn phòng Sở GDĐT, thành viên."]
    units = [Unit(id=f"u{i}", doc="d", doc_title="D", kind="section", label="III.1", locator=f"III/1#{i}", text=t,
                  embed_text=t, metadata={"path": path}) for i, t in enumerate(texts)]
    lists = item_lists(units)
    assert [(lst.title, len(lst.items)) for lst in lists] == [("Ban Chỉ đạo", 4)]  # the heading's "1." is no item
    assert lists[0].items[0][1] == "- Ông Nguyễn Văn An, Giám đốc Sở GDĐT, Trưởng ban;"


def test_second_level_bullets_from_a_pdf_are_list_items() -> None:
    # the PDF reader writes Word's second-level "o" bullet as "◦" (ingest/readers/pdf.py): its items are counted
    # and listed like "-" items, not read as one paragraph
    from assistant.qa.listqa import item_lists, item_text
    from assistant.qa.widen import items_after

    path = "TỔ CHỨC THỰC HIỆN › Các vòng thi cấp trường"
    texts = ["2. Các vòng thi cấp trường:\n◦ Vòng cơ sở (Đăng ký và hướng dẫn): Triển khai đến toàn thể học sinh;",
             "◦ Vòng sơ khảo: Chấm hồ sơ dự án tại trường.",
             "◦ Vòng chung kết: Thuyết trình trực tiếp trước Ban giám khảo."]
    units = [Unit(id=f"u{i}", doc="d", doc_title="D", kind="section", label="IV.2", locator=f"IV/2#{i}", text=t,
                  embed_text=t, metadata={"path": path}) for i, t in enumerate(texts)]
    lists = item_lists(units)
    assert [(lst.title, len(lst.items)) for lst in lists] == [("Các vòng thi cấp trường", 3)]
    assert item_text(lists[0].items[1][1]) == "Vòng sơ khảo: Chấm hồ sơ dự án tại trường"
    assert [u.id for u in items_after(units, units[0])] == ["u1", "u2"]


def test_an_address_cut_by_full_stops_is_quoted_whole(tmp_path) -> None:
    text = ("# THÔNG BÁO MỜI CHÀO GIÁ\n\n## 3. Cách thức tiếp nhận báo giá\n\n"
            "Báo giá gửi trực tiếp hoặc theo đường bưu điện tại địa chỉ: Phòng Thông tin - Hỗ trợ - Bệnh viện Từ Dũ. "
            "Cổng số 1 - 284 Cống Quỳnh. Phường Bến Thành, TP.HCM với thông tin người nhận ghi trên thư.\n\n"
            "## 4. Thời hạn tiếp nhận báo giá\n\nCác báo giá nhận được sau thời hạn sẽ không được xem xét.\n")
    index = index_of_text(tmp_path, "tb-moi-chao-gia.md", text)
    r = Answerer(index).ask("Nếu gửi báo giá qua bưu điện thì ghi địa chỉ nhận ở đâu?")
    assert not r.abstained and "284 Cống Quỳnh" in r.answer, r.answer


def test_the_documents_a_plan_rests_on_are_all_quoted(tmp_path) -> None:
    text = ("# HƯỚNG DẪN XÂY DỰNG KẾ HOẠCH GIÁO DỤC NHÀ TRƯỜNG CẤP TIỂU HỌC\n\n"
            "Thực hiện Thông tư số 32/2018/TT-BGDĐT ngày 26/12/2018, Quyết định số 16/2006/QĐ-BGDĐT ngày 05/5/2006 "
            "của Bộ trưởng Bộ Giáo dục và Đào tạo về việc ban hành chương trình giáo dục phổ thông. Nhà trường cần "
            "bám sát thực tế địa phương. Thông tư số 28/2020/TT-BGDĐT ngày 04/9/2020 của Bộ trưởng ban hành Điều lệ "
            "trường tiểu học, Bộ hướng dẫn xây dựng kế hoạch giáo dục của nhà trường như sau:\n\n"
            "## I. Mục đích\n\nPhát huy tính chủ động của nhà trường.\n")
    index = index_of_text(tmp_path, "cv-huong-dan.md", text)
    r = Answerer(index).ask("Hướng dẫn này căn cứ vào những thông tư, quyết định nào của Bộ trưởng?")
    assert not r.abstained
    assert "3 văn bản làm căn cứ" in r.answer, r.answer  # every basis listed (assistant/answering/legal_bases.py)
    for ref in ("32/2018/TT-BGDĐT", "16/2006/QĐ-BGDĐT", "28/2020/TT-BGDĐT"):
        assert ref in r.answer, r.answer
    assert "bám sát thực tế" not in r.answer  # a sentence citing nothing is left out


def test_later_parts_are_asked_of_the_document_the_first_part_names(tmp_path) -> None:
    from assistant.qa.parts import question_parts
    from assistant.schemas import AskResponse
    from ingest.pipeline import parse_path

    proposal = ("# ĐỀ ÁN GIÁO DỤC STEM TỈNH NGHỆ AN\n\n## Giai đoạn 1\n\n"
                "- Triển khai thí điểm câu lạc bộ STEM tại 10 trường;\n\n"
                "- Tổ chức cuộc thi sáng tạo khoa học kỹ thuật cấp tỉnh.\n\n## Kết quả dự kiến\n\n"
                "Đào tạo 20.000 lượt học sinh.\n\n## Giai đoạn 2\n\nMở rộng câu lạc bộ STEM ra toàn tỉnh.\n")
    other = ("# KẾ HOẠCH TUYỂN SINH ĐẠI HỌC NĂM 2026\n\n## 1. Chỉ tiêu\n\n"
             "Đào tạo lượt học sinh: nhà trường đào tạo 3.000 lượt học sinh mỗi năm.\n")
    (tmp_path / "de-an-stem-nghe-an.md").write_text(proposal, encoding="utf-8")
    (tmp_path / "kh-tuyen-sinh.md").write_text(other, encoding="utf-8")
    docs = [parse_path(tmp_path / n).document for n in ("de-an-stem-nghe-an.md", "kh-tuyen-sinh.md")]
    index = FakeIndex([u for d in docs for u in d.units], docs)
    answerer = Answerer(index)
    question = ("Đề án STEM Nghệ An giai đoạn 1 thí điểm câu lạc bộ STEM ở bao nhiêu trường và đào tạo bao nhiêu "
                "lượt học sinh?")
    assert answerer.ask("đào tạo bao nhiêu lượt học sinh?").answer.startswith("Chỉ tiêu: Đào tạo lượt học sinh")
    # when the whole is not answered, its second part, which names no document, is asked of the first part's
    abstained = AskResponse(answer="—", abstained=True, citations=[])
    r = answerer._completed(index, question_parts(question), None, None, abstained)
    assert not r.abstained and "10 trường" in r.answer and "20.000 lượt" in r.answer, r.answer
    assert "3.000" not in r.answer


PHASES = """# ĐỀ ÁN GIÁO DỤC STEM

## II. LỘ TRÌNH

Đề án được chia làm 3 giai đoạn: thí điểm, nhân rộng và hoàn thiện.

## III. PHƯƠNG ÁN TÀI CHÍNH

Giai đoạn 2: Hợp tác công tư, trong đó phân bổ như sau

| TT | Nguồn kinh phí | Tỷ lệ đóng góp (%) |
|---|---|---|
| 1 | Ngân sách tỉnh | 30% |
| 2 | Nhà đầu tư | 70% |
"""


def test_a_table_titled_with_one_numbered_instance_does_not_list_the_kind(tmp_path) -> None:
    from assistant.answering.table_answers import _has

    assert not _has("giai doan", "phuong an tai chinh › giai doan 2: hop tac cong tu")
    assert not _has("phu luc", "phu luc iv")
    assert _has("giai doan", "cac giai doan trien khai")
    index = index_of_text(tmp_path, "de-an-stem.md", PHASES)
    r = Answerer(index).ask("Đề án được chia làm mấy giai đoạn?")
    assert "3 giai đoạn" in r.answer and not r.answer.startswith("Có 2"), r.answer



CALL = """# THÔNG BÁO TUYỂN SINH LỚP BỒI DƯỠNG NGHIỆP VỤ THƯ VIỆN NĂM 2026

## 1. Hồ sơ đăng ký

Phiếu đăng ký ghi rõ họ tên, đơn vị công tác, số điện thoại và email của học viên.

## 2. Liên hệ

Mọi thắc mắc về lớp học, đề nghị liên hệ: Ông Trần Văn Bình – Chuyên viên Phòng Tổ chức cán bộ.
"""


def test_a_phone_number_asked_of_a_contact_without_one_is_not_answered(tmp_path) -> None:
    """The notice names the person to contact, without his phone: "số điện thoại" asked is not answered with his
    line, nor with the line asking applicants for theirs."""
    index = index_of_text(tmp_path, "thong-bao-lop-thu-vien.md", CALL)
    assert not Answerer(index).ask("Có thắc mắc về lớp bồi dưỡng thư viện thì liên hệ ai?").abstained
    for question in ("Số điện thoại của chuyên viên liên hệ về lớp bồi dưỡng thư viện là bao nhiêu?",
                     "so dien thoai lien he lop boi duong thu vien"):
        r = Answerer(index).ask(question)
        assert r.abstained, r.answer


SURVEY = """TRƯỜNG ĐẠI HỌC SƯ PHẠM KỸ THUẬT

Số: 41/KH-ĐHSPKT

Thành phố Vĩnh Long, ngày 12 tháng 5 năm 2026

KẾ HOẠCH
Khảo sát việc làm của sinh viên tốt nghiệp năm 2026

I. MỤC ĐÍCH

Thu thập thông tin về việc làm của sinh viên tốt nghiệp để cải tiến chương trình đào tạo.

II. THỜI GIAN

Sinh viên trả lời phiếu khảo sát trực tuyến từ ngày 01/6/2026 đến ngày 30/6/2026.
"""


def test_who_signed_is_not_answered_from_the_text_when_no_signature_was_read(tmp_path) -> None:
    """The plan's header gives its number and date, no signature block: "ai ký" is not answered with its title or
    its header's other lines; the date it does give still is."""
    index = index_of_text(tmp_path, "ke-hoach-khao-sat-viec-lam.txt", SURVEY)
    for question in ("Kế hoạch khảo sát việc làm sinh viên do ai ký?",
                     "Ai ký kế hoạch khảo sát việc làm sinh viên tốt nghiệp?"):
        r = Answerer(index).ask(question)
        assert r.abstained, r.answer
    r = Answerer(index).ask("Kế hoạch khảo sát việc làm sinh viên ban hành ngày nào?")
    assert not r.abstained and "12/05/2026" in r.answer


def test_a_header_without_the_fact_asked_does_not_answer_with_its_other_lines(tmp_path) -> None:
    """A scanned plan whose signature was not read: its header (number, issuer, date) is the passage that best
    covers "ai ký kế hoạch … của Trường …", but none of its lines says who signed."""
    from dataclasses import replace

    from assistant.answering.fact_answers import FactAnswers

    index = index_of_text(tmp_path, "ke-hoach-khao-sat-viec-lam.txt", SURVEY)
    answerer = Answerer(index)
    asked = answerer.prepare(index, "Ai ký kế hoạch 41/KH-ĐHSPKT của Trường Đại học Sư phạm Kỹ thuật?", None, None)
    meta = next(u for u in index.units("ke-hoach-khao-sat-viec-lam") if u.kind == "meta")
    assert FactAnswers().run(replace(asked, hits=[meta])) is None
    dated = answerer.prepare(index, "Kế hoạch 41/KH-ĐHSPKT của Trường Đại học Sư phạm Kỹ thuật ban hành ngày nào?",
                             None, None)
    answer = FactAnswers().run(replace(dated, hits=[meta]))
    assert answer is not None and "12/05/2026" in answer.answer


ROOMS = """# ĐỀ ÁN TRIỂN KHAI GIÁO DỤC STEM GIAI ĐOẠN 2026 - 2028

## 1. Quy mô đầu tư

Phòng học STEM tiêu chuẩn: Số lượng phòng: 50.

Phòng học STEM cao cấp: Số lượng phòng: 20.

## 2. Thí điểm

Thí điểm câu lạc bộ STEM tại 10 trường trung học cơ sở.
"""


def test_which_schools_asked_is_not_answered_by_a_count_of_rooms(tmp_path) -> None:
    index = index_of_text(tmp_path, "de-an-stem.md", ROOMS)
    r = Answerer(index).ask("Phòng học STEM cao cấp được đặt ở những trường nào?")
    assert r.abstained, r.answer  # "Số lượng phòng: 20" names no school
    r = Answerer(index).ask("Đề án STEM thí điểm câu lạc bộ ở bao nhiêu trường?")
    assert not r.abstained and "10 trường" in r.answer


@pytest.mark.parametrize(("question", "answer", "none"), [
    ("Phó giám đốc nào phụ trách chuyển đổi số?", "Sở GDĐT chủ trì xây dựng chuyên mục chuyển đổi số.", True),
    ("Phó giám đốc nào phụ trách chuyển đổi số?", "Phó Giám đốc Trần Văn A phụ trách chuyển đổi số.", False),
    ("Những huyện nào được chọn thí điểm?", "Thí điểm tại 3 huyện Thanh Chương, Nam Đàn, Diễn Châu.", False),
    ("Những huyện nào được chọn thí điểm?", "Bố trí đủ ngân sách để triển khai thí điểm giai đoạn 1.", True),
    ("truong nao duoc dau tu phong STEM?", "THCS Lê Lợi: 1 phòng; THPT Hà Huy Tập: 2 phòng.", False),
    ("Cơ quan nào bố trí kinh phí?", "Sở Tài chính bố trí nguồn kinh phí.", False),  # "cơ quan" is no district
    ("Sản phẩm được bán ở thị trường nào?", "Xuất khẩu sang châu Âu.", False),  # nor "thị trường" a school
    # a company asked: a line that repeats "nhà đầu tư" or "vận động tài trợ" names none
    ("Nhà đầu tư góp 70% kinh phí ở giai đoạn 2 là doanh nghiệp nào?",
     "Bảng 5, dòng 2 (Nhà đầu tư): Nguồn kinh phí: Nhà đầu tư; Tỷ lệ đóng góp (%): 70%", True),
    ("Những doanh nghiệp nào tài trợ kinh phí cho chương trình này?",
     "Chịu trách nhiệm vận động tài trợ, hỗ trợ từ nguồn xã hội hóa để thực hiện chương trình.", True),
    ("Những doanh nghiệp nào tài trợ kinh phí cho chương trình này?",
     "Trải nghiệm hướng nghiệp tại khu công nghiệp, doanh nghiệp, công ty, cơ sở giáo dục đại học.", True),
    ("Bộ công cụ G-Robot là sản phẩm của công ty nào?",
     "Bộ công cụ G-Robot là sản phẩm sáng chế độc quyền của Công ty Cổ phần Gara STEM.", False),
])
def test_an_answer_naming_none_of_the_schools_districts_or_holders_asked(question: str, answer: str,
                                                                          none: bool) -> None:
    from assistant.answering.place_gate import names_none_asked
    from assistant.schemas import AskResponse

    asked = SimpleNamespace(query=SimpleNamespace(text=question))
    said = AskResponse(answer=answer, abstained=False, citations=[])
    assert names_none_asked(asked, said) is none  # type: ignore[arg-type]


FEES = """# THÔNG BÁO MỞ LỚP BỒI DƯỠNG KỸ NĂNG SỐ CHO GIÁO VIÊN NĂM 2026

## 1. Học phí

Học phí: 400.000 đồng/học viên.

Thông tin chuyển khoản: Đơn vị: Công ty Cổ phần Đào tạo Sao Mai

Số TK: 0071.0004.56789 Ngân hàng: Vietcombank - CN Sài Gòn

Thông tin xuất hóa đơn, vui lòng liên hệ cô Lê Thị Hoa – số điện thoại: 0903123456.
"""


def test_an_account_asked_is_answered_by_the_line_giving_it(tmp_path) -> None:
    assert wanted_type("chuyen khoan vao tai khoan nao vay?") == "account"
    assert wanted_type("Số tài khoản nhận học phí là số nào?") == "account"
    assert holds_kind("account", "Số TK: 1903.6854.902.011 Ngân hàng: Techcombank")
    assert not holds_kind("account", "Thông tin chuyển khoản: Đơn vị: Công ty Cổ phần Giáo dục KDI")
    index = index_of_text(tmp_path, "lop-ky-nang-so.md", FEES)
    r = Answerer(index).ask("Học phí lớp kỹ năng số chuyển khoản vào tài khoản của đơn vị nào, ngân hàng nào?")
    assert not r.abstained
    assert "0071.0004.56789" in r.answer and "Sao Mai" in r.answer  # the payee's line and the account after it
    assert not r.answer.startswith("Thông tin xuất hóa đơn")  # not the contact for invoices


def test_a_short_question_ending_in_vay_continues_the_conversation() -> None:
    history = [("user", "Học phí lớp bồi dưỡng kỹ năng số là bao nhiêu?"), ("assistant", "400.000 đồng/học viên.")]
    assert parse_query("chuyen khoan vao tai khoan nao vay?", history).follow_up
    assert parse_query("hạn chót nộp hồ sơ là khi nào thế?", history).follow_up
    assert not parse_query("chuyen khoan vao tai khoan nao vay?", []).follow_up  # nothing said before
    assert not parse_query("Có phải vay vốn để xây phòng học không?", history).follow_up  # "vay" (borrow) inside
