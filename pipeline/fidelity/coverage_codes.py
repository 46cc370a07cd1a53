"""What each coverage finding expected: stable texts, by which the repair step words its request."""

from __future__ import annotations

# What each coverage finding expected: stable texts, by which the repair step words its request.
TRANSLATED = "a translation"

EVERY_WORD = "a translation of every word"

ONCE = "each phrase once"

COMPLETE = "a complete translation"

NOTHING_ADDED = "only what the source says"

SCRIPTS = {"ja": "Japanese kanji and kana", "zh-Hant": "Traditional Chinese characters"}

NO_KANA = "Chinese characters, no kana"
