"""The index: Vietnamese lexical matching, atomic builds, verification, embedding reuse, updates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index import lexical
from index.library import ingest_paths, remove_documents
from index.snapshot import IndexUnavailable, current_version, load_snapshot
from index.tokens import tokenize
from tests.conftest import SAMPLE
from tests.fakes import HashEmbedder

DOC = "Số: 12/CT-UBND\nHà Giang, ngày 5 tháng 9 năm 2023\nCHỈ THỊ\nVề nhiệm vụ năm học 2023-2024\n\n1. Đẩy mạnh dạy học trực tuyến\n\nTăng cường dạy học trực tuyến ở các trường.\n\n2. Xây dựng trường học hạnh phúc\n\nMọi trường học xây dựng môi trường an toàn.\n"


def _corpus(tmp_path: Path, text: str = DOC) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    (folder / "ha-giang-ct-12.txt").write_text(text, encoding="utf-8")
    return folder


def test_tokens_match_without_tone_marks() -> None:
    doc = set(tokenize("Đẩy mạnh dạy học trực tuyến theo Chỉ thị 04/CT-UBND"))
    query = tokenize("day hoc truc tuyen chi thi 04/ct-ubnd")
    assert {"~day_hoc", "~truc_tuyen", "#04/ct-ubnd"} <= doc
    assert set(query) & doc >= {"~day_hoc", "~hoc_truc", "~truc_tuyen"}


def test_bm25_finds_toneless_query(tmp_path: Path) -> None:
    root = tmp_path / "idx"
    ingest_paths(root, [_corpus(tmp_path)], HashEmbedder(), progress=False)
    snap = load_snapshot(root, "fake:hash-64")
    scores = snap.lexical_scores(tokenize("day hoc truc tuyen"), None)
    best = snap.store.chunks[int(scores.argmax())]
    assert best.section_path == "1" and scores.max() > 0


def test_reingest_reuses_embeddings_and_changed_file_replaces_chunks(tmp_path: Path) -> None:
    root, folder = tmp_path / "idx", _corpus(tmp_path)
    embedder = HashEmbedder()
    first = ingest_paths(root, [folder], embedder, progress=False).build
    assert first is not None and first.embedded == first.chunks
    again = ingest_paths(root, [folder], embedder, progress=False).build
    assert again is not None and again.embedded == 0 and again.reused == again.chunks
    (folder / "ha-giang-ct-12.txt").write_text(
        DOC.replace("môi trường an toàn", "môi trường xanh"), encoding="utf-8"
    )
    changed = ingest_paths(root, [folder], embedder, progress=False).build
    assert changed is not None and changed.embedded >= 1
    chunks = load_snapshot(root).store.chunks
    assert any("môi trường xanh" in c.text for c in chunks) and not any("an toàn" in c.text for c in chunks)
    assert len(load_snapshot(root).store.documents) == 1


def test_remove_document(tmp_path: Path) -> None:
    root = tmp_path / "idx"
    ingest_paths(
        root,
        [_corpus(tmp_path), SAMPLE / "lao-cai_2021-2022_dang-ky-chi-tieu-thi-dua.txt"],
        HashEmbedder(),
        progress=False,
    )
    assert len(load_snapshot(root).store.documents) == 2
    assert remove_documents(root, ["ha-giang-ct-12"], HashEmbedder()) is not None
    assert list(load_snapshot(root).store.documents) == ["lao-cai-2021-2022-dang-ky-chi-tieu-thi-dua"]
    assert remove_documents(root, ["no-such-doc"], HashEmbedder()) is None


def test_corrupt_index_refused(index_copy: Path) -> None:
    version = current_version(index_copy)
    assert version is not None
    target = version / "dense.faiss"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(IndexUnavailable, match="hỏng"):
        load_snapshot(index_copy)


def test_truncated_store_refused(index_copy: Path) -> None:
    version = current_version(index_copy)
    assert version is not None
    store = version / "store.sqlite"
    store.write_bytes(store.read_bytes()[:1000])
    with pytest.raises(IndexUnavailable):
        load_snapshot(index_copy)


def test_embedder_mismatch_refused(sample_index: Path) -> None:
    with pytest.raises(IndexUnavailable, match="bộ nhúng"):
        load_snapshot(sample_index, "st:intfloat/multilingual-e5-base")


def test_missing_index_message(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable, match="nhiemvu ingest"):
        load_snapshot(tmp_path / "nothing")


_SLOW_BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from tests.fakes import HashEmbedder
from index.library import ingest_paths
ingest_paths(Path({root!r}), [Path({src!r})], HashEmbedder(delay=0.05), progress=False)
"""


