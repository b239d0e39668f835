"""The numbered context and the chat messages, worded by prompts/generate.toml."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib.resources import files

from ingest.models import Citation

PROMPT_FILE = files("prompts") / "generate.toml"  # package data of the `prompts` package (importlib.resources)
MAX_PASSAGE_CHARS = 900  # per passage: keeps a 5-passage prompt near 1,500 tokens (≈5 s on 2 threads)


@lru_cache(maxsize=1)
def templates() -> dict[str, str]:
    with PROMPT_FILE.open("rb") as fh:
        return {k: str(v) for k, v in tomllib.load(fh).items()}


def clip(text: str, limit: int = MAX_PASSAGE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")] + " …" if " " in cut else cut + " …"


def context_text(passages: list[Citation]) -> str:
    tpl = templates()["passage"]
    return "\n\n".join(tpl.format(n=i, label=p.label, text=clip(p.text)) for i, p in enumerate(passages, start=1))


def messages(question: str, passages: list[Citation]) -> list[dict[str, str]]:
    tpl = templates()
    out = [{"role": "system", "content": tpl["system"]}]
    if tpl.get("example_answer"):
        out += [{"role": "user", "content": tpl["user"].format(context=tpl["example_context"],
                                                               question=tpl["example_question"])},
                {"role": "assistant", "content": tpl["example_answer"]}]
    question_msg = tpl["user"].format(context=context_text(passages), question=question.strip())
    return out + [{"role": "user", "content": question_msg}]


def abstain_marker() -> str:
    return templates()["abstain_marker"]
