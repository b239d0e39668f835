"""Answer templates, read once from prompts/answers.toml (the wording lives there, not in the code)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

_FILE = Path(__file__).resolve().parents[2] / "prompts" / "answers.toml"


@lru_cache(maxsize=1)
def templates() -> dict[str, str]:
    with _FILE.open("rb") as fh:
        return {k: str(v) for k, v in tomllib.load(fh).items()}


def t(name: str, **values: object) -> str:
    return templates()[name].format(**values)
