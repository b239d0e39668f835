"""Counts and lists over a table whose header names no kind of thing (issue 16): "gồm bao nhiêu hạng mục"
counts the items of whatever the table lists; "mấy hạng mục về <topic>" counts those whose name speaks of the
topic, an abbreviation in a row ("PKQ") standing for the words the question spells ("phiếu kết quả")."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from tests.fakes import FakeIndex, index_of_text

REQUEST_MD = """# THÔNG BÁO

Mời chào giá gói thầu kết nối phần mềm xét nghiệm LIS với phần mềm bệnh viện HIS

## I. DANH MỤC DỊCH VỤ

| STT | Danh mục dịch vụ | Mô tả yêu cầu | Khối lượng | Đơn vị tính |
|---|---|---|---|---|
| 1 | Nâng cấp chức năng chữ ký số PKQ - Huyết học | Xuất kết quả ra file PDF và cho phép ký số | 1 | Gói |
| 2 | Kết nối HIS - Vi Sinh | Nhận chỉ định Vi Sinh từ phần mềm HIS | 1 | Gói |
| 3 | Chức năng sàng lọc sơ sinh | Nhập thông tin về trẻ | 1 | Gói |
| 4 | Chức năng chữ ký số PKQ - Tủ máu | Xuất kết quả ra file PDF và cho phép ký số | 1 | Gói |
| 5 | Quản lý kết quả Vi sinh | Quản lý thông tin bệnh phẩm và kết quả nuôi cấy | 1 | Gói |

## II. YÊU CẦU CHUNG

Thời hạn thực hiện hợp đồng: 06 tháng kể từ ngày ký hợp đồng. Phiếu kết quả (PKQ) được ký số trước khi in.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("req"), "moi-chao-gia.md", REQUEST_MD)


