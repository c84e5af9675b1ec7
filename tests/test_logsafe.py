"""Secrets from Settings never reach a log line: message, arguments, tracebacks, any handler."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.logsafe import (
    MASK,
    install_secret_redaction,
    protect_handler,
    secret_values,
    uninstall_secret_redaction,
)
from bot.settings import Settings

SECRETS = {
    "telegram_bot_token": "987654321:AAF-very_secret_token_value_0123456",
    "llm_api_key": "sk-llm-secret-abcdef",
    "zalo_oa_secret_key": "zalo-oa-secret-XYZ",
    "zalo_access_token": "zalo-access-token-777",
    "zalo_refresh_token": "zalo-refresh-token-888",
    "telegram_webhook_secret": "hook_secret_ABC",
}
API_KEYS = ["api-key-one-1111", "api-key-two-2222"]
ALL = [*SECRETS.values(), *API_KEYS]
FORMAT = "%(levelname)s %(name)s: %(message)s"


def make_settings() -> Settings:
    values: dict[str, Any] = {"api_keys": " , ".join(API_KEYS), **SECRETS}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def capture() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A root handler present before installation; the filter is removed again afterwards."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    logger = logging.getLogger("test.logsafe")
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        install_secret_redaction(make_settings())
        yield logger, stream
    finally:
        uninstall_secret_redaction()
        root.removeHandler(handler)
        logger.setLevel(old_level)


def assert_clean(text: str) -> None:
    for secret in ALL:
        assert secret not in text, (secret, text)
    assert "AAF-very_secret" not in text


def test_secret_values_cover_every_secretstr_field_and_each_api_key() -> None:
    values = secret_values(make_settings())
    for secret in ALL:
        assert secret in values
    assert "" not in values and " " not in values
    assert secret_values(Settings(_env_file=None)) == []  # type: ignore[call-arg]


@pytest.mark.parametrize("secret", ALL)
def test_secret_in_message_and_in_args(capture: tuple[logging.Logger, io.StringIO], secret: str) -> None:
    logger, stream = capture
    logger.warning(f"in the message: {secret} end")
    logger.warning("in the args: %s and %r", secret, {"key": secret})
    logger.info("mapping args: %(k)s", {"k": secret})
    out = stream.getvalue()
    assert_clean(out)
    assert out.count(MASK) == 4
    assert "in the message: *** end" in out
    assert "in the args: *** and {'key': '***'}" in out
    assert "mapping args: ***" in out


def test_secret_in_exception_logged_with_exc_info(capture: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = capture
    for secret in ALL:
        try:
            raise RuntimeError(f"upstream rejected {secret}")
        except RuntimeError:
            logger.exception("call failed")
        try:
            raise ValueError(secret)
        except ValueError as exc:
            logger.error("wrapped: %s", exc, exc_info=True)
    out = stream.getvalue()
    assert_clean(out)
    assert out.count("Traceback (most recent call last)") == 2 * len(ALL)
    assert "RuntimeError: upstream rejected ***" in out and "ValueError: ***" in out


def test_bot_token_url_pattern_is_redacted_even_if_not_configured(
    capture: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = capture
    logger.info(
        'HTTP Request: POST %s "HTTP/1.1 200 OK"', "https://api.telegram.org/bot555:other-Token_9/getMe"
    )
    out = stream.getvalue()
    assert "other-Token_9" not in out and "555:" not in out
    assert "https://api.telegram.org/***/getMe" in out


def test_url_encoded_secret_is_redacted(capture: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = capture
    logger.info("GET /?token=%s", "987654321%3AAAF-very_secret_token_value_0123456")
    assert_clean(stream.getvalue())
    assert "token=***" in stream.getvalue()


def test_normal_line_is_untouched(capture: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = capture
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep()
    logger.addHandler(keep)
    try:
        logger.info("Câu hỏi %s mất %d ms (bot %s)", "Chủ đề năm học là gì?", 42, "nhiemvu_bot")
    finally:
        logger.removeHandler(keep)
    assert (
        stream.getvalue() == "INFO test.logsafe: Câu hỏi Chủ đề năm học là gì? mất 42 ms (bot nhiemvu_bot)\n"
    )
    # nothing to redact: the record keeps its template and arguments for structured handlers
    assert records[0].msg == "Câu hỏi %s mất %d ms (bot %s)"
    assert records[0].args == ("Chủ đề năm học là gì?", 42, "nhiemvu_bot")


def test_handlers_created_later_and_non_propagating_loggers(
    capture: tuple[logging.Logger, io.StringIO],
) -> None:
    stream = io.StringIO()
    late = logging.StreamHandler(stream)  # created after installation, on a logger that does not propagate
    late.setFormatter(logging.Formatter(FORMAT))
    other = logging.getLogger("test.logsafe.isolated")
    other.propagate = False
    other.addHandler(late)
    try:
        other.warning("token %s", SECRETS["telegram_bot_token"])
        try:
            raise KeyError(SECRETS["llm_api_key"])
        except KeyError:
            other.exception("late %s", API_KEYS[1])
    finally:
        other.removeHandler(late)
        other.propagate = True
    out = stream.getvalue()
    assert_clean(out)
    assert "token ***" in out and "late ***" in out and "KeyError: '***'" in out


def test_records_that_bypass_the_factory_are_caught_by_handler_filters(
    capture: tuple[logging.Logger, io.StringIO],
) -> None:
    _, stream = capture
    # e.g. a record received from another process (SocketHandler/QueueHandler): no factory involved
    record = logging.makeLogRecord(
        {
            "name": "remote",
            "levelno": logging.ERROR,
            "levelname": "ERROR",
            "msg": "key=%s",
            "args": (API_KEYS[0],),
        }
    )
    for handler in logging.getLogger().handlers:
        handler.handle(record)
    out = stream.getvalue()
    assert "ERROR remote: key=***" in out
    assert_clean(out)

    extra = io.StringIO()
    handler = logging.StreamHandler(extra)
    protect_handler(handler)
    handler.handle(logging.makeLogRecord({"msg": f"zalo {SECRETS['zalo_access_token']}"}))
    assert extra.getvalue() == "zalo ***\n"


def test_bad_format_arguments_do_not_raise_or_leak(capture: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = capture
    logger.warning("two %s %s but one", SECRETS["llm_api_key"])  # a programming error in a log call
    out = stream.getvalue()
    assert_clean(out)
    assert "two %s %s but one" in out


def test_install_twice_refreshes_instead_of_stacking(capture: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = capture
    factory = logging.getLogRecordFactory()
    root_filters = [len(h.filters) for h in logging.getLogger().handlers]
    values: dict[str, Any] = {"llm_api_key": "brand-new-key-99"}
    install_secret_redaction(Settings(_env_file=None, **values))  # type: ignore[call-arg]
    assert logging.getLogRecordFactory() is factory
    assert [len(h.filters) for h in logging.getLogger().handlers] == root_filters
    logger.warning("new %s", "brand-new-key-99")
    assert "new ***" in stream.getvalue()


def test_cli_main_installs_redaction(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("LLM_API_KEY", "sk-from-the-environment-42")
    monkeypatch.setenv("API_KEYS", "env-key-a,env-key-b")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("test.logsafe.cli")
    logger.addHandler(handler)
    try:
        assert main(["remove", "--index", str(tmp_path / "no-index"), "nothing"]) == 2
        logger.warning("%s / %s / %s", "sk-from-the-environment-42", "env-key-a", "env-key-b")
    finally:
        logger.removeHandler(handler)
        uninstall_secret_redaction()
    assert stream.getvalue() == "*** / *** / ***\n"
