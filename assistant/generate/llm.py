"""The language models the generator can phrase with, behind one small protocol.

- FakeLLM: a scripted reply (tests).
- LocalLLM: the verified GGUF in-process through llama-index's LlamaCPP class (llama-cpp-python), with the
  GGUF's ChatML template (without it the wrapper's default Llama-2 prompt makes the model loop). A deadline
  is enforced inside generation by a llama.cpp stopping criterion, so a timeout stops the decoding.
- OpenAICompatLLM: any OpenAI-compatible server (llama.cpp server, Ollama, vLLM) through llama-index's
  OpenAILike class; the request timeout is the openai client's, no retries.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

Messages = Sequence[dict[str, str]]
# End of turn, and a blank line: answers are at most 3 sentences; what follows a blank line is the model
# restating its sources or starting to loop.
STOP = ["<|im_end|>", "<|endoftext|>", "\n\n"]


class LLMError(RuntimeError):
    """The model could not answer (unavailable, failed)."""


class LLMTimeout(LLMError):
    """The model did not answer within the time allowed."""


class LLM(Protocol):
    name: str

    def chat(self, messages: Messages, *, max_tokens: int = 256) -> str: ...


class FakeLLM:
    """Replies with `reply` (a string or a function of the messages); optional delay and timeout."""

    name = "fake"

    def __init__(self, reply: str | Callable[[Messages], str], *, delay_s: float = 0.0,
                 timeout_s: float | None = None, error: Exception | None = None) -> None:
        self.reply, self.delay_s, self.timeout_s, self.error = reply, delay_s, timeout_s, error
        self.calls: list[list[dict[str, str]]] = []

    def chat(self, messages: Messages, *, max_tokens: int = 256) -> str:
        self.calls.append([dict(m) for m in messages])
        if self.error is not None:
            raise self.error
        if self.timeout_s is not None and self.delay_s > self.timeout_s:
            time.sleep(self.timeout_s)
            raise LLMTimeout(f"fake model took longer than {self.timeout_s}s")
        time.sleep(self.delay_s)
        return self.reply(messages) if callable(self.reply) else self.reply


def chatml(messages: Sequence[Any]) -> str:
    """Qwen's ChatML prompt (the GGUF's own template) from llama-index ChatMessages or dicts."""
    parts = []
    for m in messages:
        role = m["role"] if isinstance(m, dict) else getattr(m.role, "value", m.role)
        content = m["content"] if isinstance(m, dict) else (m.content or "")
        parts.append(f"<|im_start|>{role}\n{content}<|im_end|>")
    return "\n".join(parts) + "\n<|im_start|>assistant\n"


def _chat_messages(messages: Messages) -> list[Any]:
    from llama_index.core.llms import ChatMessage

    return [ChatMessage(role=m["role"], content=m["content"]) for m in messages]


class LocalLLM:
    """The GGUF in-process (llama-index LlamaCPP over llama-cpp-python); one generation at a time."""

    name = "local"

    def __init__(self, model_path: Path | str, *, timeout_s: float = 30.0, threads: int = 2,
                 n_ctx: int = 4096) -> None:
        try:
            from llama_index.llms.llama_cpp import LlamaCPP
        except ImportError as e:  # the optional runtime is not installed: `kehoach setup --llm`
            raise LLMError(f"llama-cpp-python / llama-index-llms-llama-cpp not installed ({e}); "
                           "run `kehoach setup --llm`") from e
        path = Path(model_path)
        if not path.is_file():
            raise LLMError(f"no model at {path}; run `kehoach setup --llm`")
        from assistant.llm_setup import MODEL_FILE, is_verified

        if path.name == MODEL_FILE and not is_verified(path):  # the project's model: only once verified
            raise LLMError(f"{path} is not verified (sha256); run `kehoach setup --llm`")
        self.timeout_s = timeout_s
        self._deadline = float("inf")
        self._lock = threading.Lock()
        self._llm = LlamaCPP(
            model_path=str(path), temperature=0.0, max_new_tokens=256, context_window=n_ctx,
            messages_to_prompt=chatml, completion_to_prompt=lambda c: chatml([{"role": "user", "content": c}]),
            generate_kwargs={"stop": STOP, "stopping_criteria": self._criteria()},
            model_kwargs={"n_threads": threads, "n_batch": 512, "seed": 0}, verbose=False)

    def _criteria(self) -> Any:
        from llama_cpp import StoppingCriteriaList

        return StoppingCriteriaList([lambda _ids, _logits: time.monotonic() > self._deadline])

    def chat(self, messages: Messages, *, max_tokens: int = 256) -> str:
        with self._lock:
            self._deadline = time.monotonic() + self.timeout_s
            self._llm.generate_kwargs["max_tokens"] = max_tokens
            try:
                out = self._llm.chat(_chat_messages(messages))
            finally:
                late = time.monotonic() > self._deadline
                self._deadline = float("inf")
        if late:
            raise LLMTimeout(f"local model took longer than {self.timeout_s}s")
        return str(out.message.content or "")


class OpenAICompatLLM:
    """An OpenAI-compatible server (base URL, model, key from the settings) through llama-index OpenAILike."""

    name = "openai"

    def __init__(self, base_url: str, model: str, api_key: str = "not-needed", *, timeout_s: float = 30.0,
                 context_window: int = 4096) -> None:
        from llama_index.llms.openai_like import OpenAILike

        self.timeout_s = timeout_s
        self._llm = OpenAILike(model=model, api_base=base_url, api_key=api_key or "not-needed",
                               is_chat_model=True, context_window=context_window, temperature=0.0,
                               max_tokens=256, timeout=timeout_s, max_retries=0)

    def chat(self, messages: Messages, *, max_tokens: int = 256) -> str:
        import openai

        t0 = time.monotonic()
        try:
            out = self._llm.chat(_chat_messages(messages), max_tokens=max_tokens, stop=STOP)
        except openai.APITimeoutError as e:
            raise LLMTimeout(f"server did not answer within {self.timeout_s}s") from e
        except openai.APIError as e:
            raise LLMError(f"server error: {type(e).__name__}: {e}") from e
        except (ConnectionError, OSError) as e:
            raise LLMError(f"server unavailable: {e}") from e
        if time.monotonic() - t0 > self.timeout_s:
            raise LLMTimeout(f"server took longer than {self.timeout_s}s")
        return str(out.message.content or "")


def make_llm(settings: Any) -> LLM | None:
    """The model the settings name, or None for the extractive generator. May raise LLMError."""
    kind = (settings.generator or "extractive").lower()
    if kind == "extractive":
        return None
    if kind == "local":
        return LocalLLM(settings.llm_model_path, timeout_s=settings.llm_timeout_s, threads=settings.threads)
    if kind == "openai":
        return OpenAICompatLLM(settings.llm_base_url, settings.llm_model, settings.llm_api_key,
                               timeout_s=settings.llm_timeout_s)
    raise ValueError(f"unknown generator {settings.generator!r}: expected extractive, local or openai")
