"""Thin channels (Telegram, HTTP + web page, Zalo): parse input, call AnswerService, format for the medium."""
