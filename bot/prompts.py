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


def load_prompts(folder: Path) -> AnswerPrompt:
    path = folder / "answer.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"Không đọc được {path}: {exc}") from exc
    for key, needed in _REQUIRED.items():
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
    if not isinstance(data.get("no_answer"), str) or not data["no_answer"].strip():
        raise PromptError(f"{path}: thiếu khóa 'no_answer'.")
    return AnswerPrompt(
        system=data["system"].format(no_answer=data["no_answer"]),
        user=data["user"],
        passage=data["passage"],
        no_answer=data["no_answer"],
    )
