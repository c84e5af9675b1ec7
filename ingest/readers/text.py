"""Plain text (.txt, .md): decode the bytes, keep the lines as they are."""

from __future__ import annotations

import codecs
from pathlib import Path

from ingest.models import RawText
from ingest.readers.legacy import detect_legacy


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Text and warnings. UTF-8 (BOM or not), UTF-16 with BOM, legacy fonts, cp1258, Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    # TCVN3/VNI files are bytes of the Latin-1 look-alikes; read_file converts them afterwards.
    latin = data.decode("latin-1")
    if detect_legacy(latin):
        return latin, []
    try:
        return data.decode("cp1258"), []
    except UnicodeDecodeError:
        return latin, ["không xác định được bảng mã, đã đọc theo Latin-1 (có thể sai dấu)"]


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, data: bytes | None = None) -> RawText:
    if data is None:
        data = path.read_bytes()
    text, warnings = decode_bytes(data)
    return RawText(text=normalize_newlines(text), source=str(path), format="text", warnings=warnings)
