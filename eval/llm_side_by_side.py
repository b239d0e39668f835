"""Extractive vs local-LLM answers side by side, from a report.json of
`python -m eval GOLD --systems kehoach kehoach-llm --report DIR` (make eval-llm): writes DIR/side_by_side.md.

`python -m eval.llm_side_by_side eval/reports/llm/report.json`
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

METRICS = (("answer_correct", "answer correct"), ("precise_citation", "citation precision (precise)"),
           ("evidence_found", "evidence cited"), ("abstention_accuracy", "abstention accuracy"),
           ("false_abstention_rate", "false abstention"))


def _f(v: Any, ms: bool = False) -> str:
    if v is None:
        return "—"
    return f"{1000 * v:.0f} ms" if ms else f"{v:.3f}"


def render(run: dict[str, Any]) -> str:
    systems = run["systems"]
    names = [n for n in ("kehoach", "kehoach-llm") if n in systems]
    lines = [f"# Extractive vs local LLM ({run.get('questions')} questions of {run.get('gold')})", "",
             "| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for key, label in METRICS:
        lines.append(f"| {label} | " + " | ".join(_f(systems[n]["summary"].get(key)) for n in names) + " |")
    for key, label in (("latency_p50_s", "latency p50"), ("latency_p95_s", "latency p95"),
                       ("latency_mean_s", "latency mean")):
        lines.append(f"| {label} | " + " | ".join(_f(systems[n]["summary"].get(key), ms=True) for n in names) + " |")
    gen = systems.get("kehoach-llm", {}).get("generator")
    if gen:
        lines += ["", "## Which path answered (kehoach-llm)", "",
                  f"- modes: {json.dumps(gen['modes'], ensure_ascii=False)}",
                  f"- model calls: {gen['llm_calls']}; model time p50 {_f(gen.get('llm_p50_s'), ms=True)}, "
                  f"max {_f(gen.get('llm_max_s'), ms=True)}",
                  "- why the model's answer was not used (fell back to extractive):"]
        reasons = Counter(r.split(":")[0] for r in gen.get("fallbacks", []))
        lines += [f"  - {why}: {n}" for why, n in reasons.most_common()] or ["  - none"]
    if len(names) == 2:
        a = {r["id"]: r for r in systems["kehoach"]["results"]}
        b = {r["id"]: r for r in systems["kehoach-llm"]["results"]}
        diff = [i for i in a if i in b and a[i].get("answer_correct") != b[i].get("answer_correct")]
        lines += ["", f"## Questions where correctness differs ({len(diff)})", ""]
        for i in diff:
            lines += [f"- **{i}** extractive={a[i].get('answer_correct')} llm={b[i].get('answer_correct')}: "
                      f"{a[i].get('question', '')}",
                      f"  - llm: {str(b[i].get('answer', ''))[:300]}"]
    return "\n".join(lines) + "\n"


def main(path: Path) -> Path:
    run = json.loads(path.read_text(encoding="utf-8"))
    out = path.with_name("side_by_side.md")
    out.write_text(render(run), encoding="utf-8")
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1] if len(sys.argv) > 1 else "eval/reports/llm/report.json")))
