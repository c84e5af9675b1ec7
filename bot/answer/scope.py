"""Which documents a question is about: province (+ national), school year, document number, issuer.

A header field excludes a document only when the parser is sure of it (`DocumentMeta.confident`); a doubtful
or unknown field keeps the document in scope with a lower weight, so one misread line never hides the answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.understanding.issuers import NATIONAL_LEVELS, is_national, issuer_mentions, issuer_name, level_of
from bot.understanding.query import QueryIntent
from ingest import provinces
from ingest.doctypes import LETTER_TYPES, REPORT_PREFIX
from ingest.legal import STANDING_TYPES
from ingest.models import Document, DocumentMeta
from ingest.textnorm import fold

# Factors on a document's passage scores (1 = no change).
DOUBTFUL_WEIGHT = 0.8  # in scope only because the field that would exclude it is doubtful or unknown
NATIONAL_WEIGHT = 0.7  # national text for a question that names a province: its own text fits better
NEIGHBOUR_WEIGHT = 0.85  # a province merged into or from the one named (Yên Bái for Lào Cai)
ISSUER_MISMATCH = 0.6  # the question names another issuer level ("Bộ yêu cầu …" against a Sở's text)
ISSUER_UNKNOWN = 0.75  # the question names an issuer level, the document's is unknown
OFF_YEAR_WEIGHT = 0.75  # "năm nay": a document of another year than its issuer's newest up to this one


@dataclass
class Scope:
    doc_ids: set[str] | None  # None = every document
    prefer_newest: bool
    notes: list[str] = field(default_factory=list)
    refusal: str | None = None  # set when the scope itself rules out an answer
    province: str | None = None
    school_year: str | None = None
    weights: dict[str, float] = field(default_factory=dict)  # doc id → factor on its scores (absent = 1)
    relative_year: str | None = None  # the year "năm nay"/"năm ngoái" … refers to
    reviewed_year: str | None = (
        None  # the year asked is only reviewed by later directives: prefer passages naming it
    )


def names_document(intent: QueryIntent, doc: Document) -> bool:
    """Whether the question names `doc` by its number ("TT 01/2026/TT-BTC", "Công văn 4215")."""
    return any(_number_matches(doc, n) for n in intent.doc_numbers) or any(
        _ref_matches(doc, t, p, intent.ref_years.get(p)) for t, p in intent.doc_refs
    )


def _number_matches(doc: Document, number: str) -> bool:
    return bool(doc.meta.doc_number) and fold(doc.meta.doc_number or "") == fold(number)


def _ref_name(doc_type: str | None, prefix: str, year: str) -> str:
    """ "Thông tư số 32/2020": a reference as the question writes it."""
    return f"{doc_type or 'văn bản'} số {prefix}/{year}"


def _ref_matches(doc: Document, doc_type: str | None, prefix: str, year: str | None = None) -> bool:
    """`year`: the one the question writes with the number; Thông tư 01/2026 is not "TT 01/2018"."""
    num = doc.meta.doc_number or ""
    parts = num.split("/")
    head = parts[0].lstrip("0") or "0"
    if head != (prefix.lstrip("0") or "0"):
        return False
    if year and len(parts) > 2 and re.fullmatch(r"(?:19|20)\d\d", parts[1]) and parts[1] != year:
        return False
    if doc_type is None or fold(doc_type) == fold(doc.meta.doc_type):
        return True
    letters = {doc_type, doc.meta.doc_type}
    return letters <= LETTER_TYPES and "Công văn" in letters


# "năm 2024" as a point in time; not "năm học 2024-2025", "giai đoạn 2021-2025" or "tầm nhìn đến năm 2045".
_CALENDAR_YEAR = re.compile(
    r"(?<!den )(?<!toi )(?<!het )\bnam\s+((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)"
)  # on folded text


def _calendar_years(text: str, current: int) -> list[int]:
    years = [int(y) for y in _CALENDAR_YEAR.findall(fold(text))]
    return [y for y in years if current - 30 <= y <= current + 1]


def _covers_calendar_year(doc: Document, year: int, mentioned: frozenset[str]) -> bool:
    """The document's school year spans that year, or its text mentions it, or its year is doubtful."""
    if not doc.meta.confident("school_year"):
        return True
    if doc.meta.school_year and str(year) in doc.meta.school_year.split("-"):
        return True
    return str(year) in mentioned


