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

from pipeline.fidelity.jmdict import jmnedict_names
from pipeline.fidelity.name_evidence import e2k_word, written_in_kanji
from pipeline.fidelity.romanise import KATAKANA_RUN

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def katakana_name(text: str) -> str:
    """`text` (a person's name) in katakana, or "" for a name written in kanji or not in letters."""
    words = text.split()
    if not words or not all(_WORD.fullmatch(w) for w in words) or written_in_kanji(text):
        return ""
    return "・".join(_katakana_word(w.lower()) for w in words)


def _katakana_word(word: str) -> str:
    """JMnedict's one katakana form of a word when it has exactly one (Whitehouse ホワイトハウス),
    else e2k's transliteration."""
    forms = [f for f in jmnedict_names().get(word, ()) if KATAKANA_RUN.match(f)]
    return forms[0] if len(forms) == 1 else e2k_word(re.sub(r"['’-]", "", word))
