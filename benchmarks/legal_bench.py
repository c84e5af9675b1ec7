"""Legal QA benchmark on ALQAC (Vietnamese Automated Legal Question Answering Competition) data.

    python benchmarks/legal_bench.py --laws PATH/law.json --questions PATH/train.json [--limit N]
        [--laws-set nine|all] [--index DIR] [--out FILE.json] [--skip-ingest]

The data is not in this repository. ALQAC's law corpus (`law.json`: [{"id": "Luật Giáo dục", "articles":
[{"id": "5", "text": "Title\\n\\nbody"}]}]) is in github.com/pynterest83/ALQAC2024 (data/law/law.json); the
train questions with gold articles (`[{"question_id", "question_type", "text", "relevant_articles":
[{"law_id", "article_id"}]}]`) in github.com/lightanddark0/alqac25 (alqac25_train.json) or the first
repository (data/full/raw/train.json).

Each law is written as a plain-text document ("LUẬT GIÁO DỤC", then "Điều N. Title" and the article's
body), ingested with the project's own CLI (`python -m bot.cli ingest`, timed, peak RSS of that process),
and every question whose gold is one article of an ingested law is asked with
`python -m bot.cli ask --batch FILE --json --top 10`. A hit at k: the gold law and article are among the
first k distinct articles: the answer's citations first (a refusal cites nothing), then the retrieval
ranking. hit@1 is what the user sees: the answer's first citation. The plain recipe
(benchmarks/plain_recipe.py: 1,000-character chunks + BM25 on syllables) runs on the same texts; a chunk
counts for the article whose "Điều N" heading precedes its start.

Questions are split by position: every third one from the first (positions 0, 3, 6, …) is held out; rules
were tuned only while looking at the others. Both parts are reported.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.plain_recipe import PlainRecipe  # noqa: E402
from ingest.pipeline import doc_id_for  # noqa: E402

# Nine laws, 519 articles, 319 single-article questions in alqac25_train.json (Luật Giáo dục and Luật Viên
# chức, the two a teacher meets, plus seven laws of comparable size).
NINE = [
    "Luật Giáo dục",
    "Luật Viên chức",
    "Luật Phòng, chống ma túy",
    "Luật Cư trú",
    "Luật Tiếp cận thông tin",
    "Luật An ninh mạng",
    "Luật Du lịch",
    "Luật Điện ảnh",
    "Luật Thanh niên",
]
EDUCATION = {"Luật Giáo dục", "Luật Viên chức"}
KS = (1, 3, 5)

_CHILD = (
    "import runpy, sys\n"
    "sys.argv = ['nhiemvu', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('bot.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
    "print('PEAK_KB', hwm)\n"
)


def law_text(law: dict) -> str:
    lines = [law["id"].upper()]
    for article in law["articles"]:
        title, _, body = article["text"].strip().partition("\n")
        lines.append(f"Điều {article['id']}. {title.strip()}")
        lines.extend(p.strip() for p in body.split("\n") if p.strip())
    return "\n".join(lines) + "\n"


def write_laws(laws: list[dict], folder: Path) -> dict[str, tuple[str, str]]:
    """law id → (doc id, text); one .txt file per law."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for law in laws:
        path = folder / f"{doc_id_for(Path(law['id']))}.txt"
        text = law_text(law)
        path.write_text(text, encoding="utf-8")
        out[law["id"]] = (doc_id_for(path), text)
    return out


