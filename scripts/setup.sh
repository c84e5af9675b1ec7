#!/usr/bin/env bash
# One-time set-up of .venv: a CPU build of torch first (never the CUDA wheels), then the project.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
# OCR of scans and photos needs Tesseract and its Vietnamese model (Debian packages), installed when missing.
bash scripts/install_debian.sh
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# `pip install torch==2.13.0` takes the local CPU build on this machine; a plain `torch`
# requirement (sentence-transformers asks for one) would pull several GB of CUDA packages.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[dev]"
.venv/bin/python - <<'PY'
import torch
assert torch.version.cuda is None, f"CUDA build of torch installed ({torch.__version__}); expected the CPU build"
print(f"torch {torch.__version__} (CPU) ready")
PY
touch .venv/.installed
