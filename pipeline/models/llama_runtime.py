"""A GGUF chat model run by llama.cpp (llama-cpp-python), several sequences in each step.

llama.cpp multiplies with the GGUF's own quantised blocks in kernels built for the machine it was
compiled on (AVX2, AVX-512, AMX ...), where transformers dequantises them at load: on CPUs that
is both less memory to read per step and no calibration of dtypes. Its Python package decodes
one sequence at a time, so the batching is ours (pipeline/models/slots.py) over its low-level API:
one context whose key/value cache is shared by `model.batch_size` sequence ids.

The prompt is the transformers tokenizer's chat template, tokenised by that tokenizer (the GGUF's
own vocabulary, converted), so both runtimes see the same tokens for the same request.
"""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.config import GenerationConfig, ModelConfig
from pipeline.models.base import Generation, ModelLoadError, Request, ResolvedModel
from pipeline.models.chat_template import ChatPrompts
from pipeline.models.length_batches import run_grouped
from pipeline.models.sampling import decode_batch, sampling_of
from pipeline.models.slots import Feed, OutOfCache, decode_slots

logger = logging.getLogger(__name__)

# Tokens one evaluation takes: every decoding row's token plus prompt chunks of admitted rows.
FEED_LIMIT = 512
# Key/value cells per slot: the longest prompt the pipeline sends (a summary's chunk of 2,048
# tokens and its instructions) and its output; prefixes shared between slots take no cells twice.
CELLS_PER_SLOT = 3072
MIN_CELLS = 8192  # a lone row of the longest prompt model.max_input_tokens allows, and its output
MAX_CELLS = 65536  # about 1.8 GB for the embedded model (28 KB a token)


def available() -> bool:
    """Whether llama-cpp-python is installed (an optional dependency)."""
    import importlib.util

    return importlib.util.find_spec("llama_cpp") is not None


def version() -> str | None:
    if not available():
        return None
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("llama_cpp_python")
    except PackageNotFoundError:
        return None


class LlamaModel:
    """A GGUF file loaded by llama.cpp (mapped, not read: seconds)."""

    def __init__(self, gguf: Path):
        import llama_cpp

        self.lib = llama_cpp
        _quiet(llama_cpp)
        llama_cpp.llama_backend_init()
        self.pointer = llama_cpp.llama_model_load_from_file(str(gguf).encode(),
                                                            llama_cpp.llama_model_default_params())
        if not self.pointer:
            raise ModelLoadError(f"{gguf}: llama.cpp cannot load this GGUF file")
        self.path = gguf
        self.vocab = llama_cpp.llama_model_get_vocab(self.pointer)
        self.vocab_size = llama_cpp.llama_vocab_n_tokens(self.vocab)

    def end_of_generation(self, token: int) -> bool:
        """Whether the GGUF's vocabulary marks `token` as ending a generation (<|im_end|>, ...)."""
        return bool(self.lib.llama_vocab_is_eog(self.vocab, token))

    def __del__(self) -> None:
        try:
            if getattr(self, "pointer", None):
                self.lib.llama_model_free(self.pointer)
        except (AttributeError, TypeError):  # at interpreter exit the library may be half torn down
            pass


