"""The words of a question that choose the passage: without the spans that only select the document (its
province, number, year, issuer, a part named by its place)."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.ranking.rare import Compound, compounds
from bot.ranking.terms import content_terms
from bot.understanding.query import TYPE_NAMES, QueryIntent, reference_pattern, type_spans
from bot.understanding.schoolyear import relative_spans
from ingest.textnorm import fold

_FRAME = re.compile(
    r"\b(?:chi dao|yeu cau|quy dinh|huong dan|de nghi)(?=\s+(?:nhung\s+)?(?:gi|the nao|nhu the nao|ra sao)\b)"
)


def selecting_spans(intent: QueryIntent) -> list[tuple[int, int]]:
    """The spans of the question that only select the document: province, number, year, issuer, a part named by
    its place, the verb that frames the question. Found on the folded text, whose characters line up one to one
    with the NFC question."""
    folded = fold(intent.text)
    patterns = [reference_pattern(fold(n)) for n in intent.doc_numbers]
    patterns += [reference_pattern(prefix) + r"\b" for _, prefix in intent.doc_refs]
    patterns += [rf"(?:tinh|thanh pho|tp\.?)?\s*{re.escape(fold(n))}" for n in intent.provinces]
    patterns.append(r"\b(?:nam hoc\s+)?(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d\b")
    spans = [m.span() for pattern in patterns for m in re.finditer(pattern, folded)]
    if intent.ordinal is not None:
        spans.append(intent.ordinal.span)
    if intent.year_source == "relative":  # "năm học này", "năm học trước": the year, said relatively
        spans += relative_spans(intent.text)
    # The issuer the question names ("Bộ yêu cầu …", "của Sở GD&ĐT", "trường THPT Đốc Binh Kiều") chose the
    # documents, as a province does.
    spans += intent.issuer_spans
    # "An Giang chỉ đạo gì về …", "yêu cầu gì về …": the verb asks what a directive says, which every passage is.
    spans += [m.span() for m in _FRAME.finditer(folded)]
    return spans


def masked_question(
    intent: QueryIntent,
    expanded: bool,
    marked: bool,
    fill: str,
    selecting: list[tuple[int, int]] | None = None,
) -> str:
    """The question with the spans of `selecting_spans` replaced by `fill`; with `expanded`, everyday wordings that
    have a formal equivalent too (the formal wording replaces the one it stands for). `selecting`: those spans,
    when the caller has them."""
    original = intent.text.lower()
    folded = fold(intent.text)
    keep = list(original if marked and len(original) == len(folded) else folded)
    spans = selecting_spans(intent) if selecting is None else selecting
    for start, end in [*spans, *intent.plain_spans] if expanded else spans:
        keep[start:end] = fill * (end - start)
    return "".join(keep)


def _naming_only(intent: QueryIntent, spans: list[tuple[int, int]]) -> set[str]:
    """Long forms of short ones typed only inside a span that selects the document (`spans`: "Sở GD&ĐT",
    "trường THPT Đốc Binh Kiều"): "giáo dục và đào tạo" there names the issuer, not what is asked."""
    out = set()
    for short, long in intent.readings():
        at = [m.start() for m in re.finditer(re.escape(short), intent.text)]
        if at and all(any(a <= p < b for a, b in spans) for p in at):
            out.add(long)
    return out


def focus_terms(intent: QueryIntent, expanded: bool = True, marked: bool = False) -> list[str]:
    """Content words of the question without the spans that only select the document (see `masked_question`).

    `expanded` adds the formal wordings and abbreviations of bot.understanding.query's expansions; `marked` keeps tone marks."""
    # A type's short code before a named document ("CV 6987/…") is masked; so is its spelled-out form.
    named = bool(intent.doc_numbers or intent.doc_refs)
    # With a document named by its number, an issuer named beside it is the cited document's ("Chỉ thị 04 căn cứ
    # chỉ thị nào của Bộ GDĐT?"): its long form is what is asked.
    selecting = selecting_spans(intent)
    naming = _naming_only(intent, selecting) if expanded and not named else set()
    extra = (
        [
            e
            for e in intent.expansions
            if "/" not in e and not (named and fold(e) in TYPE_NAMES) and e not in naming
        ]
        if expanded
        else []
    )
    toned = intent.has_tone_marks
    return content_terms(
        " ".join([masked_question(intent, expanded, marked or toned, " ", selecting), *extra]), marked, toned
    )


def beside_title(focus: list[str], title: str, marked: bool) -> list[str]:
    """The words that choose the passage in a question naming its document: those it takes from that document's
    title ("TT 01/2026/TT-BTC về kinh phí bảo đảm trật tự ATGT có hiệu lực từ ngày nào?") say which document is
    meant, and would pull the quote to the passages that repeat the title; the rest ("hiệu lực", "ngày") say what
    is asked. All of them when the question has no other words."""
    own = set(content_terms(title, marked))
    return [t for t in focus if t not in own] or focus


def focus_compounds(intent: QueryIntent, writes: Callable[[str], bool] | None = None) -> list[Compound]:
    """The question's own syllable bigrams and trigrams, never spanning a removed span; document types
    ("hướng dẫn", "kế hoạch") are left out too: they name the document, not the passage."""
    masked = list(masked_question(intent, False, False, "|"))
    for start, end in type_spans(fold(intent.text)):
        masked[start:end] = "|" * (end - start)
    text = "".join(masked)
    # A short form no document writes is read as its long form ("tuyển bao nhiêu GV": "giáo viên"), whose
    # syllables pair; one the documents write themselves ("THPT") is how they say it.
    for short, long in intent.readings():
        if writes is not None and not writes(short):
            text = re.sub(rf"(?<!\w){re.escape(fold(short).lower())}(?!\w)", fold(long).lower(), text)
    return compounds(text)


def spelled_out(intent: QueryIntent, marked: bool, plain: list[str] | None = None) -> list[str]:
    """The question's own words with each short form it typed read as its long form ("tuyển bao nhiêu GV" →
    "tuyển", "giáo", "viên"): a passage writing the long form says what was asked as surely as one writing the
    short form. Empty when the question typed no short form. `plain`: focus_terms(intent, expanded=False,
    marked=marked), when the caller has it."""
    if plain is None:
        plain = focus_terms(intent, expanded=False, marked=marked)
    out = list(plain)
    for short, long in intent.readings():
        typed = [t for t in content_terms(short, marked) if t in out]
        if typed:
            out = [t for t in out if t not in typed] + content_terms(long, marked)
    return out if out != plain else []
