"""Model-assisted evidence, off by default: back-translate what the model-free check could not
match, and look for the fact in the model's English.

Only errors that a transliteration or a paraphrase can explain are reconsidered: a name not found
(シールズ is Shields, 英国 may be England) and a quote whose wording the dictionaries could not match
(「他人のことに口出ししない」 back-translates to "mind your own business"). A confirmed finding keeps its
status and becomes a warning whose evidence quotes the back-translation. The model can only
soften an error to a warning; it never adds one, and figures are never reconsidered: the
model-free comparison of values is exact, and the model is the weaker witness.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from pipeline.fidelity.facts import FidelityReport, Finding
from pipeline.fidelity.lemmas import english_stems
from pipeline.fidelity.romanise import ascii_fold

# Texts in Japanese or Chinese → their English, in order, in one batch: any model or MT system
# (the pipeline passes its loaded model; pipeline.stages.validate.back_translator).
BackTranslate = Callable[[list[str]], list[str]]
# Share of the quote's content words (stemmed) that its back-translation must contain. On the
# WMT references' quote alarms the embedded model's back-translations score 0.33-0.8 when they
# render the quote ("heightened winter pressure" → "the pressure on hospitals during winter
# increases"), and the evaluation's replacement sentence scores 0 (see the README).
QUOTE_OVERLAP = 0.3
# How close a back-translated word must be to the name's last word (difflib ratio).
NEAR_SPELLING = 0.8


def reconsidered(finding: Finding) -> bool:
    """Whether model-assisted evidence may speak to `finding`."""
    return finding.severity == "error" and (
        (finding.kind == "name" and finding.status == "missing")
        or (finding.kind == "quote" and finding.status == "altered" and finding.target is not None)
    )


def reconsider(items: list[tuple[str, str, FidelityReport]], back_translate: BackTranslate,
               quote_overlap: float = QUOTE_OVERLAP) -> int:
    """Back-translate, in one batch, each translation with a missing name and each altered quote
    of `items` ((source, translation, report) triples), and turn the errors the English confirms
    into warnings, in place. Returns how many findings were softened."""
    wanted: list[str] = []  # one back-translation per distinct text
    for _, translation, report in items:
        for finding in filter(reconsidered, report.findings):
            text = translation if finding.kind == "name" else _quoted(finding)
            if text not in wanted:
                wanted.append(text)
    if not wanted:
        return 0
    english = dict(zip(wanted, back_translate(wanted), strict=True))
    softened = 0
    for _, translation, report in items:
        for finding in filter(reconsidered, report.findings):
            if finding.kind == "name":
                back = english[translation]
                confirmed = names_in(finding.source.text, back)
            else:
                back = english[_quoted(finding)]
                confirmed = overlap(finding.expected or finding.source.text, back) >= quote_overlap
            if confirmed:
                finding.severity = "warning"
                finding.evidence += f"; model back-translation confirms it: {back.strip()[:160]!r}"
                finding.message += " (the model's back-translation has it)"
                softened += 1
    return softened


def _quoted(finding: Finding) -> str:
    """The translation's quoted words, without their marks."""
    return finding.found or finding.target.text.strip("「」『』“”\"‘’")


def names_in(name: str, english: str) -> bool:
    """Whether `english` names `name`: the whole name, or its last word, spelled the same or
    nearly (a small model back-translates ヤヒア as Yahia or Yahiya, サンチェス as Samachez)."""
    folded = ascii_fold(english)
    words = ascii_fold(name).split()
    candidates = [" ".join(words)] + ([words[-1]] if len(words) > 1 and len(words[-1]) >= 3 else [])
    if any(re.search(rf"(?<![a-z]){re.escape(c)}(?![a-z])", folded) for c in candidates):
        return True
    last = words[-1] if words else ""
    return len(last) >= 4 and any(w[0] == last[0] and SequenceMatcher(None, w, last).ratio() >= NEAR_SPELLING
                                  for w in re.findall(r"[a-z]{3,}", folded))


def overlap(quote: str, english: str) -> float:
    """The share of the quote's content words whose stem the back-translation contains."""
    wanted = _content_stems(quote)
    return len(wanted & _content_stems(english)) / len(wanted) if wanted else 0.0


def _content_stems(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [w for w in re.findall(r"[a-z]+", ascii_fold(text)) if w not in STOP_WORDS and len(w) > 1]
    return set(english_stems(words))
