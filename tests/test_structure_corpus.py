"""The recovered structure of the real corpus plan, asserted exactly."""

from __future__ import annotations

from ingest.text import fold
from tests.conftest import CORPUS_FILE


def test_metadata_blank_stays_blank(corpus_doc):
    m = corpus_doc.meta
    assert m.doc_type == "KẾ HOẠCH"
    assert m.title == "Kế hoạch Triển khai Đề án chuyển đổi số ngành Giáo dục tỉnh Đồng Tháp - Năm 2024"
    assert m.number is None and m.number_suffix == "/KH-SGDĐT"  # "Số: /KH-SGDĐT": no number invented
    assert m.date is None and m.year == 2024 and m.place == "Đồng Tháp"  # "ngày tháng năm 2024"
    assert m.issuer == "Sở Giáo dục và Đào tạo"
    assert m.signer == "Nguyễn Thúy Hà" and m.signer_title == "GIÁM ĐỐC"
    assert m.recipients[0] == "Bộ GDĐT ( để báo cáo)" and len(m.recipients) == 8


def test_section_tree_from_numbering_not_heading_levels(corpus_doc):
    body = [(s.locator, s.title) for s in corpus_doc.sections if not s.locator.startswith("PL.")]
    # "II. THỰC HIỆN…" is '##' and its sibling "I. VỀ THỰC HIỆN…" is '#####': both are children of PHẦN I.
    assert body[:3] == [
        ("P.I", "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2023"),
        ("P.I/I", "VỀ THỰC HIỆN MỤC TIÊU ĐỀ ÁN CHUYỂN ĐỔI SỐ"),
        ("P.I/II", "THỰC HIỆN, TRIỂN KHAI, BỐ TRÍ CÁC DỰ ÁN ĐẦU TƯ CÔNG LĨNH VỰC CÔNG NGHỆ THÔNG TIN GIAI "
                   "ĐOẠN 2021 - 2025 THUỘC ĐỀ ÁN CHUYỂN ĐỔI SỐ TỈNH ĐỒNG THÁP"),
    ]
    locs = [loc for loc, _ in body]
    assert locs == [
        "P.I", "P.I/I", "P.I/II", "P.II", "P.II/I", "P.II/I/1", "P.II/I/2", "P.II/I/2/a", "P.II/I/2/b",
        "P.II/II", "P.II/II/1", "P.II/II/2",
        "P.II/II/2/2.1", "P.II/II/2/2.1/a", "P.II/II/2/2.1/b", "P.II/II/2/2.1/c", "P.II/II/2/2.2",
        "P.II/II/2/2.3", "P.II/II/2/2.3/a", "P.II/II/2/2.3/b", "P.II/II/2/2.3/c",
        "P.II/II/2/2.4", "P.II/II/2/2.4/a", "P.II/II/2/2.4/b", "P.II/II/2/2.4/c", "P.II/II/2/2.4/d",
        "P.II/II/2/2.5", "P.II/II/2/2.5/a", "P.II/II/2/2.5/b", "P.II/II/2/2.5/c", "P.II/II/2/2.6",
        "P.II/III", "P.II/IV", "P.II/IV/1", "P.II/IV/2", "P.II/IV/3", "P.II/IV/4", "P.II/IV/5",
        "P.II/IV/5/a", "P.II/IV/5/b", "P.II/IV/5/b~2", "P.II/IV/5/c",
    ]
    by_loc = {s.locator: s for s in corpus_doc.sections}
    assert by_loc["P.II/I/2/a"].label == "Phần II › I.2.a"
    assert by_loc["P.II/II/2/2.3/b"].label == "Phần II › II.2.3.b"
    assert by_loc["P.II/II/2/2.3/b"].title == "Phát triển kho học liệu số chia sẻ dùng chung"
    assert by_loc["P.II/I/1"].title == "Mục tiêu chung"
    # the document numbers two items "b)" under IV.5: both kept, distinct locators
    assert by_loc["P.II/IV/5/b"].title == "Văn phòng Sở"
    assert by_loc["P.II/IV/5/b~2"].title.startswith("Phòng Giáo dục Mầm non Tiểu học")


