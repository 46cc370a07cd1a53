"""JMdict and JMnedict (the jamdict-data SQLite file, read directly: the jamdict package adds
nothing we need): Japanese glosses, loanwords, names, the English vocabulary both dictionaries
gloss, and Japanese words written in Latin letters."""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from pipeline.fidelity.dictionaries import WORD, cedict_entries, fold_width
from pipeline.fidelity.index_cache import dict_of_sets, stored
from pipeline.fidelity.romanise import hepburn

_KATAKANA = re.compile(r"^[\u30a0-\u30ff]+$")


def _jamdict_rows(sql: str) -> list[tuple[str, ...]]:
    """(Japanese text, ..., English gloss) rows of one query on jamdict-data's SQLite file, read-only."""
    return _jamdict_connection().execute(sql).fetchall()


@lru_cache(maxsize=1)
def _jamdict_connection() -> sqlite3.Connection:
    """One read-only connection for every query of a process (the indexes, the many small lookups)."""
    return sqlite3.connect(f"file:{_jamdict_path()}?mode=ro", uri=True, check_same_thread=False)


def _jamdict_path() -> Path:
    spec = find_spec("jamdict_data")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Japanese dictionaries need jamdict-data: pip install jamdict-data")
    return Path(next(iter(spec.submodule_search_locations))) / "jamdict.db"


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def jmdict_glosses(stopwords: frozenset[str]) -> dict[str, set[str]]:
    """English word → Japanese words (kanji forms, and katakana loanwords) whose JMdict senses use it."""
    index: dict[str, set[str]] = {}
    rows = _jamdict_rows(
        "SELECT k.text, g.text FROM Kanji k JOIN Sense s ON s.idseq = k.idseq "
        "JOIN SenseGloss g ON g.sid = s.ID "
        "UNION ALL SELECT k.text, g.text FROM Kana k JOIN Sense s ON s.idseq = k.idseq "
        "JOIN SenseGloss g ON g.sid = s.ID WHERE k.nokanji = 1 "
        # Loanwords have no kanji at all (プレッシャー "pressure"): their kana form is the word.
        "OR NOT EXISTS (SELECT 1 FROM Kanji kk WHERE kk.idseq = k.idseq) AND k.text GLOB '[ァ-ヺ]*'"
    )
    for word, gloss in rows:
        if not 2 <= len(word) <= 6:
            continue
        for token in WORD.findall(gloss.lower()):
            if token not in stopwords:
                index.setdefault(token, set()).add(word)
    return index


@lru_cache(maxsize=65536)
def _sense_glosses(word: str) -> tuple[str, ...]:
    """The English glosses of every JMdict sense of a Japanese word (any kanji or kana form). One
    indexed query per word: the reverse index of all JMdict would take seconds to build for the
    few words a text has."""
    rows = _jamdict_connection().execute(
        "SELECT g.text FROM Kanji k JOIN Sense s ON s.idseq = k.idseq JOIN SenseGloss g ON g.sid = s.ID "
        "WHERE k.text = ?1 UNION ALL SELECT g.text FROM Kana k JOIN Sense s ON s.idseq = k.idseq "
        "JOIN SenseGloss g ON g.sid = s.ID WHERE k.text = ?1", (word,)
    ).fetchall()
    return tuple(gloss for (gloss,) in rows)


@lru_cache(maxsize=65536)
def jmdict_senses(word: str) -> frozenset[str]:
    """The English words of the JMdict senses of a Japanese word (as MeCab gives its base form):
    the reverse of jmdict_glosses, for words a translation conjugates (行動しなければ → 行動 "act")
    or writes in kana (ひどい "bad")."""
    return frozenset(token for gloss in _sense_glosses(word) for token in WORD.findall(gloss.lower()))


def gloss_heads(word: str) -> tuple[str, ...]:
    """The English glosses of every JMdict sense of `word`, without their notes in brackets."""
    return tuple(_head(gloss) for gloss in _sense_glosses(word))


def _head(gloss: str) -> str:
    """A gloss without its note in brackets ("Kiev (Ukraine)" → "Kiev")."""
    return re.split(r"\s\(", gloss, maxsplit=1)[0].strip()


def proper_noun_only(word: str) -> bool:
    """Whether every JMdict sense of `word` is a proper noun (ナイロビ "Nairobi", インスタグラム
    "Instagram"; not アップル, "apple" and "Apple"): a name that JMdict happens to list."""
    heads = gloss_heads(word)
    return bool(heads) and all(head[:1].isupper() for head in heads)


