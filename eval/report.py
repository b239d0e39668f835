"""The evaluation report: report.md (tables, failures), report.json (everything), PNG charts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HEADLINE = (("answer_correct", "Answer correct (all questions)"),
            ("answer_correct_answerable", "Answer correct (answerable)"),
            ("evidence_found", "Evidence in citations"), ("precise_citation", "Precise citation (≤ 1,000 chars)"),
            ("hit@1", "Search hit@1"), ("hit@3", "Search hit@3"), ("hit@5", "Search hit@5"),
            ("mrr@10", "Search MRR@10"), ("abstention_accuracy", "Abstention accuracy"),
            ("false_abstention_rate", "False-abstention rate (lower is better)"))
TAG_COLUMNS = (("answer_correct", "answer"), ("evidence_found", "evidence"), ("precise_citation", "precise"),
               ("hit@5", "hit@5"), ("mrr@10", "MRR@10"), ("abstention_accuracy", "abst.acc"))
CHART_METRICS = (("answer_correct", "answer correct"), ("evidence_found", "evidence found"),
                 ("hit@5", "search hit@5"))
NOTES = """\
- **Answer correct**: every group of alternatives of the gold answer occurs in the answer (contract
  matching: NFC, markup removed, case-folded, thousands separators dropped, word boundaries, then a
  diacritics-free pass) and the system did not abstain; for an unanswerable question: it abstained.
- **Evidence / precise citation / hit@k / MRR@10** are over answerable questions. Evidence: an item
  (`evidence_mode` "any") or every item ("all") is found in a citation's text; precise: in a cited unit of
  at most 1,000 characters. A search hit matches when an evidence item is found in its text.
- **Baselines** (llamaindex, bm25, dense, hybrid-noseg) answer with the text of their top unit or chunk,
  cite their top 5 and **never abstain**: their abstention accuracy is the share of answerable questions.
  They have no conversation handling: for a follow-up question their query (and every system's scored
  search query) is the last user turn of the history followed by the question; kehoach's `ask` gets the
  history itself.
- Latency is the wall time of one `ask` (after one unscored warm-up call), on this machine; it is
  sensitive to other load on the machine (the e5 query embedding runs on the CPU).