def _doubtful(doc: Document, name: str) -> bool:
    return not doc.meta.confident(name)


def _group(doc: Document) -> str:
    """Documents of one issuer form a series of school years."""
    return fold(doc.meta.issuer or doc.meta.province or doc.id)


# The province's own authorities issue one series of guidance a year (UBND tỉnh, Sở, Phòng); a school's or a
# university's documents are their own series.
PROVINCIAL_LEVELS = frozenset({"tinh", "so", "phong"})


def same_series(meta: DocumentMeta, other: DocumentMeta) -> bool:
    """Whether a newer `meta` would be the one to say what `other` says, this year: the same issuer, or both the
    same province's authorities ("năm nay" of a Sở's letter is answered by the UBND's newer directive too)."""
    if meta.issuer and meta.issuer == other.issuer:
        return True
    levels = {level_of(meta), level_of(other)}
    return meta.province == other.province and levels <= PROVINCIAL_LEVELS


def _down(weights: dict[str, float], docs: list[Document], factor: float) -> None:
    for d in docs:
        weights[d.id] = weights.get(d.id, 1.0) * factor


def _province_pool(
    pool: list[Document],
    province: str,
    weights: dict[str, float],
    notes: list[str],
    issuer_level: str | None,
) -> list[Document] | str:
    """The province's documents, national ones (ranked lower unless the question names a national issuer; left
    out when it names the province's own body), and those whose province is unknown or doubtful; a refusal text
    when there are none. `issuer_level`: the level of the issuer the question names first, if any."""
    national_actor = issuer_level in NATIONAL_LEVELS
    region = provinces.scope_of(province)
    local = [d for d in pool if d.meta.province in region]
    taken = {d.id for d in local}  # ids: comparing whole documents costs more than the rest of the answer
    national = [d for d in pool if d.id not in taken and is_national(d.meta)]
    taken |= {d.id for d in national}
    unsure = [d for d in pool if d.id not in taken and (d.meta.province is None or _doubtful(d, "province"))]
    label = provinces.issuer_label(province)
    if issuer_level is not None and not national_actor:
        # "Chỉ thị … của UBND tỉnh Quảng Ninh", "Sở GD&ĐT Quảng Ninh yêu cầu …": what that body wrote, which no
        # national text is.
        national = []
    if not local:
        if not national and not unsure:
            return f"Hiện chưa có văn bản nào của {label} trong hệ thống."
        where = "văn bản của Bộ GD&ĐT" if national else "các văn bản chưa rõ tỉnh, thành phố ban hành"
        notes.append(f"Chưa có văn bản riêng của {label}; đang tìm trong {where}.")
    _down(weights, [d for d in local if d.meta.province != province], NEIGHBOUR_WEIGHT)
    _down(weights, national, 1.0 if national_actor else NATIONAL_WEIGHT)
    _down(weights, unsure, DOUBTFUL_WEIGHT)
    return local + national + unsure


def _relative_pool(
    pool: list[Document], target: str, levels: list[str], anywhere: bool
) -> list[Document] | None:
    """ "Năm nay" and the like: per issuer, its documents for that year, else its newest before it (a Sở
    without this year's directive still answers from last year's). Issuers the question names decide
    when present. `anywhere` (no province asked): the year's own documents lead wherever they come from, and
    an issuer's older series only when no document is for that year. None when no document has a year at or
    before the target."""
    named = [d for d in pool if level_of(d.meta) == levels[0]] if levels else []
    if anywhere:
        exact = [d for d in named or pool if d.meta.school_year == target and not _doubtful(d, "school_year")]
        if exact:
            return exact + [d for d in pool if not d.meta.school_year or _doubtful(d, "school_year")]
    series: dict[str, list[Document]] = {}
    for d in named or pool:
        if d.meta.school_year and not _doubtful(d, "school_year"):
            series.setdefault(_group(d), []).append(d)
    keep: list[Document] = []
    for docs in series.values():
        years = sorted({d.meta.school_year or "" for d in docs})
        older = [y for y in years if y <= target]
        if older:
            pick = target if target in years else older[-1]
            keep += [d for d in docs if d.meta.school_year == pick]
    if not keep:
        return None
    unsure = [d for d in pool if d not in keep and (not d.meta.school_year or _doubtful(d, "school_year"))]
    return keep + unsure


