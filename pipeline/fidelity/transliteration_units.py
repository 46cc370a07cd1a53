"""The units a transliteration model aligns: English letters in chunks, and the target's units (a
hanzi with its pinyin readings, a katakana mora)."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.fidelity.romanise import ascii_fold

# A unit of a target: its readings (a hanzi may have several: 查 cha, zha; a mora has one).
Unit = tuple[str, ...]

Pair = tuple[tuple[str, ...], tuple[str, ...], str]  # (English words, training units, target)

_POSSESSIVE = re.compile(r"['’]s\b")

DOTS = re.compile(r"[・·•‧＝=]")  # between the words of a name; ＝ for a hyphen (ジャン＝リュック)

_SMALL_KANA = frozenset("ァィゥェォャュョヮヵヶ")

_ALONE = frozenset("ーッン")  # morae of their own: a small kana after them starts a new mora


def letters_of(english: str) -> str:
    """Lower-case ASCII letters, without a possessive 's (Biden's is rendered as Biden)."""
    return re.sub(r"[^a-z]", "", ascii_fold(_POSSESSIVE.sub("", english)))


def words_of(english: str) -> list[str]:
    return [w for w in (letters_of(part) for part in re.split(r"[\s\-‐‑–]+", english)) if w]


def _kana(ch: str) -> str:
    """Hiragana as katakana: a translation may slip one in (ぺロシ for ペロシ)."""
    return chr(ord(ch) + 0x60) if "\u3041" <= ch <= "\u3096" else ch


def is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"


@lru_cache(maxsize=8192)
def _readings(ch: str) -> Unit:
    """A hanzi's toneless pinyin readings, the usual first (pypinyin; ü as v, as CC-CEDICT's u:)."""
    from pypinyin import Style, pinyin

    return tuple(dict.fromkeys(pinyin(ch, style=Style.NORMAL, heteronym=True)[0]))


def units_of(text: str, lang: str, hiragana: bool = True) -> list[tuple[Unit, int, int]]:
    """(unit, start, end) in `text`: hanzi in Chinese; in Japanese, morae (a kana with its small
    kana; ー, ッ and ン on their own) of katakana, and of hiragana with `hiragana` (a search leaves
    them out: particles sit next to every name). Other characters are skipped."""
    out: list[tuple[Unit, int, int]] = []
    for at, ch in enumerate(text):
        if lang == "zh":
            if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
                out.append((_readings(ch), at, at + 1))
            continue
        kana = _kana(ch)
        if not is_katakana(kana) or kana != ch and not hiragana:
            continue
        if kana in _SMALL_KANA and out and out[-1][2] == at and out[-1][0][0] not in _ALONE:
            unit, start, _ = out[-1]
            out[-1] = ((unit[0] + kana,), start, at + 1)
        else:
            out.append(((kana,), at, at + 1))
    return out


@lru_cache(maxsize=65536)
def target_units(text: str, lang: str) -> tuple[Unit, ...]:
    return tuple(unit for unit, _, _ in units_of(text, lang))


@lru_cache(maxsize=65536)
def chunk_keys(chunk: str) -> frozenset[str]:
    from pipeline.fidelity.romanise import english_keys

    return frozenset(english_keys(chunk))


@lru_cache(maxsize=8192)
def reading_keys(reading: str, lang: str) -> frozenset[str]:
    from pipeline.fidelity.romanise import hepburn, phonetic_key, pinyin_keys

    return frozenset(pinyin_keys(reading)) if lang == "zh" else frozenset({phonetic_key(hepburn(reading))})


def breaks(gap: str) -> bool:
    return bool(gap) and not DOTS.fullmatch(gap.strip())