"""


def _f(v: Any) -> str:
    return "—" if v is None else f"{v:.3f}"


def _cell(text: Any, limit: int = 0) -> str:
    s = " ".join(str(text or "").split())
    if limit and len(s) > limit:
        s = s[: limit - 1] + "…"
    return s.replace("|", "\\|")


def _ratio(value: Any, ref: Any) -> str:
    if value is None:
        return "—"
    if ref in (None, 0) or ref == 0.0:
        return _f(value)
    return f"{_f(value)} ({value / ref:.2f}×)"


def headline(systems: dict[str, dict[str, Any]]) -> list[str]:
    names = list(systems)
    ref = systems.get("kehoach", {}).get("summary", {})
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for key, label in HEADLINE:
        plain = key.endswith("_rate")
        cells = [(_f(d["summary"].get(key)) if n == "kehoach" or not ref or plain
                  else _ratio(d["summary"].get(key), ref.get(key))) for n, d in systems.items()]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for key, label in (("latency_p50_s", "Latency p50 (ms)"), ("latency_p95_s", "Latency p95 (ms)")):
        cells = ["—" if d["summary"].get(key) is None else f"{1000 * d['summary'][key]:.0f}"
                 for d in systems.values()]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("| Errors | " + " | ".join(str(d["summary"]["errors"]) for d in systems.values()) + " |")
    lines.append("| Indexed units (chunks) | " + " | ".join(str(d["setup"]["units"]) for d in systems.values())
                 + " |")
    return lines


def tag_table(data: dict[str, Any]) -> list[str]:
    lines = ["| tag | n | " + " | ".join(label for _, label in TAG_COLUMNS) + " |",
             "|---|---:|" + "---:|" * len(TAG_COLUMNS)]
    for tag, s in data["by_tag"].items():
        lines.append(f"| {_cell(tag)} | {s['n']} | " + " | ".join(_f(s.get(k)) for k, _ in TAG_COLUMNS) + " |")
    return lines


def _what_failed(r: dict[str, Any]) -> str:
    if r.get("error"):
        return f"error: {r['error']}"
    if r["unanswerable"]:
        return "should have abstained (unanswerable)"
    parts = []
    if r["abstained"]:
        parts.append("abstained (false abstention)")
    elif not r["answer_correct"]:
        parts.append("fact missing from the answer")
    if not r["evidence_found"]:
        parts.append("evidence not in the citations")
    return "; ".join(parts)


def failures(data: dict[str, Any], gold: dict[str, dict[str, Any]]) -> list[str]:
    bad = [r for r in data["results"] if r.get("error") or not r["answer_correct"]
           or r.get("evidence_found") is False]
    lines = [f"{len(bad)} of {len(data['results'])} questions failed.", ""]
    for r in bad:
        g = gold.get(r["id"], {})
        lines.append(f"### {r['id']}: {_cell(r['question'])}")
        lines.append("")
        lines.append(f"- **Failed**: {_what_failed(r)}" + (f" · tags: {', '.join(r['tags'])}" if r["tags"] else ""))
        if g.get("history"):
            lines.append("- **History**: " + " / ".join(f"{t['role']}: {_cell(t['content'], 120)}"
                                                       for t in g["history"]))
        if g.get("answers"):
            lines.append("- **Expected**: " + " AND ".join(" or ".join(f"`{a}`" for a in grp)
                                                         for grp in g["answers"]))
        if g.get("evidence"):
            items = [" + ".join(e) if isinstance(e, list) else e for e in g["evidence"]]
            lines.append(f"- **Evidence** ({g.get('evidence_mode', 'any')}): "
                         + " · ".join(f"`{_cell(i, 120)}`" for i in items))
        lines.append(f"- **Answer**: {_cell(r['answer'], 500)}")
        labels = [f"{c.get('label') or c.get('id')} ({c.get('kind')}, {c.get('chars')} chars)"
                  for c in r["citations"]]
        lines.append("- **Citations**: " + ("; ".join(labels) if labels else "none"))
        if r.get("search_rank") is not None or r.get("mrr") is not None:
            lines.append(f"- **Search**: first matching hit at rank {r.get('search_rank') or '> 10'}")
        lines.append("")
    return lines


def render_markdown(run: dict[str, Any], charts: list[Path]) -> str:
    systems = run["systems"]
    n_unans = next(iter(systems.values()))["summary"]["n_unanswerable"] if systems else 0
    lines = [f"# kehoach evaluation: `{Path(run['gold']).name}`", "",
             f"{run['questions']} questions ({run['questions'] - n_unans} answerable, {n_unans} unanswerable) · "
             f"embedder `{run['embedder']}` · corpus {', '.join(f'`{c}`' for c in run['corpus'])} · "
             f"{run['started']} · {run['seconds']} s", ""]
    if run.get("part", "all") != "all":
        lines += [f"Only the **{run['part']}** part of the gold set (eval/gold/splits.json).", ""]
    if run.get("floor"):
        status = "**below the floor**: " + "; ".join(run["floor_failures"]) if run["floor_failures"] else "met"
        lines += [f"Floor for kehoach ({', '.join(f'{k} ≥ {v}' for k, v in run['floor'].items())}), on the whole "
                  f"set and on each part: {status}", ""]
    parts = systems.get("kehoach", {}).get("parts") or {}
    if parts:
        lines += ["kehoach by part (eval/gold/splits.json: thresholds are fitted on the calibration part only):",
                  "", "| part | questions | answer | evidence | abst.acc | false-abst |", "|---|---:|---:|---:|---:|---:|"]
        lines += [f"| {name} | {p['n']} ({p['n_unanswerable']} unanswerable) | {_f(p['answer_correct'])} | "
                  f"{_f(p['evidence_found'])} | {_f(p['abstention_accuracy'])} | {_f(p['false_abstention_rate'])} |"
                  for name, p in parts.items()]
        lines += [""]
    lines += ["## Systems", ""] + [f"- **{n}**: {d['description']}" for n, d in systems.items()] + [""]
    lines += ["## Headline", "", "Baselines also as a ratio to kehoach.", ""] + headline(systems) + [""]
    lines += ["### How to read it", "", NOTES]
    if "kehoach" in systems:
        lines += ["## kehoach by tag", ""] + tag_table(systems["kehoach"]) + [""]
    lines += [f"![{c.stem}]({c.name})" for c in charts] + [""]
    if "kehoach" in systems:
        gold = {q["id"]: q for q in run.get("questions_detail", [])}
        lines += ["## Failures of kehoach", ""] + failures(systems["kehoach"], gold)
    return "\n".join(lines).rstrip() + "\n"


def charts(report_dir: Path, run: dict[str, Any]) -> list[Path]:
    """metrics_by_tag.png (kehoach), metrics_by_system.png and latency.png; none without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    systems = run["systems"]
    out: list[Path] = []
    if "kehoach" in systems and systems["kehoach"]["by_tag"]:
        bt = systems["kehoach"]["by_tag"]
        tags = sorted(bt, key=lambda t: (-bt[t]["n"], t))[::-1]  # the most frequent tag on top
        fig, ax = plt.subplots(figsize=(8, max(3.0, 0.42 * len(tags) + 1.2)))
        height = 0.8 / len(CHART_METRICS)
        for i, (key, label) in enumerate(CHART_METRICS[::-1]):
            vals = [bt[t].get(key) or 0.0 for t in tags]
            ax.barh([y + i * height for y in range(len(tags))], vals, height, label=label)
        ax.set_yticks([y + height * (len(CHART_METRICS) - 1) / 2 for y in range(len(tags))])
        ax.set_yticklabels([f"{t} (n={bt[t]['n']})" for t in tags], fontsize=8)
        ax.set_xlim(0, 1.05)
        ax.set_ylim(-0.5, len(tags))
        ax.set_title("kehoach: metrics by tag")
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
        out.append(_save(fig, report_dir / "metrics_by_tag.png", plt))
    names = list(systems)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.4 * len(names) + 2), 4))
    keys = (*CHART_METRICS, ("abstention_accuracy", "abstention accuracy"))
    width = 0.8 / len(keys)
    for i, (key, label) in enumerate(keys):
        vals = [systems[n]["summary"].get(key) or 0.0 for n in names]
        ax.bar([x + i * width for x in range(len(names))], vals, width, label=label)
    ax.set_xticks([x + width * (len(keys) - 1) / 2 for x in range(len(names))])
    ax.set_xticklabels(names)
    ax.set_ylim(0, 1.05)
    ax.set_title("Systems side by side")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    out.append(_save(fig, report_dir / "metrics_by_system.png", plt))
    fig, ax = plt.subplots(figsize=(max(6.0, 1.4 * len(names) + 2), 4))
    data = [[1000 * r["latency_s"] for r in systems[n]["results"]] or [0.0] for n in names]
    ax.boxplot(data, showfliers=True)
    ax.set_xticks(range(1, len(names) + 1))
    ax.set_xticklabels(names)
    ax.set_yscale("log")
    ax.set_ylabel("ms per question (log scale)")
    ax.set_title("Latency distribution of ask")
    out.append(_save(fig, report_dir / "latency.png", plt))
    return out


def _save(fig: Any, path: Path, plt: Any) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def write_report(report_dir: Path, run: dict[str, Any]) -> list[Path]:
    """Write report.json, the charts and report.md into report_dir; the paths written."""
    report_dir.mkdir(parents=True, exist_ok=True)
    js = report_dir / "report.json"
    js.write_text(json.dumps(run, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    pngs = charts(report_dir, run)
    md = report_dir / "report.md"
    md.write_text(render_markdown(run, pngs), encoding="utf-8")
    return [md, js, *pngs]