def test_items_of_a_list_counted_whatever_its_header(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Danh mục dịch vụ trong thông báo mời chào giá gồm bao nhiêu hạng mục?")
    assert answer.mode == "table" and answer.answer.startswith("Có 5 mục"), answer.answer


def test_a_topic_after_the_noun_narrows_the_rows(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Danh mục dịch vụ có mấy hạng mục về chức năng ký số phiếu kết quả?")
    assert answer.answer.startswith("Có 2 mục"), answer.answer
    assert "về chức năng ký số phiếu kết quả" in answer.answer  # the topic as the user wrote it
    assert {c.label.split(" (")[0] for c in answer.citations} == {"Bảng 1, dòng 1", "Bảng 1, dòng 4"}


def test_a_topic_narrows_a_list_too(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Thông báo mời chào giá có những hạng mục nào về kết nối HIS?")
    assert [c.label.split(" (")[0] for c in answer.citations] == ["Bảng 1, dòng 2"], answer.answer


SOFTWARE_MD = """# YÊU CẦU KỸ THUẬT

Thuê phần mềm quản lý bệnh viện

## Mô tả chức năng chi tiết

| STT | Tên phân hệ/chức năng |
|---|---|
| 1 | Quản lý hàng đợi, xếp hàng tự động |
| 1.1 | Hàng đợi tiếp nhận |
| 1.1.1 | Lấy số tiếp nhận |
| 1.2 | Hàng đợi khám bệnh |
| 1.2.1 | Danh sách khám bệnh |
| 2 | Báo cáo thống kê |
| 2.1 | Phiếu in |
| 2.1.1 | Phiếu nội soi |
| 2.1.2 | Phiếu nhập kho |
| 2.1.3 | Giấy ra viện |
| 2.2 | Báo cáo |
| 2.2.1 | Báo cáo doanh thu |
"""


@pytest.fixture(scope="module")
def software(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("sw"), "yeu-cau.md", SOFTWARE_MD)


def test_a_group_inside_a_group_named_by_the_question(software: FakeIndex) -> None:
    """"Mục phiếu in của phân hệ báo cáo thống kê": the rows of 2.1 inside 2, not all of 2; "mẫu phiếu" counts
    what rows of "Phiếu …" and "Giấy …" list (the word after the classifier "mẫu" names the group)."""
    answer = Answerer(software).respond(software, "Mục phiếu in của phân hệ báo cáo thống kê yêu cầu bao nhiêu mẫu phiếu?")
    assert answer.answer.startswith("Có 3 mẫu"), answer.answer  # counted as the question names them
    assert "Báo cáo doanh thu" not in answer.answer


def test_a_list_by_a_classified_noun(software: FakeIndex) -> None:
    """"Những loại hàng đợi nào" of a group whose own groups are "Hàng đợi …": those groups, with their rows."""
    answer = Answerer(software).respond(software, "Phân hệ quản lý hàng đợi xếp hàng tự động gồm những loại hàng đợi nào?")
    lines = answer.answer.splitlines()
    assert lines[0].startswith("Có 2 nhóm"), answer.answer
    assert lines[1].startswith("1. Hàng đợi tiếp nhận (1 mục: Lấy số tiếp nhận) — Bảng 1, mục 1 › 1.1 [1]")
    assert lines[2].startswith("2. Hàng đợi khám bệnh (1 mục: Danh sách khám bệnh)")
    assert "Phiếu nội soi" not in answer.answer
    count = Answerer(software).respond(software, "Phân hệ quản lý hàng đợi xếp hàng tự động có bao nhiêu loại hàng đợi?")
    assert count.answer.startswith("Có 2 nhóm"), count.answer


@pytest.mark.parametrize(("question", "noun"), [
    ("Tháng 12/2025 Trung tâm khai giảng mấy lớp STEM?", "lớp"),
    ("Kế hoạch có bao nhiêu nhiệm vụ?", "nhiệm vụ"),  # a word of two syllables, whole
    ("Đề án có mấy dự án thành phần?", "dự án"),
    ("bao nhieu truong pho thong duoc dau tu", "truong"),  # as typed, without diacritics
    ("Những trường nào được đầu tư?", "trường"),
])
def test_a_count_is_given_in_the_noun_the_question_counts(question: str, noun: str) -> None:
    from assistant.qa.query import noun_as_asked, open_entity
    from ingest.text import fold

    assert noun_as_asked(question, open_entity(fold(question))[1]) == noun


def test_a_measure_then_a_count_counts_the_second_noun() -> None:
    """"… tối thiểu bao nhiêu và chia làm mấy không gian": the first "bao nhiêu" measures; "và" is counted by
    nothing (it was: "Có 21 và, theo Bảng 2")."""
    from assistant.qa.query import open_entity
    from ingest.text import fold

    q = "Một phòng STEM lab tiêu chuẩn cần diện tích tối thiểu bao nhiêu và chia làm mấy không gian?"
    assert open_entity(fold(q)) == ("count", "khong gian")


SIGNING_MD = """# YÊU CẦU KỸ THUẬT

Nhà thầu bố trí kỹ thuật viên trực hỗ trợ phần mềm tại bệnh viện

## Mô tả chức năng chi tiết

| STT | Tên phân hệ/chức năng |
|---|---|
| 1 | Chữ ký số |
| 1.1 | Ký số phiếu khám |
| 1.2 | Ký số đơn thuốc |
| 1.3 | Ký số giấy ra viện |
"""


def test_a_noun_of_several_syllables_is_never_matched_by_its_first(tmp_path) -> None:
    """"bao nhiêu kỹ thuật viên" over a table of signing functions ("Chữ ký số"): not a count of its rows (it was
    "Có 737 kỹ thuật viên" over a software's function table, matched by the syllable "ky")."""
    index = index_of_text(tmp_path, "yeu-cau-ky-so.md", SIGNING_MD)
    answer = Answerer(index).respond(index, "Nhà thầu phải bố trí bao nhiêu kỹ thuật viên trực hỗ trợ tại bệnh viện?")
    assert not answer.answer.startswith("Có 3"), answer.answer
    rows = Answerer(index).respond(index, "Phân hệ chữ ký số có bao nhiêu chức năng ký số?")
    assert rows.answer.startswith("Có 3"), rows.answer  # a count the table does answer still is
