#!/usr/bin/env bash
# The whole test suite: lint, types, then pytest (browser test included when Chromium can be installed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_debian.sh --test
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
