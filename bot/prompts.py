"""Prompts are data (prompts/*.toml): loaded and validated once at start-up."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path


class PromptError(Exception):
    """A prompt file is missing, malformed or lacks a placeholder."""


@dataclass(frozen=True)
class AnswerPrompt:
    system: str
    user: str
    passage: str
    no_answer: str


_REQUIRED = {
    "system": {"no_answer"},
    "user": {"question", "passages"},
    "passage": {"n", "label", "school_year", "text"},
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class CondensePrompt:
    system: str
    user: str


_CONDENSE_REQUIRED = {"system": set[str](), "user": {"previous", "message", "rules"}}


def _read(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"Không đọc được {path}: {exc}") from exc


def _check(path: Path, data: dict[str, object], required: dict[str, set[str]]) -> None:
    for key, needed in required.items():
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise PromptError(f"{path}: thiếu khóa '{key}'.")
        try:
            have = _fields(value)
        except ValueError as exc:
            raise PromptError(f"{path}: khóa '{key}' có dấu ngoặc nhọn sai ({exc}).") from exc
        if needed - have:
            raise PromptError(f"{path}: khóa '{key}' thiếu chỗ điền {sorted(needed - have)}.")
        if have - needed:
            raise PromptError(f"{path}: khóa '{key}' có chỗ điền lạ {sorted(have - needed)}.")


def load_condense_prompt(folder: Path) -> CondensePrompt:
    """prompts/condense.toml: rewriting a follow-up into a standalone question (bot/conversation/condense.py)."""
    path = folder / "condense.toml"
    data = _read(path)
    _check(path, data, _CONDENSE_REQUIRED)
    return CondensePrompt(system=str(data["system"]), user=str(data["user"]))


def load_prompts(folder: Path) -> AnswerPrompt:
    path = folder / "answer.toml"
    data = _read(path)
    _check(path, data, _REQUIRED)
    no_answer = data.get("no_answer")
    if not isinstance(no_answer, str) or not no_answer.strip():
        raise PromptError(f"{path}: thiếu khóa 'no_answer'.")
    return AnswerPrompt(
        system=str(data["system"]).format(no_answer=no_answer),
        user=str(data["user"]),
        passage=str(data["passage"]),
        no_answer=no_answer,
    )
