"""The run's loaded models: loaded once, behind the generation cache when configured."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from pipeline.config import PipelineConfig
from pipeline.models.base import TextGenerator


@dataclass
class Models:
    """The loaded generators; the summary model is the translation model unless configured."""

    translation: TextGenerator
    summary: TextGenerator
    load_seconds: float = 0.0


def load_models(config: PipelineConfig) -> Models:
    """Load the configured model(s) once for the whole run."""
    from pipeline.models.loading import load_generator

    start = time.perf_counter()
    translation = cached(load_generator(config.model, config.generation), config.model, config)
    summary = translation
    if config.summary_model is not None and config.summary_model != config.model:
        summary = cached(load_generator(config.summary_model, config.generation), config.summary_model, config)
    return Models(translation, summary, round(time.perf_counter() - start, 3))


def cached(generator: TextGenerator, settings: Any, config: PipelineConfig) -> TextGenerator:
    """The generator behind a generation cache when the model config asks for one (greedy only)."""
    if not settings.cache_generations or config.generation.do_sample:
        return generator
    import torch
    import transformers

    from pipeline.models import llama_runtime
    from pipeline.models.cache import CachedGenerator
    from pipeline.models.embedded import cache_dir

    resolved = generator.resolved
    settled = getattr(generator, "config", settings)  # "auto" settled for this machine
    placement = getattr(generator, "placement", None) or {}
    identity = {"model": resolved.model_id, "sha256": resolved.sha256, "revision": resolved.revision,
                "location": None if resolved.sha256 else resolved.location, "family": generator.family,
                "device": settled.device, "dtype": settled.dtype, "batch_size": settled.batch_size,
                # int4 and bfloat16 round differently, and so do the int4 kernel's inputs: other greedy choices
                "int4_rows": settled.int4_rows, "int4_input": placement.get("kernels", {}).get("int4_input"),
                "generation": config.generation.model_dump(mode="json"),
                "transformers": transformers.__version__, "torch": torch.__version__}
    if getattr(settled, "runtime", "transformers") == "llama.cpp":  # its kernels round their own way
        identity["runtime"] = f"llama.cpp {llama_runtime.version()}"
    return CachedGenerator(generator, cache_dir() / "generations.sqlite", identity)


def describe_model(generator: TextGenerator, settings: Any) -> dict[str, Any]:
    """The manifest's record of a model: id, file hash, revision, how it was run and why (the
    machine and the kernel choice, pipeline/models/placement.py)."""
    resolved = generator.resolved
    settled = getattr(generator, "config", settings)
    return {
        "id": resolved.model_id, "sha256": resolved.sha256, "revision": resolved.revision,
        "gguf_file": resolved.gguf_file, "family": generator.family, "dtype": settled.dtype,
        "batch_size": settled.batch_size, "int4_rows": settled.int4_rows,
        "runtime": getattr(settled, "runtime", None), "placement": getattr(generator, "placement", None),
    }
