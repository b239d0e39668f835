"""The development gold set eval/gold/dong-thap-2024.jsonl is well formed and grounded in the corpus.

Fast, no model: every line follows the "Gold question file" section of the contract, and every
evidence snippet (and at least one answer alternative of every group) is found in the plan's text
under the contract's matching normalisation (NFC, markup removed, case-folded, spaces collapsed,
thousands separators dropped inside numbers, word-boundary match). Snippets of one evidence list
must all be in the same line of the source file (one table row or one paragraph), since a citation
is one unit.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "gold" / "dong-thap-2024.jsonl"
CORPUS = ROOT / "corpus" / "kh-chuyen-doi-so-giao-duc-dong-thap-2024.md"

ALLOWED_KEYS = {"id", "question", "answers", "evidence", "evidence_mode", "history", "unanswerable", "tags"}

_TAG = re.compile(r"<[^>]+>")
_EMPH = re.compile(r"\*+|__")
_HEADING = re.compile(r"^\s*#+\s*", re.M)
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?!\d)")
_SPACES = re.compile(r"\s+")


def norm(s: str) -> str:
    """The contract's matching form: NFC, markup removed, case-folded, spaces collapsed, 55.500 -> 55500."""
    s = unicodedata.normalize("NFC", s)
    s = _HEADING.sub("", s)
    s = _TAG.sub(" ", s)
    s = _EMPH.sub("", s)
    s = s.casefold()
    s = _THOUSANDS.sub(lambda m: m.group(0).replace(".", ""), s)
    return _SPACES.sub(" ", s).strip()


def _pattern(snippet: str) -> re.Pattern[str]:
    s = norm(snippet)
    pre = ""
    post = ""
    if s and (s[0].isalnum() or s[0] == "_"):
        pre = r"(?<!\w)"
        if s[0].isdigit():
            pre += r"(?<!\d[.,])"
    if s and (s[-1].isalnum() or s[-1] == "_"):
        post = r"(?!\w)"
        if s[-1].isdigit():
            post += r"(?![.,]\d)"
    return re.compile(pre + re.escape(s) + post)


def found(snippet: str, text_norm: str) -> bool:
    return bool(_pattern(snippet).search(text_norm))


