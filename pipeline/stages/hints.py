"""What the model is told about one segment: its own figures, names and quote marks, nothing else.

A glossary line listing every name of the article made the model paste names into unrelated
sentences (../shared/DESIGN.md), so hints are computed from the segment's own facts only.
"""

from __future__ import annotations

from pipeline.fidelity import extract_facts
from pipeline.fidelity.coverage_codes import COMPLETE, EVERY_WORD, NO_KANA, NOTHING_ADDED, ONCE, SCRIPTS
from pipeline.fidelity.coverage_script import native_forms
from pipeline.fidelity.facts import Finding
from pipeline.fidelity.figures import render
from pipeline.fidelity.glossary import Glossary
from pipeline.fidelity.names_known import known_rendering
from pipeline.stages.katakana import katakana_name, written_in_kanji

QUOTE_MARKS = {"ja": "「」", "zh-Hans": "“”", "zh-Hant": "「」"}


def segment_hints(source: str, lang: str, glossary: Glossary) -> list[str]:
    """Renderings for this segment's figures and known names, and the quote marks to use."""
    facts = extract_facts(source)
    hints = []
    for figure in facts.figures:
        rendering = render(figure, lang)
        if rendering and rendering != figure.span.text:
            hints.append(f"{figure.span.text} → {rendering}")
    for name in facts.names:
        if rendering := known_rendering(name, lang, glossary):
            hints.append(f"{name.text} → {rendering}")
    if facts.quotes:
        marks = QUOTE_MARKS[lang]
        hints.append(f"direct quotations stay direct, in {marks[0]}…{marks[1]}")
    return list(dict.fromkeys(hints))


def requirements(findings: list[Finding], lang: str, people: frozenset[str] = frozenset()) -> list[str]:
    """One explicit instruction per failed finding of a previous attempt (infos are skipped).

    A lost foreign person of `people` whom no dictionary renders is, in Japanese, asked for in
    katakana (keep the name Tim Whitehouse, written ティム・ホワイトハウス; the model had written
    田中白屋), and in Chinese in Latin letters, where no library transliterates and the model
    invented 白头汉蒂. Only once lost: a transliteration is a guess (e2k writes Rishi Sunak
    リシー・スネーク, not リシ・スナク), and as a first-pass hint the model would copy it over a name it
    knows. Japanese and Chinese people (kanji in both languages) get neither.
    """
    marks = QUOTE_MARKS[lang]
    lines = []
    for f in findings:
        if f.severity == "info":
            continue
        source = f.source.text if f.source else ""
        if f.kind == "figure" and f.status == "added":
            lines.append(f"do not write {f.found}: the English gives no such count")
        elif f.kind == "figure":
            lines.append(f"write {source} as {f.expected}" + (f", not {f.found}" if f.found else ""))
        elif f.kind == "name" and f.status == "missing":
            lines.append(f"keep the name {source}" + _written(source, f.expected, lang, people))
        elif f.kind == "name" and f.status == "altered":
            lines.append(f"keep the name {source}" + _written(source, "", lang, people)
                         + f"; {f.found} is not {source}")
        elif f.kind == "name" and f.status == "added":
            lines.append(f"do not add the name {f.found}: the English does not have it")
        elif f.kind == "quote":
            lines.append(f"keep the quotation {source} as a direct quotation in {marks[0]}…{marks[1]}")
        elif f.kind == "coverage":
            lines.append(_coverage(f, lang))
    return list(dict.fromkeys(lines))


def _coverage(f: Finding, lang: str) -> str:
    """The request for one coverage finding, told apart by what it expected (fidelity/coverage.py).
    A wrong-script character comes with the form to write instead (鲨 → 鯊): the model that wrote
    鲨 in Japanese needs to be shown the kanji, not only told to write Japanese."""
    if f.expected == EVERY_WORD:
        return f"translate every word; do not leave English words ({f.found}) in the translation"
    if f.expected == ONCE:
        return f"translate the sentence once, completely: the previous translation repeated 「{f.found}」 over and over"
    if f.expected == COMPLETE:
        return "translate the whole text, every sentence to its end: the previous translation left part of it out"
    if f.expected == NOTHING_ADDED:
        return "translate only what the English says, and each part of it once: the previous translation added text"
    if f.expected in SCRIPTS.values():
        forms = native_forms(f.found, lang)
        return f"write it in {f.expected}, not Simplified Chinese characters" + (f" ({forms})" if forms else "")
    if f.expected == NO_KANA:
        return f"write it in Chinese characters only, without Japanese kana ({f.found})"
    return "translate the whole text; leave no English sentence untranslated"


def _written(name: str, expected: str, lang: str, people: frozenset[str]) -> str:
    """How a lost name's requirement says to write it: its known rendering; for a foreign person,
    katakana in Japanese and Latin letters in Chinese; else nothing."""
    if expected:
        return f", written {expected}"
    if name not in people or written_in_kanji(name):
        return ""
    if lang != "ja":
        return " in Latin letters"
    katakana = katakana_name(name)
    return f", written {katakana}" if katakana else ""
