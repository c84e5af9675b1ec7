"""Check the gold data of the question sets against the documents as the project's readers extract them.

    python eval/check_gold.py [eval/dev2.jsonl eval/fresh.jsonl ...]   # default: every eval/*.jsonl

For every question: the schema (keys, kind, unique id, refuse ⇔ no doc), the named document exists in
corpus/dev or corpus/sample, and every `evidence` phrase occurs in that document's extracted text after the
normalisation of eval/README.md (NFC, lower case, `*` removed, white space folded). `answer_contains`
strings must occur in the document too (the extractive answer quotes it). corpus/dev/headers.json must
name every development document with the seven header fields. Exit 1 on any problem.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.readers import SUPPORTED_SUFFIXES, read_file  # noqa: E402

# data/realdocs: the real documents of eval/realdocs, rebuilt outside git by scripts/fetch_realdocs.py.
CORPORA = [ROOT / "corpus" / "dev", ROOT / "corpus" / "sample", ROOT / "data" / "realdocs"]
KINDS = {"fact", "numeric", "list", "paraphrase", "nodiacritics", "refuse", "scoped", "ordinal", "current"}
KEYS = {"id", "kind", "doc", "section", "question", "evidence", "answer_contains"}
OPTIONAL_KEYS = {"split"}  # eval/realdocs: "train" or "heldout", by document
DIALOGUE_KEYS = {
    "conversation",
    "turn_kind",
}  # dialogue files: turns of one conversation share `conversation`
LEVELS = {"bo", "chinh-phu", "tinh", "so", "phong", "truong", "bao-chi"}
HEADER_KEYS = {"doc_type", "doc_number", "issuer", "province", "issued_date", "school_year", "issuer_level"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


@cache
def doc_text(name: str) -> str | None:
    for corpus in CORPORA:
        path = corpus / name
        if path.is_file():
            return norm(read_file(path).text)
    return None


@cache
def real_documents() -> frozenset[str]:
    """Files of eval/realdocs and eval/realscans manifest.json: absent from a fresh clone until
    scripts/fetch_realdocs.py runs (scans are never in CORPORA: their evidence is the page's words, not the OCR's)."""
    manifests = [ROOT / "eval" / sub / "manifest.json" for sub in ("realdocs", "realscans")]
    return frozenset(
        entry["file"]
        for manifest in manifests
        if manifest.is_file()
        for entry in json.loads(manifest.read_text(encoding="utf-8"))
    )


def check_questions(path: Path, skipped: list[str] | None = None) -> list[str]:
    """Problems of one question file; questions on real documents not fetched here go to `skipped`."""
    problems: list[str] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: JSON hỏng ({e})")
            continue
        want = KEYS | ((DIALOGUE_KEYS | OPTIONAL_KEYS) & set(q))
        if set(q) != want:
            problems.append(f"{where}: khóa {sorted(set(q) ^ want)} sai")
            continue
        where = f"{path.name}:{q['id']}"
        if q["id"] in seen:
            problems.append(f"{where}: id trùng")
        seen.add(q["id"])
        if q["kind"] not in KINDS:
            problems.append(f"{where}: kind {q['kind']!r} lạ")
        if q["kind"] == "refuse":
            if q["doc"] or q["evidence"] or q["section"]:
                problems.append(f"{where}: câu refuse không được có doc/evidence/section")
            continue
        text = doc_text(q["doc"])
        if text is None:
            if q["doc"] in real_documents():
                if skipped is not None:
                    skipped.append(where)  # checked where data/realdocs was rebuilt
            else:
                problems.append(f"{where}: không có tệp {q['doc']}")
            continue
        if not q["evidence"] and not q["answer_contains"]:  # a list question may grade the answer only
            problems.append(f"{where}: thiếu evidence")
        for ev in q["evidence"]:
            if norm(ev) not in text:
                problems.append(f"{where}: evidence không có trong văn bản: {ev!r}")
        for ans in q["answer_contains"]:
            if norm(ans) not in text:
                problems.append(f"{where}: answer_contains không có trong văn bản: {ans!r}")
    return problems


def check_headers() -> list[str]:
    dev = ROOT / "corpus" / "dev"
    path = dev / "headers.json"
    if not path.is_file():
        return ["thiếu corpus/dev/headers.json"]
    gold = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    files = {p.name for p in dev.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES}
    for name in sorted(files - set(gold)):
        problems.append(f"headers.json: thiếu {name}")
    for name, fields in gold.items():
        if name not in files:
            problems.append(f"headers.json: {name} không có trong corpus/dev")
        if set(fields) != HEADER_KEYS:
            problems.append(f"headers.json: {name}: khóa {sorted(set(fields) ^ HEADER_KEYS)} sai")
        elif fields["issuer_level"] not in LEVELS:
            problems.append(f"headers.json: {name}: issuer_level {fields['issuer_level']!r} lạ")
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "eval").glob("*.jsonl"))
    problems = check_headers()
    skipped: list[str] = []
    count = 0
    for p in paths:
        problems += check_questions(p, skipped)
        count += sum(1 for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    for line in problems:
        print(line)
    note = f"; {len(skipped)} bỏ qua (chưa tải data/realdocs, data/realscans)" if skipped else ""
    print(f"{count} câu hỏi trong {len(paths)} tệp; {len(problems)} lỗi{note}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
