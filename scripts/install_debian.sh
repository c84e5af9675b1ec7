#!/usr/bin/env bash
# Debian packages the project needs, installed only when missing: Tesseract with its Vietnamese model (OCR of
# scans and photos); with --test also Chromium (browser test) and DejaVu fonts (rendered PDFs and scans).
set -uo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }
need_apt=()
command -v tesseract >/dev/null || need_apt+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || need_apt+=(tesseract-ocr-vie)
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
fi
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need_apt[*]} (Debian packages)..."
  (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null) \
    || echo "warning: could not install ${need_apt[*]}; OCR is refused and the tests that need them are skipped"
fi
exit 0
