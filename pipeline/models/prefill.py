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


def prefill(model: Any, rows: list[list[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor, DynamicCache]:
    """(input_ids, attention_mask, cache) for `generate()`: left-padded ids and mask of every row,
    and a cache holding all but each row's last token.

    Positions count only real tokens, as generate() counts them from the attention mask.
    """
    body = model.get_decoder()  # the transformer without its LM head: no logits are needed here
    caches: list[DynamicCache | None] = [None] * len(rows)
    with torch.inference_mode():
        for members in prefix_groups(rows):
            shared = shared_prefix_length([rows[j] for j in members])
            prefix = DynamicCache()
            if shared:
                body(torch.tensor([rows[members[0]][:shared]]), cache=prefix, use_cache=True)
            for j in members:
                cache = prefix if len(members) == 1 else _copy(prefix)  # a row alone needs no copy
                own = rows[j][shared:-1]
                if own:
                    body(torch.tensor([own]), cache=cache, use_cache=True,
                         position_ids=torch.arange(shared, len(rows[j]) - 1)[None])
                caches[j] = cache
    width = max(len(r) for r in rows)
    batch = stack_caches(caches, width - 1)  # type: ignore[arg-type]
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for j, row in enumerate(rows):
        ids[j, width - len(row):] = torch.tensor(row)
        mask[j, width - len(row):] = 1
    return ids, mask, batch


def _copy(cache: DynamicCache) -> DynamicCache:
    """A cache of its own for one row, starting from the group's shared prefix."""
    copy = DynamicCache()
    for i, layer in enumerate(cache.layers):
        copy.update(layer.keys.clone(), layer.values.clone(), i)
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
