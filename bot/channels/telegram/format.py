"""Telegram HTML for answers, lists and admin replies, and splitting long HTML into valid messages.

Everything that comes from documents or users goes through `esc`; only this module writes tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.answer.api import AddOutcome
from bot.answer.models import Answer, Citation, display_title, document_label, format_date, where_label
from ingest.models import Document, Section

MAX_MESSAGE = 4096  # Telegram's limit for one text message
CITATIONS_SHOWN = 3  # citations under an answer; "📚 Nguồn khác" sends the next ones
EXAMPLES = (
    "Nhiệm vụ trọng tâm về chuyển đổi số năm học này là gì?",
    "Chỉ tiêu huy động trẻ mẫu giáo ra lớp là bao nhiêu?",
    "Yêu cầu về dạy học 2 buổi/ngày ở tiểu học như thế nào?",
)


def esc(text: object) -> str:
    # quote=False: Telegram accepts only &lt; &gt; &amp; &quot; and numeric entities; plain text needs the first three
    return html.escape(str(text), quote=False)


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji counts twice)."""
    return len(text.encode("utf-16-le")) // 2


# ---------------------------------------------------------------------------------------------
# Answers


def citation_line(c: Citation) -> str:
    parts = [esc(c.label())]
    if c.section_title and c.section_title not in (c.section, ""):
        parts.append(f"“{esc(display_title(c.section_title))}”")
    if c.school_year:
        parts.append(f"năm học {esc(c.school_year)}")
    return "• " + " — ".join(parts)


def scope_line(province: str | None, school_year: str | None) -> str:
    return (
        f"Phạm vi: tỉnh <b>{esc(province or 'Tất cả')}</b>, năm học <b>{esc(school_year or 'mới nhất')}</b>."
    )


def format_answer(answer: Answer, province: str | None = None, school_year: str | None = None) -> str:
    if answer.small_talk:  # a greeting's reply is no refusal
        return esc(answer.answer)
    lines: list[str] = []
    body = answer.answer
    if answer.understood_as and "\n" in body:  # "Hiểu là: …" first, so a wrong carry-over is seen at once
        understood, body = body.split("\n", 1)
        lines.append(f"<i>{esc(understood)}</i>")
    if not answer.found:
        lines.append("❌ <b>Chưa tìm thấy câu trả lời trong các văn bản đã có.</b>")
        if body:
            lines.append(esc(body))
        lines.append(scope_line(province, school_year))
        lines.append("Bạn có thể đổi tỉnh (/tinh) hoặc năm học (/namhoc) rồi hỏi lại.")
    else:
        lines.append(esc(body))
    if answer.found and answer.citations:
        lines.append("")
        lines.append("<b>Nguồn:</b>")
        lines.extend(citation_line(c) for c in answer.citations[:CITATIONS_SHOWN])
    if answer.notes:
        lines.append("")
        lines.extend(f"<i>{esc(note)}</i>" for note in answer.notes)
    return "\n".join(lines)


def format_more_sources(citations: Sequence[Citation], start: int) -> str:
    """The next citations with the passage each rests on."""
    blocks = [f"<b>Nguồn khác ({start + 1}–{start + len(citations)}):</b>"]
    for c in citations:
        passage = c.text if len(c.text) <= 700 else c.text[:700].rsplit(" ", 1)[0] + " …"
        blocks.append(f"{citation_line(c)}\n<blockquote>{esc(passage)}</blockquote>")
    return "\n\n".join(blocks)


def format_source(doc: Document, section: Section, text: str) -> str:
    where = where_label(section.path, section.title)
    head = f"📄 <b>{esc(document_label(doc.meta))}</b>, {esc(where)}"
    return f"{head}\n\n{esc(text)}"


# ---------------------------------------------------------------------------------------------
# Commands


def format_start(province: str | None, school_year: str | None, current_year: str) -> str:
    examples = "\n".join(f"• {esc(q)}" for q in EXAMPLES)
    return (
        "Xin chào thầy cô! Tôi trả lời câu hỏi về <b>nhiệm vụ năm học</b> dựa trên các văn bản chỉ đạo"
        " chính thức (chỉ thị, hướng dẫn, kế hoạch); mỗi câu trả lời đều ghi rõ số văn bản và mục.\n\n"
        f"Hãy gõ câu hỏi, ví dụ:\n{examples}\n\n"
        f"{scope_line(province, school_year or f'mới nhất ({current_year})')}\n"
        "Đổi tỉnh: /tinh · đổi năm học: /namhoc · danh sách văn bản: /vanban · hướng dẫn: /help"
    )


def format_chosen(province: bool, value: str | None) -> str:
    if province:
        return f"Đã chọn tỉnh <b>{esc(value)}</b>." if value else "Đã chọn: <b>tất cả các tỉnh</b>."
    return f"Đã chọn năm học <b>{esc(value)}</b>." if value else "Đã chọn: <b>năm học mới nhất</b>."


