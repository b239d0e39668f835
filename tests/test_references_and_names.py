"""Round 13 of issue 16: follow-ups pointing at an instrument the conversation named ("Nghị định đó ban hành ngày
nào?"), places and institutions a document never names while its answer names another, an office asked for and a
line naming only its deputy, degrees before a name that are no sentence end, and a numbered heading whose dashes
were counted as words. Small documents the tests write, worded like the development documents."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.qa.compose import _SPLIT, deputy_only
from assistant.qa.places import named_places
from assistant.qa.query import parse_query
from assistant.qa.reference import resolve_reference
from ingest.text import fold, tokens
from tests.fakes import FakeIndex, index_of_text

NOTICE = """# CÔNG VĂN VỀ LỊCH BỒI DƯỠNG GIÁO VIÊN DẠY HỌC STEM THÁNG 12 NĂM 2025

## I. Căn cứ

Căn cứ Công văn số 1910/SGDĐT-GDTH ngày 24 tháng 4 năm 2023 của Sở Giáo dục và Đào tạo về hướng dẫn tổ chức \
hoạt động giáo dục STEM, theo Công văn số 909/BGDĐT-GDTH ngày 08/3/2023 của Bộ Giáo dục và Đào tạo.

## II. Lịch bồi dưỡng

Lớp Phương pháp dạy học STEM học trực tuyến vào thứ Bảy ngày 13/12/2025, học phí 500.000 đồng mỗi học viên.
"""

PROJECT = """# ĐỀ ÁN GIÁO DỤC STEM CẤP TỈNH GIAI ĐOẠN 2025 - 2030

## I. Thực trạng

1. Tại huyện Thanh Chương, hiện nay có 15 trường THCS, 11 trường Tiểu học thành lập được các câu lạc bộ STEM.

2. Các trường còn lại chưa có câu lạc bộ STEM do thiếu giáo viên được bồi dưỡng.
"""

PROGRAM = """KẾ HOẠCH TỔ CHỨC CHƯƠNG TRÌNH HƯỚNG NGHIỆP - TUYỂN SINH NĂM HỌC 2025 - 2026

I. NỘI DUNG CHƯƠNG TRÌNH

1. Danh sách chuyên gia, báo cáo viên

1.1. Phần tư vấn khối ngành Kinh tế - Chính trị - Pháp luật
- ThS. Phạm Doãn Nguyên, Phó Hiệu trưởng Trường Đại học Hoa Sen;
- PGS.TS. Nguyễn Văn Thụy, Trưởng phòng Tuyển sinh và Truyền thông, Trường Đại học Ngân hàng TP.HCM;
- ThS. Vũ Đình Lê, Phó Giám đốc Trung tâm Tư vấn Tuyển sinh Trường Đại học Luật TP.HCM.

II. TỔ CHỨC THỰC HIỆN

1. Ban Tổ chức
- Ông Trần Văn Mạnh, Phó Tổng Biên tập Tạp chí Giáo dục, Phó Trưởng ban thường trực Ban Tổ chức;
- Ông Nguyễn Thanh Tú, Tổng Biên tập Tạp chí Giáo dục, Trưởng ban Ban Tổ chức;
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("notice"), "lich-boi-duong-stem.md", NOTICE)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("project"), "de-an-stem.md", PROJECT)


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("program"), "ke-hoach-huong-nghiep.txt", PROGRAM)


