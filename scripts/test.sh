#!/usr/bin/env bash
# Set up .venv if needed, then lint and run the test suites: the fast one (unit and tiny-model
# tests), the Ray engine's (a local Ray; tiny models) and the real-model one (the embedded model;
# loads for over a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The HTML report test renders a page in headless Chromium: Debian's package, installed when missing.
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        (apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 \
            || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1)) \
            || echo "warning: could not install chromium; the screenshot test will be skipped" >&2
    else
        echo "warning: chromium is missing (apt-get install chromium); the screenshot test will be skipped" >&2
    fi
fi
.venv/bin/ruff check pipeline tests scripts
.venv/bin/python -m pytest -q
.venv/bin/python -m pytest -q -m ray
.venv/bin/python -m pytest -q -m real_model
