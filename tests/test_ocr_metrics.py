"""eval/ocr_metrics.py, the project's one edit distance and character error rate, on literal cases and
against a plain dynamic-programming edit distance (the bit-vector algorithm is easy to get subtly wrong)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.ocr_metrics import TableScore, cer, corpus_cer, levenshtein, norm, score_rows


def plain_levenshtein(a: str, b: str) -> int:
    """Wagner-Fischer, the textbook O(len(a)·len(b)) table."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("", "", 0),
    ("", "abc", 3),
    ("abc", "", 3),
    ("abc", "abc", 0),
    ("kitten", "sitting", 3),
    ("flaw", "lawn", 2),
    ("abc", "abxc", 1),  # one insertion
    ("abcd", "abd", 1),  # one deletion
    ("abc", "axc", 1),  # one substitution
    ("giáo dục", "giáo duc", 1),  # ụ read as u
    ("Tân Hoà", "Tân Hòa", 2),  # the tone mark moved to the other vowel: two substitutions
    ("chi", "chỉ", 1),
    ("THPT Lai Vung 1", "THPT Lai Vụng 1", 1),
])
def test_levenshtein_literal_cases(a: str, b: str, distance: int) -> None:
    assert levenshtein(a, b) == distance
    assert levenshtein(b, a) == distance


def test_cer_literal_values() -> None:
    assert cer("giáo dục", "giáo duc") == 1 / 8  # 8 characters, one substituted
    assert cer("giáo dục", "giáo dục") == 0.0
    assert cer("abc", "abxc") == 1 / 3  # insertion: over the reference's length
    assert cer("abcd", "abd") == 1 / 4  # deletion
    assert cer("ab", "abcdef") == 2.0  # can exceed 1: four insertions over two characters
    assert cer("abc", "") == 1.0


def test_cer_of_empty_strings() -> None:
    assert cer("", "") == 0.0
    assert cer("", "x") == 1.0
    assert cer("   \n ", "") == 0.0  # only layout: empty after normalisation


def test_cer_ignores_layout_and_unicode_composition() -> None:
    assert norm("  Kế   hoạch\nsố 12 ") == "Kế hoạch số 12"
    assert cer("Kế hoạch\nsố 12", "Kế  hoạch số 12") == 0.0
    decomposed = unicodedata.normalize("NFD", "giáo dục")
    assert len(decomposed) > len("giáo dục")
    assert cer("giáo dục", decomposed) == 0.0
    assert cer(decomposed, "giáo duc") == 1 / 8


def test_corpus_cer_weighs_by_reference_length() -> None:
    assert corpus_cer([("ab", "ab"), ("abcd", "abxd")]) == 1 / 6
    assert corpus_cer([]) == 0.0


def test_score_rows_counts_rows_cells_and_characters() -> None:
    source = {"r1": ["1", "TH Tân Hoà 1"], "r2": ["2", "THCS Tân Phước"], "r3": ["3", "x"]}
    got = {"r1": ["1", "TH Tân Hòa 1"], "r2": ["2", "THCS  Tân Phước"], "r3": ["3"]}
    s = score_rows(source, got)
    assert (s.rows_source, s.rows_recovered, s.cells, s.cells_equal) == (3, 2, 6, 3)
    # r1: a tone mark moved (2 edits); r2: whitespace only; r3: wrong cell count, all its characters are errors
    assert s.chars == len("1 | TH Tân Hoà 1") + len("2 | THCS Tân Phước") + len("3 | x")
    assert s.char_errors == 2 + 0 + len("3 | x")
    assert s.row_rate == 2 / 3 and s.cell_rate == 0.5 and s.cer == s.char_errors / s.chars
    assert TableScore().add(s) == s


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="abcdụu ", max_size=90), st.text(alphabet="abcdụu ", max_size=90))
def test_levenshtein_matches_the_plain_table(a: str, b: str) -> None:
    assert levenshtein(a, b) == plain_levenshtein(a, b)
