"""Issue 16, round 26 (also: recipients asked by the purpose they are sent for; a quantity or a form's number is no
count of people): the people of a list who belong to a body the question names ("những ai thuộc Phòng Giáo dục
Phổ thông Sở GDĐT") are every line of the list naming it, each cited; the list the question names ("Ban Tổ chức")
before another list of the same document. Also: a heading named by its whole title ("mục tiêu công việc … là gì")
quoted with all its paragraphs."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.answering.members import asked_body
from ingest.text import fold
from tests.fakes import FakeIndex, index_of_text

PLAN = """# KẾ HOẠCH LIÊN TỊCH

Tổ chức chương trình tư vấn hướng nghiệp, tuyển sinh năm học 2025-2026.

## III. TỔ CHỨC THỰC HIỆN

### 1. Ban Chỉ đạo

- Ông Nguyễn Văn Hiếu, Giám đốc Sở GDĐT, Trưởng ban;
- Ông Lê Hoài Nam, Phó Giám đốc Sở GDĐT, Phó Trưởng ban;
- Bà Lâm Hồng Lãm Thúy, Trưởng phòng Giáo dục Phổ thông Sở GDĐT, Thành viên;

### 2. Ban Tổ chức

- Ông Nguyễn Thanh Tú, Tổng Biên tập Tạp chí Giáo dục TP.HCM, Trưởng ban;
- Bà Lâm Hồng Lãm Thúy, Trưởng phòng Giáo dục Phổ thông Sở GDĐT, Phó Trưởng ban;
- Ông Võ Đông Duy, Trưởng phòng Giáo dục Thường xuyên - Nghề nghiệp và Đại học Sở GDĐT, Phó Trưởng ban;
- Ông Trần Ngọc Huy, Phó Trưởng phòng Giáo dục Phổ thông Sở GDĐT, Phó Trưởng ban;
- Ông Trần Thanh Phong, Chuyên viên Phòng Giáo dục Phổ thông Sở GDĐT, Thành viên;
- Ông Nguyễn Minh Hưng, Chuyên viên phòng Học sinh, sinh viên Sở GDĐT, Thành viên.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("members"), "ke-hoach-lien-tich.md", PLAN)


def test_the_body_asked() -> None:
    assert asked_body(fold("Trong Ban Tổ chức, những ai thuộc Phòng Giáo dục Phổ thông Sở GDĐT?")) == \
        "phong giao duc pho thong so gddt"
    assert asked_body(fold("nhung ai thuoc phong hoc sinh sinh vien trong ban to chuc?")) == "phong hoc sinh sinh vien"
    assert asked_body(fold("Ai là trưởng ban tổ chức?")) == ""  # one person by role: the fact answers
    assert asked_body(fold("Những ai thuộc Sở?")) == ""  # one word names no body


def test_every_member_of_the_body_in_the_list_named(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Trong Ban Tổ chức, những ai thuộc Phòng Giáo dục Phổ thông Sở GDĐT?")
    assert not answer.abstained, answer.answer
    lines = answer.answer.split("\n")
    assert lines[0].startswith("3 người thuộc Phòng Giáo dục Phổ thông Sở GDĐT"), answer.answer
    for name in ("Lâm Hồng Lãm Thúy", "Trần Ngọc Huy", "Trần Thanh Phong"):
        assert any(name in line for line in lines[1:]), answer.answer
    assert "Võ Đông Duy" not in answer.answer and "Nguyễn Văn Hiếu" not in answer.answer
    assert len(answer.citations) == 3


def test_the_other_list_when_it_is_named(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Trong Ban Chỉ đạo, những ai thuộc Sở GDĐT?")
    assert "Nguyễn Văn Hiếu" in answer.answer and "Trần Thanh Phong" not in answer.answer, answer.answer


def test_recipients_asked_by_the_purpose_they_are_sent_for() -> None:
    from assistant.answering.document_facts import asked_fields

    assert asked_fields(fold("Công văn được gửi để phối hợp thực hiện tới những phòng nào của Sở?")) == (
        "Nơi nhận", "Kính gửi")
    assert asked_fields(fold("Báo cáo kết quả gửi về Sở trước ngày nào?")) == ()  # a report the body sends


def test_a_heading_named_by_its_whole_title_is_quoted_whole(tmp_path) -> None:
    text = """# CHƯƠNG V. YÊU CẦU KỸ THUẬT

## 1. Giới thiệu chung

Dự toán/gói thầu: Thuê phần mềm Quản lý bệnh viện năm 2026.

## 2. Mục tiêu công việc

Phần mềm quản lý bệnh viện: Quản lý hoạt động với các số liệu trực tuyến theo thời gian thực.

Tối ưu hoạt động phòng bệnh, khám chữa bệnh theo hướng nâng cao công suất, hiệu suất công việc.

## 3. Yêu cầu về bảo hành

Nhà thầu bảo hành phần mềm trong suốt thời gian thuê.
"""
    index = index_of_text(tmp_path, "hsmt.md", text)
    answer = Answerer(index).respond(index, "Theo yêu cầu kỹ thuật gói thuê phần mềm, mục tiêu công việc của gói thầu là gì?")
    assert "số liệu trực tuyến" in answer.answer and "nâng cao công suất" in answer.answer, answer.answer
    assert "bảo hành" not in answer.answer


def test_a_quantity_or_a_forms_number_is_no_count_of_pupils() -> None:
    from assistant.answering.fact_answers import lacks_asked_value

    asked = fold("Cả nước có bao nhiêu học sinh bán trú được hưởng hỗ trợ gạo?")
    assert lacks_asked_value(asked, ["đ) Hỗ trợ gạo: Mỗi học sinh được hỗ trợ mỗi tháng 15 kg gạo.",
                                     "Dự toán hỗ trợ gạo cho học sinh bán trú (theo Mẫu số 07) quy định tại Phụ lục."])
    assert not lacks_asked_value(asked, ["Năm học 2024-2025 có 1.250 học sinh bán trú được hỗ trợ gạo."])
    assert not lacks_asked_value(asked, ["Số học sinh bán trú được hỗ trợ gạo: 1.250 em."])


def test_a_kind_of_document_asked_is_named_by_the_answer() -> None:
    from assistant.answering.fact_answers import lacks_asked_value

    asked = fold("Công văn yêu cầu báo cáo kết quả rà soát theo biểu mẫu của thông tư nào?")
    assert lacks_asked_value(asked, ["Kế hoạch rà soát gửi về UBND tỉnh trước ngày 05/01/2012 để tổng hợp, báo cáo."])
    assert not lacks_asked_value(asked, ["Báo cáo theo biểu mẫu ban hành kèm theo Thông tư số 07/2014/TT-BTP."])
