"""Where a model's files are (embedded GGUF, hub id or local folder), as from_pretrained wants them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.config import ModelConfig
from pipeline.models.base import ResolvedModel
from pipeline.models.embedded import EMBEDDED, ensure_embedded_model, sha256_of


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