HELP_TEXT = (
    "<b>Cách dùng</b>\n"
    "• Trong tin nhắn riêng: gõ câu hỏi là đủ.\n"
    "• Trong nhóm: nhắc tên bot (@…), trả lời tin nhắn của bot, hoặc dùng /hoi &lt;câu hỏi&gt;.\n"
    "• Hỏi tiếp được: “còn năm học 2019-2020 thì sao?”, “thế còn An Giang?”, “văn bản đó…”, “cụ thể hơn”."
    " Bot ghi rõ “Hiểu là: …”. Trong nhóm, mỗi thầy cô có mạch hỏi riêng.\n\n"
    "<b>Lệnh</b>\n"
    "/hoi &lt;câu hỏi&gt; — hỏi về nhiệm vụ năm học\n"
    "/tinh — chọn tỉnh (hoặc gõ /tinh An Giang)\n"
    "/namhoc — chọn năm học (hoặc gõ /namhoc 2021-2022)\n"
    "/vanban — các văn bản đã có\n"
    "/lich — các mốc, hạn 30 ngày tới (/lich nam: cả năm học)\n"
    "/nhac — nhắc trước mỗi hạn, lúc 7 giờ sáng (/nhac tat: tắt)\n"
    "/moi — bắt đầu câu hỏi mới (quên câu hỏi trước)\n"
    "/xoadulieu — xoá câu hỏi, hội thoại và góp ý của thầy cô đã lưu\n"
    "/start — giới thiệu\n\n"
    "Dưới mỗi câu trả lời: 📄 xem nguyên văn mục được trích, 📚 xem thêm nguồn, 👍/👎 đánh giá."
)


def document_entry(n: int, doc: Document) -> str:
    m = doc.meta
    name = f"{m.doc_type} {m.doc_number}" if m.doc_number else m.doc_type
    facts = [
        f"Cơ quan: {m.issuer}" if m.issuer else "",
        f"ngày {format_date(m.issued_date)}" if m.issued_date else "",
        f"năm học {m.school_year}" if m.school_year else "",
    ]
    detail = " · ".join(esc(f) for f in facts if f)
    return f"{n}. <b>{esc(name)}</b>\n{detail}\nID: <code>{esc(doc.id)}</code>"


