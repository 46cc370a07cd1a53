"""Decoding settings and output decoding shared by the chat and seq2seq generators."""

from __future__ import annotations

from typing import Any

import torch

from pipeline.config import GenerationConfig
from pipeline.models.base import Generation


def generation_kwargs(settings: GenerationConfig, tokenizer: Any) -> dict[str, Any]:
    """`generate()` arguments: greedy unless sampling is asked for (then seeded)."""
    kwargs: dict[str, Any] = {
        "do_sample": settings.do_sample,
        "pad_token_id": tokenizer.pad_token_id,
        "repetition_penalty": settings.repetition_penalty,
    }
    if settings.do_sample:
        torch.manual_seed(settings.seed)
        kwargs.update(temperature=settings.temperature, top_p=settings.top_p)
    else:
        # Models ship sampling defaults in generation_config; unset them so greedy stays quiet.
        kwargs.update(temperature=None, top_p=None, top_k=None)
    return kwargs


def decode_batch(
    tokenizer: Any, new_tokens: torch.Tensor, limits: list[int], stops: set[int]
) -> list[Generation]:
    """Cut each row at its own limit and first end-of-sequence token, then decode it.

    A batch runs to the longest limit in it, so a row whose own limit is shorter is cut here:
    every request sees exactly the bound it asked for, whatever batch it landed in.
    """
    results = []
    for row, limit in zip(new_tokens.tolist(), limits, strict=True):
        kept: list[int] = []
        ended = False
        for token in row:
            if token in stops:
                ended = True
                break
            kept.append(token)
        hit_limit = not ended and len(kept) >= limit
        kept = kept[:limit]
        text = tokenizer.decode(kept, skip_special_tokens=True)
        results.append(Generation(text=text.strip(), new_tokens=len(kept), hit_limit=hit_limit))
    return results


def stop_ids(tokenizer: Any, model: Any) -> set[int]:
    """Token ids that end a generation: the tokenizer's and the model's end-of-sequence ids."""
    configured = model.generation_config.eos_token_id
    configured = configured if isinstance(configured, list) else [configured]
    ids = {tokenizer.eos_token_id, tokenizer.pad_token_id, *configured}
    return {i for i in ids if i is not None}
