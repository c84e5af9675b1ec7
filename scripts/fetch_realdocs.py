#!/usr/bin/env python3
"""Rebuild the real-document development set (eval/realdocs) outside the repository.

The documents are NOT stored in this repository. eval/realdocs/manifest.json names, for
each one, a public GitHub repository, the commit that was read, the path inside it and
(for dataset files) the record to extract. This script reads those bytes from local bare
git snapshots (as brought by the session's `fetch` tool: /work/.mirror/<owner>+<name>/...)
and writes them to the output folder (default data/realdocs, which is git-ignored),
checking each file's sha256.

    python scripts/fetch_realdocs.py [--out data/realdocs] [--mirror /work/.mirror]
                                     [--manifest eval/realdocs/manifest.json] [--split train|heldout]
    python scripts/fetch_realdocs.py --manifest eval/realscans/manifest.json --out data/realscans
                                     # the real scans and photos of eval/realscans (image files, PDFs)

Exit status: 0 when every file was written and matched its sha256; 1 when a repository
snapshot is missing (the exact `fetch` calls to make are printed), a commit/path is
absent, or a checksum differs.  Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def git_dir_for(mirror: Path, repo: str) -> Path | None:
    """Find the bare git directory fetch made for owner/name (several layouts occur)."""
    base = mirror / repo.replace("/", "+")
    for cand in (base / "repo" / ".git", base / "repo", base / ".git", base):
        if (cand / "HEAD").is_file() and (cand / "objects").is_dir():
            return cand
    return None


def git_show(git_dir: Path, commit: str, path: str) -> bytes:
    proc = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
        capture_output=True,
    )
    if proc.returncode != 0:
        raise LookupError(proc.stderr.decode("utf-8", "replace").strip() or "git show failed")
    return proc.stdout


def extract_record(data: bytes, record: dict) -> bytes:
    """Pick one record out of a JSON / JSONL / CSV file and return its text as UTF-8."""
    fmt = record.get("format")
    field = record.get("field")
    text = data.decode("utf-8")
    if fmt == "json":
        obj = json.loads(text)
        if "index" in record:
            obj = obj[record["index"]]
        if "key" in record:
            obj = obj[record["key"]]
        value = obj[field] if field else obj
    elif fmt == "jsonl":
        line = text.splitlines()[record["line"] - 1]  # 1-based line number
        obj = json.loads(line)
        value = obj[field] if field else line
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        value = rows[record["row"] - 1][field]  # 1-based data row
    else:
        raise ValueError(f"unknown record format {fmt!r}")
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    return value.encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "data" / "realdocs"))
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--manifest", default=str(ROOT / "eval" / "realdocs" / "manifest.json"))
    ap.add_argument("--split", choices=["train", "heldout"], help="only this split")
    args = ap.parse_args(argv)

    entries = json.loads(Path(args.manifest).read_text(encoding="utf-8"))
    if args.split:
        entries = [e for e in entries if e.get("split") == args.split]
    mirror = Path(args.mirror)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    missing = sorted({e["repo"] for e in entries if git_dir_for(mirror, e["repo"]) is None})
    if missing:
        print(f"{len(missing)} repository snapshot(s) missing under {mirror}. Bring them with the")
        print("session's fetch tool, then run this script again:")
        for repo in missing:
            print(f"  fetch github:{repo}")
        return 1

    ok = bad = 0
    problems: list[str] = []
    by_split: dict[str, int] = {}
    for e in entries:
        try:
            data = git_show(git_dir_for(mirror, e["repo"]), e["commit"], e["path"])
            if e.get("record"):
                data = extract_record(data, e["record"])
        except Exception as exc:  # noqa: BLE001 - report and continue
            bad += 1
            problems.append(f"{e['file']}: cannot read {e['repo']}@{e['commit'][:10]}:{e['path']} ({exc})")
            continue
        digest = hashlib.sha256(data).hexdigest()
        (out / e["file"]).write_bytes(data)
        if digest != e["sha256"]:
            bad += 1
            problems.append(f"{e['file']}: sha256 {digest} != manifest {e['sha256']}")
            continue
        ok += 1
        by_split[e.get("split", "?")] = by_split.get(e.get("split", "?"), 0) + 1

    print(f"wrote {ok + bad} file(s) to {out}: {ok} verified, {bad} problem(s)")
    print("  by split: " + ", ".join(f"{k}={v}" for k, v in sorted(by_split.items())))
    repos = sorted({e["repo"] for e in entries})
    print(f"  from {len(repos)} repositories: " + ", ".join(repos))
    for p in problems:
        print("  PROBLEM " + p)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
