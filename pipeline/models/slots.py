"""Continuous batching over a runtime that keeps each sequence's keys and values in a slot of its
own (llama.cpp's sequence ids): up to `slots` rows decode together, one token each per step; a
row that ends frees its slot at once, and a waiting row takes it in the same step, its prompt fed
in chunks beside the others' decoding tokens.

A row's prompt usually starts like one already in a slot (the system prompt and worked examples
a language's requests share; a repair's prompt starts as the first pass's did): that prefix is
copied from the slot that holds it (in llama.cpp's unified cache a copy only tags cells) and
only the rest is fed. A finished row's slot keeps its cells until another row needs the slot,
so the next prompts can still share them.

Hand-written because llama-cpp-python's high-level API runs one sequence at a time; its server
batches, but as another process behind HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import torch

from pipeline.models.decode import choose_tokens, pad_rows

# Prompt tokens worth waiting a step for: a row whose prompt shares at least this many more with a
# prompt being fed waits until that prefix is in the cache.
MIN_SHARED = 16
# Entries fed in one evaluation: (slot, position, token, whether its logits are wanted).
Feed = list[tuple[int, int, int, bool]]


class OutOfCache(RuntimeError):
    """The runtime has no room left in its key/value cache for the entries fed."""


class SlotRuntime(Protocol):
    """What the scheduler needs of a runtime with per-slot key/value caches."""

    slots: int  # sequences that can be held at once
    feed_limit: int  # entries one evaluation takes
    # The tokens whose keys and values each slot holds, kept by the scheduler from one call to the
    # next (a repair's prompts start as the first pass's did).
    held: list[list[int]]

    def evaluate(self, feed: Feed) -> np.ndarray:
        """Logits (float32, one row per entry whose logits are wanted, in feed order).

        Raises:
            OutOfCache: no room for the entries; nothing was changed.
        """

    def truncate(self, slot: int, length: int) -> None:
        """Forget the slot's positions from `length` on (0: the whole sequence)."""

    def copy_prefix(self, source: int, target: int, length: int) -> None:
        """Give `target` (empty) the first `length` positions of `source`."""


@dataclass
class _Slot:
    held: list[int] = field(default_factory=list)  # tokens whose keys and values the slot holds
    row: int | None = None  # the row decoding in it; None when free
    to_feed: list[int] = field(default_factory=list)  # prompt tokens (or the last chosen one) not yet fed


def decode_slots(runtime: SlotRuntime, rows: list[list[int]], limits: list[int], stops: set[int],
                 sampling: tuple[float, float] | None = None, seed: int = 0,
                 ) -> tuple[torch.Tensor, torch.Tensor]:
    """(new tokens, their log-probabilities) of each prompt row, padded past each row's end as
    `pipeline.models.decode.decode` pads them (decode_batch cuts them). Row `i` ends at its first
    stop token or after `limits[i]` tokens. Greedy, or sampled with (temperature, top_p) from a
    generator seeded with `seed`.

    When the runtime's cache is full, finished rows' cells are given back first; if rows that run
    still do not fit, the last admitted leaves (to start again later) and fewer run at once.

    Raises:
        OutOfCache: one row alone does not fit in the runtime's cache.
    """
    if any(not row for row in rows):
        raise ValueError("every prompt needs at least one token")
    slots = [_Slot(held=list(tokens)) for tokens in runtime.held]
    try:
        return _decode(runtime, slots, rows, limits, stops, sampling, seed)
    except BaseException:
        for i in range(runtime.slots):  # what a failed evaluation left is unknown: start clean
            runtime.truncate(i, 0)
        slots = [_Slot() for _ in range(runtime.slots)]
        raise
    finally:
        runtime.held = [slot.held for slot in slots]


