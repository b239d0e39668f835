"""Structure (issue 16, round 13): a series of unnumbered headings ("Nội dung 1.", "Nội dung 2:") with numbered items
under each; a table of contents, which is no table of the plan's; a unit that is only its heading; a field labelled
with what the question word asks for ("Đối tượng tham gia" for "những ai"); the recipients' line asked where the
document is filed or why a recipient gets it. Small documents the tests write, worded like the development
documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answerer import Answerer
from assistant.answering.document_facts import asked_fields
from assistant.qa.compose import bare_heading, field_label_asked
from ingest.pipeline import parse_path
from ingest.structure import is_table_of_contents
from ingest.text import fold
from tests.fakes import FakeIndex, index_of_text

PROJECT = """# ĐỀ ÁN GIÁO DỤC STEM GIAI ĐOẠN 2025 - 2030

| | Trang |
|---|---|
| PHẦN I. SỰ CẦN THIẾT | 3 |
| I. Quan điểm | 5 |
| Nội dung 1. Đầu tư Phòng học STEM | 7 |
| Nội dung 2: Đào tạo giáo viên và chuyển giao công nghệ STEM | 9 |
| PHẦN II. TỔ CHỨC THỰC HIỆN | 12 |

## IV. Nội dung của đề án

Đề án bao gồm các nội dung chính sau:

- Đầu tư phòng học STEM tiêu chuẩn cho các trường;
- Đào tạo giáo viên và chuyển giao công nghệ STEM;
- Tổ chức Ngày hội STEM ở các trường.

**Nội dung 1. Đầu tư Phòng học STEM**

**Mô hình tiêu chuẩn của phòng STEM**

Mỗi phòng STEM rộng 60 - 80 m2, trang bị bàn ghế, máy tính và bộ thiết bị thực hành.

**Nội dung 2: Đào tạo giáo viên và chuyển giao công nghệ STEM**

***1. Mục tiêu đào tạo***

Nâng cao nhận thức và kỹ năng dạy học STEM qua các khóa đào tạo ngắn hạn.

2. Đối tượng tham gia: Lãnh đạo Phòng, chuyên viên phụ trách, CBQL cấp trường và giáo viên trực tiếp giảng dạy.

3. Phương thức đào tạo: Tập trung

**Nội dung 3. Tổ chức Ngày hội STEM**

Tổ chức Ngày hội STEM ở các trường mỗi năm một lần.

| STT | Nội dung chi | Thành tiền (triệu đồng) |
|---|---|---|
| 1 | Ngày hội STEM | 120 |
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("project"), "de-an-stem.md", PROJECT)


def test_numbered_items_go_under_the_heading_of_their_series(tmp_path: Path) -> None:
    (tmp_path / "de-an-stem.md").write_text(PROJECT, encoding="utf-8")
    units = parse_path(tmp_path / "de-an-stem.md").document.units
    who = next(u for u in units if "Lãnh đạo Phòng" in u.text)
    assert "Nội dung 2: Đào tạo giáo viên" in str(who.metadata["path"])
    # the next heading of the series is its sibling, not a heading under item 3
    feast = next(u for u in units if "mỗi năm một lần" in u.text)
    assert "Phương thức đào tạo" not in str(feast.metadata["path"])
    assert "Nội dung 3. Tổ chức Ngày hội STEM" in str(feast.metadata["path"])


def test_a_table_of_contents_is_left_out_and_the_tables_after_it_keep_their_numbers(project: FakeIndex) -> None:
    rows = [["", "Trang"], ["PHẦN I. SỰ CẦN THIẾT", "3"], ["I. Quan điểm", "5"], ["Nội dung 1. Đầu tư", "7"],
            ["PHẦN II. TỔ CHỨC", "12"]]
    assert is_table_of_contents(rows)
    assert not is_table_of_contents([["STT", "Nội dung chi", "Thành tiền"], ["1", "Ngày hội STEM", "120"],
                                     ["2", "Tập huấn", "80"], ["3", "Thiết bị", "300"], ["4", "Khác", "20"]])
    assert not is_table_of_contents([["Năm", "Số trường"], ["Năm 2023", "12"], ["Năm 2024", "10"], ["Năm 2025", "15"],
                                     ["Năm 2026", "20"]])  # no headings, and the numbers go back
    units = project.units("de-an-stem")
    assert not [u for u in units if u.kind == "row" and "Trang" in u.text]
    assert [u.citation().label for u in units if u.kind == "row"] == ["Bảng 2, dòng 1 (Ngày hội STEM)"]