def ingest(folder: Path, index: Path, progress: bool) -> dict[str, float]:
    cmd = [sys.executable, "-c", _CHILD, "ingest", str(folder), "--index", str(index)]
    if not progress:
        cmd.append("--quiet")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = subprocess.run(
        cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=None if progress else subprocess.PIPE, text=True
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds as well as wall time: on a shared machine the wall time depends on the neighbours.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = next((int(line.split()[1]) for line in run.stdout.splitlines() if line.startswith("PEAK_KB")), 0)
    chunks = re.search(r"(\d+) đoạn \(", run.stdout)
    return {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_rss_mb": round(peak / 1024, 1),
        "chunks": int(chunks.group(1)) if chunks else -1,
    }


def ask_all(questions: list[dict], index: Path, workdir: Path) -> list[dict]:
    batch = workdir / "questions.jsonl"
    batch.write_text(
        "\n".join(json.dumps({"question": q["text"]}, ensure_ascii=False) for q in questions) + "\n"
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "ask",
            "--batch",
            str(batch),
            "--json",
            "--top",
            "10",
            "--index",
            str(index),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def article_of(section: str) -> str:
    """ "Điều 5.2.a" → "5"; other paths → ""."""
    m = re.match(r"^Điều (\d+[a-zđ]?)", section)
    return m.group(1) if m else ""


def our_ranking(answer: dict) -> tuple[list[tuple[str, str]], bool]:
    ranked: list[tuple[str, str]] = []
    cited = (
        [(c["doc_id"], article_of(c["section"])) for c in answer.get("citations", [])]
        if answer["found"]
        else []
    )
    for item in cited + [(r["doc_id"], article_of(r["section"])) for r in answer.get("ranking", [])]:
        if item not in ranked:
            ranked.append(item)
    return ranked, bool(cited)


def plain_ranking(
    recipe: PlainRecipe, heads: dict[str, tuple[list[int], list[str]]], question: str, overlap: bool = False
) -> list[tuple[str, str]]:
    """Articles of the recipe's chunks, best first: the article whose heading precedes the chunk's start, or
    with `overlap` every article the chunk touches (a 1,000-character chunk often spans two)."""
    ranked: list[tuple[str, str]] = []
    for hit in recipe.search(question, k=30):
        offsets, ids = heads[hit.name]
        first = bisect.bisect_right(offsets, hit.start) - 1
        last = bisect.bisect_right(offsets, hit.start + len(hit.text) - 1) - 1 if overlap else first
        for i in range(first, last + 1):
            item = (hit.name, ids[i] if i >= 0 else "")
            if item not in ranked:
                ranked.append(item)
    return ranked[:10]


def headings(text: str) -> tuple[list[int], list[str]]:
    found = [(m.start(), m.group(1)) for m in re.finditer(r"(?m)^Điều (\d+[a-zđ]?)\.", text)]
    return [o for o, _ in found], [a for _, a in found]


def score(rows: list[tuple[dict, list[tuple[str, str]], tuple[str, str]]]) -> dict[str, float | int]:
    out: dict[str, float | int] = {"n": len(rows)}
    if not rows:
        return out
    for k in KS:
        out[f"hit@{k}"] = round(sum(gold in ranked[:k] for _, ranked, gold in rows) / len(rows), 3)
    rr = [1 / (ranked[:10].index(gold) + 1) if gold in ranked[:10] else 0.0 for _, ranked, gold in rows]
    out["mrr@10"] = round(sum(rr) / len(rows), 3)
    return out


def breakdown(rows: list, key) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    groups: dict[str, list] = defaultdict(list)
    for r in rows:
        groups[key(r[0])].append(r)
    return {g: score(v) for g, v in sorted(groups.items())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--laws", type=Path, required=True)
    ap.add_argument("--questions", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=0, help="first N questions only")
    ap.add_argument("--laws-set", choices=["nine", "all"], default="nine")
    ap.add_argument("--index", type=Path, help="index directory (default: a temporary one)")
    ap.add_argument("--skip-ingest", action="store_true", help="reuse --index as it is")
    ap.add_argument("--progress", action="store_true", help="show the ingest progress bars")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--answers", type=Path, help="keep the answers here; reused if the file exists")
    args = ap.parse_args(argv)

    laws = json.loads(args.laws.read_text(encoding="utf-8"))
    if args.laws_set == "nine":
        laws = [law for law in laws if law["id"] in NINE]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        written = write_laws(laws, work / "laws")
        index = args.index or work / "index"
        timing = {} if args.skip_ingest else ingest(work / "laws", index, args.progress)
        questions = [
            q
            for q in json.loads(args.questions.read_text(encoding="utf-8"))
            if len(q.get("relevant_articles", [])) == 1 and q["relevant_articles"][0]["law_id"] in written
        ]
        if args.limit:
            questions = questions[: args.limit]
        for i, q in enumerate(questions):
            q["_held_out"] = i % 3 == 0
        if args.answers and args.answers.exists():
            answers = [json.loads(line) for line in args.answers.read_text().splitlines() if line.strip()]
        else:
            answers = ask_all(questions, index, work)
            if args.answers:
                args.answers.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in answers) + "\n")
        recipe = PlainRecipe([(doc_id, text) for doc_id, text in written.values()])
        heads = {doc_id: headings(text) for doc_id, text in written.values()}

    ours, plain, plain_overlap = [], [], []
    refused = 0
    for q, answer in zip(questions, answers, strict=True):
        gold_law = q["relevant_articles"][0]
        gold = (written[gold_law["law_id"]][0], str(gold_law["article_id"]))
        ranked, found = our_ranking(answer)
        if not found:
            refused += 1
            ranked = [("", ""), *ranked]  # nothing cited: the user saw no article first
        ours.append((q, ranked, gold))
        plain.append((q, plain_ranking(recipe, heads, q["text"]), gold))
        plain_overlap.append((q, plain_ranking(recipe, heads, q["text"], overlap=True), gold))

    def report(rows: list) -> dict:  # type: ignore[type-arg]
        return {
            "overall": score(rows),
            "held_out": score([r for r in rows if r[0]["_held_out"]]),
            "tuned_on": score([r for r in rows if not r[0]["_held_out"]]),
            "education_laws": score([r for r in rows if r[0]["relevant_articles"][0]["law_id"] in EDUCATION]),
            "education_held_out": score(
                [r for r in rows if r[0]["relevant_articles"][0]["law_id"] in EDUCATION and r[0]["_held_out"]]
            ),
            "by_type": breakdown(rows, lambda q: q.get("question_type", "?")),
            "by_law": breakdown(rows, lambda q: q["relevant_articles"][0]["law_id"]),
        }

    result = {
        "laws": [law["id"] for law in laws],
        "articles": sum(len(law["articles"]) for law in laws),
        "text_chars": sum(len(t) for _, t in written.values()),
        "questions": len(questions),
        "ingest": timing,
        "refused": refused,
        "ours": report(ours),
        "plain_recipe": report(plain),
        "plain_recipe_overlap": report(plain_overlap),
        "cpu": os.cpu_count(),
    }
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(
        json.dumps(
            {k: result[k] for k in ("laws", "articles", "questions", "ingest", "refused")}, ensure_ascii=False
        )
    )
    for name in ("ours", "plain_recipe", "plain_recipe_overlap"):
        r = result[name]
        print(name, "overall", r["overall"], "held_out", r["held_out"], "education", r["education_laws"])
        print("   by type", r["by_type"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
