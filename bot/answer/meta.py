"""Questions about a document itself (its number, date, issuer, signer, recipients), answered from its header."""

from __future__ import annotations

import re

from bot.answer.citations import citation, source_line
from bot.answer.lists import MAX_ITEMS
from bot.answer.models import Answer, document_label, format_date
from bot.ranking.terms import content_terms
from ingest.doctypes import DOC_TYPES
from ingest.models import Document
from ingest.textnorm import fold

# Questions about the document itself (its number, date, issuer) are answered from its header.
_META = re.compile(
    r"\b(so hieu|so van ban|ky hieu|ngay ban hanh|ban hanh ngay|ban hanh khi nao|ban hanh vao|"
    r"co quan ban hanh|ai ban hanh|don vi ban hanh|ngay nao ban hanh|"
    # a document's date is the day it was signed: "ký ngày nào", "ký khi nào", "ký bao giờ"
    r"ky (?:vao )?(?:ngay|hom) nao|ky (?:khi|luc) nao|ky bao gio|ngay nao ky|(?<!tu )ngay ky(?! ket| hop dong))\b"
)
# "CV 7432 ra ngày nào?": of a document the question names, the day it came out is its date (of anything else,
# "điểm thi ra ngày nào" asks when results come out).
_ISSUED_NAMED = re.compile(r"\bra (?:vao )?(?:ngay|hom|khi|luc) nao\b")
# A licence is granted ("cấp"): "Giấy phép 2507 cấp ngày nào?" asks its date, not a date its text cites.
_GRANTED_NAMED = re.compile(r"\bgiay phep\b.*\bcap (?:vao )?(?:ngay|hom|khi|luc) nao\b")
# "Ai ký …?": about this document's signer only when it names the document, or asks nothing after "ký" but the
# document ("Văn bản này do ai ký?"); "ai ký quyết định trúng tuyển" asks a rule of the text.
_SIGNER_ASKED = re.compile(r"\b(?:ai ky|nguoi ky(?! thuat)|ky boi|ky ten)\b")
_ONLY_THE_DOCUMENT = re.compile(
    r"(?:\s|[?.!,]|\b(?:van ban|cong van|chi thi|quyet dinh|ke hoach|huong dan|thong bao|nghi quyet|nay|do|"
    r"vay|a|the|nhi|nhe|ban|oi)\b)*"
)


# "Công văn 5973 gửi cho ai?", "… gửi những đơn vị nào?", "nơi nhận của QĐ 1050": whom the named document is
# sent to, its "Nơi nhận" list. Asked of a named document only: "gửi báo cáo cho ai" asks a rule of the text.
_RECIPIENTS_ASKED = re.compile(
    r"\bnoi nhan\b|\b(?:gui|phat hanh)\s+(?:(?:cho|den|toi|ve|di)\s+)?(?:nhung\s+|cac\s+)?"
    r"(?:ai|dau|(?:\w+\s+){1,2}nao)\b"
)


def asks_recipients(question: str) -> bool:
    return bool(_RECIPIENTS_ASKED.search(fold(question).lower()))


def is_meta_question(question: str, named: bool = False) -> bool:
    """About the document itself (its number, date, issuer, signer, recipients); `named`: the question names
    it."""
    folded = fold(question)
    issued = _ISSUED_NAMED.search(folded) or _GRANTED_NAMED.search(folded)
    if _META.search(folded) or (named and (asks_recipients(question) or issued)):
        return True
    signer = _SIGNER_ASKED.search(folded)
    if signer is None:
        return False
    return named or bool(_ONLY_THE_DOCUMENT.fullmatch(folded[signer.end() :]))


# "Ai ký kế hoạch sinh hoạt công dân của trường …?": a document described by its type and subject, then whose it is.
_DESCRIBED = re.compile(
    rf"\s*(?:{'|'.join(['van ban', *DOC_TYPES])})\b(?P<subject>.*?)(?:\bcua\b.*)?[?.!\s]*$"
)
DESCRIBED_SHARE = 0.75  # of the subject's words that the document's title writes


def signs_described(question: str, doc: Document) -> bool:
    """Whether the question asks who signed `doc`, described by its type and the words of its title ("Ai ký kế
    hoạch sinh hoạt công dân của trường Đốc Binh Kiều?" of "Kế hoạch tổ chức sinh hoạt công dân đầu năm học …").
    A kind of document the text rules on ("ai ký quyết định trúng tuyển") is not described by its title."""
    folded = fold(question).lower()
    signer = _SIGNER_ASKED.search(folded)
    described = _DESCRIBED.match(folded[signer.end() :]) if signer else None
    if described is None or not doc.meta.title:
        return False
    words = set(content_terms(described.group("subject")))
    title = set(content_terms(doc.meta.title))
    return len(words) >= 2 and len(words & title) >= DESCRIBED_SHARE * len(words)


_ABOUT = re.compile(r"^\s*(?:v/v|về việc|về)\s*:?\s+", re.I)


def about(doc: Document) -> str:
    """ "Công văn 5973/UBND-KT (…), do UBND tỉnh Lào Cai ban hành ngày 12/3/2026, về: …": what the header says."""
    m = doc.meta
    date = format_date(m.issued_date)
    parts = [f"{document_label(m)}"]
    if m.issuer:
        parts.append(
            f"do {m.issuer} ban hành"
            + (
                f" ngày {date}"
                if m.issued_date and len(m.issued_date) == 10
                else f" tháng {date}"
                if date
                else ""
            )
        )
    if m.title:
        # "V/v …" and "VỀ VIỆC …" subject lines already say "về".
        parts.append(f"về: {_ABOUT.sub('', m.title) or m.title}")
    if m.signer:
        parts.append(f"người ký: {m.signer}")
    if not m.doc_number:
        parts.append("(văn bản không ghi số hiệu)")
    return ", ".join(parts)


def meta_answer(question: str, doc: Document, notes: list[str], score: float = 1.0) -> Answer:
    section = doc.sections[0]
    c = citation(doc, section, section.text[:1200], score)
    unsigned = (
        " Không đọc được người ký trong văn bản."
        if not doc.meta.signer and _SIGNER_ASKED.search(fold(question))
        else ""
    )
    text = "Văn bản: " + about(doc) + "." + unsigned
    if asks_recipients(question):
        text += "\n" + _recipients_text(doc)
    text += "\n\n" + source_line(c)
    return Answer(question=question, found=True, answer=text, notes=notes, citations=[c])


def _recipients_text(doc: Document) -> str:
    """The "Nơi nhận" list as the document writes it, or why there is none."""
    found = doc.meta.recipients
    if not found:
        return "Không đọc được danh sách nơi nhận trong văn bản (văn bản không ghi, hoặc bản sao không giữ phần này)."
    lines = [f"- {r}" for r in found[:MAX_ITEMS]]
    if len(found) > MAX_ITEMS:
        lines.append(f"… và {len(found) - MAX_ITEMS} nơi nhận khác.")
    return "Nơi nhận:\n" + "\n".join(lines)
