"""A question that names its document in many words still finds the line that answers it (issue 16): a second
search inside the named document with the question's other words joins the first (assistant/qa/refocus.py).
A document whose first heading names a part of it is named by its labelled subject line (ingest/meta.py)."""

from __future__ import annotations

import pytest

from assistant.answerer import Answerer
from assistant.qa.refocus import content_query, fuse, main_document, unnamed_words
from ingest.models import ParsedDocument, Unit
from ingest.pipeline import parse_path
from tests.fakes import FakeIndex

SITE = "Bệnh viện Đa khoa tỉnh Kon Tum"
# A bidding document's technical part: its first heading names the part, its subject line names the package,
# and most of its lines repeat the hospital's name.
TENDER = f"""**Phần 2. YÊU CẦU VỀ KỸ THUẬT**

Yêu cầu về kỹ thuật bao gồm các nội dung cơ bản như sau:

1. Giới thiệu chung về gói thầu

- Dự toán/gói thầu: Thuê phần mềm quản lý bệnh viện năm 2027 của {SITE}.
- Chủ đầu tư: {SITE}.
- Nguồn vốn: Nguồn thu sự nghiệp năm 2027 của {SITE}.
- Địa điểm thực hiện: {SITE}.
- Hình thức hợp đồng: Hợp đồng trọn gói.
- Thời gian thực hiện hợp đồng: 12 tháng.

2. Yêu cầu chung

- Phần mềm quản lý bệnh viện chạy trên nền tảng điện toán đám mây của {SITE}.
- Dữ liệu của {SITE} được sao lưu hằng ngày và lưu trữ lâu dài.
- Nhà thầu đào tạo nhân viên {SITE} sử dụng phần mềm quản lý bệnh viện.
- Nhà thầu bảo trì phần mềm quản lý bệnh viện tại {SITE}.
- Nhà thầu kết nối phần mềm quản lý bệnh viện với cổng giám định bảo hiểm y tế của {SITE}.
- Nhà thầu hỗ trợ kỹ thuật cho {SITE} 24/7.
- Phần mềm quản lý bệnh viện của {SITE} có phân hệ quản lý dược.
- Phần mềm quản lý bệnh viện của {SITE} có phân hệ viện phí.
- Phần mềm quản lý bệnh viện của {SITE} có phân hệ xét nghiệm.
- Phần mềm quản lý bệnh viện của {SITE} có phân hệ chẩn đoán hình ảnh.
- Phần mềm quản lý bệnh viện của {SITE} có phân hệ kho.
"""
QUESTION = f"Gói thuê phần mềm quản lý bệnh viện năm 2027 của {SITE} có thời gian thực hiện hợp đồng bao lâu?"


@pytest.fixture(scope="module")
def tender(tmp_path_factory) -> ParsedDocument:
    path = tmp_path_factory.mktemp("tender") / "hsmt.md"
    path.write_text(TENDER, encoding="utf-8")
    return parse_path(path).document


def test_the_subject_line_names_the_document(tender: ParsedDocument) -> None:
    assert tender.meta.title == (f"Phần 2. YÊU CẦU VỀ KỸ THUẬT — Thuê phần mềm quản lý bệnh viện năm 2027 của {SITE}")


def test_the_words_left_when_the_name_is_taken_out() -> None:
    name = "Kế hoạch giáo dục của nhà trường cấp tiểu học\n2345/BGDĐT-GDTH"
    words = ["giáo", "viên", "tiểu", "học", "soạn", "bài", "dạy", "mẫu", "phụ", "lục", "công", "văn", "2345"]
    # "tiểu học" is a pair of the name's words, "2345" its number; "giáo" of "giáo viên" stays
    assert unnamed_words(words, name) == ["giáo", "viên", "soạn", "bài", "dạy", "mẫu", "phụ", "lục", "công", "văn"]
    assert content_query(words, name) == "giáo viên soạn bài dạy mẫu phụ lục công văn"
    assert content_query(["thời", "gian", "đồng"], name) is None  # nothing named the document
    assert content_query(["kế", "hoạch", "tiểu", "học", "mẫu"], name) is None  # too little left


def test_fusion_and_the_main_document() -> None:
    def u(i: str, doc: str) -> Unit:
        return Unit(id=i, doc=doc, doc_title=doc, kind="section", locator=i, label=i, text=i, embed_text=i)
    a, b, c, d = u("a", "x"), u("b", "x"), u("c", "y"), u("d", "x")
    assert [x.id for x in fuse([a, b, c], [d, b])] == ["b", "a", "d", "c"]
    assert main_document([a, c, b]) == "x"
    assert main_document([c, a]) == "y"  # rank 1 weighs twice rank 2
    assert main_document([]) is None


def test_a_question_naming_its_document_in_many_words_searches_again_without_them(tender: ParsedDocument) -> None:
    index = FakeIndex(list(tender.units), [tender])
    answer = Answerer(index).respond(index, QUESTION)
    assert not answer.abstained
    assert "Thời gian thực hiện hợp đồng: 12 tháng" in answer.answer.splitlines()[0]
    # the second search: inside the named document, with the words that do not name it
    (first, _), (second, where) = index.searches
    assert first == QUESTION
    assert second == "gói thời gian hiện hợp đồng" and where.doc == "hsmt"


def test_no_second_search_when_the_question_does_not_name_a_document(tender: ParsedDocument) -> None:
    index = FakeIndex(list(tender.units), [tender])
    Answerer(index).respond(index, "Hình thức hợp đồng là gì?")
    assert len(index.searches) == 1
