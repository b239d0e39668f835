"""Words run together in a PDF text layer ("bộquản lý", "TÂMTHÔNGTIN"): the reader keeps the spaces a producer
draws as text objects of their own (Word's Save as PDF), and `SpacingRepair` segments words that still come
glued into syllables, leaving abbreviations, codes and correct text as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.quality import SpacingRepair, segment_syllables
from ingest.readers.pdf import read_pdf, read_pdf_layer
from tests import builders as b

CORPUS_DEV = Path(__file__).resolve().parents[1] / "eval" / "corpus-dev"
CV_STEM = CORPUS_DEV / "cv-lich-boi-duong-stem-thang-12-2025-ttttctgd-sgddt-tphcm.pdf"


@pytest.mark.parametrize("drawn_spaces", [True, False], ids=["space-objects", "gaps-only"])
def test_words_drawn_one_by_one_keep_their_spaces(tmp_path: Path, drawn_spaces: bool) -> None:
    pdf = b.make_word_by_word_pdf(tmp_path / "cong-van.pdf", drawn_spaces=drawn_spaces)
    paras = [x.text for x in read_pdf(pdf) if x.kind == "para"]
    assert paras == [
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO TRUNG TÂM THÔNG TIN VÀ CHƯƠNG TRÌNH V/v lịch bồi dưỡng các lớp STEM tháng "
        "12/2025 Căn cứ Công văn số 1910/SGDĐT-GDTH về hướng dẫn Cán bộ quản lý cơ sở giáo dục rèn kỹ năng số"
    ]


def test_pieces_of_one_word_drawn_end_to_end_stay_one_word(tmp_path: Path) -> None:
    pdf = b.make_word_by_word_pdf(tmp_path / "manh.pdf", ["giáo d|ục h|ọ|c sinh trung h|ọc ph|ổ thông", "Căn c|ứ"])
    assert [x.text for x in read_pdf(pdf) if x.kind == "para"] == ["giáo dục học sinh trung học phổ thông Căn cứ"]


# What a reader that drops the drawn spaces gave for a Word-exported letter (the damage seen in eval/corpus-dev).
GLUED = [
    ("Cán bộquản lý", "Cán bộ quản lý"),
    ("TRUNG TÂMTHÔNGTIN VÀCHƯƠNGTRÌNH GIÁODỤC", "TRUNG TÂM THÔNG TIN VÀ CHƯƠNG TRÌNH GIÁO DỤC"),
    ("THÀNH PHỐ HỒ CHÍ MINHĐộc lập -Tựdo -Hạnhphúc", "THÀNH PHỐ HỒ CHÍ MINH Độc lập -Tự do -Hạnh phúc"),
    # "cứchức" is "cứ chức" or "cức hức": "chức", written alone in the same layer, decides
    ("Căn cứchức năng, nhiệm vụcủa Trung tâm tổ chức", "Căn cứ chức năng, nhiệm vụ của Trung tâm tổ chức"),
    ("SởGDĐT thông báo kỹnăng sốcho cơ sởgiáo dục", "Sở GDĐT thông báo kỹ năng số cho cơ sở giáo dục"),
    ("Thành phốHồChí Minh, ngàythángnăm 2025", "Thành phố Hồ Chí Minh, ngày tháng năm 2025"),
    ("CỘNG HÒA XÃ HỘI CHỦNGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("lịch bồi dưỡng các lớp STEMtháng 12/2025", "lịch bồi dưỡng các lớp STEM tháng 12/2025"),
]
UNTOUCHED = [
    "Công văn số 1910/SGDĐT-GDTH của Sở GDĐT gửi BGDĐT-GDTH và các trường THPT",
    "Đăng ký tại https://taphuan.edu.vn hoặc email dinhthao@hcm.edu.vn; Vovinam, video, Marie Curie",
    "chủ nghĩa xã hội, giáo dục STEM, Tập huấn STEM-Số lượng",
]


def test_glued_text_layer_is_split_into_syllables() -> None:
    fix = SpacingRepair([s for s, _ in GLUED] + UNTOUCHED)
    assert fix.broken and fix.run_together and not fix.cut
    assert [fix(s) for s, _ in GLUED] == [want for _, want in GLUED]
    assert [fix(s) for s in UNTOUCHED] == UNTOUCHED


def test_segmentation_over_any_number_of_syllables() -> None:
    def seen(w: str) -> bool:
        return w.lower() in {"chủ", "nghĩa", "gian", "tổ", "chức"}

    assert segment_syllables("TÂMTHÔNGTIN", seen) == ["TÂM", "THÔNG", "TIN"]
    assert segment_syllables("bộquản", seen) == ["bộ", "quản"]
    assert segment_syllables("CHỦNGHĨA", seen) == ["CHỦ", "NGHĨA"]  # not CHỦNG HĨA: the document's words
    assert segment_syllables("CHỦNGHĨA", lambda w: False) is None  # two equally good ways: left alone
    assert segment_syllables("giantổchức", seen) == ["gian", "tổ", "chức"]  # not "gi an"
    for word in ["GDĐT", "BGDĐT", "THPT", "STEM", "SGDĐT", "quản"]:  # no syllables, or one
        assert segment_syllables(word, seen) is None


def test_splitter_leaves_syllables_abbreviations_and_codes() -> None:
    fix = SpacingRepair(["Cán bộquản lý", "TÂMTHÔNGTIN"] * 5)
    assert fix._split("SởGDĐT") == ["Sở", "GDĐT"]
    assert fix._split("GDĐTđối") == ["GDĐT", "đối"]
    assert fix._split("MINHĐộc") == ["MINH", "Độc"]
    for token in ["GDĐT", "BGDĐT", "STEM", "THPT", "quản", "Vovinam", "video"]:
        assert fix._split(token) == [token]
    for text in ["GDĐT", "BGDĐT-GDTH", "1910/SGDĐT-GDTH", "https://taphuan.edu.vn"]:
        assert fix(text) == text


def test_correct_layer_is_not_taken_for_glued() -> None:
    corpus = (Path(__file__).resolve().parents[1] / "corpus" / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md")
    fix = SpacingRepair(corpus.read_text(encoding="utf-8").splitlines())
    assert not fix.broken and fix.glued <= 1


def test_word_exported_letter_reads_with_its_spaces() -> None:
    read = read_pdf_layer(CV_STEM)
    text = "\n".join([x.text for x in read.blocks] + [c for x in read.blocks for r in x.rows for c in r])
    for phrase in ["TRUNG TÂM THÔNG TIN", "VÀ CHƯƠNG TRÌNH GIÁO DỤC", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                   "Căn cứ chức năng, nhiệm vụ của", "Cán bộ quản lý", "cơ sở giáo dục",
                   "Thành phố Hồ Chí Minh", "V/v lịch bồi dưỡng các lớp STEM tháng 12/2025", "kỹ năng",
                   "1910/SGDĐT-GDTH"]:
        assert phrase in text, phrase
    for glued in ["bộquản", "sởgiáo", "cứchức", "TÂMTHÔNG", "phốHồ", "kỹnăng", "STEMtháng"]:
        assert glued not in text, glued
