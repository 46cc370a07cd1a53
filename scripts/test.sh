#!/usr/bin/env bash
# Set up .venv if needed, then lint and run both test suites: the fast one (unit and tiny-model
# tests) and the real-model one (the embedded model; loads for over a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check pipeline tests scripts
.venv/bin/python -m pytest -q
.venv/bin/python -m pytest -q -m real_model
