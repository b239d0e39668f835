"""Loading and validating a gold question file (JSONL), per shared/CONTRACT.md.

Every problem of the file is collected and raised at once as a `GoldError`, each with its line number
and what is wrong, so the author can fix them in one go. Keys the contract does not know are allowed
(the format may be extended) and reported as warnings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.match import normalise

KNOWN_KEYS = {"id", "question", "answers", "evidence", "evidence_mode", "history", "unanswerable", "tags", "filters"}
FILTER_KEYS = ("doc", "role", "level", "district")
ROLES = ("user", "assistant")
MODES = ("any", "all")


class GoldError(ValueError):
    """The gold file is invalid; `problems` lists every problem as "line N: what is wrong"."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{self.path}: {len(problems)} problem(s) in the gold file:\n{listing}")


@dataclass
class GoldQuestion:
    id: str
    question: str
    answers: list[list[str]] = field(default_factory=list)
    evidence: list[str | list[str]] = field(default_factory=list)
    evidence_mode: str = "any"
    history: list[tuple[str, str]] = field(default_factory=list)
    unanswerable: bool = False
    tags: list[str] = field(default_factory=list)
    line: int = 0
    filters: dict[str, str] = field(default_factory=dict)  # sent with the question (the contract's Filters)

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "question": self.question, "tags": self.tags, "line": self.line}
        if self.history:
            d["history"] = [{"role": r, "content": c} for r, c in self.history]
        if self.filters:
            d["filters"] = dict(self.filters)
        if self.unanswerable:
            d["unanswerable"] = True
        else:
            d.update(answers=self.answers, evidence=self.evidence, evidence_mode=self.evidence_mode)
        return d


@dataclass
class GoldSet:
    path: str
    questions: list[GoldQuestion]
    warnings: list[str] = field(default_factory=list)


def _is_text(v: Any) -> bool:
    return isinstance(v, str) and bool(normalise(v))


def _check_snippets(value: Any, where: str, what: str, errs: list[str]) -> None:
    """A non-empty list of non-empty strings."""
    if isinstance(value, str):
        errs.append(f"{where} must be a list of {what}, e.g. [{json.dumps(value, ensure_ascii=False)}]; "
                    "got a string")
        return
    if not isinstance(value, list) or not value:
        errs.append(f"{where} must be a non-empty list of {what}; got {json.dumps(value, ensure_ascii=False)}")
        return
    for j, s in enumerate(value):
        if not _is_text(s):
            errs.append(f"{where}[{j}] must be a non-empty string (after normalisation); "
                        f"got {json.dumps(s, ensure_ascii=False)}")


def _check_answerable(obj: dict[str, Any], errs: list[str]) -> None:
    answers = obj.get("answers")
    if "answers" not in obj:
        errs.append('"answers" is missing (required unless "unanswerable": true)')
    elif not isinstance(answers, list) or not answers:
        errs.append('"answers" must be a non-empty list of groups of alternatives, e.g. [["5%"], ["10%"]]')
    else:
        for i, group in enumerate(answers):
            _check_snippets(group, f"answers[{i}]", "alternatives", errs)
    evidence = obj.get("evidence")
    if "evidence" not in obj:
        errs.append('"evidence" is missing (required unless "unanswerable": true)')
    elif not isinstance(evidence, list) or not evidence:
        errs.append('"evidence" must be a non-empty list of snippets (or lists of snippets)')
    else:
        for i, item in enumerate(evidence):
            if isinstance(item, list):
                _check_snippets(item, f"evidence[{i}]", "snippets", errs)
            elif not _is_text(item):
                errs.append(f"evidence[{i}] must be a non-empty string or a non-empty list of strings; "
                            f"got {json.dumps(item, ensure_ascii=False)}")
    mode = obj.get("evidence_mode", "any")
    if mode not in MODES:
        errs.append(f'"evidence_mode" must be "any" or "all"; got {json.dumps(mode, ensure_ascii=False)}')


