"""A phrase said over and over: a model's degenerate loop, unless the source repeats it too."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.fidelity.coverage_codes import ONCE
from pipeline.fidelity.facts import Finding, Span

# --- A phrase said over and over ----------------------------------------------------------------
# Two patterns, because a regex finds the shortest unit first: a phrase of 2-40 characters three
# times or more in a row (奶油奶油奶油, サウスアカデミーで × 7), and a clause of 8-80 characters twice
# in a row. On the dev references neither matches a phrase with a letter in it, except where the
# English repeats too ("ding, ding, ding"); "......" and 000,000 have no letter.
_LOOP = re.compile(r"(.{2,40}?)\1{2,}", re.S)

_DOUBLE = re.compile(r"(.{8,80}?)\1", re.S)

_LETTER = re.compile(r"[A-Za-z\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")

# A run this long is a loop: an error. A shorter one is a warning: a stutter (奶油奶油奶油), or an
# onomatopoeia a translator may write (ドンドンドン).
LOOP_ERROR_CHARS = 12

# The same English words in a row ("ding, ding, ding", "Lock her up! Lock her up!").
_SOURCE_REPEAT = re.compile(r"\b(\w+(?:\W+\w+){0,7}?)(?:\W+\1\b)+", re.I)


@dataclass(frozen=True)
class _Run:
    unit: str
    times: int
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.unit) * self.times


def _near_repeat(text: str, size: int = 4, within: int = 80) -> bool:
    """Whether some `size` characters recur within `within` of each other: every run of _LOOP or
    _DOUBLE has one, and only about one text in eight does, so the regexes (50 µs) mostly need not run."""
    last: dict[str, int] = {}
    for i in range(len(text) - size + 1):
        gram = text[i:i + size]
        if i - last.get(gram, -within - 1) <= within:
            return True
        last[gram] = i
    return False


def _runs(text: str) -> list[_Run]:
    """Phrases with a letter that `text` says several times in a row (see _LOOP, _DOUBLE)."""
    if not _near_repeat(text):
        return []
    runs = []
    for pattern in (_LOOP, _DOUBLE):
        for m in pattern.finditer(text):
            unit, times = m.group(1), 0
            while text.startswith(unit, m.start() + times * len(unit)):  # _DOUBLE stops at two
                times += 1
            if _LETTER.search(unit):
                runs.append(_Run(unit, times, m.start()))
    return runs


def _source_repeats(source: str) -> int:
    """How many times the English says the same words in a row at most (1: never)."""
    most = 1
    for m in _SOURCE_REPEAT.finditer(source):
        most = max(most, len(re.findall(re.escape(m.group(1)), m.group(0), re.I)))
    return most


def repetition_finding(source: str, translation: str) -> Finding | None:
    """A phrase the translation says more often in a row than its source: an error when the run is
    long (a loop), a warning for a short stutter (奶油奶油奶油)."""
    runs = _runs(translation)
    if not runs:
        return None
    allowed = _source_repeats(source)
    runs = [r for r in runs if r.times > allowed]
    if not runs:
        return None
    worst = max(runs, key=lambda r: r.end - r.start)
    severity = "error" if worst.end - worst.start >= LOOP_ERROR_CHARS else "warning"
    target = Span(translation[worst.start:worst.end], worst.start, worst.end)
    return Finding("coverage", "added", severity, None, target, ONCE, worst.unit,
                   f"「{worst.unit}」 {worst.times} times in a row",
                   f"the translation repeats 「{worst.unit}」 {worst.times} times in a row")