def test_annexes(corpus_doc):
    assert [(a.number, a.title) for a in corpus_doc.annexes] == [
        ("I", ""),
        ("II", "DANH MỤC CÁC NHIỆM VỤ THỰC HIỆN NĂM 2024"),
        ("III", "DANH MỤC NHIỆM VỤ, CÁC DỰ ÁN VÀ PHÂN KỲ ĐẦU TƯ NĂM 2024"),
        ("IV", "PHÂN KHAI CÁC ĐƠN VỊ ĐƯỢC ĐẦU TƯ TRANG BỊ THIẾT BỊ DẠY HỌC STEM - NĂM 2024"),
    ]
    assert [(t.annex, t.table_no, len(t.rows)) for t in corpus_doc.tables] == [
        ("I", 1, 7), ("I", 2, 21), ("II", 1, 21), ("III", 1, 15), ("IV", 1, 36)]


EXPECTED_IV = """TH Lý Thường Kiệt|Tiểu học|TP Cao Lãnh
THCS Thống Linh|Trung học cơ sở|TP Cao Lãnh
THPT thành phố Cao Lãnh|Trung học phổ thông|TP Cao Lãnh
TH Tân Quy Tây|Tiểu học|TP Sa Đéc
THCS Tân Khánh Đông|Trung học cơ sở|TP Sa Đéc
THPT thành phố Sa Đéc|Trung học phổ thông|TP Sa Đéc
TH Tân Hội|Tiểu học|TP Hồng Ngự
TH&THCS An Lộc|Trung học cơ sở|TP Hồng Ngự
THPT Hồng Ngự 1|Trung học phổ thông|TP Hồng Ngự
TH Nhị Mỹ|Tiểu học|H Cao Lãnh
THCS Bình Thạnh|Trung học cơ sở|H Cao Lãnh
THPT Kiến Văn|Trung học phổ thông|H Cao Lãnh
TH Phú Điền|Tiểu học|H Tháp Mười
THCS thị trấn Mỹ An|Trung học cơ sở|H Tháp Mười
THPT Tháp Mười|Trung học phổ thông|H Tháp Mười
TH Tân Thạnh 1|Tiểu học|H Thanh Bình
THCS Thanh Bình|Trung học cơ sở|H Thanh Bình
THPT Thanh Bình 1|Trung học phổ thông|H Thanh Bình
TH Thường Phước 1A|Tiểu học|H Hồng Ngự
THCS Thường Phước 1|Trung học cơ sở|H Hồng Ngự
THPT Hồng Ngự 3|Trung học phổ thông|H Hồng Ngự
TH Giồng Găng|Tiểu học|H Tân Hồng
THCS Tân Hộ Cơ|Trung học cơ sở|H Tân Hồng
THPT Tân Hồng|Trung học phổ thông|H Tân Hồng
TH Tràm Chim 2|Tiểu học|H Tam Nông
THCS An Hoà|Trung học cơ sở|H Tam Nông
THPT Tam Nông|Trung học phổ thông|H Tam Nông
Tiểu học Nha Môn 1|Tiểu học|H Châu Thành
THCS Cái Tàu Hạ|Trung học cơ sở|H Châu Thành
THPT Châu Thành 2|Trung học phổ thông|H Châu Thành
TH Tân Hoà 1|Tiểu học|H Lai Vung
THCS Tân Phước|Trung học cơ sở|H Lai Vung
THPT Lai Vung 1|Trung học phổ thông|H Lai Vung
TH Định Yên 1|Tiểu học|H Lấp Vò
THCS Định An|Trung học cơ sở|H Lấp Vò
THPT Lấp Vò 2|Trung học phổ thông|H Lấp Vò"""


def test_annex_iv_rows_exact(corpus_doc):
    table = next(t for t in corpus_doc.tables if t.annex == "IV")
    assert table.columns == ["STT", "Tên trường", "Cấp học", "Huyện/Thành phố"]
    got = ["|".join((r.cells["Tên trường"], r.cells["Cấp học"], r.cells["Huyện/Thành phố"])) for r in table.rows]
    assert got == EXPECTED_IV.splitlines()
    assert [r.stt for r in table.rows] == [str(i) for i in range(1, 37)]
    assert table.rows[32].label == "Phụ lục IV, dòng 33 (THPT Lai Vung 1)"
    assert table.rows[32].locator == "PL.IV/T1/33"
    # The header repeated after the page break is gone.
    assert not any(r.cells["Tên trường"] == "Tên trường" for r in table.rows)


