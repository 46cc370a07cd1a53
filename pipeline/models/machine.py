"""What this machine can do, as the kernel choice needs it: the CPU's model and instruction sets,
torch's own reading of them, its threads, and a GPU when torch sees one."""

from __future__ import annotations

import platform
from functools import cache
from pathlib import Path
from typing import Any

# The instruction sets that decide which matrix products are native: AVX-512 BF16 and AMX run
# bfloat16 in hardware; without them (AVX2-only EPYCs) torch emulates it, about 3x slower than float32.
FLAGS = ("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "avx_vnni", "amx_bf16", "amx_tile", "fma")


@cache
def cpu_model_and_flags() -> tuple[str, tuple[str, ...]]:
    """The CPU's model name and which of FLAGS it has (/proc/cpuinfo on Linux; else platform's name
    and no flags, so that the choice rests on the measurement alone)."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or platform.machine(), ()
    name, flags = platform.processor() or platform.machine(), set()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "model name" and value.strip():
            name = value.strip()
        elif key == "flags":
            flags = set(value.split())
        if flags and name:
            break
    return name, tuple(f for f in FLAGS if f in flags)


def describe() -> dict[str, Any]:
    """The machine as the manifest and the benchmark name it."""
    import torch

    name, flags = cpu_model_and_flags()
    gpu = torch.cuda.get_device_name(0) if cuda_available() else None
    return {"cpu": name, "flags": list(flags), "capability": torch.backends.cpu.get_cpu_capability(),
            "threads": torch.get_num_threads(), "torch": torch.__version__, "gpu": gpu}


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()
