"""`nhiemvu doctor` on a good, an empty and a broken deployment (real files; getMe against the fake Bot API)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.chatdb import ChatDB
from bot.cli import main
from bot.ops.doctor import FAIL, OK, WARN, check_disk, check_permissions, check_telegram, run_checks
from bot.settings import Settings
from tests.fake_bot_api import BOT_USERNAME, TOKEN, FakeBotAPI


def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    for key in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "NHIEMVU_EMBEDDER"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def test_good_deployment_passes(
    index_copy: Path,
    tmp_path: Path,
    api: FakeBotAPI,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ChatDB(tmp_path / "chat.sqlite3").set_chat_settings(1, province="An Giang")
    _env(
        monkeypatch,
        tmp_path,
        NHIEMVU_INDEX_DIR=str(index_copy),
        NHIEMVU_DB=str(tmp_path / "chat.sqlite3"),
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_WEBHOOK_SECRET="s3cret-token",
    )
    code = main(["doctor"])
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.splitlines()
    assert len(lines) == 10 and lines[-1] == "Sẵn sàng phục vụ."
    assert not [line for line in lines if line.startswith("✗")]
    assert any(f"bot @{BOT_USERNAME}" in line for line in lines)
    assert any("5 văn bản" in line and "mã kiểm tra khớp" in line for line in lines)
    assert api.calls_of("getMe")


def test_empty_deployment_is_blocked_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _env(
        monkeypatch,
        tmp_path,
        NHIEMVU_INDEX_DIR=str(tmp_path / "index"),
        NHIEMVU_DB=str(tmp_path / "chat.sqlite3"),
    )
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    index_line = next(line for line in out.splitlines() if line.startswith("✗ Chỉ mục"))
    assert "Cách sửa: nhiemvu ingest" in index_line
    assert "sẽ được tạo" in out  # a missing db is fine


def test_broken_deployment_names_every_problem(
    index_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = index_copy / "versions" / (index_copy / "CURRENT").read_text(encoding="utf-8").strip()
    with (live / "dense.faiss").open("r+b") as fh:  # one flipped byte
        fh.seek(100)
        byte = fh.read(1)
        fh.seek(100)
        fh.write(bytes([byte[0] ^ 0xFF]))
    (tmp_path / "chat.sqlite3").write_bytes(b"this is not a database" * 300)
    _env(
        monkeypatch,
        tmp_path,
        NHIEMVU_INDEX_DIR=str(index_copy),
        NHIEMVU_DB=str(tmp_path / "chat.sqlite3"),
        TELEGRAM_BOT_TOKEN="12345",
        TELEGRAM_WEBHOOK_SECRET="có dấu cách",
    )
    assert main(["doctor"]) == 1
    failed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("✗")]
    assert [line.split(":")[0] for line in failed] == [
        "✗ Chỉ mục",
        "✗ Cơ sở dữ liệu hội thoại",
        "✗ Telegram",
        "✗ Webhook Telegram",
    ], failed
    assert "dense.faiss" in failed[0]
    assert all("Cách sửa:" in line for line in failed)


def test_rejected_token_and_unreachable_bot_api(api: FakeBotAPI, tmp_path: Path) -> None:
    other = "987654321:AAH-another_token_unknown_here_x"
    rejected = Settings(_env_file=None, telegram_bot_token=other, telegram_api_base_url=api.base_url)  # type: ignore[call-arg]
    assert check_telegram(rejected).status == FAIL
    port = api.port
    api.stop()
    offline = Settings(  # type: ignore[call-arg]
        _env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=f"http://127.0.0.1:{port}/bot"
    )
    unreachable = check_telegram(offline, timeout=1.0)
    assert unreachable.status == WARN and "không gọi được getMe" in unreachable.message


def test_disk_and_permissions(tmp_path: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        nhiemvu_index_dir=tmp_path / "index",
        nhiemvu_db=tmp_path / "chat.sqlite3",
        zalo_token_file=tmp_path / "zalo.json",
    )
    assert check_disk(settings, lambda _: (10**12, 10**12 - 50 * 1024**2, 50 * 1024**2)).status == FAIL
    assert check_disk(settings, lambda _: (10**12, 0, 10**12)).status == OK
    (tmp_path / "zalo.json").write_text("{}", encoding="utf-8")
    os.chmod(tmp_path / "zalo.json", 0o644)
    loose = check_permissions(settings)
    assert loose.status == WARN and "chmod 600" in loose.fix
    os.chmod(tmp_path / "zalo.json", 0o600)
    assert check_permissions(settings).status == OK
    assert [c.name for c in run_checks(settings)][:3] == ["Python", "Gói Python", "Tesseract (OCR)"]


def test_an_index_with_older_bm25_parameters_is_a_warning_with_the_fix(
    index_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from index import lexical
    from index.snapshot import MANIFEST, checksums, current_version
    from index.store import Store

    live = current_version(index_copy)
    assert live is not None
    with monkeypatch.context() as m:  # the lexical part as a build before the refit wrote it
        m.setattr(lexical, "BM25_K1", 1.5)
        old = lexical.build_bm25([c.search_text for c in Store(live / "store.sqlite").chunks])
    old.save(str(live / "bm25"), show_progress=False)
    manifest = json.loads((live / MANIFEST).read_text(encoding="utf-8"))
    manifest["checksums"] = checksums(live)
    (live / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    _env(monkeypatch, tmp_path, NHIEMVU_INDEX_DIR=str(index_copy))
    check = next(c for c in run_checks(Settings(_env_file=None)) if c.name == "Chỉ mục")  # type: ignore[call-arg]
    assert check.status == WARN, check.line()
    assert "BM25" in check.message and "nhiemvu ingest" in check.fix