def test_an_instrument_pointed_at_is_the_one_the_conversation_named() -> None:
    history = [("user", "Công văn 1910 thực hiện theo công văn nào của Bộ?"),
               ("assistant", "Theo Công văn số 909/BGDĐT-GDTH của Bộ Giáo dục và Đào tạo.")]
    assert resolve_reference("Công văn đó của Bộ ký ngày nào?", history) == \
        "Công văn số 909/BGDĐT-GDTH của Bộ ký ngày nào?"
    assert resolve_reference("Thông tư ấy do ai ban hành?", [("assistant", "Ban hành kèm Thông tư 04/2023/TT-BGDĐT.")]) \
        == "Thông tư 04/2023/TT-BGDĐT do ai ban hành?"
    # "này" is the document itself; two instruments of the kind in one turn: which one is not known
    assert resolve_reference("Công văn này gửi ai?", history) == "Công văn này gửi ai?"
    two = [("assistant", "Theo Công văn số 909/BGDĐT-GDTH và Công văn 1910/SGDĐT-GDTH.")]
    assert resolve_reference("Công văn đó ký ngày nào?", two) == "Công văn đó ký ngày nào?"
    assert resolve_reference("Nghị định đó ban hành ngày nào?", history) == "Nghị định đó ban hành ngày nào?"
    # pointing at an instrument makes a follow-up, however long the question
    assert parse_query("Công văn đó của Bộ ký ngày nào?", history).follow_up


def test_a_follow_up_about_the_instrument_named_is_answered_from_the_text_citing_it(notice: FakeIndex) -> None:
    history = [("user", "Công văn lịch bồi dưỡng STEM căn cứ công văn 1910, công văn 1910 thực hiện theo công văn nào "
                        "của Bộ?"),
               ("assistant", "Theo Công văn số 909/BGDĐT-GDTH của Bộ Giáo dục và Đào tạo.")]
    r = Answerer(notice).ask("Công văn đó của Bộ ký ngày nào?", history)
    assert not r.abstained
    assert "08/3/2023" in r.answer


def test_a_district_the_document_never_names_is_not_answered_with_another_ones_figure(project: FakeIndex) -> None:
    assert named_places("huyện Quỳnh Lưu có bao nhiêu trường", local=True) == ["Quỳnh Lưu"]
    r = Answerer(project).ask("Theo đề án STEM, huyện Quỳnh Lưu hiện có bao nhiêu trường đã thành lập câu lạc bộ STEM?")
    assert r.abstained
    r = Answerer(project).ask("Theo đề án STEM, huyện Thanh Chương hiện có bao nhiêu trường đã thành lập câu lạc bộ "
                              "STEM?")
    assert not r.abstained and "15 trường THCS" in r.answer


def test_a_university_the_document_never_names_is_not_answered_with_another_ones_expert(program: FakeIndex) -> None:
    # "Dược" of "Y Dược" is a name's syllable, not "được" (folded, they are one word)
    assert named_places("đại diện Trường Đại học Y Dược TP.HCM là ai", local=True) == ["Y Dược"]
    assert Answerer(program).ask("Ai là đại diện Trường Đại học Y Dược TP.HCM trong phần tư vấn?").abstained
    r = Answerer(program).ask("Trong phần tư vấn khối ngành Kinh tế, đại diện Trường Đại học Ngân hàng TP.HCM là ai?")
    assert not r.abstained
    assert "PGS.TS. Nguyễn Văn Thụy" in r.answer  # the degrees before the name are no sentence end


def test_degrees_before_a_name_end_no_statement() -> None:
    assert _SPLIT.split("- PGS.TS. Nguyễn Văn Thụy, Trưởng phòng. Ông B ký. BS.CKII. Phạm Thanh Hải duyệt.") == \
        ["- PGS.TS. Nguyễn Văn Thụy, Trưởng phòng.", "Ông B ký.", "BS.CKII. Phạm Thanh Hải duyệt."]


def test_an_office_asked_for_is_not_answered_by_its_deputy(program: FakeIndex) -> None:
    q = fold("Ai là Trưởng ban Tổ chức chương trình?")
    assert deputy_only("Ông Trần Văn Mạnh, Phó Tổng Biên tập, Phó Trưởng ban thường trực;", q)
    assert not deputy_only("Ông Nguyễn Thanh Tú, Tổng Biên tập, đồng Trưởng ban;", q)
    assert not deputy_only("Ông Trần Văn Mạnh, Phó Trưởng ban;", fold("Ai là Phó Trưởng ban?"))
    r = Answerer(program).ask("Ai là Trưởng ban Tổ chức?")
    assert not r.abstained
    assert r.answer.startswith("Ông Nguyễn Thanh Tú")  # the deputy, listed first, comes after if at all


