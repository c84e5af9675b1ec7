"""The development material stays consistent: every evidence phrase of every question set occurs in the
document it names (as the readers extract it), headers.json covers corpus/dev, and the generated DOCX/PDF
files are what corpus/dev/make_binaries.py makes from their sources."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_every_question_set_matches_its_documents(capsys):
    check_gold = _load(REPO / "eval" / "check_gold.py", "check_gold")
    assert check_gold.main([]) == 0, capsys.readouterr().out


def test_check_gold_catches_a_phrase_missing_from_the_document(tmp_path, capsys):
    check_gold = _load(REPO / "eval" / "check_gold.py", "check_gold")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "b1", "kind": "fact", "doc": "quang-ninh_2022-2023_chi-thi-15-ct-ubnd.txt", "section": "", '
        '"question": "?", "evidence": ["khai giảng ngày 06/9/2022"], "answer_contains": []}\n',
        encoding="utf-8",
    )
    assert check_gold.main([str(bad)]) == 1
    assert "evidence không có trong văn bản" in capsys.readouterr().out


def test_real_documents_not_fetched_are_skipped_but_unknown_names_fail(tmp_path, capsys, monkeypatch):
    check_gold = _load(REPO / "eval" / "check_gold.py", "check_gold")
    monkeypatch.setattr(check_gold, "CORPORA", [REPO / "corpus" / "dev", REPO / "corpus" / "sample"])
    check_gold.doc_text.cache_clear()
    real = sorted(check_gold.real_documents())[0]
    line = '{"id": "%s", "kind": "fact", "doc": "%s", "section": "", "question": "?", "evidence": ["x"], "answer_contains": []}\n'
    qs = tmp_path / "q.jsonl"
    qs.write_text(line % ("r1", real), encoding="utf-8")
    assert check_gold.main([str(qs)]) == 0
    assert "1 bỏ qua" in capsys.readouterr().out
    qs.write_text(line % ("r2", "khong-co-van-ban-nay.txt"), encoding="utf-8")
    assert check_gold.main([str(qs)]) == 1
    assert "không có tệp" in capsys.readouterr().out
    check_gold.doc_text.cache_clear()


def test_binaries_are_reproducible_from_their_sources(tmp_path, monkeypatch):
    make = _load(REPO / "corpus" / "dev" / "make_binaries.py", "make_binaries")
    shutil.copytree(REPO / "corpus" / "dev" / "sources", tmp_path / "sources")
    monkeypatch.setattr(make, "HERE", tmp_path)
    monkeypatch.setattr(make, "SOURCES", tmp_path / "sources")
    assert make.main() == 0
    made = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".docx", ".pdf"))
    assert len(made) >= 4
    for name in made:
        assert (tmp_path / name).read_bytes() == (REPO / "corpus" / "dev" / name).read_bytes(), name
