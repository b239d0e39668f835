"""Round 27 (issue 16): a list of recipients whose label "Nơi nhận:" a scan lost, a document named by the number
its header lost, a decree numbered with a letter, "văn bản này" in a follow-up, a field ranked low by retrieval.
Literal strings worded like the development documents (an official letter scanned, an administrative procedure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answerer import Answerer
from assistant.answering.document_facts import names_other_document
from assistant.qa.query import is_follow_up
from ingest.models import Unit
from ingest.pipeline import parse_path
from ingest.text import fold
from tests.fakes import FakeIndex, index_of_text

LETTER = """UỶ BAN NHÂN DÂN
TỈNH PHÚ THỌ
Số: 4532/UBND-KSTTHC
V/v xây dựng kế hoạch rà soát quy định, thủ tục hành chính.
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Phú Thọ, ngày 07 tháng 12 năm 2011

Kính gửi:
- Các sở, ban, ngành;
- UBND các huyện, thành, thị.

Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011-2020, Chủ tịch UBND tỉnh yêu cầu các sở, ngành xây dựng kế hoạch rà soát quy định, thủ tục hành chính.

Kế hoạch rà soát của các cơ quan, đơn vị gửi về UBND tỉnh (qua Văn phòng UBND tỉnh) trước ngày 05/01/2012 để tổng hợp, báo cáo Văn phòng Chính phủ theo quy định.

Vậy, thông báo để các sở, ban, ngành, UBND các huyện, thành, thị biết và thực hiện./.

- Như trên;
- CT, các PCT;
- CVP, PVP (ô.Kiên);
- Lưu: VT, KSTTHC (L-40b).

TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Trần Thị Thu Hương
"""


@pytest.fixture(scope="module")
def letter_doc(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letter")
    (folder / "cv-4532-ra-soat-thu-tuc.txt").write_text(LETTER, encoding="utf-8")
    return parse_path(folder / "cv-4532-ra-soat-thu-tuc.txt").document


def test_a_list_of_recipients_without_its_label_is_the_headers(letter_doc) -> None:
    meta = letter_doc.units[0]
    assert "Nơi nhận: Như trên; CT, các PCT; CVP, PVP (ô.Kiên); Lưu: VT, KSTTHC (L-40b)" in meta.text
    assert not any("CT, các PCT" in u.text for u in letter_doc.units if u.kind != "meta")  # not read as text


def test_a_body_line_saying_as_above_opens_no_list(tmp_path: Path) -> None:
    text = LETTER.replace("- Như trên;\n- CT, các PCT;\n- CVP, PVP (ô.Kiên);\n- Lưu: VT, KSTTHC (L-40b).\n", "")
    text = text.replace("Vậy, thông báo", "Thời hạn gửi báo cáo kết quả: như trên.\n\nVậy, thông báo")
    (tmp_path / "cv.txt").write_text(text, encoding="utf-8")
    doc = parse_path(tmp_path / "cv.txt").document
    assert "Nơi nhận" not in doc.units[0].text
    assert any("như trên" in u.text for u in doc.units if u.kind == "section")


def test_the_unlabelled_recipients_answered_and_counted(letter_doc) -> None:
    index = FakeIndex(list(letter_doc.units), [letter_doc])
    r = Answerer(index).ask("Phần nơi nhận của công văn 4532 về rà soát thủ tục hành chính liệt kê tất cả mấy dòng, "
                            "kể cả dòng Lưu?")
    assert not r.abstained
    assert "4 nơi nhận" in r.answer and "Lưu: VT, KSTTHC (L-40b)" in r.answer
    r = Answerer(index).ask("Bản lưu của Công văn 4532/UBND-KSTTHC được lưu ở những bộ phận nào?")
    assert "Lưu: VT, KSTTHC" in r.answer


def test_a_document_named_by_the_number_its_scanned_header_lost() -> None:
    meta = Unit(id="m", doc="cv-4532-ubnd-phu-tho-ra-soat-2011-scan", doc_title="Công văn", locator="meta",
                kind="meta", label="Thông tin văn bản",
                text="Loại văn bản: CÔNG VĂN\nSố: 54/UBND-KSTTHC\nNgười ký: Trần Thị Thu Hương", embed_text="")
    asked = "Công văn 4532/UBND-KSTTHC về rà soát thủ tục hành chính do ai ký?"
    assert names_other_document(asked, meta)  # the header's number only
    assert not names_other_document(asked, meta, file_too=True)  # its file name's too: the same document
    # a decree the letter cites, numbered with a letter, is another document
    assert names_other_document("Nghị quyết 30c/NQ-CP mà Công văn 4532 thực hiện được ban hành ngày nào?", meta,
                                file_too=True)


def test_the_conversations_document_pointed_at_by_kind() -> None:
    assert is_follow_up("ngoài các sở, ngành và UBND các huyện thì văn bản này còn gửi cho ai nữa?")
    assert not is_follow_up("ngoài các sở, ngành và UBND các huyện thì văn bản 4532 này còn gửi cho ai nữa?")
    assert not is_follow_up("Kế hoạch tuyển sinh của Sở và kế hoạch này của trường do ai phê duyệt, trình tự thế nào "
                            "theo quy chế tuyển sinh trung học cơ sở và trung học phổ thông hiện hành của Bộ?")


PROCEDURE = """# CHI TIẾT THỦ TỤC HÀNH CHÍNH: XÉT TUYỂN SINH VÀO TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ

Tên thủ tục: Xét tuyển sinh vào trường phổ thông dân tộc nội trú

Kết quả thực hiện: Danh sách thí sinh được tuyển vào học tại trường phổ thông dân tộc nội trú

Yêu cầu, điều kiện thực hiện: Thuộc đối tượng tuyển sinh vào trường phổ thông dân tộc nội trú.

