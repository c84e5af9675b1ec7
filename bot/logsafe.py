"""Keep secrets out of every log line: tokens, API keys, webhook and Zalo secrets.

`install_secret_redaction(settings)` redacts each non-empty SecretStr value of Settings (and each key of
API_KEYS, and anything shaped like a Telegram `bot<digits>:<token>` URL segment) to "***" in:

- every record created from then on, whichever logger or handler it goes to (including handlers added
  later): a wrapped `logging.setLogRecordFactory` rewrites the formatted message, the traceback text
  and the stack text when the record is made;
- records that bypass the factory (`logging.makeLogRecord`, records received from other processes):
  a filter on the root logger's handlers does the same; `protect_handler` adds it to any other handler.

When a message changes, `record.msg` becomes the redacted text and `record.args` empty; a record with
an exception gets its traceback pre-rendered (redacted) into `record.exc_text`, which the standard
Formatter prints instead of formatting `exc_info` again.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote

from pydantic import SecretStr

from bot.settings import Settings

MASK = "***"
BOT_TOKEN_URL = r"bot\d+:[A-Za-z0-9_-]+"  # what PTB/httpx put in request URLs: …/bot123:AAH…/getMe


def secret_values(settings: Settings) -> list[str]:
    """Every non-empty secret in `settings` (raw, stripped and URL-encoded forms), longest first."""
    values: set[str] = set()
    for name in type(settings).model_fields:
        value = getattr(settings, name, None)
        if isinstance(value, SecretStr):
            values.add(value.get_secret_value())
    values.update(settings.api_key_list)
    forms: set[str] = set()
    for value in values:
        for form in (value, value.strip(), quote(value.strip(), safe="")):
            if form.strip():
                forms.add(form)
    return sorted(forms, key=lambda v: (-len(v), v))


class Redactor:
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.update(secrets)

    def update(self, secrets: Iterable[str]) -> None:
        # longest first, so a secret that contains another is removed whole
        parts = [re.escape(s) for s in sorted(set(secrets), key=lambda v: (-len(v), v)) if s]
        self._pattern = re.compile("|".join([*parts, BOT_TOKEN_URL]))

    def __call__(self, text: str) -> str:
        return self._pattern.sub(MASK, text)


def redact_record(record: logging.LogRecord, redact: Callable[[str], str]) -> None:
    """Rewrite the record in place; never raises (a logging call must not fail because of us)."""
    try:
        try:
            message = record.getMessage()
        except Exception:  # bad format/args: logging would print msg and args raw; keep them, redacted
            record.msg, record.args = redact(f"{record.msg!s} {record.args!r}"), ()
        else:
            clean = redact(message)
            if clean != message:
                record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
    except Exception:  # pragma: no cover - last resort: drop the content rather than leak it
        record.msg, record.args, record.exc_text = "(log record could not be redacted)", (), None


class SecretRedactionFilter(logging.Filter):
    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record, self.redactor)
        return True


class _State:
    lock = threading.Lock()
    redactor: Redactor | None = None
    filter: SecretRedactionFilter | None = None
    previous_factory: Callable[..., logging.LogRecord] | None = None
    handlers: list[logging.Handler] = []


def protect_handler(handler: logging.Handler) -> None:
    """Add the redaction filter to a handler (for handlers created after installation and attached to
    loggers whose records might not come through the record factory)."""
    flt = _State.filter
    if flt is not None and flt not in handler.filters:
        handler.addFilter(flt)
        _State.handlers.append(handler)


def install_secret_redaction(settings: Settings) -> SecretRedactionFilter:
    """Idempotent: a second call refreshes the list of secrets instead of stacking another layer."""
    with _State.lock:
        secrets = secret_values(settings)
        if _State.redactor is not None and _State.filter is not None:
            _State.redactor.update(secrets)
        else:
            redactor = Redactor(secrets)
            previous = logging.getLogRecordFactory()

            def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
                record = previous(*args, **kwargs)
                redact_record(record, redactor)
                return record

            logging.setLogRecordFactory(factory)
            _State.redactor, _State.previous_factory = redactor, previous
            _State.filter = SecretRedactionFilter(redactor)
        flt = _State.filter
    for handler in logging.getLogger().handlers:
        protect_handler(handler)
    return flt


def uninstall_secret_redaction() -> None:
    """Undo `install_secret_redaction` (for tests)."""
    with _State.lock:
        if _State.previous_factory is not None:
            logging.setLogRecordFactory(_State.previous_factory)
        if _State.filter is not None:
            for handler in _State.handlers:
                handler.removeFilter(_State.filter)
        _State.redactor = _State.filter = _State.previous_factory = None
        _State.handlers = []
