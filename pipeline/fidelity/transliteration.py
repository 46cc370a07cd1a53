"""A learned transliteration score: how well does a Chinese or Japanese span spell an English name?

The consonant skeletons of romanise.py are rules, and miss renderings that no dictionary lists and
no rule foresaw (迈希希 and メシシ for Mechichi, 法赫法赫 for Fakhfakh, 汉普郡 for Hampshire).
The model (transliteration_model.py) learns the correspondences from the dictionaries' own name
pairs instead (transliteration_training.py): CC-CEDICT's transliterated proper nouns (English →
toneless pinyin syllables) and JMnedict's katakana names (English → morae). Written by hand: no
installed library scores an English spelling against pinyin or katakana (e2k generates katakana,
it does not score a pair), and the model is small.

A pair's score is the log-probability of its best alignment less that of the English word's best
alignment to any units, per English letter: 0 is the rendering the model likes best, a usual right
one is above -1, a wrong one below -3. Per letter, not per unit, so that all spans of a target are
judged against one name on one scale (best_span), and a wrong rendering gains nothing by being
short.

Built from the installed dictionaries at first use (15–20 s on one core: reading JMnedict, EM over
20,000 Japanese and 3,500 Chinese pairs) and kept on disk as JSON by index_cache.py (200 kB, read back
in 0.5 s); the thresholds for at most 1% false matches are measured in the same build on the 10%
of dictionary pairs kept out of training (`calibration`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pipeline.fidelity.dictionaries import opencc_t2s
from pipeline.fidelity.index_cache import stored
from pipeline.fidelity.transliteration_model import FLOOR, Model
from pipeline.fidelity.transliteration_training import train
from pipeline.fidelity.transliteration_units import DOTS, letters_of, target_units, words_of


def language(lang: str) -> str:
    """"ja" or "zh" for a target language code (ja, zh-Hans, zh-Hant, zh-Hans.B)."""
    return "ja" if lang.startswith("ja") else "zh"


def score(english: str, target: str, lang: str) -> float:
    """How well `target` spells `english`: 0 at best, -20 at worst; compare with `threshold(lang)`.
    A name of several words is scored word by word against a target dotted into as many parts
    (ジョー・バイデン, 约瑟夫·拜登), else as one string."""
    return _score(english, target, language(lang))


def threshold(lang: str) -> float:
    """The score that at most 1% of wrong renderings (another name's, of about the same length)
    reach, measured on held-out dictionary pairs."""
    return _model(language(lang)).threshold


def span_threshold(lang: str) -> float:
    """The best_span score that at most 1% of searches for a name in a text without it reach (a
    text of other names and particles): stricter than `threshold`, as a search tries many spans."""
    return _trained()[language(lang)]["calibration"]["span threshold"]


def used_in_names(char: str) -> bool:
    """Whether CC-CEDICT's transliterated names (the Chinese model's training renderings) use this
    hanzi, in Simplified or Traditional form (柴 of 柴契尔 Thatcher, 腾 of 斯托尔滕贝格)."""
    return char in _model("zh").characters or opencc_t2s().convert(char) in _model("zh").characters


def calibration(lang: str) -> dict[str, float]:
    """How the model of `lang` was trained and measured: training and held-out pairs, the ROC AUC
    of right against wrong renderings, the threshold and the share of right pairs above it."""
    return dict(_trained()[language(lang)]["calibration"])


def best_span(english: str, target: str, lang: str, max_chars: int = 8,
              min_chars: int = 2) -> tuple[int, int, float] | None:
    """The span of `target` that best spells `english`, as (start, end, score), or None where no
    span could: a run of hanzi in Chinese, of katakana in Japanese, or a part of one; across the
    dots of a dotted name; `min_chars` to `max_chars` long (one hanzi or kana spells some English
    word in any sentence: 腊 la for All). Compare its score with `span_threshold(lang)`."""
    lang = language(lang)
    letters = letters_of(english)
    found = _model(lang).best_span(letters, target, max_chars, min_chars) if letters else None
    if found is None:
        return None
    start, end = found
    return start, end, score(english, target[start:end], lang)


@lru_cache(maxsize=16384)
def _score(english: str, target: str, lang: str) -> float:
    words = words_of(english)
    if not words:
        return FLOOR
    parts = [units for units in (target_units(p, lang) for p in DOTS.split(target)) if units]
    if len(words) > 1 and len(parts) == len(words):
        return _model(lang).score(list(zip(words, parts, strict=True)))
    return _model(lang).score([("".join(words), target_units(target, lang))])


@lru_cache(maxsize=2)
def _model(lang: str) -> Model:
    trained = _trained()[lang]
    return Model(trained["table"], lang, trained["calibration"]["threshold"], trained["edges"], trained["characters"])


@lru_cache(maxsize=1)
@stored(lambda raw: raw)
def _trained() -> dict[str, Any]:
    """Both languages' tables and calibrations, as JSON-like data."""
    return {lang: train(lang) for lang in ("ja", "zh")}
