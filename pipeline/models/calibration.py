"""The machine chooses its kernels: dense dtype, the int4 path's rows and its input dtype.

Which matrix product is fastest depends on the CPU, not on the model: on a Xeon with AMX bfloat16
beats float32 at every row count, on an AVX2-only EPYC bfloat16 is emulated and float32 wins from
16 rows, and torch's int4 kernel is fast with bfloat16 input and slow with float32 input there.
A rule read from the instruction flags would have to foresee each of these, so the choice is
measured: one product of the model's own largest matrix (hidden × intermediate) at the row counts
the pipeline runs (decoding steps of up to `batch_size` rows, prefill forwards of hundreds of
tokens), for each kernel, a few seconds once per machine, torch version and model, kept in the
cache folder as JSON.

Hand-written because no library picks a CPU kernel for a given shape by measuring it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.io.writers import atomic_write

logger = logging.getLogger(__name__)

DENSE = ("float32", "bfloat16")
INT4_INPUTS = ("bfloat16", "float32")
# Rows of a decoding step (few rows up to a batch) and of a prefill forward.
STEP_ROWS = (1, 2, 4, 8, 16, 32)
PREFILL_ROWS = 256
# A decoding step's share of the work against a prefill forward's: per 16 decoded rows an article
# prefills about 64 prompt tokens (prompts share their system part, packed once).
PREFILL_WEIGHT = 0.25
# The least of a few runs after warm-ups: noise (another process, a frequency change) only adds.
WARMUPS = 2
REPEATS = 5


@dataclass(frozen=True)
class KernelChoice:
    """What the model runs with, and why: `source` is "calibrated", "config" or "cuda"."""

    dtype: str
    int4_rows: int
    int4_input: str
    source: str
    timings_ms: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def choose(timings: dict[str, dict[int, float]], batch_size: int, dense: str | None = None) -> KernelChoice:
    """The kernels a machine's timings (kernel → rows → ms) call for.

    Dense dtype (unless given): the one with the least time for a decoding step of `batch_size`
    rows plus a weighted prefill forward. int4 input: the faster at one and eight rows. int4 rows:
    the most rows at which the int4 kernel still beats the dense product, counted up from one row
    (0 when it never does, or when int4 was not measured)."""
    step = min(batch_size, max(STEP_ROWS))

    def cost(dtype: str) -> float:
        return timings[dtype][step] + PREFILL_WEIGHT * timings[dtype][PREFILL_ROWS]

    dense = dense or min((d for d in DENSE if d in timings), key=cost)
    inputs = [d for d in INT4_INPUTS if set(STEP_ROWS) <= set(timings.get(f"int4/{d}", {}))]
    if not inputs or dense not in timings:
        return KernelChoice(dense, 0, dense, "calibrated", _printable(timings))
    int4_input = min(inputs, key=lambda d: timings[f"int4/{d}"][1] + timings[f"int4/{d}"][8])
    rows = 0
    for r in STEP_ROWS:
        if timings[f"int4/{int4_input}"][r] >= timings[dense][r]:
            break
        rows = r
    return KernelChoice(dense, rows, int4_input, "calibrated", _printable(timings))


def _printable(timings: dict[str, dict[int, float]]) -> dict[str, dict[str, float]]:
    return {kernel: {str(r): round(ms, 3) for r, ms in by_rows.items()} for kernel, by_rows in timings.items()}


def measure(hidden: int, intermediate: int, int4: bool) -> dict[str, dict[int, float]]:
    """Milliseconds of one [rows × hidden] @ [hidden × intermediate] product per kernel and rows
    (the least of REPEATS after WARMUPS); int4 only at decoding rows, where it can win."""
    import torch

    from pipeline.models.int4 import GROUP, pack

    generator = torch.Generator().manual_seed(0)
    weight = torch.randn(intermediate, hidden, generator=generator) / hidden ** 0.5
    timings: dict[str, dict[int, float]] = {}
    with torch.inference_mode():
        for dtype in DENSE:
            w = weight.to(getattr(torch, dtype))
            timings[dtype] = {r: _time(lambda x, w=w: torch.nn.functional.linear(x, w),
                                       torch.randn(r, hidden, generator=generator).to(w.dtype))
                              for r in (*STEP_ROWS, PREFILL_ROWS)}
        if int4 and hidden % GROUP == 0:
            import numpy as np

            rng = np.random.default_rng(0)
            values = rng.integers(0, 16, (intermediate, hidden), dtype=np.uint8)
            scale = rng.random((intermediate, hidden // GROUP), dtype=np.float32) / 64
            packed, scales_zeros = pack(values, scale, scale * 4)
            products = {}
            for dtype in INT4_INPUTS:
                sz = scales_zeros.to(getattr(torch, dtype))

                def product(x: Any, sz: Any = sz) -> Any:
                    return torch.ops.aten._weight_int4pack_mm_for_cpu(x, packed, GROUP, sz)

                products[dtype] = product
                timings[f"int4/{dtype}"] = {r: _time(product, torch.randn(r, hidden, generator=generator)
                                                     .to(getattr(torch, dtype))) for r in (1, 8)}
            # Only the better input is measured at every row count (float32 input can be 100x slower).
            best = min(INT4_INPUTS, key=lambda d: timings[f"int4/{d}"][1] + timings[f"int4/{d}"][8])
            for r in STEP_ROWS:
                if r not in timings[f"int4/{best}"]:
                    x = torch.randn(r, hidden, generator=generator).to(getattr(torch, best))
                    timings[f"int4/{best}"][r] = _time(products[best], x)
    return timings


def _time(product: Callable[[Any], Any], x: Any) -> float:
    for _ in range(WARMUPS):
        product(x)
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        product(x)
        runs.append((time.perf_counter() - start) * 1000)
    return min(runs)


def calibrated(folder: Path, machine: dict[str, Any], model_key: str, shape: Callable[[], tuple[int, int]],
               int4: bool, measure_with: Callable[..., dict[str, dict[int, float]]] = measure
               ) -> dict[str, dict[int, float]]:
    """This machine's timings for the model: measured once, then read from `folder` (keyed by the
    CPU model, its flags, torch's capability, version and threads, and `model_key`: the model
    file's sha256, else its location). `shape` ((hidden, intermediate)) is read only to measure:
    reading a GGUF's config costs seconds that a start should not pay."""
    key = json.dumps({k: machine.get(k) for k in ("cpu", "flags", "capability", "torch", "threads")}
                     | {"model": model_key, "int4": int4}, sort_keys=True)
    path = folder / f"kernels-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
    timings = _read(path)
    if timings is None:
        started = time.perf_counter()
        hidden, intermediate = shape()
        timings = measure_with(hidden, intermediate, int4)
        logger.info("measured this machine's matrix products in %.1f s (kept in %s)", time.perf_counter() - started,
                    path)
        _write(path, {"key": json.loads(key), "shape": [hidden, intermediate], "timings": _printable(timings)})
    return timings


def _read(path: Path) -> dict[str, dict[int, float]] | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))["timings"]
        return {kernel: {int(r): float(ms) for r, ms in by_rows.items()} for kernel, by_rows in raw.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # none yet, or unreadable: measured again


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        atomic_write(path, json.dumps(data))
    except OSError as e:  # a read-only cache folder costs a measurement per start, nothing more
        logger.warning("cannot keep the kernel measurements in %s: %s", path, e)
