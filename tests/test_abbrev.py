"""Abbreviations the indexed plans do not use are spelled out (assistant/qa/abbrev.py)."""

from __future__ import annotations

from assistant.qa.abbrev import spell_out

KNOWN = {"chuyen", "doi", "so", "thu", "tuc", "hanh", "chinh", "cong", "nghe", "thong", "tin", "cntt", "ke",
         "hoach", "ty", "le", "ho"}


def known(word: str) -> bool:
    return word in KNOWN


def test_unknown_abbreviation_spelled_out() -> None:
    assert spell_out("Kế hoạch CĐS có mục tiêu chung là gì?", known) == \
        "Kế hoạch chuyển đổi số có mục tiêu chung là gì?"
    assert spell_out("ty le ho so tthc xu ly truc tuyen", known) == \
        "ty le ho so thủ tục hành chính xu ly truc tuyen"


def test_abbreviation_the_plans_use_is_kept() -> None:
    assert spell_out("Ứng dụng CNTT trong dạy học", known) == "Ứng dụng CNTT trong dạy học"


def test_not_spelled_out_when_the_full_form_is_unknown_too() -> None:
    assert spell_out("Bảo đảm ATTT ở trường", known) == "Bảo đảm ATTT ở trường"  # "an", "toan" unknown


def test_only_whole_words() -> None:
    assert spell_out("Tỷ lệ CĐS2 và xcds", known) == "Tỷ lệ CĐS2 và xcds"


def test_document_numbers_kept() -> None:
    assert spell_out("Kế hoạch 70/KH-CĐS năm 2023", known) == "Kế hoạch 70/KH-CĐS năm 2023"
    assert spell_out("Quyết định 12/QĐ-TTHC-VP", known) == "Quyết định 12/QĐ-TTHC-VP"
