"""Chat models: a causal LM prompted through its chat template (Qwen, Llama, HY-MT ...)."""

from __future__ import annotations

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from pipeline.config import GenerationConfig, ModelConfig
from pipeline.models.base import Generation, ModelLoadError, Request, ResolvedModel
from pipeline.models.chat_template import ChatPrompts
from pipeline.models.decode import decode, decode_stream
from pipeline.models.draft_lookup import Drafting
from pipeline.models.length_batches import run_grouped, run_in_batches
from pipeline.models.prefill import PromptCache, prefill
from pipeline.models.resolve import pretrained_kwargs
from pipeline.models.sampling import (
    decode_batch,
    generation_kwargs,
    on_device,
    sampling_of,
    stop_ids,
    token_logprobs,
)


class ChatGenerator(ChatPrompts):
    """Batched greedy (or sampled) generation from chat messages, left-padded."""

    family = "chat"

    def __init__(self, resolved: ResolvedModel, config: ModelConfig, generation: GenerationConfig):
        kwargs = pretrained_kwargs(resolved)
        self.resolved = resolved
        self.config = config
        self.generation = generation
        self.tokenizer = AutoTokenizer.from_pretrained(resolved.location, **kwargs)
        # Decoder-only models continue from the last position: pad on the left.
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        if not self.tokenizer.chat_template:
            raise ModelLoadError(
                f"{resolved.location}: tokenizer has no chat template; use family 'seq2seq' "
                "or a chat (instruct) model"
            )
        self.model = AutoModelForCausalLM.from_pretrained(
            resolved.location, dtype=getattr(torch, config.dtype), **kwargs
        ).eval().to(on_device(config))
        self.stops = stop_ids(self.tokenizer, self.model)
        self.prompt_cache = PromptCache(config.prompt_cache_tokens) if config.prompt_cache_tokens else None

    def generate(self, requests: list[Request]) -> list[Generation]:
        """One Generation per request, in order; batches of similar length."""
        prompts = [self.prompt(r) for r in requests]
        items = list(zip(prompts, requests, strict=True))
        return run_grouped(items, lambda it: it[1].sample, self._run_stream if self._streams() else self._run_batches)

    def _run_batches(self, sample: bool, items: list[tuple[str, Request]]) -> list[Generation]:
        """Fixed batches of similar prompt length."""
        return run_in_batches(items, self.config.batch_size, lambda it: len(it[0]),
                              lambda batch: self._run_batch(batch, sample))

    def _streams(self) -> bool:
        """Whether batches refill as rows end (pipeline/models/decode.py, decode_stream)."""
        return self._own_decoder() and self.config.refill_rows

    def _own_decoder(self) -> bool:
        """Whether pipeline/models/decode.py decodes (it has no logits processors) rather than generate()."""
        c = self.config
        return c.share_prefix and c.drop_finished_rows and self.generation.repetition_penalty == 1.0

    def _sampling(self, sample: bool) -> tuple[float, float] | None:
        """(temperature, top_p) when this call samples, else None (greedy)."""
        return sampling_of(self.generation, sample)

    def _drafting(self, rows: list[list[int]], requests: list[Request], sample: bool) -> Drafting | None:
        """Draft lookup in each row's prompt and its request's draft text (model.draft_tokens);
        greedy calls only (decode.py checks drafts by argmax)."""
        if not self.config.draft_tokens or self._sampling(sample) is not None:
            return None
        references = [row + (self.tokenizer(r.draft, add_special_tokens=False).input_ids if r.draft else [])
                      for row, r in zip(rows, requests, strict=True)]
        return Drafting(references, self.config.draft_tokens, self.config.draft_rows)

    def _run_stream(self, sample: bool, items: list[tuple[str, Request]]) -> list[Generation]:
        limits = [r.max_new_tokens for _, r in items]
        rows = [self.tokenizer(p, add_special_tokens=False).input_ids for p, _ in items]
        if min(len(r) for r in rows) < 2:  # prefill leaves each row its last token
            return self._run_batches(sample, items)
        new, logprobs = decode_stream(self.model, rows, limits, self.stops, self.config.batch_size,
                                      self.tokenizer.pad_token_id, self._sampling(sample), self.generation.seed,
                                      self.prompt_cache, self._drafting(rows, [r for _, r in items], sample))
        return decode_batch(self.tokenizer, new, limits, self.stops, logprobs if sample else None)

    def _run_batch(self, items: list[tuple[str, Request]], sample: bool = False) -> list[Generation]:
        prompts = [p for p, _ in items]
        limits = [r.max_new_tokens for _, r in items]
        rows = [self.tokenizer(p, add_special_tokens=False).input_ids for p in prompts]
        if self.config.share_prefix and min(len(r) for r in rows) > 1:
            ids, mask, cache = prefill(self.model, rows, self.tokenizer.pad_token_id, self.prompt_cache)
            if self._own_decoder():
                new, logprobs = decode(self.model, ids, mask, cache, limits, self.stops, self._sampling(sample),
                                       self.generation.seed, self._drafting(rows, [r for _, r in items], sample))
                return decode_batch(self.tokenizer, new, limits, self.stops, logprobs if sample else None)
            inputs = {"input_ids": ids, "attention_mask": mask, "cache": cache}
        else:
            inputs = dict(self.tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
                          .to(self.model.device))
        with torch.inference_mode():
            output = self.model.generate(
                **inputs, max_new_tokens=max(limits),
                **generation_kwargs(self.generation, self.tokenizer, sample, self.model.device.type)
            )
        sequences = output.sequences if sample else output
        new = sequences[:, inputs["input_ids"].shape[1]:]
        logprobs = token_logprobs(output.scores, new) if sample else None
        return decode_batch(self.tokenizer, new, limits, self.stops, logprobs)
