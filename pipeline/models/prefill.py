"""Prefill a batch of chat prompts without padding, sharing their common prefix.

A padded batch prefills every row to the longest prompt, and every row repeats the system prompt
the others share: on the embedded model that was half of a translation batch's time. Here the
shared prefix is run once, each row's own tokens once (no padding), and the per-row key/value
caches are then left-padded into one batch cache, so that `generate()` only decodes.

transformers has no such step for `generate()`; its answer to padding, the continuous-batching
engine (`generate_batch`), measured slower than plain `generate()` on this CPU, hence this module.
Repair's sampled candidates gain most: three copies of one prompt run it once.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import torch
from transformers import DynamicCache


def shared_prefix_length(rows: list[list[int]]) -> int:
    """Tokens every row starts with, leaving each row at least its last token to run in generate()."""
    shortest = min(len(r) for r in rows)
    shared = 0
    while shared < shortest - 1 and all(r[shared] == rows[0][shared] for r in rows):
        shared += 1
    return shared


def prefix_groups(rows: list[list[int]]) -> list[list[int]]:
    """Row indices grouped by the system prompt they share: a batch that mixes Japanese and
    Chinese requests shares only "…Translate the user's English text into", each language much
    more. A row's key is the longest prefix it shares with any other row; rows with one key form
    a group (row order kept)."""
    keys: dict[tuple[int, ...], list[int]] = {}
    for i, row in enumerate(rows):
        longest = max((shared_prefix_length([row, other + [-1]]) for j, other in enumerate(rows) if j != i),
                      default=0)
        key = tuple(row[:longest]) if longest >= MIN_GROUP_PREFIX else (-1 - i,)  # alone: a key of its own
        keys.setdefault(key, []).append(i)
    return list(keys.values())


# Below this many shared tokens, a row starts its own group: two rows sharing only the chat
# template's first tokens gain nothing from a shared run.
MIN_GROUP_PREFIX = 8


class PromptCache:
    """The key/value caches of recent prompts (all but each one's last token), so that a prompt
    that starts like an earlier one runs only its own tail: a repair prompt starts with its
    segment's first-pass instruction and hints, a row admitted to a running batch with its
    language's system prompt, a re-summary with the article. Prefill runs at about 120 tokens/s
    on this CPU whatever the batch shape, so tokens not run are the only saving. Bounded by
    `max_tokens` (oldest prompts go first); about 28 KB a token for the embedded model.
    transformers keeps no prefixes across generate() calls."""

    # A hit shorter than this beyond the batch's own shared prefix is not worth a copy.
    MIN_GAIN = 16

    def __init__(self, max_tokens: int):
        self.max_tokens = max_tokens
        self._entries: OrderedDict[tuple[int, ...], tuple[torch.Tensor, DynamicCache]] = OrderedDict()
        self._tokens = 0

    def longest(self, row: list[int], minimum: int = 1) -> tuple[int, DynamicCache | None]:
        """The most tokens of `row` (leaving its last) an earlier prompt's cache covers, and a copy
        of that cache cut to them; (0, None) when no prompt covers `minimum` tokens."""
        ids = torch.tensor(row[:-1])
        best, found = 0, None
        for tokens, cache in self._entries.values():
            n = min(len(tokens), len(ids))
            same = int((tokens[:n] == ids[:n]).int().cumprod(0).sum()) if n else 0
            if same > best:
                best, found = same, cache
        if found is None or best < minimum:
            return 0, None
        return best, _copy(found, best)

    def clear(self) -> None:
        """Forget every prompt (a benchmark times each run from a cold cache)."""
        self._entries.clear()
        self._tokens = 0

    def add(self, row: list[int], cache: DynamicCache) -> None:
        """Remember the cache of `row` without its last token (the cache is not copied: prefill
        hands it to stack_caches, which only reads it, and a hit copies it)."""
        key = tuple(row[:-1])
        if key in self._entries or len(key) > self.max_tokens:
            return
        self._entries[key] = (torch.tensor(key), cache)
        self._tokens += len(key)
        while self._tokens > self.max_tokens:
            old, _ = self._entries.popitem(last=False)
            self._tokens -= len(old)


def prefill(model: Any, rows: list[list[int]], pad_id: int,
            prompt_cache: PromptCache | None = None) -> tuple[torch.Tensor, torch.Tensor, DynamicCache]:
    """(input_ids, attention_mask, cache) for `generate()`: left-padded ids and mask of every row,
    and a cache holding all but each row's last token. With `prompt_cache`, a row that starts
    like an earlier prompt starts from that prompt's cache, and every row's cache is remembered.

    Positions count only real tokens, as generate() counts them from the attention mask.
    """
    body = model.get_decoder()  # the transformer without its LM head: no logits are needed here
    caches: list[DynamicCache | None] = [None] * len(rows)
    with torch.inference_mode():
        for members in prefix_groups(rows):
            shared = shared_prefix_length([rows[j] for j in members])
            # A row alone "shares" all its tokens with itself: any hit helps it.
            runs_anyway = shared if len(members) > 1 else 0
            hits = {j: hit for j in members
                    if prompt_cache and (hit := prompt_cache.longest(rows[j], runs_anyway + PromptCache.MIN_GAIN))[1]}
            prefix = DynamicCache()
            if shared and len(hits) < len(members):
                body(torch.tensor([rows[members[0]][:shared]]), cache=prefix, use_cache=True)
            for j in members:
                if j in hits:
                    start, cache = hits[j]
                else:
                    start = shared
                    cache = prefix if len(members) == 1 else _copy(prefix)  # a row alone needs no copy
                own = rows[j][start:-1]
                if own:
                    body(torch.tensor([own]), cache=cache, use_cache=True,
                         position_ids=torch.arange(start, len(rows[j]) - 1)[None])
                caches[j] = cache
                if prompt_cache is not None:
                    prompt_cache.add(rows[j], cache)
    width = max(len(r) for r in rows)
    batch = stack_caches(caches, width - 1)  # type: ignore[arg-type]
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for j, row in enumerate(rows):
        ids[j, width - len(row):] = torch.tensor(row)
        mask[j, width - len(row):] = 1
    return ids, mask, batch


def _copy(cache: DynamicCache, length: int | None = None) -> DynamicCache:
    """A cache of its own for one row, of the first `length` positions (all by default)."""
    copy = DynamicCache()
    for i, layer in enumerate(cache.layers):
        copy.update(layer.keys[:, :, :length].clone(), layer.values[:, :, :length].clone(), i)
    return copy


def stack_caches(caches: list[DynamicCache], length: int) -> DynamicCache:
    """One batch cache from several (one row or more each), every one left-padded to `length`."""
    batch = DynamicCache()
    for i in range(len(caches[0].layers)):
        keys = [left_pad(c.layers[i].keys, length) for c in caches]
        values = [left_pad(c.layers[i].values, length) for c in caches]
        batch.update(torch.cat(keys), torch.cat(values), i)
    return batch


def left_pad(states: torch.Tensor, length: int) -> torch.Tensor:
    """Key or value states (batch, heads, seq, dim) padded with zeros on the left to `length`."""
    return torch.nn.functional.pad(states, (0, 0, length - states.shape[2], 0))