def test_a_numbered_heading_with_dashes_is_a_heading(program: FakeIndex) -> None:
    """"1.1. Phần tư vấn khối ngành Kinh tế - Chính trị - Pháp luật" is 11 words and 2 dashes: a heading, in the path of
    the experts listed under it."""
    expert = next(u for u in program.units("ke-hoach-huong-nghiep") if "Nguyễn Văn Thụy" in u.text)
    assert "Phần tư vấn khối ngành Kinh tế - Chính trị - Pháp luật" in str(expert.metadata["path"])


def test_fold_and_tokens_keep_their_results() -> None:
    assert fold("Hòa Đồng – “Khỏe” ñ") == "hoa dong – “khoe” n"
    first = tokens("Kinh phí 1.500.000 đồng")
    first.append("x")  # a caller's list is its own: the cached syllables do not change
    assert tokens("Kinh phí 1.500.000 đồng") == ["kinh", "phi", "1500000", "dong"]


EDITION = """# KẾ HOẠCH TỔ CHỨC CHƯƠNG TRÌNH HƯỚNG NGHIỆP - TUYỂN SINH LẦN THỨ 18 NĂM HỌC 2025 - 2026

## I. MỤC ĐÍCH, YÊU CẦU

Căn cứ Chỉ thị số 29-CT/TW ngày 05 tháng 01 năm 2024 về phân luồng học sinh.

## II. NỘI DUNG

1. Số lượng học sinh tham dự: dự kiến khoảng 150.000 học sinh.
"""


def test_an_edition_or_school_year_the_document_never_names_is_not_answered(tmp_path) -> None:
    from assistant.qa.editions import edition_outside

    doc = [fold(line) for line in EDITION.splitlines()]
    assert edition_outside(fold("chương trình lần thứ 17 có bao nhiêu học sinh?"), doc)
    assert edition_outside(fold("năm học 2024-2025 có bao nhiêu học sinh?"), doc)  # 2024 and 2025 are named apart
    assert not edition_outside(fold("năm học 2025-2026 có bao nhiêu học sinh?"), doc)
    assert not edition_outside(fold("lần thứ 18 có bao nhiêu học sinh?"), doc)
    index = index_of_text(tmp_path, "ke-hoach-huong-nghiep.md", EDITION)
    assert Answerer(index).ask("Chương trình hướng nghiệp - tuyển sinh lần thứ 17 năm học 2024-2025 có bao nhiêu học "
                               "sinh tham dự?").abstained
    r = Answerer(index).ask("Chương trình hướng nghiệp - tuyển sinh năm học 2025-2026 có bao nhiêu học sinh tham dự?")
    assert not r.abstained and "150.000" in r.answer


def test_a_website_asked_for_is_the_line_with_the_link(tmp_path) -> None:
    from assistant.qa.kinds import wanted_type

    assert wanted_type("Muốn xem chi tiết thủ tục trên Cổng dịch vụ công thì vào trang nào?") == "address"
    assert wanted_type("Đăng ký qua đường dẫn nào?") == "address"
    assert wanted_type("Nội dung này ở mục nào?") != "address"
    procedure = ("# THỦ TỤC XÉT TUYỂN SINH VÀO TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ\n\n"
                 "## 1. Trình tự thực hiện\n\nSở Giáo dục và Đào tạo lập kế hoạch tuyển sinh, trình Ủy ban nhân dân "
                 "cấp tỉnh phê duyệt.\n\n## 2. Thông tin thủ tục\n\nTên thủ tục: Xét tuyển sinh vào trường phổ thông "
                 "dân tộc nội trú\n\nĐể xem chi tiết thủ tục hành chính trên Cổng dịch vụ công, vui lòng truy cập link sau: "
                 "https://thutuc.dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=7108\n")
    index = index_of_text(tmp_path, "thu-tuc-xet-tuyen.md", procedure)
    r = Answerer(index).ask("Muốn xem chi tiết thủ tục xét tuyển sinh trên Cổng dịch vụ công thì vào trang nào?")
    assert not r.abstained and r.answer.startswith("Để xem chi tiết thủ tục hành chính")