Loại thủ tục: TTHC được luật giao quy định chi tiết
"""


class FieldRankedLast(FakeIndex):
    """Retrieval that ranks the document's field lines last, as a real index did ("Loại thủ tục: …" eleventh,
    under the lines repeating the procedure's name)."""

    def search(self, query, top_k=8, filters=None):  # type: ignore[no-untyped-def]
        hits = super().search(query, top_k=top_k, filters=filters)
        return sorted(hits, key=lambda h: "Loại thủ tục" in h.unit.text)


def test_a_field_labelled_as_asked_is_read_wherever_retrieval_ranked_it(tmp_path: Path) -> None:
    plain = index_of_text(tmp_path, "thu-tuc-xet-tuyen.md", PROCEDURE)
    index = FieldRankedLast(plain.units(), plain.parsed_documents()[0])
    assert "Loại thủ tục" in index.search("loại thủ tục hành chính nào", top_k=20)[-1].unit.text
    r = Answerer(index).ask("Thủ tục xét tuyển sinh vào trường phổ thông dân tộc nội trú thuộc loại thủ tục hành "
                            "chính nào?")
    assert not r.abstained
    assert r.answer.splitlines()[0].startswith("Loại thủ tục: TTHC được luật giao quy định chi tiết")


FORMS = """# I. MỤC ĐÍCH, YÊU CẦU

Hướng dẫn các trường xây dựng kế hoạch giáo dục của nhà trường theo các mẫu ở phụ lục.

# PHỤ LỤC 1

## KẾ HOẠCH GIÁO DỤC

### Phụ lục 1.2. Các hoạt động giáo dục tập thể thực hiện trong năm học

| Tháng | Chủ điểm | Nội dung trọng tâm | Hình thức tổ chức | Thời gian thực hiện | Người thực hiện | Lực lượng cùng tham gia |
|---|---|---|---|---|---|---|
| Tháng ... | | | | | | |
| | | | | | | |

**Ghi chú:** Nhà trường lựa chọn các chủ điểm và ghi vào cột “Chủ điểm”.

### Phụ lục 1.3. Tổ chức hoạt động cho học sinh sau giờ học chính thức trong ngày

| STT | Nội dung | Hoạt động | Đối tượng/quy mô | Thời gian | Địa điểm | Ghi chú |
|---|---|---|---|---|---|---|
| 1 | | | | | | |
| 2 | | | | | | |
| | Tổng cộng | | | | | |

**Ghi chú:** Nhà trường lựa chọn các hoạt động và ghi vào cột “Nội dung”.

# PHỤ LỤC 3

## KINH PHÍ THỰC HIỆN

| STT | Nội dung chi | Thành tiền (triệu đồng) | Ghi chú |
|---|---|---|---|
| 1 | Tập huấn giáo viên | 120 | |
| 2 | Mua sắm thiết bị | | Xã hội hóa |
"""


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> FakeIndex:
    return index_of_text(tmp_path_factory.mktemp("forms"), "huong-dan-ke-hoach-giao-duc.md", FORMS)


def test_a_blank_forms_rows_name_its_empty_columns(forms: FakeIndex) -> None:
    rows = {u.text for u in forms.units() if u.kind == "row"}
    assert "STT: 1; Nội dung: …; Hoạt động: …; Đối tượng/quy mô: …; Thời gian: …; Địa điểm: …; Ghi chú: …" in rows
    # its total line is no row to fill in
    assert any(u.kind == "total" and u.text == "Nội dung: Tổng cộng" for u in forms.units())
    # a table with figures is no form: its empty cells are left out
    assert "STT: 2; Nội dung chi: Mua sắm thiết bị; Ghi chú: Xã hội hóa" in rows


def test_a_tables_columns_counted_and_listed(forms: FakeIndex) -> None:
    from assistant.answering.table_columns import asks_columns

    r = Answerer(forms).ask("Mẫu bảng các hoạt động giáo dục tập thể thực hiện trong năm học (Phụ lục 1.2) có bao "
                            "nhiêu cột, và cột cuối cùng để ghi gì?")
    assert not r.abstained
    assert "có 7 cột: Tháng; Chủ điểm;" in r.answer and "Người thực hiện; Lực lượng cùng tham gia" in r.answer
    r = Answerer(forms).ask("mau phu luc 1.3 to chuc hoat dong cho hoc sinh sau gio hoc chinh thuc gom nhung cot nao?")
    assert "Phụ lục 1.3" in r.answer and "STT; Nội dung; Hoạt động; Đối tượng/quy mô; Thời gian; Địa điểm; Ghi chú" in r.answer
    assert not asks_columns(fold("Kế hoạch có những cột mốc thời gian nào?"))


def test_words_the_text_abbreviates_by_their_initials() -> None:
    from assistant.qa.compose import abbreviated
    from ingest.text import tokens

    words = ["số", "tài", "khoản", "nhận", "học", "phí"]
    text = "Số TK: 1903.6854.902.011 Ngân hàng: Techcombank"
    assert abbreviated(words, tokens(text), text) == {"tài", "khoản"}
    # two letters only as a field's label: "ĐT" in running text may be "đào tạo" as well as "điện thoại"
    text = "Phối hợp với Sở TT và ĐT các tỉnh"
    assert abbreviated(["điện", "thoại", "văn", "phòng"], tokens(text), text) == set()
    assert abbreviated(["cán", "bộ", "quản", "lý", "tập", "huấn"], tokens("Tập huấn CBQL các trường")) == \
        {"cán", "bộ", "quản", "lý"}
    # a row's number is no abbreviation ("TT: 1" is not "thủ tục")
    assert abbreviated(["thủ", "tục", "hành", "chính"], tokens("TT: 1; Nội dung: Rà soát")) == set()
