"""A body's name shortened the way Chinese and Japanese shorten one (简称, 略称): 上交所 for
上海证券交易所, 東大 for 東京大学, 日銀 for 日本銀行.

Written by hand: no installed library forms or recognises these short forms, and the
dictionaries list only the commonest (北大, 央行). The rule is the languages' own: the short form
keeps the full name's first character and, in order, some of the others, ending in one of its
last word's (the head: 所, 大学, 銀行)."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.fidelity.dictionaries import cedict_words, crosses_a_word, opencc_t2s
from pipeline.fidelity.facts import Span
from pipeline.fidelity.jmdict import jmdict_senses

_HAN = re.compile(r"[\u3400-\u9fff]+")


@lru_cache(maxsize=4096)
def _last_word(full: str) -> int:
    """Where the head word of a Simplified full name starts: its longest suffix that is a
    CC-CEDICT word shorter than the name (交易所 of 上海证券交易所), else its last character."""
    words = cedict_words()
    for start in range(1, len(full) - 1):
        if full[start:] in words:
            return start
    return len(full) - 1


def _shortens(short: str, full: str) -> bool:
    """Whether `short` keeps `full`'s first character, then others of it in order, the last of
    them in its head word; at least two characters fewer than `full` (one fewer is a variant)."""
    if len(short) < 2 or len(short) > len(full) - 2 or short[0] != full[0]:
        return False
    at = 0
    for char in short[1:]:
        at = full.find(char, at + 1)
        if at < 0:
            return False
    return at >= _last_word(full)


def _a_word_of_its_own(short: str, lang: str, english: str) -> bool:
    """Whether the short form is a dictionary word with a meaning of its own: CC-CEDICT's 中行 is
    the Bank of China, not any bank whose name opens with 中; in Japanese a JMdict word whose
    senses share no word with the English name (日銀 "Bank of Japan" does)."""
    if opencc_t2s().convert(short) in cedict_words():
        return True
    senses = jmdict_senses(short) if lang == "ja" else frozenset()
    return bool(senses) and not senses & set(re.findall(r"[a-z]+", english.lower()))


def abbreviation(target: str, forms: list[str], lang: str, english: str) -> tuple[Span, str] | None:
    """A span of `target` that shortens one of a body's dictionary forms, with that form."""
    folded = opencc_t2s().convert(target)
    if len(folded) != len(target):
        folded = target
    for form in forms:
        full = opencc_t2s().convert(form)
        if not _HAN.fullmatch(full) or len(full) < 4:
            continue
        for run in _HAN.finditer(folded):
            for start in range(run.start(), run.end() - 1):
                if folded[start] != full[0]:
                    continue
                for end in range(min(run.end(), start + len(full) - 2), start + 1, -1):  # the longest first
                    short = folded[start:end]
                    if _shortens(short, full) and not crosses_a_word(folded, start, end) and not (
                            _a_word_of_its_own(target[start:end], lang, english)):
                        return Span(target[start:end], start, end), form
    return None
