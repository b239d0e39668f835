"""The Vietnamese text-layer check accepts real plan text and rejects unusable text layers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ingest.quality import assess_vietnamese_text, is_vietnamese_marked
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
