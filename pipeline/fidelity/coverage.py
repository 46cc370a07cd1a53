"""Coverage: is the whole English text translated, once, in the target language's own script?

Findings of kind "coverage", each told apart by its `expected` (coverage_codes.py, which the
repair step reads): an empty or still-English target, English words left in, a phrase said over
and over (a model's degenerate loop, coverage_repeats.py), a translation far shorter or longer
than its source allows (it stopped early, or added: coverage_length.py), and characters of the
wrong script (Simplified-only hanzi in Japanese or Traditional text, kana in Chinese:
coverage_script.py).

Thresholds were set on the human references of the evaluation data's dev part (see the constants);
each check costs some tens of microseconds a pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.fidelity.coverage_codes import EVERY_WORD, TRANSLATED
from pipeline.fidelity.coverage_length import CJK, LENGTH_MODELS, length_finding, whole_span
from pipeline.fidelity.coverage_repeats import repetition_finding
from pipeline.fidelity.coverage_script import script_findings
from pipeline.fidelity.facts import Finding, Span

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A tag (<br>, </p>, a chat model's <|im_end|>) is markup that a translation keeps as it is, not
# English words to translate.
_MARKUP = re.compile(r"</?[^<>\s]{1,40}>")


def coverage_findings(source: str, translation: str, lang: str,
                      renderings: Sequence[tuple[str, str]] = ()) -> list[Finding]:
    """Every coverage finding of one translation of `source` into `lang`.

    Args:
        source: the English text.
        translation: its translation.
        lang: "ja", "zh-Hans" or "zh-Hant".
        renderings: (English name, its rendering found in `translation`) for the names verified,
            which the length check counts as long as their renderings (length_finding).

    Returns:
        One finding when the target is empty or still English (nothing else is worth saying then);
        else those of English words left in, a repeated phrase, a length the source does not
        allow and characters of another script, in that order.
    """
    if finding := coverage_finding(source, translation):
        return [finding]
    loop = repetition_finding(source, translation)
    found = [untranslated_words(source, translation), loop,
             length_finding(source, translation, lang, repeated=loop is not None, renderings=renderings)]
    return [f for f in found if f is not None] + script_findings(translation, lang)


def coverage_finding(source: str, translation: str) -> Finding | None:
    """An error when the translation is empty or still English; None when it is a translation."""
    if not _LATIN_WORD.search(_MARKUP.sub(" ", source)):
        return None
    if not translation.strip():
        return Finding("coverage", "missing", "error", whole_span(source), None, TRANSLATED, "",
                       "empty target", "the segment was not translated (empty)")
    cjk = len(CJK.findall(translation))
    # Names kept in Latin script (Aden Abdi Madobe 和 Muhiyadin Adow Shibin) are no English left.
    latin = sum(len(w) for w in _LATIN_WORD.findall(_MARKUP.sub(" ", translation)) if not w[0].isupper())
    if cjk == 0 or latin > 4 * cjk:
        return Finding("coverage", "missing", "error", whole_span(source), whole_span(translation),
                       TRANSLATED, translation[:80], f"{cjk} CJK characters, {latin} Latin letters",
                       "the segment is still English")
    return None


# Lower-case English words of four letters or more: names and acronyms are capitalised, and
# shorter ones are often units or symbols (km, mph).
_COMMON_WORD = re.compile(r"(?<![A-Za-z])[a-z]{4,}(?![A-Za-z])")


def untranslated_words(source: str, translation: str) -> Finding | None:
    """A warning when a translation keeps ordinary English words of its source (外交 tensions)."""
    if not CJK.search(translation):
        return None  # wholly English: coverage_finding reports it
    english = set(re.findall(r"[a-z]+", _MARKUP.sub(" ", source).lower()))
    left = [m for m in _COMMON_WORD.finditer(translation) if m.group(0) in english]
    if not left:
        return None
    words = ", ".join(dict.fromkeys(m.group(0) for m in left))
    first = left[0]
    return Finding("coverage", "altered", "warning", None, Span(first.group(0), first.start(), first.end()),
                   EVERY_WORD, words, "English words of the source left in the translation",
                   f"English words left untranslated: {words}")


LENGTH_MODELS["zh-Hant"] = LENGTH_MODELS["zh-Hans"]
