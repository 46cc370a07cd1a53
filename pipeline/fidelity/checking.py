"""check(): every name, figure and quote of an English text, looked for in one translation."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from pipeline.fidelity.coverage import coverage_findings
from pipeline.fidelity.dictionaries import fold_width
from pipeline.fidelity.facts import LANGS, Facts, FidelityReport, Figure
from pipeline.fidelity.figures import check_figures
from pipeline.fidelity.figures_cjk import extract_figures as extract_target_figures
from pipeline.fidelity.figures_en import extract_figures
from pipeline.fidelity.glossary import DEFAULT_GLOSSARY, Glossary, load_glossary
from pipeline.fidelity.names import check_names
from pipeline.fidelity.names_added import added_names, swapped_names
from pipeline.fidelity.names_en import extract_names, parse_many
from pipeline.fidelity.names_gap import names_left_gaps
from pipeline.fidelity.quotes import check_quotes
from pipeline.fidelity.quotes_extract import extract_quotes, extract_target_quotes


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The glossary shipped inside the package (pipeline/fidelity/glossary.yaml)."""
    return load_glossary(DEFAULT_GLOSSARY)


# One source is checked against three translations: its facts are kept, up to a bound.
_FACTS: dict[str, Facts] = {}
FACTS_CACHE_SIZE = 4096


def _remember(source: str, facts: Facts) -> Facts:
    if len(_FACTS) >= FACTS_CACHE_SIZE:
        _FACTS.clear()
    _FACTS[source] = facts
    return facts


@lru_cache(maxsize=64)
def _document_figures(document: str) -> list[Figure]:
    """The figures of a whole article, read once for all its segments."""
    return extract_figures(document)


def _facts(source: str, doc=None) -> Facts:
    return Facts(names=list(extract_names(source, doc)), figures=extract_figures(source),
                 quotes=extract_quotes(source))


def extract_facts(source: str) -> Facts:
    """The names, figures and direct quotes of an English text."""
    cached = _FACTS[source] if source in _FACTS else _remember(source, _facts(source))  # Facts() is falsy
    return Facts(list(cached.names), list(cached.figures), list(cached.quotes))  # callers may mutate theirs


def prefetch_facts(sources: list[str]) -> None:
    """Extract the facts of many sources in one spaCy batch, so that check() finds them ready."""
    todo = [s for s in dict.fromkeys(sources) if s not in _FACTS][:FACTS_CACHE_SIZE]
    for source, doc in zip(todo, parse_many(todo), strict=True):
        _remember(source, _facts(source, doc))


def check(source: str, translation: str, lang: str, glossary: Glossary | None = None,
          document: str | None = None) -> FidelityReport:
    """Check one translation of one English text.

    Args:
        source: the English text.
        translation: its translation, from any system.
        lang: "ja", "zh-Hans" or "zh-Hant".
        glossary: name renderings to trust; defaults to the shipped glossary.
        document: the English of the whole article `source` belongs to, when there is one: a count
            in numerals that the translation writes and neither `source` nor `document` states
            (五名男子 where the article counts four) is then an error.

    Returns:
        A FidelityReport with one finding per source fact (preserved ones too), figures the source
        lacks ("added"), and coverage findings (coverage.py): an empty or untranslated target,
        a repeated phrase, a length the source does not allow, characters of another script.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    glossary = default_glossary() if glossary is None else glossary
    facts = extract_facts(source)
    report = FidelityReport(lang=lang, facts=len(facts))
    target_figures = extract_target_figures(translation)
    # Names are matched on full-width-folded text (ＵＮ, Ｇ７); spans then quote the translation itself.
    folded = fold_width(translation)
    names = check_names(facts.names, folded, lang, glossary, source, document)
    names += added_names(folded, lang, names, source, glossary, document)
    names = swapped_names(facts.names, names, source, folded, lang, glossary)
    names = names_left_gaps(names, folded, lang)
    for finding in names:
        if finding.target is not None:
            finding.target = replace(finding.target, text=translation[finding.target.start:finding.target.end])
            finding.found = finding.target.text
    preserved = [f for f in names if f.status == "preserved" and f.source and f.target]
    # Coverage findings come first in the report; the length check counts each verified name as
    # long as its rendering (coverage_length.known_names_explain).
    report.findings += coverage_findings(source, translation, lang,
                                         [(f.source.text, f.target.text) for f in preserved])
    report.findings += names
    figures = check_figures(facts.figures, target_figures, lang, translation,
                            _document_figures(document) if document is not None else None)
    # A number inside a name's rendering is the name's (ヘンリー8世 for Henry VIII), not one added.
    report.findings += [f for f in figures if not (f.status == "added" and f.target is not None and any(
        r.target.start <= f.target.start and f.target.end <= r.target.end for r in preserved))]
    report.findings += check_quotes(
        facts.quotes, extract_target_quotes(translation), facts.figures, target_figures, lang, source
    )
    return report