def test_build_killed_midway_leaves_old_index_serving(tmp_path: Path) -> None:
    root = tmp_path / "idx"
    ingest_paths(root, [_corpus(tmp_path)], HashEmbedder(), progress=False)
    before = current_version(root)
    script = _SLOW_BUILD.format(
        repo=str(Path(__file__).resolve().parent.parent), root=str(root), src=str(SAMPLE)
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    time.sleep(2.0)  # parsing done, embedding ~140 chunks at 50 ms each is under way
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert current_version(root) == before
    snap = load_snapshot(root, "fake:hash-64")
    assert list(snap.store.documents) == ["ha-giang-ct-12"]
    # The next build still works after the crash.
    assert ingest_paths(root, [_corpus(tmp_path)], HashEmbedder(), progress=False).build is not None


def test_bm25_repetition_saturates(tmp_path: Path) -> None:
    """A passage that repeats one question word (the document's subject) does not outrank one writing both."""
    times = ", ".join(
        f"mìn {w}"
        for w in ["sáng", "chiều", "tối", "đêm", "lễ", "tết", "mưa", "nắng", "gió", "rét", "hè", "xuân"]
    )
    text = (
        "Số: 15/KH-UBND\nLào Cai, ngày 5 tháng 3 năm 2026\nKẾ HOẠCH\nVề kiểm tra vật liệu nổ\n\n"
        f"1. Thời gian\n\n{times.capitalize()}.\n\n"
        "2. Bảo quản\n\nMìn chưa dùng cất vào kho ngay.\n\n"
        "3. Kho\n\nKho có người bảo vệ ngày đêm.\n"
    )
    root = tmp_path / "idx"
    ingest_paths(root, [_corpus(tmp_path, text)], HashEmbedder(), progress=False)
    snap = load_snapshot(root, "fake:hash-64")
    scores = snap.lexical_scores(tokenize("mìn kho"), None)
    by_path = {c.section_path: float(s) for c, s in zip(snap.store.chunks, scores, strict=True)}
    assert by_path["2"] > by_path["1"] > 0


def test_an_index_built_with_other_bm25_parameters_is_read_with_todays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # An index built before k1 was refitted answers as a fresh build would, without a manual re-ingest.
    fresh, old = tmp_path / "fresh", tmp_path / "old"
    ingest_paths(fresh, [_corpus(tmp_path)], HashEmbedder(), progress=False)
    with monkeypatch.context() as m:
        m.setattr(lexical, "BM25_K1", 1.5)
        ingest_paths(old, [_corpus(tmp_path)], HashEmbedder(), progress=False)
    tokens = tokenize("xây dựng trường học an toàn, dạy học trực tuyến")
    with caplog.at_level("WARNING", logger="index.snapshot"):
        loaded = load_snapshot(old, "fake:hash-64")
    assert "k1=1.5" in caplog.text
    assert loaded.bm25.k1 == lexical.BM25_K1
    expected = load_snapshot(fresh, "fake:hash-64").lexical_scores(tokens, None)
    assert list(loaded.lexical_scores(tokens, None)) == list(expected)
    assert load_snapshot(old, "fake:hash-64").path == current_version(old)  # its files still verify
