"""The fidelity validator: do the names, figures and direct quotes of English news survive?

Deterministic, and free of generative models: dictionaries, rules, and a small multilingual
sentence encoder (numpy) for the meaning of quotes. Use `check(source, translation, lang)` for one pair and
`extract_facts(source)` for the facts of an English text.
"""

from pipeline.fidelity.check import check, extract_facts
from pipeline.fidelity.facts import Facts, FidelityReport, Figure, Finding, Name, Quote, Span

__all__ = ["check", "extract_facts", "Facts", "FidelityReport", "Figure", "Finding", "Name", "Quote", "Span"]