def _decode(runtime: SlotRuntime, slots: list[_Slot], rows: list[list[int]], limits: list[int], stops: set[int],
            sampling: tuple[float, float] | None, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    outputs: list[list[int]] = [[] for _ in rows]
    logprobs: list[list[float]] = [[] for _ in rows]
    rng = torch.Generator().manual_seed(seed)
    waiting = sorted(range(len(rows)), key=lambda i: -len(rows[i]))  # long rows first: no long tail
    room = runtime.slots  # rows that may run at once
    admitted: list[int] = []  # slots in the order their rows came in
    while waiting or admitted:
        while waiting and len(admitted) < room and (pick := _next(slots, waiting, rows)) is not None:
            admitted.append(_admit(runtime, slots, waiting.pop(pick), rows))
        feed, owners, chunks = _plan(slots, runtime.feed_limit)
        try:
            logits = runtime.evaluate(feed)
        except OutOfCache:
            if _give_back_idle(runtime, slots):
                continue
            if len(admitted) == 1:
                raise
            index = admitted.pop()
            youngest = slots[index]
            waiting.insert(0, youngest.row)
            outputs[youngest.row], logprobs[youngest.row] = [], []
            runtime.truncate(index, 0)
            youngest.held, youngest.row, youngest.to_feed = [], None, []
            room = len(admitted)
            continue
        for index, chunk in chunks:
            slot = slots[index]
            slot.held, slot.to_feed = slot.held + chunk, slot.to_feed[len(chunk):]
        if not owners:  # only prompt chunks this time
            continue
        chosen, chosen_logprobs = choose_tokens(torch.from_numpy(logits)[:, None, :], sampling, rng)
        for k, index in enumerate(owners):
            slot = slots[index]
            row = slot.row
            token = int(chosen[k, 0])
            outputs[row].append(token)
            logprobs[row].append(float(chosen_logprobs[k, 0]))
            if token in stops or len(outputs[row]) >= limits[row]:
                slot.row = None
                admitted.remove(index)
            else:
                slot.to_feed = [token]
    return pad_rows(outputs, logprobs, stops)


def _next(slots: list[_Slot], waiting: list[int], rows: list[list[int]]) -> int | None:
    """The first waiting row (its index in `waiting`) worth admitting now: not one whose prompt
    starts like a prompt still being fed, which it may share once that prefix is in the cache
    (rows admitted together would otherwise each feed the system prompt they share)."""
    for k, row in enumerate(waiting):
        tokens = rows[row]
        held = max(_common(s.held, tokens) for s in slots)
        planned = max((_common(s.held + s.to_feed, tokens) for s in slots if len(s.to_feed) > 1), default=0)
        if planned - held < MIN_SHARED:
            return k
    return None


def _admit(runtime: SlotRuntime, slots: list[_Slot], row: int, rows: list[list[int]]) -> int:
    """Put `row` in a free slot, with the longest prefix any slot holds copied (at least its last
    prompt token is fed: its logits give the first new token); the slot's index."""
    tokens = rows[row]
    shared = [min(_common(s.held, tokens), len(tokens) - 1) for s in slots]
    free = [i for i, s in enumerate(slots) if s.row is None]
    target = max(free, key=lambda i: (shared[i], -len(slots[i].held)))
    source = max(range(len(slots)), key=lambda i: shared[i])
    length = shared[source]
    if shared[target] >= length:
        runtime.truncate(target, shared[target])  # the slot holds the prefix itself
        length = shared[target]
    else:
        runtime.truncate(target, 0)
        runtime.copy_prefix(source, target, length)
    slot = slots[target]
    slot.held, slot.row, slot.to_feed = tokens[:length], row, tokens[length:]
    return target


def _plan(slots: list[_Slot], limit: int) -> tuple[Feed, list[int], list[tuple[int, list[int]]]]:
    """One evaluation's entries: every decoding row's last token first, then prompt chunks while
    room is left; the slots whose logits come back, in order; and what each slot is fed."""
    feed: Feed = []
    owners: list[int] = []
    chunks: list[tuple[int, list[int]]] = []
    busy = [i for i, s in enumerate(slots) if s.row is not None]
    decoding = [i for i in busy if len(slots[i].to_feed) == 1]
    prompting = [i for i in busy if len(slots[i].to_feed) > 1]
    for i in decoding + prompting:
        slot = slots[i]
        room = limit - len(feed)
        if room <= 0:
            break
        chunk = slot.to_feed[:room]
        done = len(chunk) == len(slot.to_feed)
        start = len(slot.held)
        feed += [(i, start + j, t, done and j == len(chunk) - 1) for j, t in enumerate(chunk)]
        chunks.append((i, chunk))
        if done:
            owners.append(i)
    return feed, owners, chunks


def _give_back_idle(runtime: SlotRuntime, slots: list[_Slot]) -> bool:
    """Free the cells of finished rows (they only served as prefixes to share); whether any were."""
    idle = [i for i, s in enumerate(slots) if s.row is None and s.held]
    for i in idle:
        runtime.truncate(i, 0)
        slots[i].held = []
    return bool(idle)


def _common(a: list[int], b: list[int]) -> int:
    """Length of the common prefix of two token lists."""
    n = min(len(a), len(b))
    if not n:
        return 0
    differ = np.flatnonzero(np.asarray(a[:n]) != np.asarray(b[:n]))
    return int(differ[0]) if differ.size else n