def resolve_scope(
    intent: QueryIntent,
    docs: list[Document],
    current_year: str,
    chosen_province: str | None,
    chosen_year: str | None,
    mentions: Mapping[str, frozenset[str]],
) -> Scope:
    """`mentions`: the years and year spans each document's text writes (bot.understanding.schoolyear.year_mentions)."""
    notes: list[str] = []
    weights: dict[str, float] = {}
    pool = list(docs)
    # Province: named in the question, else the user's choice; national documents always stay in scope.
    province = intent.provinces[0] if intent.provinces else None
    if province is None and chosen_province:
        found = provinces.get(chosen_province)
        province = found.name if found else None
    if province:
        issuer_level = intent.issuer_levels[0] if intent.issuer_levels else None
        kept = _province_pool(pool, province, weights, notes, issuer_level)
        if isinstance(kept, str):
            return Scope(None, True, refusal=kept, province=province)
        pool = kept
    # Document numbers restrict the search when we hold that document (doubtful numbers stay, lower).
    numbered = [d for d in pool if any(_number_matches(d, n) for n in intent.doc_numbers)]
    if not numbered and intent.doc_refs:
        numbered = [
            d for d in pool if any(_ref_matches(d, t, p, intent.ref_years.get(p)) for t, p in intent.doc_refs)
        ]
    # The document itself, when held, answers for an article that reports it ("Bài viết về Chỉ thị 29/CT-TTg"),
    # unless the question asks what the article says ("Bài báo về Chỉ thị 29 nói …").
    if numbered and not asks_article(intent.text):
        numbered = [d for d in numbered if not is_report(d)] or numbered
    if numbered:
        unsure = [d for d in pool if d not in numbered and _doubtful(d, "doc_number")]
        _down(weights, unsure, DOUBTFUL_WEIGHT)
        pool = numbered + unsure
    elif intent.doc_numbers:
        notes.append(
            f"Chưa có văn bản số {', '.join(intent.doc_numbers)} trong hệ thống; kết quả lấy từ văn bản khác."
        )
    elif dated := [_ref_name(t, p, y) for t, p in intent.doc_refs if (y := intent.ref_years.get(p))]:
        # "TT 32/2020" names a document as surely as its full number; a bare "Kế hoạch 5" may not name one.
        notes.append(f"Chưa có {', '.join(dated)} trong hệ thống; kết quả lấy từ văn bản khác.")
    elif standing := [f"{t} số {p}" for t, p in intent.doc_refs if t in STANDING_TYPES and len(p) >= 2]:
        # "Thông tư 29", "Nghị định 116": the laws a directive cites are known by their number alone.
        notes.append(f"Chưa có {', '.join(standing)} trong hệ thống; kết quả lấy từ văn bản khác.")
    # Issuers the question names rank their documents first; they never exclude any.
    # The first one named is the actor ("Thủ tướng giao UBND các tỉnh …": the Thủ tướng's text).
    if intent.issuer_levels:
        actor = intent.issuer_levels[0]
        for d in pool:
            level = level_of(d.meta)
            if level is None or _doubtful(d, "issuer"):
                _down(weights, [d], ISSUER_UNKNOWN)
            elif level != actor:
                _down(weights, [d], ISSUER_MISMATCH)
    # A calendar year ("năm 2024") the documents in scope neither are for nor mention cannot be answered.
    for year_number in _calendar_years(intent.text, int(current_year[:4])):
        if not any(_covers_calendar_year(d, year_number, mentions[d.id]) for d in pool):
            return Scope(
                None,
                True,
                refusal=f"Chưa có văn bản nào trong phạm vi này nói về năm {year_number}.",
                province=province,
            )
    # School year: an explicit one is a filter; "năm nay" prefers that year, else the newest before it.
    years = sorted({d.meta.school_year for d in pool if d.meta.school_year})
    year = intent.school_year if intent.year_source == "explicit" else None
    year = year or (chosen_year if chosen_year and intent.year_source == "none" else None)
    if year:
        matching = [d for d in pool if d.meta.school_year == year]
        reviewed = None
        if not matching:
            # A directive for year Y often reviews year Y-1 ("tổng kết năm học 2018-2019"): those may answer,
            # from the passages that name that year.
            matching = [d for d in pool if year in mentions[d.id]]
            reviewed = year if matching else None
        unsure = [d for d in pool if d not in matching and _doubtful(d, "school_year")]
        if not matching and not unsure:
            have = ", ".join(years) if years else "không có"
            return Scope(
                None,
                True,
                refusal=f"Chưa có văn bản nào về năm học {year} trong phạm vi này "
                f"(các năm học hiện có: {have}).",
                province=province,
                school_year=year,
            )
        _down(weights, unsure, DOUBTFUL_WEIGHT)
        return Scope(
            {d.id for d in matching + unsure + _standing(pool)},
            False,
            notes,
            None,
            province,
            year,
            weights,
            reviewed_year=reviewed,
        )
    if intent.year_source == "relative" and intent.school_year:
        # Soft: the year each issuer has for "năm nay" leads, other years still answer what it does not say.
        target = intent.school_year
        preferred = _relative_pool(pool, target, intent.issuer_levels, province is None)
        # "Năm học trước" with no document of that year: the next year's directive reviews it, in the passages
        # that name it ("Năm học 2025-2026, ngành Giáo dục Hà Tĩnh …"), as for a year asked by name.
        reviewed = (
            target
            if not any(d.meta.school_year == target for d in pool)
            and any(target in mentions[d.id] for d in pool)
            else None
        )
        if preferred is not None or reviewed:
            if preferred is not None:
                # A directive reviewing the year asked is not off that year.
                off = [
                    d for d in pool if d not in preferred and not (reviewed and reviewed in mentions[d.id])
                ]
                _down(weights, off, OFF_YEAR_WEIGHT)
            # A list of "this year's" tasks or dates from another year's document would be a wrong list.
            listed = preferred if intent.wants_list and preferred is not None else pool
            return Scope(
                {d.id for d in listed},
                False,
                notes,
                None,
                province,
                None,
                weights,
                relative_year=target,
                reviewed_year=reviewed,
            )
    return Scope({d.id for d in pool}, True, notes, None, province, None, weights)


