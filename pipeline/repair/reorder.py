"""The same English sentence with its attribution moved to the front, for repair to try.

News sentences often end with who said it: `"…," he said.` or `…, according to X.` The embedded
model tends to drop such a trailing clause (the example's "according to Nomura Research Institute
economist, Takahide Kiuchi" in every Chinese attempt) or to turn the quotation before it into
indirect speech. Told the same sentence with the attribution first (`He said: "…."`, `According to
X, …`), it kept both (measured on the example: README, "How well repair works"). This is a rewrite
of two fixed English patterns, which no library does; anything else is left alone (None).
"""

from __future__ import annotations

import re

# A speech verb in the attribution: what makes `"…," <attribution>.` a quoted sentence's source.
SPEECH_VERBS = re.compile(
    r"\b(?:said|says|say|added|adds|asked|asks|told|tells|wrote|writes|stated|states|explained|noted|"
    r"warned|argued|insisted|continued|declared|announced|replied|remarked|recalled|according to)\b"
)
# One quotation, then who said it, and nothing else: `"We regret it," the ministry said on Monday.`
QUOTE_THEN_SPEAKER = re.compile(
    r'^\s*["“](?P<body>[^"“”]+?)(?P<stop>[,.?!]?)["”]\s*,?\s+(?P<speaker>[^"“”]+?)\s*[.!]?\s*$'
)
# `said Mao Ning, a spokesperson` reads `Mao Ning, a spokesperson, said` in front.
INVERTED = re.compile(r"^(?P<verb>said|says|added|asked|wrote|told \w+)\s+(?P<who>.+)$", re.IGNORECASE)
# A statement, then its source: `Exports could fall 5%, according to Nomura economist Takahide Kiuchi.`
STATEMENT_THEN_SOURCE = re.compile(r"^\s*(?P<main>.+?),\s+according to\s+(?P<source>[^\"“”]+?)\s*\.\s*$")
# Two sentences in one segment: the attribution belongs to the last one only.
SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[\"“(]?[A-Z]")
# First words that are lower-cased when they stop being the sentence's first: not names.
FUNCTION_WORDS = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "some",
                  "many", "most", "more", "all", "one", "two", "three", "prices", "there", "it", "they", "we", "he",
                  "she", "such", "each", "every", "no"}


def front_attribution(text: str) -> str | None:
    """`text` with its trailing attribution moved to the front, or None when it has none."""
    if match := QUOTE_THEN_SPEAKER.match(text):
        speaker = match["speaker"]
        if not SPEECH_VERBS.search(speaker) or SENTENCE_BREAK.search(match["body"]):
            return None
        if inverted := INVERTED.match(speaker):
            who = inverted["who"] + ("," if "," in inverted["who"] else "")
            speaker = f"{who} {inverted['verb'].lower()}"
        stop = match["stop"] if match["stop"] in ("?", "!") else "."
        return f'{_capitalise(speaker)}: "{match["body"]}{stop}"'
    if match := STATEMENT_THEN_SOURCE.match(text):
        main = match["main"]
        if SENTENCE_BREAK.search(main) or "according to" in main.lower():
            return None
        first, _, rest = main.partition(" ")
        if first.lower() in FUNCTION_WORDS:
            main = f"{first.lower()} {rest}" if rest else first.lower()
        return f"According to {match['source']}, {main}."
    return None


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
