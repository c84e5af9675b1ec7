"""Image files opened with Pillow under pixel limits: what the OCR child decodes and a Telegram album is made of.

Its own module so that the OCR child (ingest/readers/ocr.py) decodes an image without importing the image reader,
which starts that child: a decompression bomb is refused from its header, before any pixel is decoded, and a large
photo is decoded reduced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.models import IngestError

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"})
# Refused above this: a 48-megapixel phone photo passes, a TIFF claiming 100 000 × 100 000 does not.
MAX_IMAGE_PIXELS = 60_000_000
# Recognised at most this size: an A4 page at 300 dpi is 8.7 MP; more only costs time.
OCR_PIXELS = 12_000_000
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def is_image(head: bytes) -> bool:
    return head.startswith(IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def load_image(path: Path, max_pixels: int = MAX_IMAGE_PIXELS, ocr_pixels: int = OCR_PIXELS) -> Any:
    """A greyscale PIL image, upright (EXIF orientation applied), at most `ocr_pixels`; IngestError otherwise."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = path.name
    Image.MAX_IMAGE_PIXELS = max_pixels  # Pillow's own guard, for formats whose size is known late
    try:
        img: Any = Image.open(path)
        w, h = img.size
        if w * h > max_pixels:
            raise IngestError(
                f"Tệp {name}: ảnh quá lớn ({w}×{h} điểm ảnh, tối đa {max_pixels // 1_000_000} triệu) – "
                "hãy chụp hoặc quét lại ở độ phân giải thấp hơn."
            )
        if w < 50 or h < 50:
            raise IngestError(f"Tệp {name}: ảnh quá nhỏ ({w}×{h} điểm ảnh), không đọc được chữ.")
        if w * h > ocr_pixels and img.format == "JPEG":
            scale = (ocr_pixels / (w * h)) ** 0.5
            img.draft("L", (int(w * scale), int(h * scale)))  # decode reduced: far less memory and time
        img = ImageOps.exif_transpose(img).convert("L")
        if img.width * img.height > ocr_pixels:
            scale = (ocr_pixels / (img.width * img.height)) ** 0.5
            img = img.resize((int(img.width * scale), int(img.height * scale)), Image.Resampling.LANCZOS)
        return img
    except IngestError:
        raise
    except Image.DecompressionBombError as e:
        raise IngestError(f"Tệp {name}: ảnh quá lớn (nghi là ảnh “bom giải nén”), không đọc.") from e
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise IngestError(f"Tệp {name}: ảnh hỏng hoặc không đúng định dạng, không đọc được.") from e
