"""Running figure patterns over a text so that each character belongs to at most one figure."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.fidelity.facts import Figure, Span

# (value, unit, start, end, written in words) for one match of one pattern.
RawFigure = tuple[float, str, int, int, bool]


def scan_figures(
    text: str,
    searched: str,
    patterns: list[tuple[str, re.Pattern[str]]],
    figures_from: Callable[[str, re.Match[str]], list[RawFigure]],
) -> list[Figure]:
    """Figures of `text`, in reading order.

    Patterns run in order, most specific first (dates, money) and most general last (plain
    numbers); a later pattern never takes characters an earlier one matched.

    Args:
        text: the original text; spans are cut from it.
        searched: what the patterns run on, the same length as `text` (for example with
            full-width digits folded to ASCII).
        patterns: (kind, compiled pattern) pairs.
        figures_from: turns one match of one kind into raw figures; an empty list rejects it.

    Returns:
        The figures sorted by where they start.
    """
    taken = [False] * len(searched)
    found: list[Figure] = []
    for kind, pattern in patterns:
        for m in pattern.finditer(searched):
            if any(taken[m.start():m.end()]):
                continue
            figures = figures_from(kind, m)
            if not figures:
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            for value, unit, start, end, words in figures:
                found.append(Figure(value, unit, Span(text[start:end], start, end), words))
    return sorted(found, key=lambda f: f.span.start)


def year_range(m: re.Match[str]) -> list[RawFigure]:
    """Both years of "1981-87" / "1986～88年" (groups `year` and `short`): the second keeps the
    first one's century; a range that does not go forward is no range."""
    first = int(m.group("year"))
    second = first // 100 * 100 + int(m.group("short"))
    if second <= first:
        return []
    return [(float(first), "year-date", m.start("year"), m.end("year"), False),
            (float(second), "year-date", m.start("short"), m.end("short"), False)]
