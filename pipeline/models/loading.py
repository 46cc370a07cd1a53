"""Find a model's files (embedded GGUF, hub id or local folder) and load them with transformers."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pipeline.config import GenerationConfig, ModelConfig
from pipeline.models.base import ResolvedModel, TextGenerator
from pipeline.models.embedded import EMBEDDED, ensure_embedded_model, sha256_of

logger = logging.getLogger(__name__)


def resolve(config: ModelConfig) -> ResolvedModel:
    """Turn a ModelConfig into from_pretrained arguments; verifies the embedded file.

    Raises:
        ModelFileError: the embedded model is missing or corrupt.
    """
    if config.source == "embedded":
        path = ensure_embedded_model()
        return ResolvedModel(str(path.parent), path.name, EMBEDDED.model_id, None, EMBEDDED.sha256)
    if config.source == "local":
        folder = Path(config.name).expanduser()
        sha = sha256_of(folder / config.gguf_file) if config.gguf_file else None
        return ResolvedModel(str(folder), config.gguf_file, str(folder), None, sha)
    return ResolvedModel(config.name, config.gguf_file, config.name, config.revision, None)


def pretrained_kwargs(resolved: ResolvedModel) -> dict[str, Any]:
    """Arguments shared by the tokenizer and model loads. Remote code is never trusted."""
    kwargs: dict[str, Any] = {"trust_remote_code": False}
    if resolved.gguf_file:
        kwargs["gguf_file"] = resolved.gguf_file
    if resolved.revision:
        kwargs["revision"] = resolved.revision
    return kwargs


class ModelLoadError(RuntimeError):
    """transformers could not load the configured model."""


def load_generator(config: ModelConfig, generation: GenerationConfig) -> TextGenerator:
    """Load the configured model behind the TextGenerator interface of its family."""
    resolved = resolve(config)
    logger.info("loading %s model %s", config.family, resolved.model_id)
    try:
        if config.family == "chat":
            from pipeline.models.chat import ChatGenerator

            return ChatGenerator(resolved, config, generation)
        from pipeline.models.seq2seq import Seq2SeqGenerator

        return Seq2SeqGenerator(resolved, config, generation)
    except OSError as e:
        hint = (
            "a hub model needs hub access or a filled Hugging Face cache"
            if config.source == "hub"
            else "check that the folder holds a model saved with save_pretrained"
        )
        raise ModelLoadError(f"{resolved.location}: cannot load model ({e}); {hint}") from e