@lru_cache(maxsize=1)
def corpus_text() -> str:
    return norm(CORPUS.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def corpus_lines() -> tuple[str, ...]:
    return tuple(n for line in CORPUS.read_text(encoding="utf-8").splitlines() if (n := norm(line)))


def in_one_line(snippets: list[str]) -> bool:
    pats = [_pattern(s) for s in snippets]
    return any(all(p.search(line) for p in pats) for line in corpus_lines())


@lru_cache(maxsize=1)
def gold() -> list[dict]:
    rows = []
    for n, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"line {n} is empty"
        obj = json.loads(line)
        assert isinstance(obj, dict), f"line {n} is not an object"
        rows.append(obj)
    return rows


def _ids() -> list[str]:
    return [str(g.get("id")) for g in gold()]


# --- the normaliser itself ---------------------------------------------------------------------

def test_normaliser_matches_contract_examples() -> None:
    assert norm("**Tổng kinh phí: 55.500** triệu") == "tổng kinh phí: 55500 triệu"
    assert norm("<b>TỔNG CỘNG</b>") == "tổng cộng"
    assert norm("#### **PHẦN II**") == "phần ii"
    assert norm("đạt 78,18%") == "đạt 78,18%"
    assert norm("STT 4.1") == "stt 4.1"
    assert found("55.500", "tổng 55500 triệu")
    assert found("5%", "đạt 5% ở bậc")
    assert not found("5%", "với 35% học sinh")
    assert not found("18%", "đạt 78,18%")
    assert not found("H Cao Lãnh", norm("TP Cao Lãnh"))
    assert found("H Cao Lãnh", norm("Huyện/Thành phố: H Cao Lãnh"))
    assert not found("12", "stt: 120")


# --- file-level properties -----------------------------------------------------------------------

def test_file_counts() -> None:
    rows = gold()
    assert len(rows) >= 90
    assert len(set(_ids())) == len(rows), [i for i, c in Counter(_ids()).items() if c > 1]
    assert sum(1 for g in rows if g.get("unanswerable") is True) >= 12
    assert sum(1 for g in rows if "no-diacritics" in g.get("tags", [])) >= 15
    assert sum(1 for g in rows if g.get("history")) >= 5


def test_no_diacritics_tag_is_truthful() -> None:
    for g in gold():
        if "no-diacritics" in g.get("tags", []):
            q = g["question"]
            stripped = "".join(c for c in unicodedata.normalize("NFD", q) if unicodedata.category(c) != "Mn")
            assert stripped == q and "đ" not in q.lower(), f"{g['id']} has diacritics: {q}"


# --- per-line contract checks --------------------------------------------------------------------

@pytest.mark.parametrize("gid", _ids())
def test_line_follows_contract(gid: str) -> None:
    g = next(x for x in gold() if str(x.get("id")) == gid)
    assert set(g) <= ALLOWED_KEYS, set(g) - ALLOWED_KEYS
    assert isinstance(g["id"], str) and g["id"]
    assert isinstance(g["question"], str) and g["question"].strip()
    if "tags" in g:
        assert isinstance(g["tags"], list) and all(isinstance(t, str) and t for t in g["tags"])
    if "history" in g:
        h = g["history"]
        assert isinstance(h, list) and h
        for turn in h:
            assert set(turn) == {"role", "content"}
            assert turn["role"] in ("user", "assistant")
            assert isinstance(turn["content"], str) and turn["content"].strip()
    if g.get("unanswerable"):
        assert g["unanswerable"] is True
        assert "answers" not in g and "evidence" not in g and "evidence_mode" not in g
        assert "unanswerable" in g.get("tags", [])
        return
    assert "unanswerable" not in g
    answers, evidence = g["answers"], g["evidence"]
    assert isinstance(answers, list) and answers
    for group in answers:
        assert isinstance(group, list) and group
        assert all(isinstance(a, str) and a.strip() for a in group)
    assert isinstance(evidence, list) and evidence
    for item in evidence:
        if isinstance(item, list):
            assert item and all(isinstance(s, str) and s.strip() for s in item)
        else:
            assert isinstance(item, str) and item.strip()
    assert g.get("evidence_mode", "any") in ("any", "all")


# --- grounding in the corpus ---------------------------------------------------------------------

@pytest.mark.parametrize("gid", _ids())
def test_evidence_and_answers_are_in_corpus(gid: str) -> None:
    g = next(x for x in gold() if str(x.get("id")) == gid)
    if g.get("unanswerable"):
        return
    text = corpus_text()
    for item in g["evidence"]:
        snippets = item if isinstance(item, list) else [item]
        for s in snippets:
            assert found(s, text), f"{gid}: evidence snippet not in corpus: {s!r}"
        assert in_one_line(snippets), f"{gid}: evidence snippets not in one line/row of the corpus: {snippets!r}"
    for group in g["answers"]:
        assert any(found(a, text) for a in group), f"{gid}: no alternative of {group!r} is in the corpus"
        # The set's own rule is stricter: every alternative is copied from the plan.
        missing = [a for a in group if not found(a, text)]
        assert not missing, f"{gid}: answer alternatives not copied from the corpus: {missing!r}"


def test_unanswerable_questions_name_nothing_the_plan_answers() -> None:
    # Spot checks that the facts asked for are really absent from the plan.
    text = corpus_text()
    for absent in ("lương", "phụ cấp", "an giang", "kim đồng", "2025 là", "năm 2022 tỷ lệ", "điện thoại", "trúng thầu",
                   "tốt nghiệp", "tiết bồi dưỡng", "hạn chót"):
        assert not found(absent, text), absent
