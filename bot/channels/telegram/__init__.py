"""Telegram channel (python-telegram-bot v22): `run_telegram` for the CLI, `build_application` for tests."""

from bot.channels.telegram.app import build_application
from bot.channels.telegram.run import TelegramConfigError, run_telegram

__all__ = ["TelegramConfigError", "build_application", "run_telegram"]