def test_a_unit_that_is_only_its_heading_is_passed_over(project: FakeIndex) -> None:
    heading = next(u for u in project.units("de-an-stem") if u.text.strip(" *") ==
                   "Nội dung 2: Đào tạo giáo viên và chuyển giao công nghệ STEM")
    assert bare_heading(heading)
    q = fold("Những ai được tham gia khóa đào tạo giáo viên và chuyển giao công nghệ STEM?")
    assert field_label_asked("2. Đối tượng tham gia: Lãnh đạo Phòng", q)
    assert not field_label_asked("Thời gian: năm 2025", fold("tổ chức khi nào"))  # nothing the question says
    r = Answerer(project).ask("Những ai được tham gia khóa đào tạo giáo viên và chuyển giao công nghệ STEM?")
    assert not r.abstained
    assert r.answer.startswith("Đối tượng tham gia: Lãnh đạo Phòng")  # not the heading, not the item before it


def test_the_recipients_line_answers_where_the_document_is_filed_and_why_it_is_sent() -> None:
    assert asked_fields(fold("Công văn lịch bồi dưỡng STEM được lưu tại đâu?")) == ("Nơi nhận", "Kính gửi")
    assert asked_fields(fold("Công văn này gửi Ban Giám đốc Sở để làm gì?")) == ("Nơi nhận", "Kính gửi")
    # a passage's own filing ("phiếu kết quả … được lưu ở đâu") and a report sent somewhere are the text's
    assert asked_fields(fold("Theo thông báo, phiếu kết quả sau khi ký số được lưu ở đâu?")) == ()
    assert asked_fields(fold("Kế hoạch gửi báo cáo về Sở để làm gì?")) == ()


def test_a_list_the_text_announces_is_not_sought_in_a_table(project: FakeIndex) -> None:
    """"những nội dung chính nào": the text says "bao gồm các nội dung sau:"; the spending table, whose column is
    "Nội dung chi", lists something else."""
    r = Answerer(project).ask("Đề án gồm những nội dung chính nào?")
    assert not r.abstained
    assert r.mode != "table" and "Bảng 2" not in r.answer
    assert "bao gồm các nội dung chính sau" in r.answer and "Đào tạo giáo viên" in r.answer


def test_a_sentence_set_in_bold_is_no_heading() -> None:
    from ingest.models import Block
    from ingest.structure import recover

    blocks = [Block(kind="para", text="3. Học phí và hình thức thanh toán", bold=True, page=1),
              Block(kind="para", text="Học phí: 500.000 đồng/học viên.", page=1),
              Block(kind="para", text="Thông tin chuyển khoản và yêu cầu xuất hóa đơn, vui lòng liên hệ thầy Phan "
                                      "Nguyễn Trúc Phương – số điện thoại: 0398845870 để được hướng dẫn chi tiết.",
                    bold=True, page=1),
              Block(kind="para", text="Trung tâm kính mong Thủ trưởng các đơn vị triển khai nội dung này.", page=1),
              Block(kind="para", text="Danh sách lớp học", bold=True, page=1),
              Block(kind="para", text="Lớp STEM tiểu học khai giảng ngày 13/12/2025.", page=1)]
    doc = recover(blocks, "cv", "cv.pdf")
    assert [s.title for s in doc.sections] == ["Học phí và hình thức thanh toán", "Danh sách lớp học"]
    assert [p.text[:15] for p in doc.sections[0].paragraphs] == ["Học phí: 500.00", "Thông tin chuyể",
                                                                 "Trung tâm kính "]


SCHEDULE = """# KẾ HOẠCH TỔ CHỨC CUỘC THI Ý TƯỞNG KHỞI NGHIỆP CẤP TRƯỜNG

## V. LỊCH CHI TIẾT TỔ CHỨC

Tuần 1 (15-21/11) – Giai đoạn “Tuyên truyền và đăng ký”:

- 15/11: Phát động cuộc thi qua loa, Fanpage.
- 17/11: Họp giáo viên phân công hướng dẫn, phát tài liệu.

Tuần 2 (22-28/11) – Giai đoạn “Hình thành ý tưởng”:

- 22/11: Thành lập Câu lạc bộ Khởi nghiệp.
- 25/11: Hạn đăng ký nhóm; hướng dẫn Business Model Canvas.

Các lớp báo cáo kết quả về Đoàn trường.

- 30/11: Tập huấn kỹ năng trình bày.
"""


def test_items_after_an_announcing_line_carry_it_as_context(tmp_path: Path) -> None:
    # "Tuần 2 …:" announces the items under it: each item's unit is indexed with it (embed_text), its quoted text
    # stays the item as written; an item after a plain paragraph carries no announcement
    path = tmp_path / "kh-cuoc-thi.md"
    path.write_text(SCHEDULE, encoding="utf-8")
    units = {u.text.split("\n")[-1]: u for u in parse_path(path).document.units if u.kind == "section"}
    item = units["- 25/11: Hạn đăng ký nhóm; hướng dẫn Business Model Canvas."]
    assert "Tuần 2 (22-28/11) – Giai đoạn “Hình thành ý tưởng”" in item.embed_text
    assert "Tuần" not in item.text
    assert "Tuần 1" in units["- 17/11: Họp giáo viên phân công hướng dẫn, phát tài liệu."].embed_text
    assert "Tuần" not in units["- 30/11: Tập huấn kỹ năng trình bày."].embed_text
