"""Where and how a model runs on this machine: the device, the runtime (transformers or
llama.cpp), the dense dtype and the int4 path's rows, each settled from the config, where it says
"auto" by what the machine can do.

On CUDA the CPU-only machinery steps aside: the int4 kernel (a CPU kernel), the shared-prefix
prefill and its prompt cache and the draft lookup (written for CPU steps whose cost is reading
weights); the GPU runs transformers' generate() with its static cache, in bfloat16.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.config import ModelConfig
from pipeline.models import llama_runtime
from pipeline.models.base import ModelLoadError, ResolvedModel
from pipeline.models.calibration import KernelChoice, calibrated, choose
from pipeline.models.llama_probe import probed
from pipeline.models.machine import cuda_available, describe

logger = logging.getLogger(__name__)

# The embedded model's largest matrix, when a model's config cannot be read before loading it.
FALLBACK_SHAPE = (1536, 8960)


def settle(config: ModelConfig, resolved: ResolvedModel, folder: Path) -> tuple[ModelConfig, dict[str, Any]]:
    """`config` with nothing left "auto" (device, dtype, int4_rows), and the manifest's record of
    the machine and the choice. Measurements are kept in `folder` (pipeline/models/calibration.py).

    Raises:
        ModelLoadError: CUDA asked for where torch sees none.
    """
    machine = describe()
    device = config.device
    if device == "auto":
        device = "cuda" if cuda_available() else "cpu"
    elif device == "cuda" and not cuda_available():
        raise ModelLoadError("model.device is 'cuda' but torch sees no CUDA device; use 'auto' or 'cpu'")
    runtime, probe = _runtime(config, resolved, device, machine, folder)
    int4 = config.family == "chat" and bool(resolved.gguf_file)  # the int4 copy is made from a GGUF's Q4_K
    if runtime == "llama.cpp":
        # llama.cpp multiplies with the GGUF's own blocks in the kernels it was built with: no
        # dense dtype or int4 path to choose.
        dtype = "float32" if config.dtype == "auto" else config.dtype
        choice = KernelChoice(dtype, 0, dtype, "llama.cpp")
    elif device == "cuda":
        dtype = "bfloat16" if config.dtype == "auto" else config.dtype
        choice = KernelChoice(dtype, 0, dtype, "cuda")
    elif config.dtype == "auto" or config.int4_rows == "auto" and int4:
        timings = calibrated(folder, machine, resolved.sha256 or f"{resolved.location}@{resolved.revision}",
                             lambda: model_shape(resolved), int4)
        choice = choose(timings, config.batch_size, None if config.dtype == "auto" else config.dtype)
        if config.int4_rows != "auto" or not int4:
            choice = replace(choice, int4_rows=config.int4_rows if int4 else 0)
    else:
        rows = config.int4_rows if int4 and config.int4_rows != "auto" else 0
        choice = KernelChoice(config.dtype, rows, config.dtype, "config")
    cpu_only_off = {"share_prefix": False, "prompt_cache_tokens": 0, "draft_tokens": 0} if device == "cuda" else {}
    settled = config.model_copy(update={"device": device, "dtype": choice.dtype, "int4_rows": choice.int4_rows,
                                        "runtime": runtime} | cpu_only_off)
    where = machine["gpu"] if device == "cuda" else f"{machine['cpu']}, {machine['capability']}"
    if runtime == "llama.cpp":
        logger.info("running on %s (%s) with llama.cpp %s", device, where, llama_runtime.version())
    else:
        logger.info("running on %s (%s) in %s; int4 steps up to %d rows (%s)", device, where,
                    settled.dtype, settled.int4_rows, choice.source)
    record = {"device": device, "runtime": runtime, "machine": machine, "kernels": choice.to_dict()}
    if probe is not None:
        record["llama_cpp_probe"] = probe
    return settled, record


def _runtime(config: ModelConfig, resolved: ResolvedModel, device: str, machine: dict[str, Any],
             folder: Path) -> tuple[str, dict[str, Any] | None]:
    """transformers or llama.cpp, as the config asks, and the llama.cpp probe's outcome where one
    ran. "auto": llama.cpp for a GGUF chat model on the CPU where llama-cpp-python is installed and
    runs on this machine (pipeline/models/llama_probe.py; docs/engine.md has the measurements).

    Raises:
        ModelLoadError: llama.cpp asked for where it cannot run the model.
    """
    gguf = local_gguf(resolved)
    fits = config.family == "chat" and gguf is not None and device == "cpu"
    if config.runtime == "auto":
        if not (fits and llama_runtime.available()):
            return "transformers", None
        outcome = probed(folder, machine, gguf, resolved.sha256 or str(gguf), llama_runtime.version())
        return ("llama.cpp" if outcome.get("works") else "transformers"), outcome
    if config.runtime == "llama.cpp" and not llama_runtime.available():
        raise ModelLoadError("model.runtime is 'llama.cpp' but llama-cpp-python is not installed "
                             "(pip install 'news-fidelity-pipeline[llama]', or model.runtime: auto)")
    if config.runtime == "llama.cpp" and not fits:
        why = "not a GGUF file on this machine" if gguf is None else f"{config.family} on {device}"
        raise ModelLoadError(f"model.runtime 'llama.cpp' runs a GGUF chat model on the CPU; this model is {why}")
    return config.runtime, None


def local_gguf(resolved: ResolvedModel) -> Path | None:
    """The model's GGUF file on this machine (llama.cpp reads it directly): in its folder, or for a
    hub model in the Hugging Face cache; None when there is none."""
    if not resolved.gguf_file:
        return None
    path = Path(resolved.location) / resolved.gguf_file
    if path.is_file():
        return path
    if Path(resolved.location).exists():  # a local folder without the file
        return None
    from huggingface_hub import try_to_load_from_cache

    try:
        cached = try_to_load_from_cache(resolved.location, resolved.gguf_file, revision=resolved.revision)
    except ValueError:  # not a hub id
        return None
    return Path(cached) if isinstance(cached, str) and Path(cached).is_file() else None


def model_shape(resolved: ResolvedModel) -> tuple[int, int]:
    """(hidden, intermediate) of the model's MLP, from its config alone (no weights are read)."""
    from transformers import AutoConfig

    try:
        kwargs: dict[str, Any] = {"trust_remote_code": False}
        if resolved.gguf_file:
            kwargs["gguf_file"] = resolved.gguf_file
        if resolved.revision:
            kwargs["revision"] = resolved.revision
        settings = AutoConfig.from_pretrained(resolved.location, **kwargs)
    except (OSError, ValueError) as e:
        logger.warning("%s: cannot read the model's shape (%s); calibrating on %s", resolved.location, e,
                       FALLBACK_SHAPE)
        return FALLBACK_SHAPE
    hidden = getattr(settings, "hidden_size", None) or getattr(settings, "d_model", None)
    intermediate = getattr(settings, "intermediate_size", None) or getattr(settings, "encoder_ffn_dim", None)
    if not hidden:
        return FALLBACK_SHAPE
    return int(hidden), int(intermediate or 4 * hidden)
