"""Decoding of a prefilled batch that drops each row as soon as it is finished.

`generate()` keeps every row of a batch in every step until the longest one ends (or its own
limit, the batch's largest): a row that stopped after 20 tokens still costs a row's compute in
each of the other rows' remaining steps. On this CPU a decoding step's cost grows with the rows
in it (batch 8 / 16 / 32: 0.5 / 0.8 / 1.4 s per step), so a row that has ended, or reached its
own request's limit, leaves the batch and its cache here. transformers has no option for this;
its continuous-batching engine, which does it, measured slower than `generate()` on this CPU.

Greedy, or sampled with temperature and top-p (repair's candidates); a repetition penalty or
any other logits processor stays with `generate()`. Greedy steps of a few rows also check draft
tokens (lookup.py) and keep those the model chooses itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from transformers import DynamicCache

from pipeline.models.draft_lookup import Drafting, Lookup
from pipeline.models.prefill import PromptCache, prefill, stack_caches

Admission = tuple[list[int], torch.Tensor, torch.Tensor, DynamicCache]  # rows, ids, mask, cache (prefill's)


def decode(model: Any, ids: torch.Tensor, mask: torch.Tensor, cache: DynamicCache, limits: list[int],
           stops: set[int], sampling: tuple[float, float] | None = None,
           seed: int = 0, drafting: Drafting | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """(new tokens, their log-probabilities) of each row, then any filler past a row's end.

    `ids` and `mask` are left-padded, and `cache` holds all but each row's last token (what
    `pipeline.models.prefill.prefill` returns). Row `i` ends at its first stop token (kept, as
    `generate()` keeps its end-of-sequence token) or after `limits[i]` tokens. Greedy without
    `sampling`, which is (temperature, top_p): then drawn from a generator seeded with `seed`,
    each log-probability under the tempered, nucleus-cut distribution it was drawn from. Greedy
    decoding with `drafting` checks draft tokens looked up in each row's reference (lookup.py)
    while few rows decode: the same tokens, fewer steps.
    """
    first: Admission = (list(range(ids.shape[0])), ids, mask, cache)
    return _decode(model, limits, stops, sampling, seed, lambda running: None, first, drafting)


def decode_stream(model: Any, rows: list[list[int]], limits: list[int], stops: set[int], window: int,
                  pad_id: int, sampling: tuple[float, float] | None = None, seed: int = 0,
                  prompt_cache: PromptCache | None = None,
                  drafting: Drafting | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """`decode()` over any number of prompt rows, at most `window` decoding at once: as rows end,
    waiting ones are prefilled (pipeline.models.prefill, with `prompt_cache` if given) and join
    the running batch, so that a long row (the summary, a rambling candidate) never decodes alone
    while others wait. Rows are admitted longest prompt first. Same return as `decode()`, rows in
    input order."""
    waiting = sorted(range(len(rows)), key=lambda i: -len(rows[i]))

    def admit(running: int) -> Admission | None:
        nonlocal waiting
        free = window - running
        # A few at a time: each admission is a prefill call of its own.
        if not waiting or (running and free < max(1, window // 4)):
            return None
        taken, waiting = waiting[:free], waiting[free:]
        return (taken, *prefill(model, [rows[i] for i in taken], pad_id, prompt_cache))

    return _decode(model, limits, stops, sampling, seed, admit, None, drafting)


def _decode(model: Any, limits: list[int], stops: set[int], sampling: tuple[float, float] | None, seed: int,
            admit: Callable[[int], Admission | None], first: Admission | None,
            drafting: Drafting | None) -> tuple[torch.Tensor, torch.Tensor]:
    """The decoding loop of both: `first` starts the batch, `admit(rows running)` may add rows
    (merged into the running cache, left-padded to a common width) before each step.

    A step with drafts feeds each row its last token and its draft; the cache keeps every fed
    position, and the mask hides the draft tokens the model did not choose, so later steps never
    see them. Each row's positions are counted on its own (`positions`), holes left out.
    """
    outputs: list[list[int]] = [[] for _ in limits]
    logprobs: list[list[float]] = [[] for _ in limits]
    lookups: dict[int, Lookup] = {}
    rng = torch.Generator().manual_seed(seed)
    alive: list[int] = []
    cache: DynamicCache | None = None
    mask = positions = tokens = torch.empty(0)
    with torch.inference_mode():
        while True:
            joining = first or admit(len(alive))
            first = None
            if joining is not None:
                admitted, new_ids, new_mask, new_cache = joining
                new_positions = new_mask.sum(dim=1, keepdim=True) - 1  # as generate() counts them
                if cache is None:
                    cache, mask, positions, tokens = new_cache, new_mask, new_positions, new_ids[:, -1:]
                else:
                    cache, mask = _merge(cache, mask, new_cache, new_mask)
                    positions = torch.cat([positions, new_positions])
                    tokens = torch.cat([tokens, new_ids[:, -1:]])
                alive += admitted
            if not alive:
                break
            drafts = _drafts(alive, outputs, lookups, drafting) if sampling is None else []
            width = max(map(len, drafts), default=0)
            fed, step_mask = tokens, mask
            if width:
                fed = torch.cat([tokens, torch.tensor([d + [0] * (width - len(d)) for d in drafts])], dim=1)
                fed_drafts = torch.tensor([[1] * len(d) + [0] * (width - len(d)) for d in drafts], dtype=mask.dtype)
                step_mask = torch.cat([mask, fed_drafts], dim=1)
            logits = model(input_ids=fed, attention_mask=step_mask, position_ids=positions + torch.arange(width + 1),
                           cache=cache, use_cache=True, logits_to_keep=width + 1).logits.float()
            chosen, chosen_logprobs = choose_tokens(logits, sampling, rng)
            keep, taken_counts = [], []
            for k, row in enumerate(alive):
                draft = drafts[k] if width else []
                taken = 0  # the draft's tokens the model chose itself, in order
                while taken < len(draft) and int(chosen[k, taken]) == draft[taken]:
                    taken += 1
                taken_counts.append(taken)
                for j in range(taken + 1):  # the accepted draft, then the model's own next token
                    token = int(chosen[k, j])
                    outputs[row].append(token)
                    logprobs[row].append(float(chosen_logprobs[k, j]))
                    if token in stops or len(outputs[row]) >= limits[row]:
                        break
                else:
                    keep.append(k)
            if not keep:
                alive, cache = [], None
                continue
            accepted = torch.tensor(taken_counts)[:, None]
            if width:
                mask = torch.cat([mask, (torch.arange(width)[None] < accepted).to(mask.dtype)], dim=1)
            mask = torch.cat([mask, mask.new_ones((len(alive), 1))], dim=1)
            positions = positions + accepted + 1
            tokens = chosen.gather(1, accepted)
            if len(keep) < len(alive):
                index = torch.tensor(keep)
                cache.batch_select_indices(index)
                alive = [alive[k] for k in keep]
                tokens, mask, positions = tokens[index], mask[index], positions[index]
    return pad_rows(outputs, logprobs, stops)


def _merge(cache: DynamicCache, mask: torch.Tensor, new_cache: DynamicCache,
           new_mask: torch.Tensor) -> tuple[DynamicCache, torch.Tensor]:
    """One batch cache and mask from two, each left-padded to the wider one's width."""
    width = max(mask.shape[1], new_mask.shape[1])
    merged = stack_caches([cache, new_cache], width - 1)
    return merged, torch.cat([torch.nn.functional.pad(m, (width - m.shape[1], 0)) for m in (mask, new_mask)])