class LlamaRuntime:
    """One llama.cpp context over a loaded model, with `slots` sequences (a SlotRuntime)."""

    def __init__(self, model: LlamaModel, slots: int, threads: int, cells: int | None = None):
        self.model = model  # kept: the context must not outlive the weights
        self._lib = lib = model.lib
        self.slots = slots
        self.feed_limit = max(FEED_LIMIT, slots)
        self.vocab_size = model.vocab_size
        params = lib.llama_context_default_params()
        params.n_ctx = cells or min(MAX_CELLS, max(MIN_CELLS, CELLS_PER_SLOT * slots))
        params.n_batch = params.n_ubatch = self.feed_limit
        params.n_seq_max = slots
        params.n_threads = params.n_threads_batch = threads
        params.kv_unified = True  # one cache for all slots: a copied prefix shares its cells
        params.no_perf = True
        self._ctx = lib.llama_init_from_model(model.pointer, params)
        if not self._ctx:
            raise ModelLoadError(f"{model.path}: llama.cpp cannot make a context of {params.n_ctx} cells")
        self._memory = lib.llama_get_memory(self._ctx)
        self._batch = lib.llama_batch_init(self.feed_limit, 0, 1)
        self.held: list[list[int]] = [[] for _ in range(slots)]

    def evaluate(self, feed: Feed) -> np.ndarray:
        batch = self._batch
        batch.n_tokens = len(feed)
        for i, (slot, position, token, wanted) in enumerate(feed):
            batch.token[i] = token
            batch.pos[i] = position
            batch.n_seq_id[i] = 1
            batch.seq_id[i][0] = slot
            batch.logits[i] = wanted
        status = self._lib.llama_decode(self._ctx, batch)
        if status == 1:
            raise OutOfCache(f"no room for {len(feed)} tokens in llama.cpp's key/value cache")
        if status != 0:
            raise RuntimeError(f"llama.cpp failed to evaluate a batch of {len(feed)} tokens (status {status})")
        wanted = sum(1 for entry in feed if entry[3])
        logits = np.empty((wanted, self.vocab_size), dtype=np.float32)
        for k in range(wanted):
            pointer = self._lib.llama_get_logits_ith(self._ctx, k - wanted)  # negative: the k-th wanted from the end
            logits[k] = np.ctypeslib.as_array(pointer, shape=(self.vocab_size,))
        return logits

    def truncate(self, slot: int, length: int) -> None:
        self._lib.llama_memory_seq_rm(self._memory, slot, length, -1)

    def copy_prefix(self, source: int, target: int, length: int) -> None:
        if length:
            self._lib.llama_memory_seq_cp(self._memory, source, target, 0, length)

    def __del__(self) -> None:
        try:
            if getattr(self, "_batch", None) is not None:
                self._lib.llama_batch_free(self._batch)
            if getattr(self, "_ctx", None):
                self._lib.llama_free(self._ctx)
        except (AttributeError, TypeError):  # at interpreter exit the library may be half torn down
            pass


class LlamaCppGenerator(ChatPrompts):
    """The chat generator's interface over llama.cpp: greedy or sampled, `batch_size` rows a step."""

    family = "chat"

    def __init__(self, resolved: ResolvedModel, config: ModelConfig, generation: GenerationConfig,
                 tokenizer: Any, gguf: Path, threads: int):
        if generation.repetition_penalty != 1.0:
            raise ModelLoadError("model.runtime llama.cpp decodes without a repetition penalty; "
                                 "use model.runtime: transformers for generation.repetition_penalty")
        if not tokenizer.chat_template:
            raise ModelLoadError(f"{resolved.location}: tokenizer has no chat template; llama.cpp runs chat models")
        self.resolved = resolved
        self.config = config
        self.generation = generation
        self.tokenizer = tokenizer
        self.threads = threads
        self.model = LlamaModel(gguf)
        self._runtime: LlamaRuntime | None = None
        ids = {tokenizer.eos_token_id, tokenizer.pad_token_id,
               *(i for i in tokenizer.added_tokens_decoder if self.model.end_of_generation(i))}
        self.stops = {i for i in ids if i is not None}

    @property
    def runtime(self) -> LlamaRuntime:
        """The llama.cpp context, with a slot per row of `config.batch_size` (made again when that
        changes: the weights stay mapped, only the cache is new)."""
        if self._runtime is None or self._runtime.slots != self.config.batch_size:
            self._runtime = None  # free the old cache first
            self._runtime = LlamaRuntime(self.model, self.config.batch_size, self.threads)
        return self._runtime

    def generate(self, requests: list[Request]) -> list[Generation]:
        """One Generation per request, in order."""
        items = [(self.prompt(r), r) for r in requests]
        return run_grouped(items, lambda it: it[1].sample, self._run)

    def _run(self, sample: bool, items: list[tuple[str, Request]]) -> list[Generation]:
        rows = [self.tokenizer(p, add_special_tokens=False).input_ids for p, _ in items]
        limits = [r.max_new_tokens for _, r in items]
        sampling = sampling_of(self.generation, sample)
        new, logprobs = decode_slots(self.runtime, rows, limits, self.stops, sampling, self.generation.seed)
        return decode_batch(self.tokenizer, new, limits, self.stops, logprobs if sample else None)


_LOG_CALLBACK: Any = None


def _quiet(llama_cpp: Any) -> None:
    """llama.cpp logs every load and context to stderr; the pipeline reports what matters itself.
    The callback is kept referenced: ctypes would free it while C still calls it."""
    global _LOG_CALLBACK
    if _LOG_CALLBACK is None:
        _LOG_CALLBACK = llama_cpp.llama_log_callback(lambda level, text, data: None)
        llama_cpp.llama_log_set(_LOG_CALLBACK, ctypes.c_void_p(0))
