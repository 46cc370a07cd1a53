"""Direct quotes: found in English and in the translation, aligned one to one, content compared."""

from __future__ import annotations

import re

from pipeline.fidelity.facts import Figure, Finding, Quote, Span

# English direct quotes: straight or curly double quotes; single curly quotes only where they
# cannot be apostrophes (an opening ‘ after a space or start, a closing ’ not followed by a letter).
_EN_QUOTES = [
    re.compile(r"“(?P<q>[^”]+)”"),
    re.compile(r'(?<![\w])"(?P<q>[^"]+)"'),
    re.compile(r"(?:(?<=\s)|^)‘(?P<q>[^’]+(?:’\w[^’]*)*)’(?!\w)"),
]
# Quote marks in Japanese and Chinese. 《》 and 〈〉 mark titles, not speech.
_CJK_QUOTES = [re.compile(r"「(?P<q>[^「」]*(?:「[^「」]*」[^「」]*)*)」"), re.compile(r"『(?P<q>[^『』]+)』"),
               re.compile(r"“(?P<q>[^”]+)”"), re.compile(r'"(?P<q>[^"]+)"'), re.compile(r"‘(?P<q>[^’]+)’")]
# Below three words a "quote" is a term in scare quotes ("tensions"), not speech.
MIN_QUOTE_WORDS = 3
# CJK characters per English character of the same sentence: WMT22/24 human references fall
# between these bounds for nearly every quote (see scripts/evaluate_validator.py); outside them
# the quote has most likely been cut down or replaced.
MIN_RATIO = 0.12
MAX_RATIO = 1.2


def extract_quotes(text: str) -> list[Quote]:
    """Direct quotes of three words or more in English `text`, in reading order."""
    found: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for pattern in _EN_QUOTES:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            inner = m.group("q").strip()
            if len(inner.split()) >= MIN_QUOTE_WORDS:
                taken.append((m.start(), m.end()))
                found.append(Quote(inner, Span(m.group(0), m.start(), m.end())))
    return sorted(found, key=lambda q: q.span.start)


def extract_target_quotes(text: str) -> list[Quote]:
    """Quoted spans of a Japanese or Chinese text (outermost marks only), in reading order."""
    found: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for pattern in _CJK_QUOTES:
        for m in pattern.finditer(text):
            if any(s <= m.start() and m.end() <= e for s, e in taken):
                continue  # a quote inside a quote
            taken.append((m.start(), m.end()))
            found.append(Quote(m.group("q").strip(), Span(m.group(0), m.start(), m.end())))
    return sorted(found, key=lambda q: q.span.start)


def _ratio(source: Quote, target: Quote) -> float:
    return len(target.text) / max(1, len(source.text))


def check_quotes(
    sources: list[Quote], targets: list[Quote], source_figures: list[Figure], target_figures: list[Figure]
) -> list[Finding]:
    """Align source and target quotes in order and judge each pair's content.

    A source quote with no target quote left is "missing" (dropped or turned into indirect
    speech). A pair whose target is far shorter or longer than a translation of the quote would
    be, or loses a figure of the quote, is "altered".
    """
    findings = []
    j = 0
    for src in sources:
        # Skip target quotes too short to be this one (a quoted term or title before it), but
        # fall back to the next one when none is long enough: then the pair is judged altered.
        fitting = next((k for k in range(j, len(targets)) if _ratio(src, targets[k]) >= MIN_RATIO), None)
        if fitting is not None:
            j = fitting
        if j >= len(targets):
            findings.append(Finding("quote", "missing", "error", src.span, None, src.text, "",
                                    "no quoted span left in the translation",
                                    f"quote {_short(src.text)!r} is missing or became indirect speech"))
            continue
        tgt = targets[j]
        j += 1
        problems = _content_problems(src, tgt, source_figures, target_figures)
        if problems:
            findings.append(Finding("quote", "altered", "error", src.span, tgt.span, src.text, tgt.text,
                                    "; ".join(problems), f"quote {_short(src.text)!r} changed: {problems[0]}"))
        else:
            findings.append(Finding("quote", "preserved", "info", src.span, tgt.span, src.text, tgt.text,
                                    f"aligned in order; length ratio {_ratio(src, tgt):.2f}",
                                    f"{_short(src.text)!r} → {_short(tgt.text)!r}"))
    return findings


def _content_problems(src: Quote, tgt: Quote, source_figures: list[Figure], target_figures: list[Figure]) -> list[str]:
    problems = []
    ratio = _ratio(src, tgt)
    if ratio < MIN_RATIO:
        problems.append(f"translation is too short for the quote (ratio {ratio:.2f} < {MIN_RATIO})")
    elif ratio > MAX_RATIO:
        problems.append(f"translation is too long for the quote (ratio {ratio:.2f} > {MAX_RATIO})")
    inside = [f for f in source_figures if src.span.start <= f.span.start < src.span.end and not f.words]
    present = [f for f in target_figures if tgt.span.start <= f.span.start < tgt.span.end]
    for figure in inside:
        if not any(figure.same_value(t) for t in present):
            problems.append(f"figure {figure.span.text!r} of the quote is not in it")
    return problems


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
