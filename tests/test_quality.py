"""The Vietnamese text-layer check accepts real plan text and rejects unusable text layers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ingest.quality import (
    SpacingRepair,
    assess_page_letters,
    assess_vietnamese_text,
    is_vietnamese_marked,
    repair_spacing,
)
from tests import builders as b

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md"
SHORT_REAL = (
    "Sở Giáo dục và Đào tạo xây dựng kế hoạch triển khai đề án chuyển đổi số ngành giáo dục năm 2024, "
    "bảo đảm 100% văn bản được trao đổi qua môi trường mạng dưới dạng văn bản điện tử có ký số."
)
# TCVN3 (ABC) text decoded as Latin-1, as old .VnTime documents come out of a PDF text layer.
TCVN3 = (
    "Thùc hiÖn KÕ ho¹ch sè 70/KH-SGD§T ngµy 29 th¸ng 05 n¨m 2023 cña Së Gi¸o dôc vµ §µo t¹o §ång Th¸p "
    "vÒ TriÓn khai §Ò ¸n chuyÓn ®æi sè ngµnh Gi¸o dôc tØnh §ång Th¸p, ®¹t ®­îc c¸c kÕt qu¶ nh­ sau: "
)


def test_accepts_corpus() -> None:
    ok, detail = assess_vietnamese_text(CORPUS.read_text(encoding="utf-8"))
    assert ok, detail
    assert "có dấu" in detail


def test_accepts_every_corpus_paragraph_over_200_chars() -> None:
    paras = [p for p in CORPUS.read_text(encoding="utf-8").split("\n\n") if len(p) >= 200]
    assert len(paras) > 20
    assert [p[:60] for p in paras if not assess_vietnamese_text(p)[0]] == []


def test_accepts_short_real_text() -> None:
    assert 180 <= len(SHORT_REAL) <= 220
    assert assess_vietnamese_text(SHORT_REAL)[0]


def test_too_short_to_judge_is_ok() -> None:
    assert assess_vietnamese_text("Trang 1")[0]
    assert assess_vietnamese_text("xkcd qwrt zzz")[0]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(b.strip_diacritics(SHORT_REAL * 2), id="stripped-short"),
        pytest.param(b.garbage_text("stripped"), id="stripped-plan"),
        pytest.param(b.garbage_text("noise"), id="ocr-noise"),
        pytest.param(TCVN3 * 2, id="tcvn3-mojibake"),
    ],
)
def test_rejects_garbage(text: str) -> None:
    ok, detail = assess_vietnamese_text(text)
    assert not ok
    assert detail and "%" in detail


def test_rejects_corpus_without_diacritics() -> None:
    ok, detail = assess_vietnamese_text(b.strip_diacritics(CORPUS.read_text(encoding="utf-8")))
    assert (ok, detail) == (False, "0% từ có dấu")


def test_rejects_random_characters() -> None:
    rng = random.Random(7)
    alphabet = "abcdeghiklmnopqrstuvxyáàảãạêếềôơư"
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(2, 9))) for _ in range(150)]
    assert not assess_vietnamese_text(" ".join(words))[0]
    junk = "".join(rng.choice("!@#$%^&*<>~|\\{}_=`0123456789abc ") for _ in range(600))
    assert not assess_vietnamese_text(junk + " của và các được " * 3)[0]


def test_vietnamese_marks() -> None:
    assert all(is_vietnamese_marked(c) for c in "ếợăđĐƯỹạ")
    assert not any(is_vietnamese_marked(c) for c in "aeöçñÖµ")


# ----------------------------------------------------------------- spaces inside words, words run together

# Lines of the text layer of eval/corpus-dev/kh-lien-tich-huong-nghiep-…pdf as pypdf gives them, and the same
# lines repaired. The producer drew syllables in pieces; the text layer has a space at each piece.
SPACED = [
    ("với giáo dụ c mầm non, giáo d ục phổ thông và giáo d ục thường xuyên trên địa",
     "với giáo dục mầm non, giáo dục phổ thông và giáo dục thường xuyên trên địa"),
    ("Hồ Chí Minh (TP.HCM) xây d ựng K ế hoạch t ổ chức Chương trình Hướng",
     "Hồ Chí Minh (TP.HCM) xây dựng Kế hoạch tổ chức Chương trình Hướng"),
    ("Trang bị cho học sinh nh ững kiến thức, kỹnăng trong việc tiếp cận, khám",
     "Trang bị cho học sinh những kiến thức, kỹ năng trong việc tiếp cận, khám"),
    ("dung th iết thực, cập nhật các quy định của BộGDĐTđối với k ỳ thi tốt nghi ệp",
     "dung thiết thực, cập nhật các quy định của Bộ GDĐT đối với kỳ thi tốt nghiệp"),
    ("Căn cứ Quyết định s ố522/QĐ-TTg ngày 14 tháng 5 năm 2018 của Th ủ",
     "Căn cứ Quyết định số 522/QĐ-TTg ngày 14 tháng 5 năm 2018 của Thủ"),
    ("- TS. Nguy ễn Qu ốc Anh, Phó Hi ệu trưởng Trường Đại h ọc Công ngh ệ",
     "- TS. Nguyễn Quốc Anh, Phó Hiệu trưởng Trường Đại học Công nghệ"),
    ("ỦY BAN NHÂN DÂNCỘNG HÒA XÃ HỘI CHỦNGHĨA VIỆT NAM", "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("tạo, đáp ứng yêu c ầu công nghi ệp h óa, hi ện đại h óa trong điều ki ện kinh t ế thị",
     "tạo, đáp ứng yêu cầu công nghiệp hóa, hi ện đại hóa trong điều kiện kinh tế thị"),  # no "hiện" elsewhere
]
# Lines of the same text layer that are right: the document's own words ("nghiệp", "Hiệu", "Nguyễn", "chủ",
# "nghĩa") are the evidence for joining two pieces that could each be a syllable ("nghi ệp", "Hi ệu").
SAME_LAYER_CLEAN = [
    "nghiệp trung học phổ thông (THPT).",
    "- ThS. Phạm Doãn Nguyên, Phó Hiệu trưởng Trường Đại học Hoa Sen;",
    "trường định hướng xã hội chủ nghĩa và hội nhập quốc tế”;",
    "Định hướng, phân luồng và giới thiệu cho học sinh các hướng đi sau khi tốt",
    "49.Trường trung học phổ thông Nguyễn Công Trứ;",
    "ký túc xá, điều kiện cơ sở vật chất, học tập, hoạt động phong trào,…",
]


def test_spaced_text_layer_repaired() -> None:
    lines = [s for s, _ in SPACED] + SAME_LAYER_CLEAN
    fix = SpacingRepair(lines)
    assert fix.broken
    assert [fix(s) for s, _ in SPACED] == [want for _, want in SPACED]
    assert [fix(s) for s in SAME_LAYER_CLEAN] == SAME_LAYER_CLEAN


def test_two_possible_syllables_joined_only_on_the_documents_evidence() -> None:
    base = [s for s, _ in SPACED]
    assert SpacingRepair(base)("cho học sinh ăn trưa, Tu ấn") == "cho học sinh ăn trưa, Tu ấn"
    assert SpacingRepair([*base, "Ông Trần Anh Tuấn"])("Tu ấn") == "Tuấn"


def test_correct_text_is_left_as_it_is() -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    fix = SpacingRepair(lines)
    assert not fix.broken and fix.fragments <= 2
    assert repair_spacing(lines) == lines
    # a single stray letter in good text ("điểm b khoản 2") is not enough to touch the text
    few = [SHORT_REAL, "Căn cứ điểm b khoản 2 Điều 5, khoản c ủa"]
    assert repair_spacing(few) == few


def test_clean_pdf_text_layer_is_left_as_it_is(tmp_path: Path) -> None:
    from ingest.readers.pdf import read_pdf

    blocks = read_pdf(b.make_plan_pdf(tmp_path / "ke-hoach.pdf"))
    texts = [x.text for x in blocks if x.kind == "para"] + [c for x in blocks for r in x.rows for c in r]
    assert not SpacingRepair(texts).broken
    assert [x.text for x in blocks if x.kind == "para"] == [
        p.text for p in [*b.PLAN_PARAGRAPHS, *b.ANNEX_PARAGRAPHS, b.AFTER_TABLE]]


# ------------------------------------------------------------------------- a text layer that lost letters

# What pypdf reads from a page whose font maps the letters only Vietnamese uses to nothing (tests/builders.py
# make_lost_letters_pdf; the same damage as "B O HI M XÃ H I VI T NAM" in real files).
LOST = (
    "B O HI M XÃ H I VI T NAM C  quan b o hi m xã h i ph i h p v i S  Giáo d c và  ào t o h  ng d n các "
    "tr  ng h c th c hi n b o hi m y t  cho h c sinh, sinh viên n m h c 2024 - 2025, b o  m quy n l i c a "
    "ng  i tham gia theo  úng quy  nh c a pháp lu t."
)
# The same text with the letters dropped without a trace: no lone consonants, but no ạ ả ấ đ ơ ư either.
LOST_GLUED = LOST.replace("  ", " ").replace("B O", "BO").replace("HI M", "HIM").replace("H I", "HI")


@pytest.mark.parametrize("text", [LOST, LOST_GLUED])
def test_page_that_lost_letters_is_judged_unusable(text: str) -> None:
    ok, detail = assess_page_letters(text)
    assert not ok and "%" in detail


@pytest.mark.parametrize("text", [
    CORPUS.read_text(encoding="utf-8")[:3000],
    SHORT_REAL * 2,
    " ".join(s for s, _ in SPACED),  # broken spacing is repaired, not read again by OCR
    "Trang 1",
])
def test_page_with_its_letters_passes(text: str) -> None:
    assert assess_page_letters(text)[0]
