"""The Vietnamese vocabulary and thresholds (ingest/vocab.py) behave as they did where they used to live.

Literal questions, with and without diacritics, pin what the question words, stop words, entity nouns,
column-role words and level/role patterns decide. Written before the move and run on both sides of it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from assistant.index.filters import district_key
from assistant.index.idf import Idf
from assistant.qa.compose import coverage, unknown_words
from assistant.qa.digest import reader_phrase
from assistant.qa.kinds import wanted_type
from assistant.qa.query import content_words, detect_intent, is_follow_up
from assistant.qa.tableqa import TableSelection, answer_list, answer_lookup, select_rows
from assistant.staff.chat import intent_of
from ingest import vocab
from ingest.models import Unit
from ingest.tags import levels_of, roles_of
from ingest.text import fold
from ingest.units import column_key
from tests.conftest import ROOT

INTENTS = [
    ("Tôi là giáo viên THCS, tôi cần đạt những chỉ tiêu nào?", "digest"),
    ("Trường tôi có những nhiệm vụ gì?", "list"),
    ("Ai chủ trì nhiệm vụ xây dựng kho học liệu?", "lookup"),
    ("Đơn vị nào phối hợp triển khai sổ điểm điện tử?", "lookup"),
    ("Có bao nhiêu trường ở huyện Lai Vung được đầu tư?", "count"),
    ("Số lượng trường được đầu tư là bao nhiêu?", "count"),
    ("Tổng kinh phí các hạng mục là bao nhiêu?", "sum"),
    ("Kế hoạch gồm những khoản kinh phí nào?", "sum"),
    ("Các trường tiểu học nào được đầu tư?", "list"),
    ("Liệt kê danh sách các dự án", "list"),
    ("Tỷ trọng dạy trực tuyến bậc tiểu học năm 2024 là bao nhiêu?", "fact"),
    ("Tôi dạy THCS, tỷ trọng dạy trực tuyến phải đạt bao nhiêu?", "fact"),  # names a topic: not a digest
]


@pytest.mark.parametrize(("question", "intent"), INTENTS)
def test_intent_with_and_without_diacritics(question: str, intent: str) -> None:
    assert detect_intent(fold(question)) == intent
    assert detect_intent(fold(fold(question))) == intent  # typed without tone marks


def test_content_words() -> None:
    q = "Tỷ trọng dạy trực tuyến bậc tiểu học năm 2024 là bao nhiêu?"
    assert content_words(q) == ["ty", "trong", "day", "truc", "tuyen", "bac", "tieu", "hoc", "nam", "2024"]
    assert content_words(q, accents=True) == ["tỷ", "trọng", "dạy", "trực", "tuyến", "bậc", "tiểu", "học", "năm",
                                              "2024"]
    # Frames ("nhiệm vụ gì"), level abbreviations and question words drop out; "đạt" is kept.
    assert content_words("Trường tôi có những nhiệm vụ gì?") == ["truong"]
    assert content_words("Tôi là giáo viên THCS, tôi cần đạt những chỉ tiêu nào?") == ["giao", "vien", "tieu"]
    # Without tone marks "lai" is the stop word "lại"; with them "Lai" (Vung) is not.
    assert content_words("Có bao nhiêu trường ở huyện Lai Vung được đầu tư?") == ["truong", "huyen", "vung", "tu"]
    assert content_words("Có bao nhiêu trường ở huyện Lai Vung được đầu tư?", accents=True) == \
        ["trường", "huyện", "lai", "vung", "đầu", "tư"]  # "đầu" is not the question word "đâu"
    # A syllable that asks only inside a phrase ("bao nhiêu", "tổng hợp", "chi tiết") is content outside it.
    assert content_words(fold("Đơn vị nào phối hợp triển khai sổ điểm điện tử?")) == \
        ["don", "phoi", "hop", "trien", "khai", "so", "diem", "dien", "tu"]
    assert content_words("Thời gian bảo hành phần mềm là bao lâu?", accents=True) == \
        ["thời", "gian", "bảo", "hành", "phần", "mềm"]
    assert content_words("Chi phí chi tiết cụ thể là bao nhiêu phần trăm?", accents=True) == ["chi", "phí"]
    assert "số" not in content_words("Kế hoạch bài dạy theo mẫu ở phụ lục số mấy?", accents=True)
    assert content_words("Giai đoạn thí điểm kéo dài từ khi nào đến khi nào?", accents=True) == \
        ["giai", "đoạn", "thí", "điểm"]


def test_follow_ups() -> None:
    assert is_follow_up("Còn THPT thì sao?")
    assert is_follow_up("Việc đó do ai phụ trách?")
    assert is_follow_up("Vậy còn năm 2025?")
    assert not is_follow_up("Mục tiêu chung của kế hoạch là gì?")


def test_wanted_type_and_unknown_words() -> None:
    assert wanted_type("Tỷ trọng dạy trực tuyến bậc tiểu học là bao nhiêu?") == "percent"
    assert wanted_type("Ty le hoc sinh") == "percent"
    assert wanted_type("Tổng kinh phí các hạng mục?") == "number"
    assert wanted_type("Ai chủ trì nhiệm vụ này?") is None
    idf = Idf(["giáo viên dạy trực tuyến", "học sinh tiểu học", "giáo viên tiểu học"])
    assert unknown_words(["giao", "vien", "tom", "sao", "xyz"], idf) == ["xyz"]  # "tóm", "sao": question words


def test_coverage_weights() -> None:
    idf = Idf(["giáo viên dạy trực tuyến", "học sinh tiểu học", "giáo viên tiểu học"])
    assert coverage(["giao", "vien", "tieu", "hoc"], "giáo viên dạy học", idf) == pytest.approx(0.6666666666666667)


def test_levels_roles_and_columns() -> None:
    assert levels_of("Các trường tiểu học nào được đầu tư?") == {"tieu_hoc"}
    assert levels_of("giáo dục phổ thông") == {"tieu_hoc", "thcs", "thpt"}
    assert levels_of("cấp trung học") == {"thcs", "thpt"}
    assert roles_of("Các trường tiểu học nào được đầu tư?") == {"co_so_giao_duc"}
    assert roles_of("Tôi là giáo viên, hiệu trưởng") == {"giao_vien", "can_bo_quan_ly"}
    headers = {"Đơn vị chủ trì": "lead", "Đơn vị phối hợp": "partner", "Nguồn kinh phí": "funding",
               "Kinh phí (triệu đồng)": "amount", "Khái toán kinh phí": "amount", "Kết quả thực hiện": "result",
               "Huyện/Thành phố": "district", "Địa bàn": "district", "Cấp học": "level", "Tên trường": "school",
               "Nội dung nhiệm vụ": None, "STT": None}
    assert {h: column_key(h) for h in headers} == headers
    assert reader_phrase({"giao_vien"}, {"thpt", "thcs"}) == "giáo viên THCS, THPT"
    assert [district_key(x) for x in ("huyện Lai Vung", "T.P Cao Lãnh", "thị xã Hồng Ngự")] == \
        ["h lai vung", "tp cao lanh", "tx hong ngu"]


def test_staff_intents() -> None:
    assert intent_of("Những chỉ tiêu chưa đạt năm 2023?") == "not_achieved"
    assert intent_of("nhung nhiem vu nao chua hoan thanh") == "not_achieved"
    assert intent_of("Tại sao chỉ tiêu này chưa đạt?") is None
    assert intent_of("Rà soát kế hoạch") == "check"


def _row(i: int, cells: dict[str, str]) -> Unit:
    return Unit(id=f"r{i}", doc="d", doc_title="D", kind="row", locator=f"PL.I/1/{i}", label=f"Phụ lục I, dòng {i}",
                text="; ".join(f"{k}: {v}" for k, v in cells.items()), embed_text="",
                metadata={"annex": "I", "table": 1, "position": i}, cells=cells)


SCHOOLS = [
    _row(1, {"STT": "1", "Tên trường": "TH Tân Hoà 1", "Huyện/Thành phố": "H Lai Vung", "Cấp học": "Tiểu học",
             "Kết quả": "Đạt"}),
    _row(2, {"STT": "2", "Tên trường": "THCS Tân Phước", "Huyện/Thành phố": "H Lai Vung", "Cấp học": "THCS",
             "Kết quả": "Chưa đạt"}),
    _row(3, {"STT": "3", "Tên trường": "THPT Cao Lãnh 1", "Huyện/Thành phố": "TP Cao Lãnh", "Cấp học": "THPT",
             "Kết quả": "Đạt"}),
    _row(4, {"STT": "4", "Tên trường": "THCS Mỹ Hội", "Huyện/Thành phố": "H Cao Lãnh", "Cấp học": "THCS",
             "Kết quả": "Đạt"}),
]


@pytest.mark.parametrize(("question", "levels", "ids"), [
    ("cac truong o huyen lai vung", set(), ["r1", "r2"]),
    ("cac truong o thanh pho cao lanh", set(), ["r3"]),  # the city, not the district of the same name
    ("cac truong o cao lanh", set(), ["r3", "r4"]),
    ("truong nao chua dat", set(), ["r2"]),  # "Chưa đạt" before "Đạt"
    ("cac truong thcs", {"thcs"}, ["r2", "r4"]),
    ("cac co so giao duc", set(), ["r1", "r2", "r3", "r4"]),  # generic words name no value
])
def test_table_rows_selected(question: str, levels: set[str], ids: list[str]) -> None:
    selected, _ = select_rows(SCHOOLS, question, levels)
    assert [u.id for u in selected] == ids


def test_table_answers_name_the_entity_and_roles() -> None:
    selected, constraints = select_rows(SCHOOLS, "cac truong o huyen lai vung", set())
    assert answer_list(TableSelection(("d", "I", 1), SCHOOLS, selected, constraints), "list", lambda u: "[1]") == (
        "Có 2 trường (Huyện/Thành phố: H Lai Vung) trong Phụ lục I:\n"
        "1. TH Tân Hoà 1 (H Lai Vung; Tiểu học; Đạt) — Phụ lục I, dòng 1 [1]\n"
        "2. THCS Tân Phước (H Lai Vung; THCS; Chưa đạt) — Phụ lục I, dòng 2 [1]")
    task = _row(5, {"STT": "1", "Nội dung nhiệm vụ": "Xây dựng kho học liệu số", "Đơn vị chủ trì": "Phòng GDTrH",
                    "Đơn vị phối hợp": "Các trường THPT", "Thời gian": "2024"})
    assert answer_lookup(task, lambda u: "[1]") == \
        "Xây dựng kho học liệu số: Đơn vị chủ trì: Phòng GDTrH; Đơn vị phối hợp: Các trường THPT [1]"


def test_vocab_is_ingest_only() -> None:
    """ingest never imports assistant: the vocabulary module loads alone."""
    code = ("import sys, ingest.vocab, ingest.tags, ingest.units; "
            "print(sorted(m for m in sys.modules if m.startswith('assistant')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_the_accent_free_entity_nouns_are_the_printed_ones() -> None:
    assert tuple(fold(n) for n in vocab.ENTITY_NOUNS) == vocab.TABLE_ENTITY_NOUNS
