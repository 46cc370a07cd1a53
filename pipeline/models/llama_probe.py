"""Whether llama.cpp runs on this machine, found out once in a process of its own, and how fast.

llama-cpp-python is compiled for the machine that built it: a build copied to a CPU without its
instructions dies of SIGILL, and a native build on an Intel Xeon with AMX segfaulted at its first
evaluation (docs/engine.md). A crash cannot be caught in the process it kills, so before "auto"
picks llama.cpp a child process loads the model and runs a short batched evaluation: a prompt of
PROMPT tokens, copied to SLOTS sequences, then a few decoding steps of one and of SLOTS rows. The
outcome and its timings are kept in the cache folder (keyed by the CPU, llama-cpp-python's version
and the model's sha256) and recorded in the manifest.

    python -m pipeline.models.llama_probe MODEL.gguf THREADS   # prints the probe's JSON
"""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pipeline.io.writers import atomic_write

logger = logging.getLogger(__name__)

PROMPT = 64
SLOTS = 16
STEPS = 3
TIMEOUT_S = 300


def probed(folder: Path, machine: dict[str, Any], gguf: Path, model_key: str, version: str | None) -> dict[str, Any]:
    """The probe's outcome for this machine and model: {"works": bool, ...timings or "error"},
    from the cache folder when it was run before."""
    key = {k: machine.get(k) for k in ("cpu", "flags", "threads")} | {"llama_cpp": version, "model": model_key}
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    path = folder / f"llama-{digest}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["outcome"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    logger.info("checking that llama.cpp runs on this machine (once, a few seconds)")
    outcome = run_probe(gguf, int(machine.get("threads") or 1))
    if not outcome["works"]:
        logger.warning("llama.cpp does not run on this machine (%s): the model runs in transformers",
                       outcome["error"])
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps({"key": key, "outcome": outcome}, indent=1) + "\n")
    return outcome


def run_probe(gguf: Path, threads: int) -> dict[str, Any]:
    """The probe in a child process: its JSON, or what killed it."""
    try:
        done = subprocess.run([sys.executable, "-m", "pipeline.models.llama_probe", str(gguf), str(threads)],
                              capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {"works": False, "error": f"no answer in {TIMEOUT_S} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [""])[-1][:200]
        return {"works": False, "error": f"the probe process ended with code {done.returncode} {last}".strip()}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"works": False, "error": "the probe printed no result"}


def _probe(gguf: Path, threads: int) -> dict[str, Any]:
    """Run in the child: load, fill SLOTS sequences from one prompt, time decoding steps."""
    from pipeline.models.llama_runtime import LlamaModel, LlamaRuntime

    start = time.perf_counter()
    model = LlamaModel(gguf)
    runtime = LlamaRuntime(model, SLOTS, threads, cells=SLOTS * (PROMPT + STEPS + 2))
    load_s = time.perf_counter() - start
    prompt = [(0, i, 100 + i, i == PROMPT - 1) for i in range(PROMPT)]
    start = time.perf_counter()
    runtime.evaluate(prompt)
    prefill_s = time.perf_counter() - start
    for slot in range(1, SLOTS):
        runtime.copy_prefix(0, slot, PROMPT)
    step_ms = {}
    for rows in (1, SLOTS):
        times = []
        for step in range(STEPS):
            position = PROMPT + step
            start = time.perf_counter()
            logits = runtime.evaluate([(slot, position, 200 + step, True) for slot in range(rows)])
            times.append(time.perf_counter() - start)
        for slot in range(rows):
            runtime.truncate(slot, PROMPT)
        if not bool((logits == logits).all()):  # NaN: a broken build
            return {"works": False, "error": "llama.cpp returned NaN logits"}
        step_ms[rows] = round(1000 * min(times), 1)
    return {"works": True, "load_s": round(load_s, 2), "prefill_tokens_per_s": round(PROMPT / prefill_s, 1),
            "step_ms": step_ms, "tokens_per_s": {rows: round(1000 * rows / ms, 1) for rows, ms in step_ms.items()}}


if __name__ == "__main__":
    print(json.dumps(_probe(Path(sys.argv[1]), int(sys.argv[2]))))
