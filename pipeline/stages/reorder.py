"""The same English sentence with its attribution or its day moved to the front, for repair to try.

News sentences often end with who said it: `"…," he said.` or `…, according to X.` The embedded
model tends to drop such a trailing clause (the example's "according to Nomura Research Institute
economist, Takahide Kiuchi" in every Chinese attempt) or to turn the quotation before it into
indirect speech. Told the same sentence with the attribution first (`He said: "…."`, `According to
X, …`), it kept both (measured on the example: README, "How well repair works"). English news also
puts the day after the verb (`approved the funds Wednesday`, `addressed reporters on Wednesday`)
where Japanese and Chinese put it before; the model drops it there (周三 in every Chinese attempt
of a WMT24 sentence), so a sentence's one weekday is also tried in front (`On Wednesday, …`).
These are rewrites of fixed English patterns, which no library does; anything else is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.fidelity.names_en import extract_names
from pipeline.stages.segment import split_sentences

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
# A weekday after the verb, bare or with "on": `bitcoin Wednesday,`, `on Wednesday night.`. Not one
# that qualifies a noun after a determiner or has its own preposition (`the Wednesday vote`,
# `through Sunday`, `Monday's`): those stay where they are.
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
DAY_AFTER_VERB = re.compile(
    rf"(?<![\w'’])(?P<before>\w+) (?:on )?(?P<day>{WEEKDAY}(?: (?:morning|afternoon|evening|night))?)"
    r"(?![\w'’-])"
)
NOT_BEFORE_A_DAY = {"the", "a", "this", "that", "last", "next", "every", "each", "through", "until",
                    "till", "since", "by", "from", "before", "after", "of", "to", "late", "early", "and", "or",
                    "his", "her", "its", "their", "our", "my", "your"}
# Honorifics keep their capital mid-sentence; spaCy's names start after them ("Mr Smith": Smith).
HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen)\b")
# A quotation mark; an apostrophe before a letter (China's, Japan’s, don't) is none.
QUOTE_MARK = re.compile(r"[\"“”‘]|['’](?![a-z])")
ATTRIBUTION, DAY = "attribution", "day"


@lru_cache(maxsize=1024)  # a failing segment is asked for again in every round
def front_context(text: str) -> tuple[str, str] | None:
    """`text` with each sentence's trailing attribution, or else its weekday, moved to its front,
    and a label naming what moved ("attribution first", "day first"); None when nothing does."""
    sentences = split_sentences(text)
    fronted = [_front(sentence) for sentence in sentences]
    if not any(fronted):
        return None
    moved = [what for what in (ATTRIBUTION, DAY) if any(f and f[1] == what for f in fronted)]
    new = " ".join(f[0] if f else old for f, old in zip(fronted, sentences, strict=True))
    return new, " and ".join(moved) + " first"


def _front(sentence: str) -> tuple[str, str] | None:
    """One sentence with its attribution, or else its weekday, in front, and what moved; or None."""
    if text := _attribution_first(sentence):
        return text, ATTRIBUTION
    if text := _day_first(sentence):
        return text, DAY
    return None


def _day_first(sentence: str) -> str | None:
    """One sentence with its only weekday in front (`On Wednesday, the SEC approved …`), or None."""
    days = list(DAY_AFTER_VERB.finditer(sentence))
    if len(days) != 1 or len(re.findall(WEEKDAY, sentence)) != 1 or QUOTE_MARK.search(sentence):
        return None  # two days, or a quotation that moving words around could break
    day = days[0]
    if day["before"].lower() in NOT_BEFORE_A_DAY or day.start() == 0:
        return None  # the day has its own determiner or preposition, or is already near the front
    rest = (sentence[: day.end("before")] + sentence[day.end():]).strip()
    return f"On {day['day']}, {_lower_first(rest)}"


def _lower_first(text: str) -> str:
    """`text` no longer starting a sentence: its first word lower-cased, unless it is "I" or a name."""
    if text[:2] == "I " or HONORIFIC.match(text) or any(name.span.start == 0 for name in extract_names(text)):
        return text
    return text[:1].lower() + text[1:]


def _attribution_first(sentence: str) -> str | None:
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
        return f"According to {match['source']}, {_lower_first(main)}."
    return None


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