@lru_cache(maxsize=1)
@stored(frozenset)
def jmdict_loanwords() -> frozenset[str]:
    """Katakana words of JMdict's vocabulary (アナリスト, ツイート): words, not transliterated names."""
    rows = _jamdict_rows("SELECT k.text, '' FROM Kana k WHERE k.text GLOB '[ァ-ヺ]*' "
                         "AND NOT EXISTS (SELECT 1 FROM Kanji kk WHERE kk.idseq = k.idseq)")
    return frozenset(word for word, _ in rows if _KATAKANA.match(word))


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def jmdict_loanword_senses() -> dict[str, set[str]]:
    """English word → the katakana loanwords JMdict glosses with exactly it ("cowboy" → カウボーイ)."""
    index: dict[str, set[str]] = {}
    for kana, gloss in _jamdict_rows(
        "SELECT k.text, g.text FROM Kana k JOIN Sense s ON s.idseq = k.idseq JOIN SenseGloss g ON g.sid = s.ID "
        "WHERE k.text GLOB '[ァ-ヺ]*' AND NOT EXISTS (SELECT 1 FROM Kanji kk WHERE kk.idseq = k.idseq)"
    ):
        index.setdefault(_bare(gloss).lower(), set()).add(kana)
    return index


@lru_cache(maxsize=1)
@stored(frozenset)
def english_words() -> frozenset[str]:
    """Words that CC-CEDICT and JMdict write in lower case in their English senses: the common
    vocabulary ("vampire", "sharing", "pope"), which names written as words also belong to. Not
    Japanese words that JMdict glosses by their own reading (柴犬 "shiba inu", シバエビ "shiba
    shrimp"): Shiba Inu is no English."""
    word = re.compile(r"\b[A-Za-z]{2,}\b")
    spelled = _hepburn_like_glosses()
    texts = [d for entry in cedict_entries() for d in entry["definitions"]]
    texts += [gloss for (gloss,) in _jamdict_rows("SELECT text FROM SenseGloss")]
    words = {w for text in texts if _bare(text) not in spelled for w in word.findall(text) if w.islower()}
    # Reading kana is slow: only the words that no other sense uses are checked.
    for gloss, entries in spelled.items():
        if not words.issuperset(gloss.split()):
            romaji = {hepburn(kana) for kana, _ in entries}
            head, *rest = gloss.split()
            if not any(r.startswith(gloss.replace(" ", "")) for r in romaji):
                words.update(rest if any(r.startswith(head) for r in romaji) else [head, *rest])
    return frozenset(words)


def english_word(word: str) -> bool:
    """Whether a lower-case word is English vocabulary (english_words) or a plural of it: airways,
    classes, tories."""
    words = english_words()
    return word in words or word.endswith("s") and (
        word[:-1] in words or word.endswith("es") and word[:-2] in words
        or word.endswith("ies") and word[:-3] + "y" in words)


@lru_cache(maxsize=4096)
def japanese_in_latin(name: str) -> frozenset[str]:
    """Kanji forms of the Japanese words whose reading `name` spells, whole or its start, as a
    JMdict gloss does ("shiba inu" and "shiba" → 柴犬, by the gloss "shiba inu" of しばいぬ)."""
    letters = name.replace(" ", "")
    forms = set()
    for gloss in _hepburn_glosses_by_first_word().get(name.split(" ", 1)[0], ()):
        if gloss == name or gloss.startswith(name + " "):
            forms |= {kanji for kana, kanji in _hepburn_like_glosses()[gloss] if hepburn(kana).startswith(letters)}
    return frozenset(forms)


@lru_cache(maxsize=1)
def _hepburn_glosses_by_first_word() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for gloss in _hepburn_like_glosses():
        index.setdefault(gloss.split(" ", 1)[0], []).append(gloss)
    return index


_NOTE = re.compile(r"\s*\([^)]*\)")


def _bare(gloss: str) -> str:
    """A gloss without its parenthesised notes ("shiba inu (Japanese dog breed)" → "shiba inu")."""
    return _NOTE.sub("", gloss).strip() if "(" in gloss else gloss


# Glosses of one to three lower-case words whose first could be Hepburn romanisation.
_HEPBURN_WORDS = re.compile(r"[a-z]{3,}(?: [a-z]+){0,2}")

_HEPBURN = re.compile(r"(?:[aiueo]|(?:[kgszjtdnhbpmyrwf]|ch|sh|ts|[kgnhbpmr]y)[aiueo]|n)+")


def _pairs(raw: dict[str, list[list[str]]]) -> dict[str, list[tuple[str, str]]]:
    """A stored _hepburn_like_glosses (JSON has lists for its pairs)."""
    return {gloss: [(kana, kanji) for kana, kanji in pairs] for gloss, pairs in raw.items()}


