"""A converted copy of a GGUF model: dequantised once, saved as safetensors, loaded in seconds.

transformers dequantises a GGUF at every start (about a minute for the embedded model here). The
first run saves the loaded model and tokenizer with save_pretrained (safetensors) into the cache,
in a folder named by the GGUF's sha256 and the dtype; later runs load that folder instead. The
folder is written under a temporary name and renamed, so a half-written copy is never used.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.models.base import ResolvedModel
from pipeline.models.embedded import cache_dir

logger = logging.getLogger(__name__)
MARKER = "converted.json"  # written last: its presence means the copy is complete


def converted_folder(sha256: str, dtype: str) -> Path:
    """Where the converted copy of the GGUF with this hash, in this dtype, lives."""
    return cache_dir() / "converted" / f"{sha256[:16]}-{dtype}"


def is_complete(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def save_converted(model: Any, tokenizer: Any, folder: Path, source: dict[str, Any]) -> bool:
    """Save `model` and `tokenizer` as the converted copy; False (and a log line) when it cannot.

    A failure here (a full disk, say) never fails the run: the next start just converts again.
    """
    quantizer = getattr(model, "hf_quantizer", None)
    packed = getattr(quantizer, "packed_modules", None) if quantizer is not None else None
    if packed or not all(p.dtype.is_floating_point for p in model.parameters()):
        logger.info("the GGUF weights stay packed (transformers' GGUF kernels): no converted copy is kept")
        return False
    tmp = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
    _remove_abandoned(folder)
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        with _without_quantizer(model):
            model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / MARKER).write_text(json.dumps(source, indent=2) + "\n", encoding="utf-8")
        if folder.exists():  # another process finished first; theirs is as good
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, folder)
        return True
    except Exception as e:  # noqa: BLE001 - the copy is an optimisation; the run goes on without it
        logger.warning("could not save a converted copy of the model in %s (%s); the next start converts again",
                       folder, e)
        shutil.rmtree(tmp, ignore_errors=True)
        return False


def _remove_abandoned(folder: Path) -> None:
    """Half-written copies of processes that died (killed mid-save): gigabytes nobody will finish."""
    for tmp in folder.parent.glob(f"{folder.name}.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        try:
            os.kill(int(pid), 0)
        except (ValueError, ProcessLookupError):
            shutil.rmtree(tmp, ignore_errors=True)
        except PermissionError:
            pass  # alive, another user's


@contextmanager
def _without_quantizer(model: Any) -> Iterator[None]:
    """Save a dequantised GGUF model as the plain model it now is.

    transformers refuses to save a model loaded from GGUF (its quantizer says "not serializable"),
    although without GGUF kernels every weight has been dequantised into an ordinary tensor. The
    quantizer and its config entry are set aside for the save and put back after it.
    """
    quantizer = getattr(model, "hf_quantizer", None)
    config = model.config.__dict__.pop("quantization_config", None)
    model.hf_quantizer = None
    try:
        yield
    finally:
        model.hf_quantizer = quantizer
        if config is not None:
            model.config.quantization_config = config


def load_tokenizer(resolved: ResolvedModel) -> Any:
    """A GGUF model's tokenizer alone (llama.cpp runs the weights): from any converted copy of the
    file, else from a tokenizer-only copy, else read from the GGUF (seconds) and kept as that copy.
    Fails as from_pretrained fails (OSError, ValueError)."""
    from transformers import AutoTokenizer

    from pipeline.models.resolve import pretrained_kwargs

    sha256 = resolved.sha256
    if sha256:
        copies = sorted(p.parent for p in (cache_dir() / "converted").glob(f"{sha256[:16]}-*/{MARKER}"))
        own = cache_dir() / "converted" / f"{sha256[:16]}-tokenizer"
        for folder in [*copies, own]:
            if (folder / "tokenizer_config.json").is_file():
                return AutoTokenizer.from_pretrained(folder)
    tokenizer = AutoTokenizer.from_pretrained(resolved.location, **pretrained_kwargs(resolved))
    if sha256:
        tmp = own.with_name(f"{own.name}.tmp-{os.getpid()}")
        try:
            tokenizer.save_pretrained(tmp)
            if not own.exists():
                os.replace(tmp, own)
        except OSError as e:
            logger.warning("could not keep the tokenizer in %s (%s); the next start reads the GGUF again", own, e)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return tokenizer
