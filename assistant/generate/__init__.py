"""Optional generative phrasing of answers (extractive | local GGUF | OpenAI-compatible server), grounded."""

from assistant.generate.generator import Generated, GeneratingAssistant, generate, with_generator
from assistant.generate.llm import LLM, FakeLLM, LLMError, LLMTimeout, make_llm

__all__ = ["LLM", "FakeLLM", "Generated", "GeneratingAssistant", "LLMError", "LLMTimeout", "generate",
           "make_llm", "with_generator"]
