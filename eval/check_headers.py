"""Header-field accuracy: the metadata an index holds for the development documents vs corpus/dev/headers.json.

    python eval/check_headers.py --index /tmp/dev-idx          # runs `bot.cli documents --json` on it
    python eval/check_headers.py --json documents.json          # or reads that command's saved output

Prints accuracy per field and overall (fields × documents), then every mismatch. Values are compared
after NFC, lower-casing and white-space folding; a gold null must be read as null.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "dev" / "headers.json"
FIELDS = ["doc_type", "doc_number", "issuer", "province", "issued_date", "school_year", "issuer_level"]


def norm(value: Any) -> str | None:
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFC", str(value)).lower().split())


def load_documents(args: argparse.Namespace) -> list[dict[str, Any]]:
    if args.json:
        return json.loads(Path(args.json).read_text(encoding="utf-8"))
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "documents", "--index", args.index, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--index")
    src.add_argument("--json")
    args = ap.parse_args(argv)
    gold: dict[str, dict[str, Any]] = json.loads(GOLD.read_text(encoding="utf-8"))
    by_source = {Path(d.get("source", "")).name: d for d in load_documents(args)}
    right = {f: 0 for f in FIELDS}
    misses: list[str] = []
    for name, want in gold.items():
        got = by_source.get(name)
        if got is None:
            misses.append(f"{name}: không có trong chỉ mục")
            continue
        for f in FIELDS:
            if norm(got.get(f)) == norm(want[f]):
                right[f] += 1
            else:
                misses.append(f"{name}: {f} = {got.get(f)!r}, đúng là {want[f]!r}")
    n = len(gold)
    for f in FIELDS:
        print(f"{f:<13}{right[f] / n:6.3f}  ({right[f]}/{n})")
    total = sum(right.values())
    print(f"{'overall':<13}{total / (n * len(FIELDS)):6.3f}  ({total}/{n * len(FIELDS)})")
    for line in misses:
        print("  ✗", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
