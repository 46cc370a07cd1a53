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

from pipeline.fidelity.names_en import extract_names
from pipeline.segment import split_sentences

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
# Two sentences where the splitter saw one: the attribution belongs to the last one only.
SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[\"“(]?[A-Z]")


def front_attribution(text: str) -> str | None:
    """`text` with each sentence's trailing attribution moved to its front, or None when no
    sentence has one."""
    sentences = split_sentences(text)
    fronted = [_front(sentence) for sentence in sentences]
    if not any(fronted):
        return None
    return " ".join(new or old for new, old in zip(fronted, sentences, strict=True))


def _front(sentence: str) -> str | None:
    """One sentence with its attribution in front, or None."""
    if match := QUOTE_THEN_SPEAKER.match(sentence):
        speaker = match["speaker"]
        if not SPEECH_VERBS.search(speaker) or SENTENCE_BREAK.search(match["body"]):
            return None
        if inverted := INVERTED.match(speaker):
            who = inverted["who"] + ("," if "," in inverted["who"] else "")
            speaker = f"{who} {inverted['verb'].lower()}"
        stop = match["stop"] if match["stop"] in ("?", "!") else "."
        return f'{_capitalise(speaker)}: "{match["body"]}{stop}"'
    if match := STATEMENT_THEN_SOURCE.match(sentence):
        main = match["main"]
        if SENTENCE_BREAK.search(main) or "according to" in main.lower():
            return None
        if main[:2] != "I " and not any(name.span.start == 0 for name in extract_names(main)):
            main = main[:1].lower() + main[1:]  # no longer the sentence's first word, and no name
        return f"According to {match['source']}, {main}."
    return None


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
