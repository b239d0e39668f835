"""Answer templates, read once from prompts/answers.toml (the wording lives there, not in the code)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib.resources import files

_FILE = files("prompts") / "answers.toml"  # package data of the `prompts` package (installed or in the clone)


@lru_cache(maxsize=1)
def templates() -> dict[str, str]:
    with _FILE.open("rb") as fh:
        return {k: str(v) for k, v in tomllib.load(fh).items()}


def t(name: str, **values: object) -> str:
    return templates()[name].format(**values)
