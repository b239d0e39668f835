"""The evaluation scorer on hand-made responses, and gold validation (fast: no model, no index)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.gold import GoldError, GoldQuestion, load_gold, parse_gold
from eval.match import answer_correct, contains, evidence_found, normalise, precise_citation
from eval.score import aggregate, below_floor, by_tag, percentile, score_question

ROW = "Xây dựng Luật Nhà giáo | Bộ Giáo dục và Đào tạo | 2024"
SECTION = "Giảm trung bình 5% ở bậc tiểu học; 10% ở bậc trung học."


def q(**kw) -> GoldQuestion:
    base = dict(id="q", question="?", answers=[["5%"], ["10%", "mười phần trăm"]],
                evidence=["trung bình 5% ở bậc tiểu học"], tags=["target"])
    base.update(kw)
    return GoldQuestion(**base)


def cite(text: str, label: str = "Phần II › 1") -> dict:
    return {"id": label, "doc": "d", "doc_title": "D", "kind": "section", "label": label, "locator": label,
            "text": text}


# ---------------------------------------------------------------------- normalisation and matching
def test_normalise_markup_case_spaces_nfc():
    decomposed = "Ho\u0300a"  # "Hòa" with a combining grave accent
    assert normalise(f"**Tỉ  lệ**\n<b>{decomposed}</b> ## X | y") == "tỉ lệ hòa x y"
    assert contains("Mục tiêu: **đạt 5%** các trường", "đạt 5%")
    assert contains("<td>Bộ <i>Giáo dục</i></td>", "bộ giáo dục")


def test_word_boundaries_numbers():
    assert not contains("đạt 35% số trường", "5%")
    assert contains("đạt 5% số trường", "5%")
    assert not contains("đạt 2,5% số trường", "5%")
    assert not contains("năm 20245", "2024")
    assert contains("(5%).", "5%")


def test_thousands_separator():
    assert contains("hơn 55.500 học sinh", "55500")
    assert contains("hơn 55500 học sinh", "55.500")
    assert contains("1.234.567 đồng", "1234567")
    assert contains("tỉ lệ 78,18%", "78,18%")
    assert not contains("55.500", "55.5")


def test_second_pass_without_diacritics():
    assert contains("Sở Giáo dục và Đào tạo Đồng Tháp", "so giao duc va dao tao dong thap")
    assert contains("hoà nhập", "hòa nhập")  # tone-mark placement variant
    assert not contains("Đồng Tháp", "dong nai")


def test_answer_groups():
    groups = [["5%"], ["10%", "mười phần trăm"]]
    assert answer_correct("Tiểu học 5%, trung học mười phần trăm [1].", groups)
    assert not answer_correct("Tiểu học 35%, trung học 10%.", groups)  # wrong fact
    assert not answer_correct("Tiểu học 5%.", groups)  # one group missing
    assert not answer_correct("anything", [])


def test_evidence_list_needs_one_citation():
    item = ["Xây dựng Luật Nhà giáo", "Bộ Giáo dục và Đào tạo"]
    assert evidence_found([cite(ROW)], [item])
    split = [cite("Xây dựng Luật Nhà giáo"), cite("Bộ Giáo dục và Đào tạo")]
    assert not evidence_found(split, [item])


def test_evidence_modes():
    ev = ["trung bình 5% ở bậc tiểu học", "Luật Nhà giáo"]
    assert evidence_found([cite(SECTION)], ev, "any")
    assert not evidence_found([cite(SECTION)], ev, "all")
    assert evidence_found([cite(SECTION), cite(ROW)], ev, "all")
    assert not evidence_found([], ev)


def test_precise_citation_size():
    long = SECTION + " " + "x " * 600
    assert evidence_found([cite(long)], ["5% ở bậc tiểu học"])
    assert not precise_citation([cite(long)], ["5% ở bậc tiểu học"])
    assert precise_citation([cite(long), cite(SECTION)], ["5% ở bậc tiểu học"])


# ---------------------------------------------------------------------- per-question scoring
def test_right_answer_with_citation():
    r = score_question(q(), "s", answer="5% ở tiểu học, 10% ở trung học [1]", abstained=False,
                       citations=[cite(SECTION)], latency_s=0.1)
    assert r.answer_correct and r.evidence_found and r.precise_citation
    assert r.abstention_correct and r.false_abstention is False


def test_wrong_fact():
    r = score_question(q(), "s", answer="35% ở tiểu học, 10% ở trung học", abstained=False,
                       citations=[cite(SECTION)], latency_s=0.1)
    assert not r.answer_correct and r.evidence_found


def test_right_fact_missing_citation():
    r = score_question(q(), "s", answer="5% và 10%", abstained=False, citations=[cite(ROW)], latency_s=0.1)
    assert r.answer_correct and not r.evidence_found and not r.precise_citation
    assert r.failed


def test_abstention_right_and_wrong():
    un = q(answers=[], evidence=[], unanswerable=True)
    right = score_question(un, "s", answer="Không có.", abstained=True, citations=[], latency_s=0.1)
    wrong = score_question(un, "s", answer="5%", abstained=False, citations=[cite(SECTION)], latency_s=0.1)
    assert right.answer_correct and right.abstention_correct and right.evidence_found is None
    assert not wrong.answer_correct and not wrong.abstention_correct


def test_false_abstention():
    r = score_question(q(), "s", answer="Kế hoạch không đề cập 5% 10%", abstained=True, citations=[],
                       latency_s=0.1)
    assert r.false_abstention and not r.abstention_correct and not r.answer_correct


def test_hits_and_mrr():
    texts = ["không liên quan", "cũng không", SECTION, "x"]
    r = score_question(q(), "s", answer="", abstained=False, citations=[], latency_s=0.1, search_texts=texts)
    assert r.search_rank == 3
    assert r.hits == {"hit@1": False, "hit@3": True, "hit@5": True}
    assert r.mrr == pytest.approx(1 / 3)
    miss = score_question(q(), "s", answer="", abstained=False, citations=[], latency_s=0.1,
                          search_texts=["a"] * 10 + [SECTION])  # rank 11: outside MRR@10
    assert miss.mrr == 0.0 and miss.search_rank is None


def test_aggregate_and_tags():
    un = q(id="u", answers=[], evidence=[], unanswerable=True, tags=["unanswerable"])
    rs = [score_question(q(id="a"), "s", answer="5% 10%", abstained=False, citations=[cite(SECTION)],
                         latency_s=0.1, search_texts=[SECTION]),
          score_question(q(id="b"), "s", answer="", abstained=True, citations=[], latency_s=0.3,
                         search_texts=["x", SECTION]),
          score_question(un, "s", answer="", abstained=True, citations=[], latency_s=0.2)]
    s = aggregate(rs)
    assert s["n"] == 3 and s["n_answerable"] == 2
    assert s["answer_correct"] == pytest.approx(2 / 3)
    assert s["evidence_found"] == 0.5
    assert s["hit@1"] == 0.5 and s["mrr@10"] == pytest.approx(0.75)
    assert s["abstention_accuracy"] == pytest.approx(2 / 3)
    assert s["false_abstention_rate"] == 0.5
    assert s["latency_p50_s"] == pytest.approx(0.2)
    tags = by_tag(rs)
    assert tags["target"]["n"] == 2 and tags["unanswerable"]["abstention_accuracy"] == 1.0
    assert below_floor(s, {"answer_correct": 0.9}) and not below_floor(s, {"answer_correct": 0.5})
    missing = below_floor(s, {"answer_corect": 0.5, "answer_correct": 0.5})  # a misspelt metric fails
    assert len(missing) == 1 and missing[0].startswith("answer_corect is not a metric")
    unmeasured = below_floor(aggregate([r for r in rs if r.unanswerable]), {"evidence_found": 0.5})
    assert len(unmeasured) == 1 and "evidence_found not measured" in unmeasured[0]
    assert percentile([1, 2, 3, 4], 50) == 2.5 and percentile([], 95) is None


# ---------------------------------------------------------------------- gold validation
def test_gold_valid(tmp_path: Path):
    lines = [
        {"id": "q01", "question": "…?", "answers": [["5%"], ["10%", "mười phần trăm"]],
         "evidence": ["trung bình 5%", ["Xây dựng Luật Nhà giáo", "Bộ Giáo dục và Đào tạo"]],
         "evidence_mode": "any", "tags": ["target"]},
        {"id": "q02", "question": "còn trung học?", "history": [{"role": "user", "content": "…"}],
         "answers": [["10%"]], "evidence": ["10% ở bậc trung học"]},
        {"id": "q03", "question": "…?", "unanswerable": True},
    ]
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    qs = load_gold(p)
    assert [x.id for x in qs] == ["q01", "q02", "q03"]
    assert qs[1].history == [("user", "…")] and qs[2].unanswerable and qs[0].evidence[1][1].startswith("Bộ")


def test_gold_errors_listed_with_line_numbers():
    text = "\n".join([
        '{"id": "q1", "question": "a?", "answers": [["5%"]], "evidence": ["x"]}',
        '{"id": "q2", "question": "b?", "answers": ["5%"], "evidence": ["x"]}',
        "{not json",
        '{"id": "q1", "question": "c?", "answers": [["1"]], "evidence": ["y"]}',
        '{"id": "q4", "question": "d?", "unanswerable": true, "answers": [["1"]]}',
        '{"id": "q5", "question": "e?", "answers": [["1"]], "evidence": [], "evidence_mode": "some"}',
        '{"id": "q6", "question": "f?", "answers": [["1"]], "evidence": ["z"], '
        '"history": [{"role": "bot", "content": "hi"}]}',
        '{"question": "g?", "answers": [["1"]]}',
    ])
    with pytest.raises(GoldError) as exc:
        parse_gold(text, "g.jsonl")
    problems = exc.value.problems
    joined = "\n".join(problems)
    assert "line 2: answers[0] must be a list of alternatives" in joined
    assert "line 3: not valid JSON" in joined
    assert "line 4: duplicate id 'q1' (first on line 1)" in joined
    assert "line 5:" in joined and "answers must be absent" in joined
    assert any(p.startswith("line 6:") and "evidence" in p for p in problems)
    assert any(p.startswith("line 6:") and "evidence_mode" in p for p in problems)
    assert "line 7: history[0].role" in joined
    assert any(p.startswith("line 8:") and '"id"' in p for p in problems)
    assert any(p.startswith("line 8:") and '"evidence" is missing' in p for p in problems)
    assert "g.jsonl" in str(exc.value) and "line 2" in str(exc.value)


def test_gold_empty_and_unknown_keys():
    with pytest.raises(GoldError):
        parse_gold("\n\n")
    gs = parse_gold('{"id": "q", "question": "a?", "unanswerable": true, "note": "x"}')
    assert gs.warnings and "note" in gs.warnings[0]
