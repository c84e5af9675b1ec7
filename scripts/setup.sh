#!/usr/bin/env bash
# One-time set-up of .venv: a CPU build of torch first (never the CUDA wheels), then the project.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
# OCR of scans and photos needs Tesseract and its Vietnamese model (Debian packages), installed when missing.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }
need_apt=()
command -v tesseract >/dev/null || need_apt+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || need_apt+=(tesseract-ocr-vie)
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need_apt[*]} for OCR of scanned documents..."
  (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null) \
    || echo "warning: could not install ${need_apt[*]}; scanned PDFs and photos will be refused until they are installed"
fi
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