def _check_history(history: Any, errs: list[str]) -> None:
    if not isinstance(history, list):
        errs.append('"history" must be a list of {"role": "user"|"assistant", "content": "..."}')
        return
    for i, turn in enumerate(history):
        if not isinstance(turn, dict):
            errs.append(f"history[{i}] must be an object with role and content")
            continue
        if turn.get("role") not in ROLES:
            errs.append(f'history[{i}].role must be "user" or "assistant"; got {turn.get("role")!r}')
        if not isinstance(turn.get("content"), str):
            errs.append(f"history[{i}].content must be a string")
        extra = sorted(set(turn) - {"role", "content"})
        if extra:
            errs.append(f"history[{i}] has unknown keys {extra}")


def check_object(obj: Any) -> list[str]:
    """The problems of one parsed line (empty when it is valid)."""
    if not isinstance(obj, dict):
        return [f"must be a JSON object; got {type(obj).__name__}"]
    errs: list[str] = []
    if not isinstance(obj.get("id"), str) or not obj.get("id", "").strip():
        errs.append('"id" must be a non-empty string')
    if not _is_text(obj.get("question")):
        errs.append('"question" must be a non-empty string')
    unanswerable = obj.get("unanswerable", False)
    if not isinstance(unanswerable, bool):
        errs.append(f'"unanswerable" must be true or false; got {json.dumps(unanswerable)}')
    elif unanswerable:
        present = [k for k in ("answers", "evidence", "evidence_mode") if k in obj]
        if present:
            errs.append(f'"unanswerable": true, so {", ".join(present)} must be absent')
    else:
        _check_answerable(obj, errs)
    if "history" in obj:
        _check_history(obj["history"], errs)
    tags = obj.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        errs.append('"tags" must be a list of non-empty strings')
    filters = obj.get("filters", {})
    if not isinstance(filters, dict) or not all(k in FILTER_KEYS and isinstance(v, str) and v.strip()
                                                for k, v in filters.items()):
        errs.append(f'"filters" must be an object with string values for keys among {", ".join(FILTER_KEYS)}; '
                    f"got {json.dumps(filters, ensure_ascii=False)}")
    return errs


def _question(obj: dict[str, Any], line: int) -> GoldQuestion:
    unanswerable = bool(obj.get("unanswerable", False))
    return GoldQuestion(
        id=obj["id"].strip(), question=obj["question"], line=line, unanswerable=unanswerable,
        answers=[] if unanswerable else [list(g) for g in obj["answers"]],
        evidence=[] if unanswerable else [list(e) if isinstance(e, list) else e for e in obj["evidence"]],
        evidence_mode=obj.get("evidence_mode", "any"),
        history=[(t["role"], t["content"]) for t in obj.get("history", [])],
        tags=[t.strip() for t in obj.get("tags", [])],
        filters={k: v.strip() for k, v in obj.get("filters", {}).items()},
    )


def parse_gold(text: str, path: Path | str = "<gold>") -> GoldSet:
    """Validate a whole JSONL text; raise GoldError listing every problem."""
    problems: list[str] = []
    warnings: list[str] = []
    questions: list[GoldQuestion] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            problems.append(f"line {n}: not valid JSON ({e.msg} at column {e.colno})")
            continue
        errs = check_object(obj)
        problems += [f"line {n}: {e}" for e in errs]
        if errs:
            continue
        q = _question(obj, n)
        if q.id in seen:
            problems.append(f"line {n}: duplicate id {q.id!r} (first on line {seen[q.id]})")
            continue
        seen[q.id] = n
        unknown = sorted(set(obj) - KNOWN_KEYS)
        if unknown:
            warnings.append(f"line {n}: unknown keys {unknown} ignored")
        questions.append(q)
    if not questions and not problems:
        problems.append("line 1: the file holds no questions")
    if problems:
        raise GoldError(path, problems)
    return GoldSet(str(path), questions, warnings)


def read_gold(path: Path | str) -> GoldSet:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GoldError(p, [f"line 0: file not found: {p}"]) from None
    except UnicodeDecodeError as e:
        raise GoldError(p, [f"line 0: not UTF-8 text ({e.reason} at byte {e.start})"]) from None
    return parse_gold(text, p)


def load_gold(path: Path | str) -> list[GoldQuestion]:
    """The questions of a valid gold file (raises GoldError otherwise)."""
    return read_gold(path).questions
