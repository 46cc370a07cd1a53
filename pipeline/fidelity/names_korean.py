"""Korean names written in hanzi / kanji (李正旭 for Lee Jung-wook, 尹錫悅 for Yoon Suk-yeol), read
against the English through each character's Korean readings.

Chinese, and at times Japanese, writes a Korean person by the hanja of their name, whose Korean
sounds the English spells; neither pinyin nor the Japanese reading matches them. The readings come
from libhangul's hanja table (data/hanja_readings.tsv, built by scripts/build_hanja_readings.py);
each hangul syllable is romanised by the Revised Romanization, computed from its jamo. English
spellings of Korean names follow several systems and habits (Lee, Rhee and Yi for 이; Jung, Jeong
and Chung for 정; Park for 박; wook for 욱), so both sides are compared by a coarse key. Written by
hand: no permissively licensed library on PyPI reads hanja as hangul, and the romanisation is a
short standard table.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.fidelity.dictionaries import opencc_t2s
from pipeline.fidelity.facts import Name, Span
from pipeline.fidelity.names_chinese import syllables_in_a_row

_TABLE = Path(__file__).parent / "data" / "hanja_readings.tsv"

# Revised Romanization of the jamo of a hangul syllable (initial, medial, final).
_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_MEDIALS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
            "yu", "eu", "ui", "i")
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t")


def romanise_hangul(syllable: str) -> str:
    """The Revised Romanization of one hangul syllable (정 jeong, 욱 uk, 이 i)."""
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return ""
    initial, rest = divmod(code, 588)
    medial, final = divmod(rest, 28)
    return _INITIALS[initial] + _MEDIALS[medial] + _FINALS[final]


@lru_cache(maxsize=8192)
def korean_key(spelling: str) -> str:
    """A key that the spellings of one Korean syllable share (jeong, jung and chung; i, lee, rhee and
    yi; uk and wook; choe and choi): vowels by class, consonants without voicing or aspiration."""
    s = spelling.lower().replace("ee", "i").replace("oo", "u").replace("oi", "oe").replace("ou", "u")
    s = re.sub(r"^(?:rh|r|y)(?=i)|^(?=i)", "l", s)  # 이 is Lee, Rhee, Yi or I
    s = re.sub(r"(?<=[aeiou])h(?![aeiouy])", "", s)  # Ahn, Oh, Sohn, Roh
    s = re.sub(r"(?<=[aeiou])r(?![aeiouy])", "", s)  # Park: an English r before a consonant is silent
    s = s.replace("eo", "u").replace("eu", "u").replace("o", "u")
    s = re.sub(r"^w(?=u)", "", s)  # wook for 욱
    s = s.replace("ch", "j").replace("sh", "s").replace("ts", "j")
    s = re.sub(r"([kgtdbpjs])\1", r"\1", s)
    s = s.translate(str.maketrans("gdbr", "ktpl"))
    s = re.sub(r"(?<=[aeiuy])t$|(?<=[aeiuy])s$", "t", s)
    return s.replace("ae", "e")


@lru_cache(maxsize=1)
def _readings() -> dict[str, frozenset[str]]:
    """Hanja (and its Simplified form) → the keys of its Korean readings."""
    table: dict[str, set[str]] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        hanja, hanguls = line.split("\t")
        keys = {korean_key(romanise_hangul(h)) for h in hanguls.split()}
        for form in {hanja, opencc_t2s().convert(hanja)}:
            table.setdefault(form, set()).update(keys)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _all_keys() -> frozenset[str]:
    return frozenset(key for keys in _readings().values() for key in keys)


_SYLLABLE = re.compile(r"[a-z]{1,7}")

def korean_syllables(name: str) -> list[str]:
    """The syllables of a Korean name as English writes it: words and hyphenated parts (Lee
    Jung-wook: lee, jung, wook). A name of other words (an English given name) gives none."""
    parts = [p for p in re.split(r"[\s\-‐]+", name.lower().replace("'", "")) if p]
    return parts if 2 <= len(parts) <= 4 and all(_SYLLABLE.fullmatch(p) for p in parts) else []


def korean_reading(name: Name, target: str) -> tuple[Span, str] | None:
    """A run of hanzi / kanji whose Korean readings spell every syllable of a person's name in a row,
    surname first or last (李正旭 for Lee Jung-wook or Jung-wook Lee)."""
    if name.label != "PERSON":
        return None
    syllables = korean_syllables(name.text)
    if not syllables:
        return None
    keys = [korean_key(s) for s in syllables]
    if not set(keys) <= _all_keys():
        return None  # some word is no Korean syllable (Donald Trump)
    readings = _readings()
    found = syllables_in_a_row(target, keys, lambda key, char: key in readings.get(char, ()))
    return (found, "romanisation (Korean reading)") if found else None
