"""Length-sorted batching shared by both model families."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from pipeline import progress

T = TypeVar("T")
R = TypeVar("R")


def run_grouped(items: Sequence[T], key: Callable[[T], object], run: Callable[[object, list[T]], list[R]]) -> list[R]:
    """Run `run(key, group)` once per group of items with the same key; results in input order.

    A generate() call cannot mix what must differ per call: target language codes, greedy and
    sampled decoding.
    """
    groups: dict[object, list[int]] = {}
    for i, item in enumerate(items):
        groups.setdefault(key(item), []).append(i)
    results: list[R | None] = [None] * len(items)
    for k, indices in groups.items():
        for i, output in zip(indices, run(k, [items[i] for i in indices]), strict=True):
            results[i] = output
    return results  # type: ignore[return-value]


def run_in_batches(
    items: Sequence[T],
    batch_size: int,
    length: Callable[[T], int],
    run_batch: Callable[[list[T]], list[R]],
) -> list[R]:
    """Run `run_batch` over batches of similar length and return results in input order.

    Sorting by length keeps padding (wasted compute) small; the original order is restored so
    that result i always belongs to item i.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    order = sorted(range(len(items)), key=lambda i: length(items[i]), reverse=True)
    results: list[R | None] = [None] * len(items)
    with progress.bar(len(items)) as shown:
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            outputs = run_batch([items[i] for i in chunk])
            if len(outputs) != len(chunk):
                raise RuntimeError(f"a batch of {len(chunk)} items returned {len(outputs)} results")
            for i, output in zip(chunk, outputs, strict=True):
                results[i] = output
            shown.update(len(chunk))
    return results  # type: ignore[return-value]