def test_annex_iii_amounts_add_up(corpus_doc):
    table = next(t for t in corpus_doc.tables if t.annex == "III")
    assert table.unit_of_measure == "triệu đồng"
    amount = "Khái toán kinh phí"
    leaves = table.items
    assert sum(r.values.get(amount, 0) for r in leaves) == 55500
    assert [r.values[amount] for r in table.totals] == [55500]
    # "-" is no amount; group "II" is not bold in the source and is still a group
    dash = [r for r in leaves if r.cells[amount] == "-"]
    assert len(dash) == 2 and all(amount not in r.values for r in dash)
    assert [g.stt for g in table.groups] == ["I", "II", "III"]
    # two items numbered "5" under II: distinct, the second marked as such
    fives = [r for r in leaves if r.group_path == ["II"] and r.stt == "5"]
    assert [r.occurrence for r in fives] == [1, 2]
    assert fives[1].locator == "PL.III/T1/II/5~2" and "(lần 2)" in fives[1].label
    assert fives[1].cells["Hạng mục đầu tư"] == "Chữ ký số cho tất cả cán bộ quản lý, giáo viên"


def test_annex_i_row_split_by_page_break_is_one_row(corpus_doc):
    table = next(t for t in corpus_doc.tables if t.annex == "I" and t.table_no == 2)
    row = next(r for r in table.rows if r.group_path == ["III"] and r.stt == "1")
    task = row.cells["Nội dung nhiệm vụ"]
    assert "trung học phổ thông nội dung về chuyển đổi số" in task
    assert task.endswith("sẵn sàng cho môi trường số.")
    assert row.merged_from == 2
    assert row.cells["Kết quả"] == "Đạt"
    # no fragment left as a row of its own, no repeated header rows
    assert not any(r.cells["Nội dung nhiệm vụ"].startswith("dung về") for r in table.rows)
    assert not any(r.cells["STT"] == "STT" for r in table.rows)
    # unnumbered rows under groups 3 and 5 are rows of their own (not merged)
    unnumbered = [(r.group_path, r.cells["Kết quả"]) for r in table.rows if not r.stt]
    assert unnumbered == [(["I", "3"], "Đạt"), (["I", "5"], "Chưa đạt"), (["I", "6"], "Đạt"), (["I", "7"], "Chưa đạt")]
    # the document skips group 2: the groups are as printed
    assert [g.stt for g in table.groups if g.group_path == ["I"]] == ["1", "3", "4", "5", "6", "7", "8"]


def test_annex_i_first_table_continues_across_break(corpus_doc):
    table = next(t for t in corpus_doc.tables if t.annex == "I" and t.table_no == 1)
    assert [r.stt for r in table.rows] == ["1", "2", "3", "4", "5", "6", "7"]
    assert table.rows[5].cells["Đã thực hiện"] == "Đã thực hiện 465/597, đạt 78,18%"


def test_footnote_attached_and_page_break_sentence_joined(corpus_doc):
    units = corpus_doc.units
    fn = [u for u in units if "1162/UBND-KT" in u.text]
    assert len(fn) == 1 and "trang bị¹" in fn[0].text and fn[0].label == "Phần I › II"
    # the footnote is not left in the middle of Phần II › I.2.a
    a = [u for u in units if u.locator.startswith("P.II/I/2/a")]
    assert a and not any("1162" in u.text for u in a)
    assert any("học bạ điện tử, sổ điểm điện tử" in u.text for u in units)
    assert any("hỗ trợ dịch vụ Internet cho người học và đội ngũ giáo viên" in u.text for u in units)


