"""Prefill a batch of chat prompts without padding, sharing their common prefix.

A padded batch prefills every row to the longest prompt, and every row repeats the system prompt
the others share: on the embedded model that was half of a translation batch's time. Here the
shared prefix is run once, each row's own tokens once (no padding), all of them packed into a few
forwards of one sequence (a forward reads every weight, so many short ones are slow), and the
per-row key/value caches are then left-padded into one batch cache, so that `generate()` only
decodes.

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
        return best, _cut(found, best)

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
    starts = [0] * len(rows)  # tokens of each row its base covers (a shared prefix or a cache hit)
    hits: dict[int, DynamicCache] = {}
    prefixes: list[list[int]] = []  # shared prefixes to run, each once
    base_prefix: dict[int, int] = {}  # row -> its shared prefix (an index of `prefixes`)
    for members in prefix_groups(rows):
        shared = shared_prefix_length([rows[j] for j in members])
        # A row alone "shares" all its tokens with itself: any hit helps it.
        runs_anyway = shared if len(members) > 1 else 0
        for j in members:
            hit = prompt_cache.longest(rows[j], runs_anyway + PromptCache.MIN_GAIN) if prompt_cache else (0, None)
            if hit[1] is not None:
                starts[j], hits[j] = hit
            else:
                starts[j] = shared
                if shared:
                    base_prefix[j] = len(prefixes)
        if any(j in base_prefix for j in members):
            prefixes.append(rows[members[0]][:shared])
    packed = _PackedRun(model.get_decoder(), [hits[j] for j in sorted(hits)])
    hit_columns = dict(zip(sorted(hits), packed.past_spans, strict=True))
    # The prefixes run first, in the same forward as the rows that start from them: within one
    # forward a run attends to its base's keys of the same layer, as if run before.
    owns = [rows[j][starts[j]:-1] for j in range(len(rows))]
    spans = packed.next_spans([len(tokens) for tokens in prefixes + owns])
    bases = {j: hit_columns[j] if j in hits else spans[base_prefix[j]] if j in base_prefix else (0, 0)
             for j in range(len(rows))}
    packed.run([(tokens, 0, None) for tokens in prefixes] + [(owns[j], starts[j], bases[j]) for j in range(len(rows))])
    caches = [packed.cache_of([bases[j], spans[len(prefixes) + j]]) for j in range(len(rows))]
    if prompt_cache is not None:
        for row, cache in zip(rows, caches, strict=True):
            prompt_cache.add(row, cache)
    width = max(len(r) for r in rows)
    batch = stack_caches(caches, width - 1)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for j, row in enumerate(rows):
        ids[j, width - len(row):] = torch.tensor(row)
        mask[j, width - len(row):] = 1
    return ids, mask, batch


# Tokens run in one packed forward (whole runs; a longer run goes alone). Each forward reads every
# weight once, so a row's own tokens run alone went at 46-90 tokens/s here; one forward of the
# embedded model ran 88 tokens/s for 32 tokens, 131-136 for 192-256, 118 for 512 and 1,024
# (activations outgrow the caches), with a 4D mask as without.
PACK_TOKENS = 256

Span = tuple[int, int]  # [start, end) columns of the packed sequence


class _PackedRun:
    """Many token runs in a few forwards of one sequence: each run attends to its base (a span of
    columns already run: a shared prefix or a cache hit) and causally to itself, nothing else.
    Packing is exact: masked columns get no attention weight, positions are each run's own."""

    def __init__(self, body: Any, past: list[DynamicCache]):
        self.body = body
        self.cache = DynamicCache()
        self.past_spans: list[Span] = []
        length = 0
        for hit in past:  # the cache hits, one after another, as the first columns
            self.past_spans.append((length, length + hit.get_seq_length()))
            length += hit.get_seq_length()
        if past:
            for i in range(len(past[0].layers)):
                self.cache.update(torch.cat([h.layers[i].keys for h in past], dim=2),
                                  torch.cat([h.layers[i].values for h in past], dim=2), i)
        self.length = length

    def next_spans(self, lengths: list[int]) -> list[Span]:
        """The columns that runs of these lengths, run next and in this order, will take."""
        spans, column = [], self.length
        for length in lengths:
            spans.append((column, column + length))
            column += length
        return spans

    def run(self, runs: list[tuple[list[int], int, Span | None]]) -> None:
        """Run each (tokens, first position, base span), in order; a base must be run already,
        or come earlier in `runs`."""
        chunk: list[tuple[list[int], int, Span | None]] = []
        for item in runs:
            if chunk and sum(len(t) for t, _, _ in chunk) + len(item[0]) > PACK_TOKENS:
                self._forward(chunk)
                chunk = []
            chunk.append(item)
        self._forward(chunk)

    def _forward(self, runs: list[tuple[list[int], int, Span | None]]) -> None:
        """One forward of `runs`, attending over only the earlier columns their bases hold (not
        every column packed before: that cost 12% of the prefill's time)."""
        new = sum(len(tokens) for tokens, _, _ in runs)
        if not new:
            return
        spans = self.next_spans([len(tokens) for tokens, _, _ in runs])
        earlier = sorted({c for _, _, base in runs if base for c in range(*base) if c < self.length})
        where = {c: k for k, c in enumerate(earlier)}  # a column's place in this forward's keys
        where.update({c: len(earlier) + c - self.length for c in range(self.length, self.length + new)})
        allowed = torch.zeros(new, len(earlier) + new, dtype=torch.bool)
        for (tokens, _, base), (begin, end) in zip(runs, spans, strict=True):
            if not tokens:
                continue
            rows = slice(begin - self.length, end - self.length)
            if base is not None and base[1] > base[0]:
                allowed[rows, torch.tensor([where[c] for c in range(*base)])] = True
            own = torch.ones(len(tokens), len(tokens), dtype=torch.bool).tril()
            allowed[rows, where[begin]:where[begin] + len(tokens)] = own
        keys = DynamicCache()
        if earlier:
            index = torch.tensor(earlier)
            for i, layer in enumerate(self.cache.layers):
                keys.update(layer.keys[:, :, index], layer.values[:, :, index], i)
        ids = torch.tensor([[t for tokens, _, _ in runs for t in tokens]])
        positions = torch.tensor([[first + k for tokens, first, _ in runs for k in range(len(tokens))]])
        with torch.inference_mode():
            self.body(ids, attention_mask=_attention_mask(allowed, self.body), position_ids=positions,
                      cache=keys, use_cache=True)
        for i, layer in enumerate(keys.layers):
            self.cache.update(layer.keys[:, :, len(earlier):], layer.values[:, :, len(earlier):], i)
        self.length += new

    def cache_of(self, spans: list[Span]) -> DynamicCache:
        """A cache of its own holding these columns, in order (a row's base, then its own tokens)."""
        index = torch.cat([torch.arange(begin, end) for begin, end in spans])
        cache = DynamicCache()
        for i, layer in enumerate(self.cache.layers):
            cache.update(layer.keys[:, :, index], layer.values[:, :, index], i)
        return cache


def _attention_mask(allowed: torch.Tensor, body: Any) -> torch.Tensor:
    """A 4D mask (batch 1) in the form the model's attention takes: SDPA a boolean one, eager and
    the others an additive one."""
    if body.config._attn_implementation == "sdpa":
        return allowed[None, None]
    blocked = torch.finfo(body.dtype).min
    return torch.zeros(allowed.shape, dtype=body.dtype).masked_fill(~allowed, blocked)[None, None]


def _cut(cache: DynamicCache, length: int) -> DynamicCache:
    """A cache of its own holding the first `length` positions of `cache` (`update` concatenates
    them into new tensors: no clone is needed)."""
    cut = DynamicCache()
    for i, layer in enumerate(cache.layers):
        cut.update(layer.keys[:, :, :length], layer.values[:, :, :length], i)
    return cut


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
