"""Header-field accuracy of the parser against a gold file (corpus/dev/headers.json).

    python scripts/header_accuracy.py [corpus/dev]

Prints per-field accuracy, the overall share of correct fields and every mismatch with the origin the
parser recorded for it. A manifest.json in the folder is applied, as ingestion does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.manifest import load_overrides  # noqa: E402
from ingest.pipeline import parse_document  # noqa: E402

FIELDS = ("doc_type", "doc_number", "issuer", "province", "issued_date", "school_year", "issuer_level")


def measure(folder: Path) -> tuple[dict[str, float], float, list[str]]:
    gold = json.loads((folder / "headers.json").read_text(encoding="utf-8"))
    overrides = load_overrides(folder)
    right = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for name, expected in sorted(gold.items()):
        meta = parse_document(folder / name, overrides.get(name)).meta
        for f in FIELDS:
            got = getattr(meta, f)
            if got == expected.get(f):
                right[f] += 1
            else:
                src = meta.sources.get(f)
                where = f"{src.origin} {src.confidence}" if src else "no source"
                misses.append(f"{name}: {f} = {got!r} ({where}), gold {expected.get(f)!r}")
    n = len(gold)
    per_field = {f: right[f] / n for f in FIELDS}
    return per_field, sum(right.values()) / (n * len(FIELDS)), misses


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpus" / "dev"
    per_field, overall, misses = measure(folder)
    for f, acc in per_field.items():
        print(f"{f:13} {acc:.3f}")
    print(f"{'overall':13} {overall:.3f}")
    for m in misses:
        print("  ✗", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
