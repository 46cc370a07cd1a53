"""Seq2seq models: Marian, NLLB / M2M100 (language codes), BART / PEGASUS / T5 (summaries)."""

from __future__ import annotations

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

from pipeline.config import GenerationConfig, ModelConfig
from pipeline.models.base import Generation, ModelLoadError, Request, ResolvedModel
from pipeline.models.length_batches import run_grouped, run_in_batches
from pipeline.models.resolve import pretrained_kwargs
from pipeline.models.sampling import decode_batch, generation_kwargs, on_device, stop_ids, token_logprobs


class Seq2SeqGenerator:
    """Encoder-decoder generation; the target language is a forced first token or a prefix."""

    family = "seq2seq"

    def __init__(self, resolved: ResolvedModel, config: ModelConfig, generation: GenerationConfig):
        kwargs = pretrained_kwargs(resolved)
        self.resolved = resolved
        self.config = config
        self.generation = generation
        self.tokenizer = AutoTokenizer.from_pretrained(resolved.location, **kwargs)
        if config.source_lang_code and hasattr(self.tokenizer, "src_lang"):
            self.tokenizer.src_lang = config.source_lang_code
        self.model = AutoModelForSeq2SeqLM.from_pretrained(
            resolved.location, dtype=getattr(torch, config.dtype), **kwargs
        ).eval().to(on_device(config))
        self.stops = stop_ids(self.tokenizer, self.model)
        for lang, code in config.lang_codes.items():
            if config.lang_code_style == "forced_bos" and self._token_id(code) is None:
                raise ModelLoadError(
                    f"{resolved.location}: language code {code!r} for {lang} is not a token of "
                    "this tokenizer; fix model.lang_codes"
                )

    def _token_id(self, token: str) -> int | None:
        token_id = self.tokenizer.convert_tokens_to_ids(token)
        return None if token_id in (None, self.tokenizer.unk_token_id) else token_id

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` without special tokens."""
        return len(self.tokenizer(text, add_special_tokens=False).input_ids)

    def source_text(self, request: Request) -> str:
        """The encoder input: task prefix, Marian-style language prefix, then the text."""
        prefix = self.config.input_prefix
        code = self.config.lang_codes.get(request.target_lang or "")
        if code and self.config.lang_code_style == "prefix":
            prefix = f"{code} {prefix}"
        return prefix + request.text

    def generate(self, requests: list[Request]) -> list[Generation]:
        """One Generation per request, in order; a batch never mixes target languages."""
        return run_grouped(requests, lambda r: (r.target_lang, r.sample), lambda key, group: run_in_batches(
            group, self.config.batch_size, lambda r: len(r.text), lambda batch: self._run_batch(batch, *key)))

    def _run_batch(self, requests: list[Request], lang: str | None, sample: bool = False) -> list[Generation]:
        texts = [self.source_text(r) for r in requests]
        too_long = [t[:40] for t in texts if self.count_tokens(t) > self.config.max_input_tokens]
        if too_long:
            # Callers chunk long inputs first; reaching this means a config mismatch.
            raise ValueError(
                f"{len(too_long)} input(s) exceed model.max_input_tokens="
                f"{self.config.max_input_tokens} (first starts {too_long[0]!r}); "
                "lower summary.chunk_tokens or raise model.max_input_tokens"
            )
        encoded = self.tokenizer(texts, return_tensors="pt", padding=True).to(self.model.device)
        extra = {}
        code = self.config.lang_codes.get(lang or "")
        if code and self.config.lang_code_style == "forced_bos":
            extra["forced_bos_token_id"] = self._token_id(code)
        limit = max(r.max_new_tokens for r in requests)
        with torch.inference_mode():
            output = self.model.generate(
                **encoded, max_new_tokens=limit, **extra,
                **generation_kwargs(self.generation, self.tokenizer, sample, self.model.device.type),
            )
        # Drop the decoder start token and a forced language token: they are not output text.
        forced = 1 if "forced_bos_token_id" in extra else 0
        limits = [r.max_new_tokens - forced for r in requests]
        sequences = output.sequences if sample else output
        new = sequences[:, 1 + forced:]
        # scores[0] is the step after the decoder start token.
        logprobs = token_logprobs(output.scores[forced:], new) if sample else None
        return decode_batch(self.tokenizer, new, limits, self.stops, logprobs)
