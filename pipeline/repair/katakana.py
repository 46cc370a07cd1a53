"""A foreign person's name in katakana, for repair to ask for when no dictionary knows the name.

Unknown to the dictionaries, "Tim Whitehouse" became 田中白屋 or タイム・ウェイホース in Japanese in
WMT24 runs. Japanese news writes a Western name in katakana, word by word
with ・ between the words (ティム・ホワイトハウス); e2k (public domain, numpy only) transliterates
English spellings to katakana with a small model trained on Wiktionary and JMdict. Japanese and
Chinese people are written in kanji in Japanese, which no transliteration gives: their names get no
hint.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pipeline.fidelity.dictionaries import jmnedict_names
from pipeline.fidelity.romanise import KATAKANA_RUN

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def katakana_name(text: str) -> str:
    """`text` (a person's name) in katakana, or "" for a name written in kanji or not in letters."""
    words = text.split()
    if not words or not all(_WORD.fullmatch(w) for w in words) or written_in_kanji(text):
        return ""
    return "・".join(_katakana_word(w.lower()) for w in words)


def written_in_kanji(text: str) -> bool:
    """Whether a person's name is Japanese or Chinese, written in kanji / hanzi in both languages:
    every word a Japanese name with kanji forms in JMnedict (Sanae Takaichi 高市早苗), or every
    word pinyin (Mao Ning 毛寧, Xi Jinping)."""
    keys = [w.lower() for w in text.split()]
    return bool(keys) and (all(_has_kanji_form(k) for k in keys) or all(_is_pinyin(k) for k in keys))


def _katakana_word(word: str) -> str:
    """JMnedict's one katakana form of a word when it has exactly one (Whitehouse ホワイトハウス),
    else e2k's transliteration."""
    forms = [f for f in jmnedict_names().get(word, ()) if KATAKANA_RUN.match(f)]
    return forms[0] if len(forms) == 1 else _e2k()(re.sub(r"['’-]", "", word))


def _has_kanji_form(word: str) -> bool:
    return any(not KATAKANA_RUN.match(f) for f in jmnedict_names().get(word, ()))


def _is_pinyin(word: str) -> bool:
    """Whether `word` splits into pinyin syllables (jinping = jin + ping), as Chinese names do."""
    syllables = _pinyin_syllables()
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(j in ends and word[j:i] in syllables for j in range(max(0, i - 6), i)):
            ends.add(i)
    return len(word) in ends


@cache
def _pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows, without the lone nasals (n, ng, m, hm) that
    would let any English word end in one."""
    from pypinyin.pinyin_dict import pinyin_dict

    folded = {unicodedata.normalize("NFKD", reading).encode("ascii", "ignore").decode()
              for readings in pinyin_dict.values() for reading in readings.split(",")}
    return frozenset(s for s in folded if s not in {"n", "ng", "m", "hm", "hng", ""})


@cache
def _e2k():
    from e2k import C2K

    return C2K()
