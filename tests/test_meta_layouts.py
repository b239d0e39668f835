"""Document metadata of layouts other than the corpus plan's (issue 16): who signed, when, the number, the
issuer, the title — from literal header and signature blocks of a decision, a plan, an official letter and a
school plan, as Markdown lines, as a PDF text layer glues them, and as DOCX/Word table cells. What the source
leaves blank stays blank."""

from __future__ import annotations

from ingest.meta import is_person_name, split_frame_line
from ingest.models import Block, DocMeta
from ingest.readers.markdown import read_markdown
from ingest.structure import recover
from ingest.units import make_units, meta_unit


def _meta(md: str) -> DocMeta:
    return recover(read_markdown(md), "x", "x.md").meta


def _lines(*texts: str, bold: tuple[int, ...] = ()) -> list[Block]:
    return [Block(kind="para", text=t, bold=i in bold, page=1) for i, t in enumerate(texts)]


DECISION = """ỦY BAN NHÂN DÂN

TỈNH AN GIANG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

Số: 1234/QĐ-UBND

An Giang, ngày    tháng 11 năm 2025

**QUYẾT ĐỊNH**

**Về việc phân bổ kinh phí mua sắm thiết bị dạy học năm 2025**

**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG**

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;

**QUYẾT ĐỊNH:**

**Điều 1.** Phân bổ kinh phí cho các trường theo Phụ lục đính kèm.

**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.

**Nơi nhận:**

- Như Điều 2;
- Sở Tài chính;
- Lưu: VT, KGVX.

**KT. CHỦ TỊCH**

**PHÓ CHỦ TỊCH**

(Đã ký)

**Lê Văn Nưng**
"""