def pad_rows(outputs: list[list[int]], logprobs: list[list[float]],
            stops: set[int]) -> tuple[torch.Tensor, torch.Tensor]:
    """Rows padded past their end with any token that is no stop: decode_batch cuts a row at its
    stop token or its limit, and tells which (hit_limit)."""
    width = max(len(row) for row in outputs)
    filler = next(t for t in range(len(stops) + 1) if t not in stops)
    return (torch.tensor([row + [filler] * (width - len(row)) for row in outputs]),
            torch.tensor([row + [0.0] * (width - len(row)) for row in logprobs]))


def _drafts(alive: list[int], outputs: list[list[int]], lookups: dict[int, Lookup],
            drafting: Drafting | None) -> list[list[int]]:
    """Each running row's draft, when few enough rows decode that checking drafts costs little."""
    if drafting is None or len(alive) > drafting.rows:
        return []
    # Built when a row first drafts: most rows of a full batch end before few rows are left.
    for row in alive:
        if row not in lookups:
            lookups[row] = Lookup(drafting.references[row])
    return [lookups[row].propose(outputs[row], drafting.tokens) for row in alive]


def choose_tokens(logits: torch.Tensor, sampling: tuple[float, float] | None,
            rng: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """The token each row would write after each fed position, and its log-probability: the
    argmax, or (one position only) a draw with temperature and top-p."""
    if sampling is None:
        chosen = logits.argmax(dim=-1)
        return chosen, logits.log_softmax(dim=-1).gather(2, chosen[..., None]).squeeze(2)
    temperature, top_p = sampling
    scores = logits[:, -1] / temperature
    if top_p < 1.0:
        probs = scores.softmax(dim=-1)
        top, order = probs.topk(min(NUCLEUS_SEARCH, probs.shape[-1]), dim=-1)
        # Exact whenever the top tokens hold more than top_p of the mass: every later token is
        # then outside the nucleus. Sorting the whole vocabulary and drawing from it cost 0.17 s
        # a step of 16 rows here (half a decoding step); this costs about 0.02 s.
        if bool((top.sum(dim=-1) > top_p).all()):
            nucleus = top.masked_fill(top.cumsum(dim=-1) - top > top_p, 0.0)
            picked = torch.multinomial(nucleus, 1, generator=rng)
            return order.gather(1, picked), (nucleus.gather(1, picked) / nucleus.sum(dim=-1, keepdim=True)).log()
        # The nucleus: the likeliest tokens until their mass reaches top_p (the first always stays).
        ordered, order = scores.sort(dim=-1, descending=True)
        probs = ordered.softmax(dim=-1)
        outside = probs.cumsum(dim=-1) - probs > top_p
        scores = torch.full_like(scores, float("-inf")).scatter(-1, order, ordered.masked_fill(outside, float("-inf")))
    chosen = torch.multinomial(scores.softmax(dim=-1), 1, generator=rng)
    return chosen, scores.log_softmax(dim=-1).gather(1, chosen)


# Tokens searched for the nucleus before falling back to sorting the whole vocabulary.
NUCLEUS_SEARCH = 1024