def test_units_carry_readable_citations(corpus_doc):
    units = corpus_doc.units
    assert len({u.id for u in units}) == len(units)
    assert len({u.locator for u in units}) == len(units)
    for u in units:
        assert u.label and u.text.strip() and u.embed_text.strip()
        assert u.label.startswith(("Phần", "Phụ lục", "Thông tin")), u.label
        assert all(isinstance(v, str | int | float | bool) for v in u.metadata.values())
        assert len(u.text) <= 1100, (u.locator, len(u.text))
    row = next(u for u in units if u.locator == "PL.IV/T1/33")
    assert row.text == "STT: 33; Tên trường: THPT Lai Vung 1; Cấp học: Trung học phổ thông; Huyện/Thành phố: H Lai Vung"
    assert "Phụ lục IV" in row.embed_text and "THIẾT BỊ DẠY HỌC STEM" in row.embed_text
    assert row.metadata["district"] == "H Lai Vung" and row.metadata["level_thpt"] is True


def test_similar_place_names_stay_distinct(corpus_doc):
    rows = [u for u in corpus_doc.units if u.metadata.get("annex") == "IV" and u.kind == "row"]
    city = {u.metadata["school"] for u in rows if u.metadata["district"] == "TP Cao Lãnh"}
    district = {u.metadata["school"] for u in rows if u.metadata["district"] == "H Cao Lãnh"}
    assert city == {"TH Lý Thường Kiệt", "THCS Thống Linh", "THPT thành phố Cao Lãnh"}
    assert district == {"TH Nhị Mỹ", "THCS Bình Thạnh", "THPT Kiến Văn"}


def test_ids_are_stable_and_content_addressed(corpus_doc, tmp_path):
    """An id is the hash of (document, place, text): parsing again gives the same ids; changing one figure
    changes the id of the unit that holds it and of no other; the same text under another document id
    gets other ids."""
    from ingest.models import unit_id
    from ingest.pipeline import parse_path

    again = parse_path(CORPUS_FILE).document
    assert [u.id for u in again.units] == [u.id for u in corpus_doc.units]
    assert all(u.id == unit_id(u.doc, u.locator, u.text) for u in corpus_doc.units)
    assert len({u.id for u in corpus_doc.units}) == len(corpus_doc.units)

    text = CORPUS_FILE.read_text(encoding="utf-8")
    assert text.count("465/595") == 1
    changed_file = tmp_path / CORPUS_FILE.name  # same name: same document id
    changed_file.write_text(text.replace("465/595", "470/595"), encoding="utf-8")
    changed = parse_path(changed_file).document
    assert changed.doc == corpus_doc.doc
    old = {u.locator: u for u in corpus_doc.units}
    new = {u.locator: u for u in changed.units}
    assert old.keys() == new.keys()
    differ = sorted(loc for loc in old if old[loc].id != new[loc].id)
    holders = sorted(loc for loc in old if "465/595" in old[loc].text)
    assert holders and differ == holders, (differ, holders)
    assert all("470/595" in new[loc].text for loc in differ)

    renamed = tmp_path / "ban-sao.md"
    renamed.write_text(text, encoding="utf-8")
    copy = parse_path(renamed).document
    assert copy.doc != corpus_doc.doc
    assert not {u.id for u in copy.units} & {u.id for u in corpus_doc.units}


def test_narrative_units_stay_inside_their_section(corpus_doc):
    by_loc = {s.locator: s for s in corpus_doc.sections}
    for u in corpus_doc.units:
        if u.kind != "section":
            continue
        sec = by_loc[u.locator.split("#")[0]]
        body = " ".join(p.text for p in sec.paragraphs)
        lines = u.text.split("\n")
        if sec.title and len(lines) > 1 and fold(sec.title) in fold(lines[0]):
            lines = lines[1:]  # the section's own heading line, printed first
        first_line = lines[0].lstrip("-+• ")
        assert fold(first_line[:40]) in fold(body)


def test_teacher_targets_unit(corpus_doc):
    u = next(u for u in corpus_doc.units if "5% ở bậc tiểu học" in u.text)
    assert u.label == "Phần II › I.2.a"
    assert "10% ở bậc trung học" in u.text
    assert u.metadata["level_tieu_hoc"] and u.metadata["level_thcs"] and u.metadata["role_giao_vien"]