@lru_cache(maxsize=1)
@stored(_pairs)
def _hepburn_like_glosses() -> dict[str, list[tuple[str, str]]]:
    """JMdict glosses (without notes) that may spell their word's reading, each with the
    (reading, kanji form) pairs of the words they gloss."""
    spelled: dict[str, list[tuple[str, str]]] = {}
    for kana, kanji, gloss in _jamdict_rows(
        "SELECT k.text, kj.text, g.text FROM Kana k JOIN Kanji kj ON kj.idseq = k.idseq "
        "JOIN Sense s ON s.idseq = k.idseq JOIN SenseGloss g ON g.sid = s.ID "
        "WHERE g.text GLOB '[a-z][a-z][a-z]*' AND length(g.text) < 80"
    ):
        bare = _bare(gloss)
        if _HEPBURN_WORDS.fullmatch(bare) and _HEPBURN.fullmatch(bare.split()[0]):
            spelled.setdefault(bare, []).append((kana, kanji))
    return spelled


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def jmnedict_names() -> dict[str, set[str]]:
    """English name ("Putin", "Kiev") → its Japanese renderings in JMnedict (プーチン, キーエフ)."""
    index: dict[str, set[str]] = {}
    rows = _jamdict_rows(
        "SELECT k.text, g.text FROM NEKana k JOIN NETranslation t ON t.idseq = k.idseq "
        "JOIN NETransGloss g ON g.tid = t.ID UNION ALL "
        "SELECT k.text, g.text FROM NEKanji k JOIN NETranslation t ON t.idseq = k.idseq "
        "JOIN NETransGloss g ON g.tid = t.ID"
    )
    for form, gloss in rows:
        head = _head(gloss)
        # Katakana forms of foreign names, kanji forms of Japanese ones; hiragana readings are noise.
        if head[:1].isupper() and len(form) >= 2 and (_KATAKANA.match(form) or re.search(r"[\u4e00-\u9fff]", form)):
            index.setdefault(head.lower(), set()).add(form)
    return index


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def jmdict_names() -> dict[str, set[str]]:
    """English proper noun → Japanese forms of the common JMdict words it glosses ("Supreme Court" → 最高裁,
    "UN" → 国連, "Soviet Union" → ソ連): institutions and bodies, which JMnedict leaves out."""
    index: dict[str, set[str]] = {}
    rows = _jamdict_rows(
        "SELECT k.text, g.text FROM Kanji k JOIN Sense s ON s.idseq = k.idseq JOIN SenseGloss g ON g.sid = s.ID "
        "UNION ALL SELECT k.text, g.text FROM Kana k JOIN Sense s ON s.idseq = k.idseq "
        "JOIN SenseGloss g ON g.sid = s.ID"
    )
    for form, gloss in rows:
        # "(Japanese) Meteorological Agency": the bracketed words may go with the name or not.
        optional = _OPTIONAL_FIRST.match(gloss)
        head = _head(gloss[optional.end():] if optional else gloss)
        if not head[:1].isupper() or len(form) < 2 or re.search(r"[\u3041-\u309f]", form):
            continue  # proper nouns only; hiragana forms are readings
        for key in (head, f"{optional[1]} {head}") if optional else (head,):
            index.setdefault(key.lower(), set()).add(fold_width(form))
    return index


_OPTIONAL_FIRST = re.compile(r"^\(([A-Z][\w.-]*(?: [A-Za-z][\w.-]*)*)\)\s+(?=[A-Z])")


def other_spellings(key: str) -> tuple[str, ...]:
    """Other English names JMdict glosses the very same words by ("macau" → "macao", "mecca" →
    "makkah", "ibm" → "international business machines"): one entity's spellings, for a dictionary
    that knows it under another."""
    return _spelling_groups().get(key, ())


@lru_cache(maxsize=1)
def _spelling_groups() -> dict[str, tuple[str, ...]]:
    by_forms: dict[frozenset[str], list[str]] = {}
    for key, forms in jmdict_names().items():
        by_forms.setdefault(frozenset(forms), []).append(key)
    return {key: tuple(other for other in keys if other != key)
            for keys in by_forms.values() if len(keys) > 1 for key in keys}


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def jmnedict_kinds() -> dict[str, set[str]]:
    """English one-word name ("Kargil", "Martin") → what JMnedict says it names: place, surname,
    given, masc, fem, person, organization … ("Kargil" → {"place"})."""
    index: dict[str, set[str]] = {}
    rows = _jamdict_rows("SELECT g.text, ty.text FROM NETransGloss g JOIN NETransType ty ON ty.tid = g.tid")
    for gloss, kind in rows:
        head = _head(gloss)
        if head[:1].isupper() and " " not in head:
            index.setdefault(head.lower(), set()).add(kind)
    return index


_PERSON_KINDS = ("person", "surname", "given", "masc", "fem")
# What JMnedict calls a given name.
GIVEN_KINDS = frozenset({"given", "masc", "fem"})


@lru_cache(maxsize=1)
@stored(dict_of_sets)
def jmnedict_people() -> dict[str, set[str]]:
    """Katakana form of a person's name (full, surname or given) → its English glosses in JMnedict,
    lower case (バイデン → {"biden"}). A form JMnedict also gives a place, a company or anything
    else (ジョージア, Georgia) is left out: it names no person for sure."""
    glosses: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    rows = _jamdict_rows(
        "SELECT k.text, g.text, ty.text FROM NEKana k JOIN NETranslation t ON t.idseq = k.idseq "
        "JOIN NETransGloss g ON g.tid = t.ID JOIN NETransType ty ON ty.tid = t.ID"
    )
    for form, gloss, kind in rows:
        if len(form) >= 2 and _KATAKANA.match(form):
            glosses.setdefault(form, set()).add(gloss.lower())
            kinds.setdefault(form, set()).add(kind)
    return {form: glosses[form] for form, found in kinds.items() if found <= set(_PERSON_KINDS)}