# An article asked about: "bài báo", "bài viết", "tin bài", "theo báo …", or a newspaper by its name ("Báo Giáo dục
# và Thời đại", "Báo Lào Cai": "Báo" before a capital; "Báo cáo" is a report, not a newspaper).
_ASKS_ARTICLE = re.compile(r"\b(?:bai\s+(?:bao|viet)|tin\s+bai|theo\s+bao)\b")
_NEWSPAPER = re.compile(r"\b[Bb]áo\s+[A-ZĐ]")


def asks_article(question: str) -> bool:
    return bool(_ASKS_ARTICLE.search(fold(question).lower()) or _NEWSPAPER.search(question))


def is_report(doc: Document) -> bool:
    return (doc.meta.doc_type or "").startswith(REPORT_PREFIX)


def _standing(pool: list[Document]) -> list[Document]:
    """Laws, decrees and circulars without a school year apply in every year: a year filter keeps them."""
    return [d for d in pool if d.meta.school_year is None and d.meta.doc_type in STANDING_TYPES]


def issuer_note(intent: QueryIntent, meta: DocumentMeta) -> str | None:
    """Issuers the question names only rank their documents first: when the passage quoted is another level's
    ("Thủ tướng yêu cầu gì về …" answered from a province's directive), the answer says whose it is."""
    if not intent.issuer_levels or not meta.issuer or intent.doc_refs or intent.doc_numbers:
        return None  # a question naming its document is answered from it, whoever it cites
    level = level_of(meta)
    if level is None or level == intent.issuer_levels[0]:
        return None
    named = next(
        (
            issuer_name(intent.text[a:b])
            for a, b, lv in issuer_mentions(intent.text)
            if lv == intent.issuer_levels[0]
        ),
        "",
    )
    if not named:
        return None
    return f"Đoạn trích trên là của {meta.issuer}, không phải văn bản của {named}."


def province_note(scope: Scope, meta: DocumentMeta) -> str | None:
    """A document whose province is doubtful stays in the scope of another province, ranked lower: when it is the
    one quoted ("Lào Cai chỉ đạo gì …?" answered from a portal's copy of Lai Châu's directive), the answer says so."""
    asked, own = scope.province, meta.province
    if not asked or not own or own == provinces.NATIONAL:
        return None
    if own in (provinces.scope_of(asked) or {asked}):  # a province merged into it is its own
        return None
    return f"Đoạn trích trên là văn bản của {own}, không phải của {asked}; văn bản của {asked} hiện có không nêu rõ nội dung này."