def format_documents_page(docs: Sequence[Document], page: int, per_page: int = 5) -> tuple[str, int, int]:
    """(text, page actually shown, number of pages); `page` is clamped so stale buttons still work."""
    pages = max(1, -(-len(docs) // per_page))
    page = min(max(page, 0), pages - 1)
    if not docs:
        return "Chưa có văn bản nào được nạp.", 0, 1
    chunk = docs[page * per_page : (page + 1) * per_page]
    entries = [document_entry(page * per_page + i + 1, d) for i, d in enumerate(chunk)]
    head = f"📚 <b>Văn bản đã nạp</b> ({len(docs)}) — trang {page + 1}/{pages}"
    return head + "\n\n" + "\n\n".join(entries), page, pages


def format_add_outcome(outcome: AddOutcome, max_sections: int = 8) -> str:
    if not outcome.documents:
        reasons = "\n".join(f"• {esc(e)}" for e in outcome.errors) or "• (không rõ lý do)"
        return f"❌ Không nạp được tệp:\n{reasons}"
    blocks = []
    for doc in outcome.documents:
        m = doc.meta
        facts = [
            ("Loại", m.doc_type),
            ("Số", m.doc_number),
            ("Cơ quan", m.issuer),
            ("Tỉnh", m.province),
            ("Ngày", format_date(m.issued_date)),
            ("Năm học", m.school_year),
            ("Số mục", str(len(doc.sections))),
        ]
        lines = [f"✅ Đã nạp: <b>{esc(m.title or document_label(m))}</b>", f"ID: <code>{esc(doc.id)}</code>"]
        lines += [f"{name}: {esc(value or '—')}" for name, value in facts]
        paths = [s.path for s in doc.sections if s.path][:max_sections]
        if paths:
            lines.append("Các mục đầu: " + esc(", ".join(paths)))
        blocks.append("\n".join(lines))
    if outcome.errors:
        blocks.append("Lỗi:\n" + "\n".join(f"• {esc(e)}" for e in outcome.errors))
    return "\n\n".join(blocks)


def format_stats(stats: dict[str, Any], days: int) -> str:
    lines = [
        f"📊 <b>Thống kê {days} ngày qua</b>",
        f"Câu hỏi: {stats['asked']}",
        f"Không tìm thấy: {stats['refused']}",
        f"👍 {stats['up']} · 👎 {stats['down']}",
    ]
    if stats["top_unanswered"]:
        lines.append("\n<b>Câu hỏi chưa trả lời được nhiều nhất:</b>")
        lines += [f"{n}× {esc(q)}" for q, n in stats["top_unanswered"]]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Splitting: atoms are whole tags, whole entities or single characters, so no cut falls inside one.

_ATOM = re.compile(r"<[^<>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|.", re.S)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
_SENTENCE_END = ".!?…"
# Break classes, best first: paragraph, line, sentence, word.
_PARA, _LINE, _SENT, _WORD = 3, 2, 1, 0
_MIN_FILL = 0.3  # take a better break only if the part is at least this full


@dataclass(frozen=True)
class _Atom:
    text: str
    size: int
    kind: str  # "open", "close", "char"
    name: str = ""  # tag name
    char: str = ""  # the visible character (entities decoded)


def _atoms(text: str) -> list[_Atom]:
    out = []
    for m in _ATOM.finditer(text):
        s = m.group()
        size = utf16_len(s)
        if len(s) > 1 and s[0] == "<":
            tag = _TAG_NAME.match(s)
            if tag:
                out.append(_Atom(s, size, "close" if s[1] == "/" else "open", tag.group(1).lower()))
                continue
        out.append(_Atom(s, size, "char", char=html.unescape(s) if s[0] == "&" else s))
    return out


def _break_classes(atoms: list[_Atom]) -> list[int | None]:
    """classes[k]: how good a cut before atom k is (None: not allowed, i.e. inside a word)."""
    classes: list[int | None] = [None] * (len(atoms) + 1)
    prev_chars: list[str] = []  # visible characters so far
    for k, atom in enumerate(atoms):
        if atom.kind == "char":
            if prev_chars and prev_chars[-1].isspace() and not atom.char.isspace():
                # end of a white-space run: classify it by what it contains and what precedes it
                i = len(prev_chars)
                while i > 0 and prev_chars[i - 1].isspace():
                    i -= 1
                run = "".join(prev_chars[i:])
                before = prev_chars[i - 1] if i else ""
                if run.count("\n") >= 2:
                    classes[k] = _PARA
                elif "\n" in run:
                    classes[k] = _LINE
                elif before and before in _SENTENCE_END:
                    classes[k] = _SENT
                else:
                    classes[k] = _WORD
            prev_chars.append(atom.char)
    # Move a cut in front of the opening tags that start the next word, so no part ends in "<b></b>".
    for k in range(len(atoms) - 1, 0, -1):
        if classes[k] is None and atoms[k].kind == "open" and classes[k + 1] is not None:
            classes[k], classes[k + 1] = classes[k + 1], None
    return classes


def _apply(stack: tuple[_Atom, ...], atom: _Atom) -> tuple[_Atom, ...]:
    if atom.kind == "open":
        return (*stack, atom)
    if atom.kind == "close":
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].name == atom.name:
                return stack[:i]
    return stack


def _closing(stack: tuple[_Atom, ...]) -> str:
    return "".join(f"</{a.name}>" for a in reversed(stack))


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split Telegram HTML into parts of at most `limit` UTF-16 units, each valid on its own.

    Cuts at a paragraph, else a line, sentence or word boundary; never inside a tag, an entity or a
    word (unless one word is longer than a message).  Tags open at a cut are closed at the end of
    the part and reopened at the start of the next.  Parts with no visible text are dropped.
    Assumes the tags open at a cut leave room for text (always true at Telegram's 4096); if
    not, a part takes one atom anyway, so splitting always ends.
    """
    if utf16_len(text) <= limit:
        return [text] if text.strip() else []
    atoms = _atoms(text)
    classes = _break_classes(atoms)
    parts: list[str] = []
    pos = 0
    stack: tuple[_Atom, ...] = ()
    while pos < len(atoms):
        prefix = "".join(a.text for a in stack)
        length = utf16_len(prefix)
        cur = stack
        best: dict[int, tuple[int, tuple[_Atom, ...], int]] = {}  # class -> (cut, stack, length)
        k = pos
        while k < len(atoms):
            new_stack = _apply(cur, atoms[k])
            if length + atoms[k].size + utf16_len(_closing(new_stack)) > limit and k > pos:
                break
            length += atoms[k].size
            cur = new_stack
            k += 1
            cls = classes[k]
            if cls is not None and k < len(atoms):
                best[cls] = (k, cur, length)
        cut, cut_stack, cut_len = k, cur, length  # the end, or a hard cut inside a word longer than a message
        if k < len(atoms):
            good = [best[c] for c in (_PARA, _LINE, _SENT, _WORD) if c in best]
            fill = [b for b in good if b[2] >= _MIN_FILL * limit]
            if fill or good:
                cut, cut_stack, cut_len = (fill or [max(good, key=lambda b: b[0])])[0]
            # closing tags right after the cut belong to this part (avoids an empty "<b></b>" next time)
            while cut < len(atoms) and atoms[cut].kind == "close":
                after = _apply(cut_stack, atoms[cut])
                if after == cut_stack or cut_len + atoms[cut].size + utf16_len(_closing(after)) > limit:
                    break
                cut_stack, cut_len, cut = after, cut_len + atoms[cut].size, cut + 1
        body = prefix + "".join(a.text for a in atoms[pos:cut]) + _closing(cut_stack)
        if any(not a.char.isspace() for a in atoms[pos:cut] if a.kind == "char"):
            parts.append(body)
        pos, stack = cut, cut_stack
    return parts
