"""The fidelity validator: do the names, figures and direct quotes of English news survive?

Deterministic, and free of generative models: dictionaries, rules, and a small multilingual
sentence encoder (numpy) for the meaning of quotes. Use `check(source, translation, lang)` for one
pair and `extract_facts(source)` for the facts of an English text.

`check` and `extract_facts` load on first use (PEP 562), so that importing the records of
`pipeline.fidelity.facts` (the model engine's config does, for the list of languages) does not load
the validator's dictionaries and packages.
"""

from typing import Any

from pipeline.fidelity.facts import Facts, FidelityReport, Figure, Finding, Name, Quote, Span

__all__ = ["check", "extract_facts", "Facts", "FidelityReport", "Figure", "Finding", "Name", "Quote", "Span"]


def __getattr__(name: str) -> Any:
    if name in ("check", "extract_facts"):
        from pipeline.fidelity import checking

        return getattr(checking, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
