"""Inline keyboards and their callback data (always ≤ 64 bytes: Telegram's limit).

Callback data prefixes, routed by pattern in app.py:
  a:<key>:src|more|up|down  buttons under an answer (key → context.chat_data, see handlers.py)
  set:tinh | set:nam        open the province / school-year choice (from a refusal)
  p:<province> | p#<i> | p:*  choose a province (index when the name is too long), * = all
  y:<year> | y:*            choose a school year, * = newest
  d:<page>                  /vanban page
  x:<key>:ok|no             confirm or cancel /xoa
  new                       "🔄 Câu hỏi mới": forget the presser's conversation in this chat
  forget:ok | forget:no     confirm or cancel /xoadulieu (erases the presser's data)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from ingest.textnorm import fold

MAX_CALLBACK_BYTES = 64
NEW_CONVERSATION = "new"
ALL = "*"
PROVINCE, YEAR = "tinh", "nam"
_ALL_WORDS = {"*", "tat ca", "moi nhat", "all"}


def _button(text: str, data: str) -> InlineKeyboardButton:
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long: {data!r}")
    return InlineKeyboardButton(text, callback_data=data)


def _rows(buttons: Sequence[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def answer_keyboard(key: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button("📄 Nguyên văn", f"a:{key}:src"), _button("📚 Nguồn khác", f"a:{key}:more")],
            [_button("👍", f"a:{key}:up"), _button("👎", f"a:{key}:down")],
            [_button("🔄 Câu hỏi mới", NEW_CONVERSATION)],
        ]
    )


FORGET_OK, FORGET_NO = "forget:ok", "forget:no"


def forget_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button("🗑 Xoá dữ liệu của tôi", FORGET_OK), _button("Huỷ", FORGET_NO)]])


def refusal_keyboard(key: str) -> InlineKeyboardMarkup:
    """A refusal has nothing to show or rate well; offer to widen the search instead (👎 still recorded)."""
    return InlineKeyboardMarkup(
        [
            [_button("📍 Đổi tỉnh", "set:tinh"), _button("📅 Đổi năm học", "set:nam")],
            [_button("👎 Lẽ ra phải có", f"a:{key}:down"), _button("🔄 Câu hỏi mới", NEW_CONVERSATION)],
        ]
    )


def match_typed(kind: str, typed: str, options: Sequence[str]) -> tuple[bool, str | None]:
    """(found, value) for "/tinh an giang", "/namhoc 2021", "/tinh tất cả"; value None = all / newest.

    Tone marks and case are optional: teachers often type without them.
    """
    want = fold(" ".join(typed.split()))
    if want in _ALL_WORDS:
        return True, None
    year = re.match(r"(\d{4})", want)
    if kind == YEAR and year:
        want = f"{year[1]}-{int(year[1]) + 1}"
    chosen = next((o for o in options if fold(o) == want), None)
    return chosen is not None, chosen


def parse_choice(data: str, options: Sequence[str]) -> tuple[bool, str | None]:
    """(found, value) for p:…, p#…, y:… callback data; found False when the option is gone."""
    if data[2:] == ALL:
        return True, None
    if data.startswith("p#"):
        index = int(data[2:]) if data[2:].isdigit() else -1
        return (True, options[index]) if 0 <= index < len(options) else (False, None)
    return (data[2:] in options), data[2:]


def province_data(provinces: Sequence[str], choice: str | None) -> str:
    if choice is None:
        return f"p:{ALL}"
    data = f"p:{choice}"
    return data if len(data.encode()) <= MAX_CALLBACK_BYTES else f"p#{list(provinces).index(choice)}"


def provinces_keyboard(provinces: Sequence[str], current: str | None) -> InlineKeyboardMarkup:
    def mark(name: str, chosen: bool) -> str:
        return f"✅ {name}" if chosen else name

    buttons = [_button(mark(p, p == current), province_data(provinces, p)) for p in provinces]
    buttons.append(_button(mark("Tất cả", current is None), province_data(provinces, None)))
    return InlineKeyboardMarkup(_rows(buttons, 2))


def years_keyboard(years: Sequence[str], current: str | None) -> InlineKeyboardMarkup:
    buttons = [_button(f"✅ {y}" if y == current else y, f"y:{y}") for y in years]
    buttons.append(_button("✅ Mới nhất" if current is None else "Mới nhất", f"y:{ALL}"))
    return InlineKeyboardMarkup(_rows(buttons, 3))


def pages_keyboard(page: int, pages: int) -> InlineKeyboardMarkup | None:
    row = []
    if page > 0:
        row.append(_button("◀", f"d:{page - 1}"))
    if page < pages - 1:
        row.append(_button("▶", f"d:{page + 1}"))
    return InlineKeyboardMarkup([row]) if row else None


def delete_keyboard(key: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button("🗑 Xóa", f"x:{key}:ok"), _button("Hủy", f"x:{key}:no")]])
