"""Whose tasks a question asks for: "Chỉ thị 04 giao UBND các huyện làm gì?", "Sở GDĐT có trách nhiệm gì?".

Directives, plans and guidance end with a part on who carries them out ("Tổ chức thực hiện"), in which each body
has an item of its own that opens with its name: "1. Giám đốc Sở GDĐT căn cứ Chỉ thị này …", "2. Ủy ban nhân dân
các huyện, thị xã, thành phố …", "3. Các sở, ban, ngành, đoàn thể có liên quan …". Asked what a body is tasked
with, that item answers, though other parts share more of the question's words ("trách nhiệm", "nhiệm vụ").
"""

from __future__ import annotations

import re

from bot.understanding.abbreviations import BUILT_IN, long_pattern, whole
from ingest.textnorm import fold

# What names a body: a kind of office, council or unit ("Sở …", "UBND …", "Phòng …", "các sở, ngành").
_BODY = (
    r"(?:cac\s+)?(?:so|ubnd|uy ban nhan dan|phong|cong an|truong|hieu truong|giam doc|ban|bo|nganh|co quan"
    r"|don vi|chu tich|trung tam)\b"
)
_TASK = r"(?:nhiem vu|trach nhiem|cong viec|viec)"
_ASKS = (
    # "giao (cho) UBND các huyện (những) nhiệm vụ gì / làm gì"; "yêu cầu / chỉ đạo / đề nghị UBND các huyện làm gì"
    re.compile(
        rf"\b(?:giao|yeu cau|chi dao|de nghi)\s+(?:cho\s+)?({_BODY}[^?]*?)\s+(?:nhung\s+|cac\s+)?(?:{_TASK}|lam|thuc hien)\b"
    ),
    # "giao nhiệm vụ gì cho Sở GD&ĐT"
    re.compile(rf"\bgiao\s+(?:nhung\s+|cac\s+)?{_TASK}\s+(?:gi\s+)?cho\s+({_BODY}[^?]*?)\s*(?:\?|$)"),
    # "Sở GDĐT có trách nhiệm gì", "các sở ngành khác phải làm gì", at the start or after a comma or "thì"
    re.compile(
        rf"(?:^|,\s*|\bthi\s+)({_BODY}[^?,]*?)\s+(?:co|phai|duoc giao|chiu)\s+(?:nhung\s+)?(?:{_TASK}\s+gi|lam\s+gi)"
    ),
)
# Words of the body phrase that do not tell bodies apart.
_GENERIC = frozenset("cac khac co lien quan nhung va thuoc".split())  # noqa: SIM905
OPENING_WORDS = 12  # an item names its body among its first words ("1. Giám đốc Sở GDĐT căn cứ …")
# The words a question asking for a body's tasks is made of, beside the body's name.
_TASK_WORDS = frozenset(
    "giao yeu cau chi dao de nghi cho nhiem vu trach lam gi thuc hien phai cong viec".split()  # noqa: SIM905
)
# Words around the body and the task that ask nothing more: the document and province named, the school year,
# spoken particles.
_FRAME = frozenset("theo trong cua tai o nam hoc nay vay a the nhi nhe ha oi thi la duoc se can".split())  # noqa: SIM905
# The sector's long and short forms (bot/understanding/abbreviations.py), each read as one token: long ones first.
_FORMS = [(re.compile(long_pattern(a.long)), f"abbr{i}") for i, a in enumerate(BUILT_IN)] + [
    (re.compile(whole(a.pattern)), f"abbr{i}") for i, a in enumerate(BUILT_IN) if not a.case_sensitive
]


def _words(text: str) -> list[str]:
    """Folded words, each of the sector's short or long forms read as one token ("Sở GDĐT" = "Sở Giáo dục và Đào
    tạo")."""
    folded = fold(text.lower())
    for pattern, token in _FORMS:
        folded = pattern.sub(f" {token} ", folded)
    return re.findall(r"\w+", folded)


def tasked_body(folded: str) -> str | None:
    """The body whose tasks the (folded) question asks for, as the question writes it; None if it asks no such
    thing."""
    for pattern in _ASKS:
        m = pattern.search(folded)
        if m:
            return m.group(1).strip(" ,")
    return None


def asks_only_tasks(folded: str, body: str, naming: list[str]) -> bool:
    """Whether the question asks nothing beside the body's tasks: no topic of its own ("… về chuyển đổi số").
    `naming`: what it selects the document by (type, number, province), whose words are no topic."""
    rest = folded.replace(body, " ")
    for phrase in naming:
        rest = rest.replace(fold(phrase.lower()), " ")
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w not in _FRAME and w not in _TASK_WORDS]
    return len(words) <= 1


def opens_with(body: str, text: str) -> bool:
    """Whether a section's first line names the body among its first words, its words together ("Các sở, ban,
    ngành" names "các sở, ngành"; "Các sở … hỗ trợ ngành GDĐT" does not name "Sở GDĐT")."""
    wanted = set(_words(body)) - _GENERIC
    opening = _words(text.strip().split("\n", 1)[0])[:OPENING_WORDS]
    if not wanted or not wanted <= set(opening):
        return False
    at = [opening.index(w) for w in wanted]  # where each is first written
    return max(at) - min(at) <= len(wanted) + 2
