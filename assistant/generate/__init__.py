"""Optional generative phrasing of answers (extractive | local GGUF | OpenAI-compatible server), grounded.
The step that uses it is assistant/answering/phrasing.py."""

from assistant.generate.generator import Generated, generate
from assistant.generate.llm import LLM, FakeLLM, LLMError, LLMTimeout, make_llm

__all__ = ["LLM", "FakeLLM", "Generated", "LLMError", "LLMTimeout", "generate", "make_llm"]
