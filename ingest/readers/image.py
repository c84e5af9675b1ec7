"""Photos and scans of one page (.jpg .jpeg .png .tif .tiff .webp), read by OCR; several photos as one PDF.

The OCR child decodes the file with ingest/readers/decode.py (Pillow under pixel limits)."""

from __future__ import annotations

from pathlib import Path

from ingest.models import IngestError, RawText
from ingest.readers.decode import load_image
from ingest.readers.ocr import OcrOptions, ocr_numbers, run_ocr, summarise


def read_image(path: Path, options: OcrOptions | None = None) -> RawText:
    options = options or OcrOptions()
    result = run_ocr(path, "image", [1], options)
    texts, info, warnings = summarise(result, options)
    text = texts.get(1, "")
    if not text.strip():
        reason = "; ".join(warnings) or "ảnh không phải trang văn bản, trang trắng hoặc quá mờ"
        raise IngestError(f"Tệp {path.name}: không nhận ra chữ trong ảnh ({reason}).")
    return RawText(
        text=text,
        source=str(path),
        format="image",
        warnings=warnings,
        ocr=info,
        ocr_text=text,
        ocr_numbers=ocr_numbers(result),
    )


def images_to_pdf(paths: list[Path], target: Path) -> Path:
    """Several photos of one document (a Telegram album) → one image PDF, pages in the given order."""
    images = [load_image(p) for p in paths]
    first, *rest = images
    first.save(target, "PDF", save_all=True, append_images=rest, resolution=300.0)
    return target
