"""Optional per-folder overrides: a `manifest.json` beside the documents.

    {"chi-thi-05.pdf": {"doc_number": "05/CT-UBND", "province": "Cà Mau", "school_year": "2025-2026"}}

Any DocumentMeta field may be given; what the header parser read is replaced, and the field is
recorded as read from the manifest with full confidence.
"""

from __future__ import annotations

import json
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from ingest.models import DocumentMeta, FieldSource, IngestError

MANIFEST_NAME = "manifest.json"
_FIELDS = {f.name for f in fields(DocumentMeta)} - {"source", "sources"}


def load_overrides(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"Tệp {path.name} trong {folder}: không đọc được ({exc}).") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise IngestError(f"Tệp {path}: phải là một đối tượng JSON {{tên tệp: {{trường: giá trị}}}}.")
    for name, entry in data.items():
        unknown = set(entry) - _FIELDS
        if unknown:
            raise IngestError(
                f"Tệp {path}: mục {name!r} có trường không hỗ trợ: {', '.join(sorted(unknown))}."
            )
    return data


def apply_overrides(meta: DocumentMeta, overrides: dict[str, Any] | None) -> DocumentMeta:
    if not overrides:
        return meta
    sources = {**meta.sources, **{name: FieldSource("manifest", 1.0) for name in overrides}}
    return replace(meta, **overrides, sources=sources)
