"""How users word questions the documents word otherwise (issue 16, from the round-3 development questions):
an alternative the asker offers in a word no document uses ("trực tiếp hay online"), a row asked "thuộc phân hệ nào" whose group only its
number names, "gồm bao nhiêu chương trình" as a question about the parts."""

from __future__ import annotations

import pytest

from assistant.qa.compose import offered_words, row_heading
from assistant.qa.kinds import wanted_type
from ingest.models import Unit


@pytest.mark.parametrize(("question", "offered"), [
    ("Lớp STEM học trực tiếp hay online, học từ mấy giờ?", {"truc", "tiep", "online"}),
    ("Hồ sơ nộp bản giấy hay bản điện tử?", {"ban", "giay", "dien"}),  # two words a side
    ("Trường có được hỗ trợ hay không?", set()),  # a yes/no question offers nothing
])
def test_the_alternatives_a_question_offers(question: str, offered: set[str]) -> None:
    assert offered_words(question) == offered


def _row(label: str, text: str, **md: object) -> Unit:
    return Unit(id="r", doc="d", doc_title="D", kind="row", label=label, locator="l", text=text, embed_text=text,
                metadata=dict(md))


def test_a_row_quoted_with_the_group_it_sits_under() -> None:
    row = _row("Bảng 2, mục 7, dòng 7.2 (Xuất file bảo hiểm (4210))", "STT: 7.2; Tên phân hệ/chức năng: Xuất file",
               group_title="Kết nối với BHXH thanh quyết toán BHYT (tập tin XML)")
    assert row_heading(row) == ("Bảng 2, mục 7, dòng 7.2 (Xuất file bảo hiểm (4210)) thuộc «Kết nối với BHXH thanh "
                                "quyết toán BHYT (tập tin XML)»")
    named = _row("Phụ lục 01, HUYỆN LAI VUNG, dòng 2", "STT: 2; Tên trường: TH Tân Hòa", group_title="HUYỆN LAI VUNG")
    assert row_heading(named) == named.label  # the label says it already
    subtotal = _row("Bảng 1, dòng II", "Tổng: 500", group_title="HUYỆN X", subtotal=True)
    assert row_heading(subtotal) == subtotal.label


def test_how_many_parts_a_thing_has_is_a_question_about_its_parts() -> None:
    assert wanted_type("Chương trình năm nay gồm bao nhiêu chương trình thành phần? Kể ra.") == "parts"
    assert wanted_type("Hồ sơ gồm những giấy tờ gì?") == "parts"
    assert wanted_type("Có bao nhiêu chương trình?") == "number"
