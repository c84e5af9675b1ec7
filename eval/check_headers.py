"""Header-field accuracy: the metadata an index holds for the development documents vs corpus/dev/headers.json.

    python eval/check_headers.py --index /tmp/dev-idx          # runs `bot.cli documents --json` on it
    python eval/check_headers.py --json documents.json          # or reads that command's saved output
    python eval/check_headers.py --docs corpus/dev corpus/sample # or parses the files itself (no index, fast)
    python eval/check_headers.py --docs data/realdocs --gold eval/realdocs/headers.json

With --docs each file is read and parsed (ingest.pipeline.parse_document, manifest.json overrides applied),
without embeddings. Gold: {file name: {field: value}}; a gold entry may leave a field out (not judged). Every
wrong or null value is listed with the reason the parser gave for a null.

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
    if args.docs:
        return parse_folders([Path(d) for d in args.docs])
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "documents", "--index", args.index, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def parse_folders(folders: list[Path]) -> list[dict[str, Any]]:
    """Every readable file's header, as `documents --json` prints it (with a `reasons` map for null fields)."""
    sys.path.insert(0, str(ROOT))
    from ingest.manifest import load_overrides
    from ingest.models import IngestError
    from ingest.pipeline import parse_document
    from ingest.readers import SUPPORTED_SUFFIXES

    out: list[dict[str, Any]] = []
    for folder in folders:
        overrides = load_overrides(folder)
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            try:
                doc = parse_document(path, overrides.get(path.name))
            except IngestError as e:
                print(f"  ! {e}", file=sys.stderr)
                continue
            d = doc.as_dict()
            d["reasons"] = {k: v.reason for k, v in doc.meta.sources.items() if v.reason}
            out.append(d)
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--index")
    src.add_argument("--json")
    src.add_argument("--docs", nargs="+", help="folders of documents to parse directly")
    ap.add_argument("--gold", default=str(GOLD), help="gold headers (default corpus/dev/headers.json)")
    args = ap.parse_args(argv)
    gold: dict[str, dict[str, Any]] = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    by_source = {Path(d.get("source", "")).name: d for d in load_documents(args)}
    right = {f: 0 for f in FIELDS}
    judged = {f: 0 for f in FIELDS}
    wrong = {f: 0 for f in FIELDS}
    misses: list[str] = []
    for name, want in gold.items():
        got = by_source.get(name)
        if got is None:
            misses.append(f"{name}: không có trong chỉ mục")
            judged = {f: judged[f] + (f in want) for f in FIELDS}
            continue
        for f in FIELDS:
            if f not in want:
                continue
            judged[f] += 1
            if norm(got.get(f)) == norm(want[f]):
                right[f] += 1
                continue
            reason = got.get("reasons", {}).get(f)
            kind = "null" if got.get(f) is None else "sai"
            wrong[f] += kind == "sai"
            why = f" ({reason})" if reason and got.get(f) is None else ""
            misses.append(f"{name}: {f} = {got.get(f)!r}{why}, đúng là {want[f]!r} [{kind}]")
    for f in FIELDS:
        n = judged[f] or 1
        print(f"{f:<13}{right[f] / n:6.3f}  ({right[f]}/{judged[f]}, sai {wrong[f]})")
    total, count = sum(right.values()), sum(judged.values())
    print(f"{'overall':<13}{total / (count or 1):6.3f}  ({total}/{count}, sai {sum(wrong.values())})")
    for line in misses:
        print("  ✗", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
