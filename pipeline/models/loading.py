"""Find a model's files (embedded GGUF, hub id or local folder) and load them with transformers."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from pipeline.config import GenerationConfig, ModelConfig
from pipeline.models.base import ModelLoadError, ResolvedModel, TextGenerator
from pipeline.models.converted import converted_folder, is_complete, load_tokenizer, save_converted
from pipeline.models.embedded import cache_dir
from pipeline.models.placement import local_gguf, settle
from pipeline.models.quiet import quiet_transformers
from pipeline.models.resolve import resolve

logger = logging.getLogger(__name__)


def load_generator(config: ModelConfig, generation: GenerationConfig) -> TextGenerator:
    """Load the configured model behind the TextGenerator interface of its family.

    A GGUF model is loaded from its converted copy when the cache has one (model.cache_converted),
    and the first load saves that copy. The generator's `resolved` still names the GGUF and its
    sha256, which is what the copy was made from.
    """
    quiet_transformers()
    resolved = resolve(config)
    config, placement = settle(config, resolved, cache_dir() / "calibration")
    if config.runtime == "llama.cpp":
        generator = _llama_generator(resolved, config, generation)
        generator.placement = placement
        return generator
    folder = None
    if config.cache_converted and resolved.gguf_file and resolved.sha256:
        folder = converted_folder(resolved.sha256, config.dtype)
    from_copy = folder is not None and is_complete(folder)
    try:
        if from_copy:
            logger.info("loading %s model %s from its converted copy %s", config.family, resolved.model_id, folder)
            generator = _generator(replace(resolved, location=str(folder), gguf_file=None), config, generation)
            generator.resolved = resolved
        else:
            logger.info("loading %s model %s", config.family, resolved.model_id)
            generator = _generator(resolved, config, generation)
    except (OSError, ValueError) as e:  # transformers raises ValueError for a folder it cannot read
        hint = (
            "a hub model needs hub access or a filled Hugging Face cache"
            if config.source == "hub"
            else "check that the folder holds a model saved with save_pretrained"
        )
        first_line = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise ModelLoadError(f"{resolved.location}: cannot load model ({first_line}); {hint}") from e
    if folder is not None and not from_copy:
        source = {"gguf_file": resolved.gguf_file, "sha256": resolved.sha256, "model_id": resolved.model_id,
                  "dtype": config.dtype}
        if save_converted(generator.model, generator.tokenizer, folder, source):
            logger.info("saved a converted copy in %s: later starts load it instead of dequantising", folder)
    generator.placement = placement  # the manifest's record of the machine and the kernel choice
    _pack_int4(generator, config, folder, placement["kernels"]["int4_input"])
    return generator


def _pack_int4(generator: TextGenerator, config: ModelConfig, folder: Path | None, kernel_dtype: str) -> None:
    """A GGUF chat model's Q4_K matrices packed for steps of few rows (model.int4_rows), kept
    beside the converted copy (named by torch's version: the packing is torch's own layout)."""
    resolved = generator.resolved
    if not (config.int4_rows and config.family == "chat" and resolved.gguf_file):
        return
    import torch

    from pipeline.models.int4 import use_int4

    gguf = Path(resolved.location) / resolved.gguf_file
    if not gguf.is_file():  # a hub GGUF: transformers read it from the hub's cache, not from here
        return
    store = folder / f"int4-torch{torch.__version__}.safetensors" if folder is not None and folder.exists() else None
    layers = use_int4(generator.model, gguf, store, config.int4_rows, getattr(torch, kernel_dtype))
    logger.info("%d Q4_K matrices packed as int4 for forwards of at most %d tokens", layers, config.int4_rows)


def _llama_generator(resolved: ResolvedModel, config: ModelConfig, generation: GenerationConfig) -> TextGenerator:
    """The GGUF run by llama.cpp, prompted through the transformers tokenizer's chat template."""
    import torch

    from pipeline.models.llama_runtime import LlamaCppGenerator

    logger.info("loading %s model %s with llama.cpp", config.family, resolved.model_id)
    try:
        tokenizer = load_tokenizer(resolved)
    except (OSError, ValueError) as e:
        first_line = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise ModelLoadError(f"{resolved.location}: cannot load the model's tokenizer ({first_line})") from e
    gguf = local_gguf(resolved)
    if gguf is None:  # settle() found it a moment ago
        raise ModelLoadError(f"{resolved.location}: the GGUF file {resolved.gguf_file} is gone")
    return LlamaCppGenerator(resolved, config, generation, tokenizer, gguf, torch.get_num_threads())


def _generator(resolved: ResolvedModel, config: ModelConfig, generation: GenerationConfig) -> TextGenerator:
    if config.family == "chat":
        from pipeline.models.chat import ChatGenerator

        return ChatGenerator(resolved, config, generation)
    from pipeline.models.seq2seq import Seq2SeqGenerator

    return Seq2SeqGenerator(resolved, config, generation)
