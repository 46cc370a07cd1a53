"""Progress for long runs: tqdm bars on a terminal, nothing extra (plain log lines) otherwise.

The CLI turns bars on when stderr is a terminal and --quiet is not given. Stages name themselves
with `stage("translate")`; the model batches inside report to the innermost stage's bar.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")
_enabled = False
_label: ContextVar[str] = ContextVar("progress_label", default="generate")


def enable(on: bool) -> None:
    """Show bars (True) or not; off by default, so library use and tests stay quiet."""
    global _enabled
    _enabled = on


def enabled() -> bool:
    """Whether bars are shown (libraries' own bars follow this too: pipeline.models.quiet)."""
    return _enabled


@contextmanager
def stage(label: str) -> Iterator[None]:
    """Name the bars opened inside this block ("article-id: translate")."""
    token = _label.set(label)
    try:
        yield
    finally:
        _label.reset(token)


def bar(total: int | None, unit: str = "segment", desc: str | None = None) -> tqdm:
    """A bar with counts, rate and ETA, or a disabled one that costs nothing."""
    return tqdm(total=total, unit=unit, desc=desc or _label.get(), disable=not _enabled, leave=False,
                dynamic_ncols=True)


def iterate(items: Iterable[T], unit: str, desc: str) -> Iterator[T]:
    """`items`, counted on a bar as each one is finished (total unknown: count and rate)."""
    return iter(tqdm(items, unit=unit, desc=desc, disable=not _enabled, dynamic_ncols=True))
