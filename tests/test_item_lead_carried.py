"""Issue 16, round 28: an item of a list that did not fit its announcement's unit is quoted with the announcement
it carries as context ("c) Tuyển thẳng vào trường PTDTNT các đối tượng sau: … Học sinh trung học cơ sở … đạt giải
cấp quốc gia …"): alone it does not say what it is one of ("được xét theo diện nào?"). A small document the test
writes, in the shape of the procedure page of the development corpus (a long announced list)."""

from __future__ import annotations

from pathlib import Path

from assistant.answerer import Answerer
from ingest.units import carried_lead
from tests.fakes import index_of_text

LONG = ("đạt giải cấp quốc gia do Bộ Giáo dục và Đào tạo tổ chức hoặc phối hợp với các Bộ và cơ quan ngang bộ tổ chức "
        "trên quy mô toàn quốc đối với các cuộc thi, kì thi, hội thi về văn hóa, văn nghệ, thể thao, cuộc thi nghiên "
        "cứu khoa học, kỹ thuật")
TEXT = ("KẾ HOẠCH TUYỂN SINH\n\n1. Tổ chức tuyển sinh\n\n"
        "c) Tuyển thẳng vào trường phổ thông dân tộc nội trú các đối tượng sau:\n\n"
        "- Học sinh dân tộc thiểu số rất ít người quy định tại Nghị định số 57/2017/NĐ-CP ngày 09 tháng 5 năm 2017 "
        "của Chính phủ, cư trú tại các xã đặc biệt khó khăn theo quy định hiện hành của Thủ tướng Chính phủ;\n\n"
        f"- Học sinh trung học cơ sở thuộc đối tượng tuyển sinh {LONG}; học sinh đạt giải cuộc thi quốc tế do Bộ "
        "trưởng Bộ Giáo dục và Đào tạo quyết định chọn cử, tham gia đầy đủ các vòng thi theo quy định;\n\n"
        "- Học sinh khuyết tật thuộc đối tượng tuyển sinh có xác nhận của cơ quan có thẩm quyền về mức độ khuyết "
        "tật theo quy định của pháp luật về người khuyết tật và các văn bản hướng dẫn thi hành có liên quan.\n")


def test_an_item_after_its_announcements_unit_carries_the_announcement(tmp_path: Path) -> None:
    index = index_of_text(tmp_path, "tuyen-sinh.txt", TEXT)
    item = next(u for u in index.units() if "giải cấp quốc gia" in u.text)
    assert not item.text.startswith("c)")  # the announcement is in the unit before (the list did not fit one unit)
    assert carried_lead(item) == "c) Tuyển thẳng vào trường phổ thông dân tộc nội trú các đối tượng sau"
    first = next(u for u in index.units() if u.text.startswith("c) Tuyển thẳng"))
    assert carried_lead(first) == ""  # the announcement's own unit carries none


def test_the_answer_quotes_the_item_with_its_announcement(tmp_path: Path) -> None:
    index = index_of_text(tmp_path, "tuyen-sinh.txt", TEXT)
    r = Answerer(index).ask("Học sinh THCS đạt giải quốc gia cuộc thi văn nghệ do Bộ Giáo dục và Đào tạo tổ chức được "
                            "tuyển sinh thế nào?")
    assert not r.abstained
    assert "Tuyển thẳng vào trường phổ thông dân tộc nội trú các đối tượng sau: … " in r.answer
