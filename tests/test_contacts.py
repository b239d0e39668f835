"""Contacts (issue 16): "gọi cho ai", "liên hệ ai, số điện thoại nào" are answered from the lines that give a
person, a phone number or an e-mail address, the announcing line ("… đề nghị liên hệ:") quoted with the person
after it, even where retrieval ranked those lines below the sentences that repeat the topic."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answerer import Answerer
from assistant.qa.kinds import wanted_type
from ingest.models import ParsedDocument
from ingest.pipeline import parse_path
from tests.fakes import FakeIndex

NOTICE = """SỞ GIÁO DỤC VÀ ĐÀO TẠO

TRUNG TÂM THÔNG TIN VÀ CHƯƠNG TRÌNH GIÁO DỤC

THÔNG BÁO

Về việc tổ chức lớp bồi dưỡng STEM tháng 12/2025

1. Đối tượng: giáo viên tiểu học và trung học cơ sở có nhu cầu bồi dưỡng về giáo dục STEM.

2. Thời gian: Thứ Bảy 13/12/2025 và Thứ Bảy 20/12/2025, học trực tuyến.

3. Học phí: 500.000 đồng/học viên; các đơn vị chuyển khoản trước ngày 10/12/2025.

Trung tâm hỗ trợ các đơn vị đăng ký lớp STEM qua đường dẫn của Trung tâm và hỗ trợ giáo viên trong suốt khóa học.

Trong quá trình thực hiện nếu có thông tin cần trao đổi hoặc hỗ trợ, đề nghị các đơn vị liên hệ:
Bà Đinh Thị Phương Thảo – Chuyên viên

Số điện thoại: (028) 38 291 875; email: dinhthao@hcm.edu.vn.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> FakeIndex:
    tmp: Path = tmp_path_factory.mktemp("contacts")
    (tmp / "thong-bao-lop-stem.txt").write_text(NOTICE, encoding="utf-8")
    doc: ParsedDocument = parse_path(tmp / "thong-bao-lop-stem.txt").document
    return FakeIndex(list(doc.units), [doc])


def test_contact_questions_are_recognised() -> None:
    assert wanted_type("Cần hỗ trợ về lớp STEM thì gọi cho ai?") == "contact"
    assert wanted_type("so dien thoai cua trung tam la gi") == "phone"  # a contact asked by its channel
    assert wanted_type("Học phí lớp STEM là bao nhiêu tiền?") == "money"


def test_the_person_to_contact_comes_with_the_line_announcing_them(index: FakeIndex) -> None:
    answer = Answerer(index).respond(index, "Cần hỗ trợ về lớp bồi dưỡng STEM thì liên hệ ai ở Trung tâm?")
    first = answer.answer.split("\n")[0]
    assert "đề nghị các đơn vị liên hệ: Bà Đinh Thị Phương Thảo – Chuyên viên" in first, answer.answer


def test_the_email_asked_comes_from_the_contact_whose_next_line_gives_it(tmp_path: Path) -> None:
    from assistant.qa.compose import Passage
    from assistant.qa.widen import with_channel

    text = NOTICE.replace("Trung tâm hỗ trợ các đơn vị", "Thông tin chuyển khoản, vui lòng liên hệ thầy Phan Nguyễn "
                          "Trúc Phương – số điện thoại: 0398845870 để được hướng dẫn.\n\nTrung tâm hỗ trợ các đơn vị")
    (tmp_path / "tb.txt").write_text(text, encoding="utf-8")
    units = list(parse_path(tmp_path / "tb.txt").document.units)
    teacher = next(u for u in units if "thầy Phan" in u.text)
    expert = next(u for u in units if "Bà Đinh" in u.text)
    ranked = [Passage(teacher, teacher.text, 0.54, 0), Passage(expert, expert.text, 0.47, 1)]
    out = with_channel(ranked, units, "email")
    assert [p.unit.id for p in out[:2]] == [expert.id, next(u for u in units if "dinhthao@" in u.text).id]
    assert with_channel(ranked, units, "phone")[0].unit.id == teacher.id  # the teacher's line gives a phone