def test_decision_with_blank_day() -> None:
    m = _meta(DECISION)
    assert (m.doc_type, m.title) == ("QUYẾT ĐỊNH", "Quyết định Về việc phân bổ kinh phí mua sắm thiết bị dạy học năm 2025")
    assert (m.number, m.number_suffix) == ("1234/QĐ-UBND", "/QĐ-UBND")
    assert (m.place, m.date, m.month, m.year) == ("An Giang", None, 11, 2025)  # the day is blank: no date
    assert m.issuer == "ỦY BAN NHÂN DÂN TỈNH AN GIANG" and m.issuer_parent is None
    assert (m.signer, m.signer_title) == ("Lê Văn Nưng", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    assert m.recipients == ["Như Điều 2", "Sở Tài chính", "Lưu: VT, KGVX"]


def test_meta_unit_states_the_facts_for_quoting() -> None:
    doc = recover(read_markdown(DECISION), "qd", "qd.md")
    unit = meta_unit(doc)
    assert unit is not None
    assert unit.text.splitlines() == [
        "Loại văn bản: QUYẾT ĐỊNH",
        "Tên văn bản: Quyết định Về việc phân bổ kinh phí mua sắm thiết bị dạy học năm 2025",
        "Số: 1234/QĐ-UBND",
        "Cơ quan ban hành: ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        "Địa danh: An Giang",
        "Ngày ban hành: tháng 11 năm 2025 (chưa ghi ngày)",
        "Người ký: Lê Văn Nưng",
        "Chức vụ người ký: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        "Nơi nhận: Như Điều 2; Sở Tài chính; Lưu: VT, KGVX",
    ]
    # the signature is not a section of the body; the authority line is not part of the title
    sections = [s.locator for s in doc.sections]
    assert "C.I" not in sections and not any("chu-tich" in s for s in sections)
    assert [s.label for s in doc.sections if s.number] == ["Điều 1", "Điều 2"]


OFFICIAL_LETTER = """###### BỘ GIÁO DỤC VÀ ĐÀO TẠO

###### CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc

Số: 2345/BGDĐT-GDTH

V/v hướng dẫn xây dựng kế hoạch giáo dục của nhà trường cấp tiểu học

Hà Nội, ngày 07 tháng 06 năm 2021

**Kính gửi:** Các Sở Giáo dục và Đào tạo.

Thực hiện Thông tư số 32/2018/TT-BGDĐT, Bộ hướng dẫn như sau:

# I. MỤC ĐÍCH

Nội dung.

**Nơi nhận:**

- Như trên;
- Lưu: VT, Vụ GDTH.

**KT. BỘ TRƯỞNG**

**THỨ TRƯỞNG**

**Nguyễn Hữu Độ**
"""


def test_official_letter_subject_line_and_full_date() -> None:
    m = _meta(OFFICIAL_LETTER)
    assert m.doc_type == "CÔNG VĂN"  # a letter has no type line: its "V/v" subject says what it is
    assert m.title == "Công văn V/v hướng dẫn xây dựng kế hoạch giáo dục của nhà trường cấp tiểu học"
    assert (m.number, m.issuer, m.place, m.date) == ("2345/BGDĐT-GDTH", "BỘ GIÁO DỤC VÀ ĐÀO TẠO", "Hà Nội", "2021-06-07")
    assert (m.signer, m.signer_title) == ("Nguyễn Hữu Độ", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG")
    doc = recover(read_markdown(OFFICIAL_LETTER), "cv", "cv.md")
    assert "Ngày ban hành: 07/06/2021 (ngày 07 tháng 06 năm 2021)" in (meta_unit(doc) or doc).text  # type: ignore[union-attr]


def test_pdf_text_layer_with_both_columns_glued() -> None:
    """A PDF text layer reads the two columns of the header row by row, without the space between them."""
    blocks = _lines(
        "ỦYBAN NHÂN DÂNCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "THÀNH PHỐ HỒ CHÍ MINHĐộc lập -Tự do -Hạnh phúc",
        "Số:/QĐ-UBNDThành phốHồ Chí Minh, ngày tháng năm 2025",
        "QUYẾT ĐỊNH",
        "Về bổ sung dự toán ngân sách Thành phố năm 2025",
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
        "Điều 1. Bổ sung dự toán",
        "Chấp thuận bổ sung dự toán ngân sách Thành phố năm 2025.",
        "Nơi nhận:TM. ỦY BAN NHÂN DÂN -Như Điều 4; KT. CHỦ TỊCH -Thường trực HĐND TP;",
        "PHÓ CHỦ TỊCH",
        "-Lưu: VT, (KT/Tran).",
        "Nguyễn Văn Dũng",
        bold=(3, 4, 5, 7, 10, 12),
    )
    doc = recover(blocks, "qd", "qd.pdf")
    m = doc.meta
    assert (m.doc_type, m.title) == ("QUYẾT ĐỊNH", "Quyết định Về bổ sung dự toán ngân sách Thành phố năm 2025")
    assert (m.number, m.number_suffix, m.date, m.year) == (None, "/QĐ-UBND", None, 2025)  # all blank in the text
    assert (m.issuer, m.place) == ("ỦYBAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Thành phốHồ Chí Minh")
    assert (m.signer, m.signer_title) == ("Nguyễn Văn Dũng", "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    assert m.recipients == ["Như Điều 4", "Thường trực HĐND TP", "Lưu: VT, (KT/Tran)"]
    assert [s.label for s in doc.sections if s.number] == ["Điều 1"]


def test_split_frame_line() -> None:
    assert split_frame_line("SỞ GIÁO DỤC VÀĐÀO TẠOCỘNG HÒAXÃ HỘI CHỦ NGHĨA VIỆT NAM") == [
        "SỞ GIÁO DỤC VÀĐÀO TẠO", "CỘNG HÒAXÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert split_frame_line("Số: /KH-THPT.PBThành Phố Hồ Chí Minh,ngàythángnăm2025") == [
        "Số: /KH-THPT.PB", "Thành Phố Hồ Chí Minh,ngàythángnăm2025"]
    assert split_frame_line("Nơi nhận:KT. GIÁM ĐỐC -Ban Tuyên giáo (để b/c);PHÓ GIÁM ĐỐC -UBND Thành phố;") == [
        "Nơi nhận:", "KT. GIÁM ĐỐC", "-Ban Tuyên giáo (để b/c);", "PHÓ GIÁM ĐỐC", "-UBND Thành phố;"]
    assert split_frame_line("Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;") == [
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;"]


def test_school_plan_header_and_signature_as_word_table_cells() -> None:
    """DOCX and Word's plain text keep the two-column header and signature as a borderless table; a DOCX cell
    joins its paragraphs with spaces."""
    header = Block(kind="table", rows=[
        ["PHÒNG GD&ĐT HUYỆN CHÂU THÀNH TRƯỜNG TIỂU HỌC AN HIỆP Số: 25/KH-THAH",
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc An Hiệp, ngày 05 tháng 9 năm 2025"]])
    closing = Block(kind="table", rows=[
        ["Nơi nhận: - Phòng GD&ĐT (b/c); - Lưu: VT.", "KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG (Đã ký) Trần Thị Bích Ngọc"]])
    blocks = [header, *_lines("KẾ HOẠCH", "Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025",
                              "Căn cứ tình hình thực tế của nhà trường;", "I. MỤC ĐÍCH", "Nâng cao nhận thức."),
              closing]
    doc = recover(blocks, "kh", "kh.docx")
    m = doc.meta
    assert (m.doc_type, m.title) == ("KẾ HOẠCH", "Kế hoạch Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025")
    assert (m.number, m.place, m.date) == ("25/KH-THAH", "An Hiệp", "2025-09-05")
    assert (m.issuer, m.issuer_parent) == ("TRƯỜNG TIỂU HỌC AN HIỆP", "PHÒNG GD&ĐT HUYỆN CHÂU THÀNH")
    assert (m.signer, m.signer_title) == ("Trần Thị Bích Ngọc", "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG")
    assert m.recipients == ["Phòng GD&ĐT (b/c)", "Lưu: VT"]
    assert doc.tables == []  # neither table is data
    assert [(s.locator, s.title) for s in doc.sections] == [("mo-dau", ""), ("I", "MỤC ĐÍCH")]


def test_plan_with_blank_number_and_date_and_a_name_glued_to_the_attachment_line() -> None:
    blocks = _lines(
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TRUNG TÂM THÔNG TIN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số:       /KH-TTTT", "Thành phố Hồ Chí Minh, ngày ... tháng ... năm 2025", "KẾ HOẠCH",
        "Bồi dưỡng giáo viên dạy học STEM", "Căn cứ chức năng, nhiệm vụ của Trung tâm;", "1. Thời gian",
        "Từ ngày 13/12 – đến hết ngày 20/12/2025.", "Nơi nhận:GIÁM ĐỐC", "-Như trên;", "-Phòng GDPT, GDTX",
        "(để phối hợp thực hiện);", "-Lưu: VT.", "Võ Thiện Cang Đính kèm:", "-Chương trình tập huấn.",
        bold=(5, 6, 10, 15),
    )
    doc = recover(blocks, "kh", "kh.pdf")
    m = doc.meta
    assert (m.number, m.number_suffix, m.date, m.month, m.year) == (None, "/KH-TTTT", None, None, 2025)
    assert (m.issuer, m.issuer_parent) == ("TRUNG TÂM THÔNG TIN", "SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    assert (m.signer, m.signer_title) == ("Võ Thiện Cang", "GIÁM ĐỐC")
    assert m.recipients == ["Như trên", "Phòng GDPT, GDTX (để phối hợp thực hiện)", "Lưu: VT"]
    body = [p.text for s in doc.sections for p in s.paragraphs]
    assert "Đính kèm:" in body and "Từ ngày 13/12 – đến hết ngày 20/12/2025." in body
    unit = meta_unit(doc)
    assert unit is not None and "Số: (chưa ghi số)/KH-TTTT" in unit.text
    assert "Ngày ban hành: năm 2025 (chưa ghi ngày)" in unit.text


def test_joint_plan_signed_by_two_bodies_as_ocr_reads_the_two_columns() -> None:
    """A joint plan's signature blocks side by side, read by OCR row by row: both bodies' names and titles
    first, then both signers' names; the scribble of a signature ("Vú", "ˆ—") and a stamp over the first name
    ("Nguyên" for "Nguyễn": the body spells it right)."""
    blocks = _lines(
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TẠP CHÍ GIÁO DỤC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: /KHLT-SGDĐT-TCGD", "KẾ HOẠCH", "Tổ chức Chương trình Hướng nghiệp năm học 2025 - 2026",
        "1. Ban Chỉ đạo", "- Ông Nguyễn Văn Hiếu, Giám đốc Sở GDĐT, Trưởng ban;",
        "- Ông Nguyễn Thanh Tú, Tổng Biên tập Tạp chí Giáo dục, đồng Trưởng ban;",
        "Trên đây là Kế hoạch tổ chức chương trình, đề nghị Thủ trưởng các đơn vị triển khai thực hiện./.",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "GIÁM ĐỐC", "Đn", "TẠP CHÍ GIÁO DỤC", "THANH PHO HO CHI MINH",
        "ˆ— TỔNG BIÊN TẬP /\nVú", "; Nguyên Văn Hiếu", "Nguyễn Thanh Tú", "Nơi nhận:", "- Lưu: VT.",
        bold=(4, 5, 10, 11, 13, 14),
    )
    doc = recover(blocks, "kh", "kh.pdf")
    m = doc.meta
    assert (m.signer, m.signer_title) == ("Nguyễn Văn Hiếu", "GIÁM ĐỐC")
    assert (m.co_signers, m.co_signer_titles) == (["Nguyễn Thanh Tú"], ["TỔNG BIÊN TẬP"])
    unit = meta_unit(doc)
    assert unit is not None and "Người ký: Nguyễn Văn Hiếu" in unit.text
    assert "Người cùng ký: Nguyễn Thanh Tú (TỔNG BIÊN TẬP)" in unit.text
    # one signature of two lines of titles stays one signer
    one = recover(_lines("Căn cứ Luật Giáo dục;", "Điều 1. Phân bổ kinh phí.", "Nơi nhận:", "- Lưu: VT.",
                         "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Nưng", bold=(4, 5, 6)), "qd", "qd.pdf").meta
    assert (one.signer, one.signer_title, one.co_signers) == ("Lê Văn Nưng", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", [])


def test_a_signer_the_body_never_names_keeps_the_spelling_read() -> None:
    from ingest.meta import signer_as_named

    meta = DocMeta(signer="Nguyên Văn Hiếu", co_signers=["Trần Văn A"])
    assert signer_as_named(meta, ["Ông Nguyễn Văn Hiếu, Giám đốc Sở", "Ông Nguyễn Văn Hiếu phụ trách"]).signer \
        == "Nguyễn Văn Hiếu"
    assert signer_as_named(meta, ["Ông Nguyễn Văn Hậu, chuyên viên"]).signer == "Nguyên Văn Hiếu"  # another name
    assert signer_as_named(meta, ["Bà Trần Văn A"]).co_signers == ["Trần Văn A"]


def test_markdown_title_from_its_own_heading_or_opening_sentence() -> None:
    """No header at all: the first heading names the plan, else the sentence that issues it; never the file."""
    m = _meta("# Kế hoạch tổ chức hội thi giáo viên dạy giỏi năm học 2025-2026\n\n## I. MỤC ĐÍCH\n\nNội dung.\n")
    assert (m.doc_type, m.title) == ("KẾ HOẠCH", "Kế hoạch tổ chức hội thi giáo viên dạy giỏi năm học 2025-2026")
    md = ("# Public_341\n\nCăn cứ Quyết định số 1110/QĐ-BTTTT; Sở Thông tin và Truyền thông ban hành Kế hoạch nâng "
          "cao chất lượng mạng viễn thông di động tỉnh Đắk Nông đến năm 2025, với những nội dung sau\n\n"
          "# MỤC TIÊU\n\nNội dung.\n\n## **5. PHỤ LỤC**\n\n# **TRIỂN KHAI NHIỆM VỤ** _(Kèm theo Kế hoạch số    "
          "/KH-STTTT ngày  /  /2024 của Sở Thông tin và Truyền thông tỉnh Đắk Nông)_\n\n"
          "| TT | Nhiệm vụ |\n|---|---|\n| 1 | Phủ sóng 5G |\n")
    doc = recover(read_markdown(md), "kh", "kh.md")
    m = doc.meta
    assert (m.doc_type, m.title) == (
        "KẾ HOẠCH", "Kế hoạch nâng cao chất lượng mạng viễn thông di động tỉnh Đắk Nông đến năm 2025")
    # the annex's note says whose plan it is and leaves its number and date blank
    assert (m.number, m.number_suffix, m.date, m.year) == (None, "/KH-STTTT", None, 2024)
    assert m.issuer == "Sở Thông tin và Truyền thông tỉnh Đắk Nông"
    assert [(a.number, a.title) for a in doc.annexes] == [("1", "TRIỂN KHAI NHIỆM VỤ")]
    assert doc.tables[0].annex == "1"
    assert doc.title != "kh.md" and not any(u.doc_title == "kh.md" for u in make_units(doc))


def test_title_from_the_first_bold_line_when_nothing_else_names_the_document() -> None:
    blocks = _lines("Phần 2. YÊU CẦU VỀ KỸ THUẬT", "Chương V. YÊU CẦU VỀ KỸ THUẬT", "Yêu cầu về kỹ thuật gồm:",
                    bold=(0, 1))
    m = recover(blocks, "hsmt", "hsmt.docx").meta
    assert (m.doc_type, m.title) == (None, "Phần 2. YÊU CẦU VỀ KỸ THUẬT")


def test_a_labelled_subject_line_names_a_document_whose_first_heading_names_a_part() -> None:
    blocks = _lines("Phần 2. YÊU CẦU VỀ KỸ THUẬT", "Chương V. YÊU CẦU VỀ KỸ THUẬT", "Yêu cầu về kỹ thuật gồm:",
                    "1. Giới thiệu chung về dự án/dự toán mua sắm, gói thầu",
                    "- Dự toán/gói thầu: Thuê phần mềm Quản lý bệnh viện năm 2026 của Bệnh viện Tâm thần tỉnh Quảng Ngãi.",
                    "- Chủ đầu tư: Bệnh viện Tâm thần tỉnh Quảng Ngãi.", bold=(0, 1))
    m = recover(blocks, "hsmt", "hsmt.docx").meta
    assert (m.doc_type, m.title) == (
        None, "Phần 2. YÊU CẦU VỀ KỸ THUẬT — Thuê phần mềm Quản lý bệnh viện năm 2026 của Bệnh viện Tâm thần tỉnh Quảng Ngãi")
    page = _lines("Chi tiết thủ tục hành chính", "Mã thủ tục: 1.005090", "Số quyết định: 1693/QĐ-BGDĐT",
                  "Tên thủ tục: Xét tuyển sinh vào trường phổ thông dân tộc nội trú", "Cấp thực hiện: Cấp Tỉnh",
                  bold=(0,))
    assert recover(page, "tthc", "tthc.docx").meta.title == (
        "Chi tiết thủ tục hành chính — Xét tuyển sinh vào trường phổ thông dân tộc nội trú")
    # a document with a title of its own keeps it
    titled = _lines("KẾ HOẠCH", "Tổ chức hội thi", "I. MỤC ĐÍCH", "Tên chương trình: Hội thi giáo viên giỏi",
                    bold=(0, 1))
    assert recover(titled, "kh", "kh.docx").meta.title == "Kế hoạch Tổ chức hội thi"


def test_person_names() -> None:
    assert is_person_name("Nguyễn Thúy Hà") and is_person_name("BS.CKII. Phạm Thanh Hải")
    assert is_person_name("ThS. Lê Văn An")
    for text in ("Lưu: VT, KSTTHC (L-40b).4", "Như trên", "TẠP CHÍ GIÁO DỤC", "GIÁM ĐỐC", "b", "Trần"):
        assert not is_person_name(text), text


def test_blank_stays_blank() -> None:
    m = _meta("SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: /KH-SGDĐT\n\nĐồng Tháp, ngày   tháng   năm 2024\n\n# KẾ HOẠCH\n\n"
              "**Triển khai chuyển đổi số**\n\n# PHẦN I\n\nNội dung.\n")
    assert (m.number, m.number_suffix, m.date, m.month, m.year, m.place) == (None, "/KH-SGDĐT", None, None, 2024,
                                                                           "Đồng Tháp")
    assert (m.signer, m.signer_title, m.recipients) == (None, None, [])
    # an unreadable (OCR'd handwritten) number is no number either
    m = _meta("BỆNH VIỆN TỪ DŨ\n\nSố: 3ðôŸ /TB-BVTD\n\n# THÔNG BÁO\n\n**Mời chào giá**\n\n# I. THÔNG TIN\n\nx\n")
    assert (m.number, m.number_suffix, m.doc_type) == (None, "/TB-BVTD", "THÔNG BÁO")


def test_a_letters_addressees_on_one_line_or_as_a_list() -> None:
    assert _meta(OFFICIAL_LETTER).addressees == ["Các Sở Giáo dục và Đào tạo"]
    listed = OFFICIAL_LETTER.replace("**Kính gửi:** Các Sở Giáo dục và Đào tạo.",
                                     "Kính gửi:\n\n- Các sở, ban, ngành;\n\n- Sở Giáo dục - Khoa học và Công nghệ tỉnh Bạc Liêu.")
    doc = recover(read_markdown(listed), "cv", "cv.md")
    assert doc.meta.addressees == ["Các sở, ban, ngành", "Sở Giáo dục - Khoa học và Công nghệ tỉnh Bạc Liêu"]
    unit = meta_unit(doc)
    assert unit is not None and "Kính gửi: Các sở, ban, ngành; Sở Giáo dục - Khoa học" in unit.text
    # the body after the list is not an addressee, and stays text
    assert any("Thực hiện Thông tư số 32/2018" in u.text for u in make_units(doc))


DECREE_WITH_ANNEX = """CHÍNH PHỦ

Số: 60/2025/NĐ-CP

Hà Nội, ngày 12 tháng 3 năm 2026

**NGHỊ ĐỊNH**

**Quy định chính sách cho học sinh bán trú**

**Điều 1.** Phạm vi điều chỉnh.

**TM. CHÍNH PHỦ**

**THỦ TƯỚNG**

**Phạm Minh Chính**

**PHỤ LỤC**

(Kèm theo Nghị định số 66/2025/NĐ-CP ngày 12 tháng 3 năm 2025 của Chính phủ)

Mẫu số 01. Đơn đề nghị.
"""


def test_an_annex_that_names_its_document_otherwise_is_reported() -> None:
    doc = recover(read_markdown(DECREE_WITH_ANNEX), "nd", "nd.md")
    assert (doc.meta.number, doc.meta.date) == ("60/2025/NĐ-CP", "2026-03-12")  # the header decides
    assert doc.meta.other_refs == ["Kèm theo Nghị định số 66/2025/NĐ-CP ngày 12 tháng 3 năm 2025 của Chính phủ"]
    unit = meta_unit(doc)
    assert unit is not None and "Phụ lục ghi khác: Kèm theo Nghị định số 66/2025/NĐ-CP" in unit.text
    same = DECREE_WITH_ANNEX.replace("66/2025/NĐ-CP ngày 12 tháng 3 năm 2025", "60/2025/NĐ-CP ngày 12 tháng 3 năm 2026")
    assert recover(read_markdown(same), "nd", "nd.md").meta.other_refs == []
    blank = DECREE_WITH_ANNEX.replace("66/2025/NĐ-CP ngày 12 tháng 3 năm 2025", "     /2025/NĐ-CP ngày   tháng   năm 2025")
    assert recover(read_markdown(blank), "nd", "nd.md").meta.other_refs == []  # a draft's blanks disagree with nothing
    other_kind = DECREE_WITH_ANNEX.replace("Nghị định số 66/2025", "Quyết định số 66/2025")
    assert recover(read_markdown(other_kind), "nd", "nd.md").meta.other_refs == []  # another document


def test_a_type_line_and_its_subject_joined_in_one_paragraph() -> None:
    """A plain-text export runs "KẾ HOẠCH" and the subject under it into one paragraph: still the type and title,
    not the body's first section (whose words would then win every question naming the plan)."""
    blocks = _lines("TRƯỜNG THPT AN PHÚ", "Số: 45/KH-THPTAP", "An Phú, ngày 10 tháng 10 năm 2025",
                    'KẾ HOẠCH Tổ chức Cuộc thi "Ý tưởng khởi nghiệp" cấp trường năm học 2025-2026',
                    "I. MỤC ĐÍCH, YÊU CẦU", "Kế hoạch này được triển khai đến toàn thể học sinh.")
    doc = recover(blocks, "kh", "kh.txt")
    assert (doc.meta.doc_type, doc.meta.title) == (
        "KẾ HOẠCH", 'Kế hoạch Tổ chức Cuộc thi "Ý tưởng khởi nghiệp" cấp trường năm học 2025-2026')
    assert not any(u.text.startswith("KẾ HOẠCH Tổ chức") for u in make_units(doc) if u.kind == "section")
    # a body sentence that begins with the type's word in lower case is no title
    doc = recover(_lines("Kế hoạch này được triển khai đến toàn thể học sinh."), "x", "x.txt")
    assert doc.meta.doc_type is None


def test_a_signer_title_run_into_the_last_recipient_line() -> None:
    """A plain-text export runs the two columns' last lines together: "- Lưu: VT. HIỆU TRƯỞNG" is the last recipient
    and the signer's title; the name on the next line is the signer, not a line of the plan's body."""
    assert split_frame_line("- Lưu: VT. HIỆU TRƯỞNG") == ["- Lưu: VT.", "HIỆU TRƯỞNG"]
    assert split_frame_line("KT. HIỆU TRƯỞNG") == ["KT. HIỆU TRƯỞNG"]  # a prefix's full stop is no recipient's
    blocks = _lines("TRƯỜNG THCS NGUYỄN TRÃI", "Số: 45/KH-THCSNT", "Tân Phú, ngày 12 tháng 10 năm 2025",
                    "KẾ HOẠCH Tổ chức Hội thi an toàn giao thông năm học 2025-2026",
                    "I. MỤC ĐÍCH, YÊU CẦU", "Nâng cao ý thức chấp hành pháp luật của học sinh.",
                    "Nơi nhận:", "- Phòng GDĐT (b/c);", "- Lưu: VT. HIỆU TRƯỞNG", "Trần Văn Bình")
    doc = recover(blocks, "kh", "kh.txt")
    assert (doc.meta.signer, doc.meta.signer_title) == ("Trần Văn Bình", "HIỆU TRƯỞNG")
    assert doc.meta.recipients[-1] == "Lưu: VT"
    assert not any("Trần Văn Bình" in u.text for u in make_units(doc) if u.kind == "section")
