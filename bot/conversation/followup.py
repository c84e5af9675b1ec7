"""Is a message self-contained or a continuation of the last turn, and what does it mean on its own?

Rules from how Vietnamese follow-ups are phrased, no LLM:
- ellipsis: "còn …", "thế còn …", "vậy còn …", "… thì sao", "… thì thế nào", "… cũng vậy à";
- asking for more: "cụ thể hơn", "chi tiết hơn", "nói rõ hơn", "còn gì nữa";
- references back: "văn bản đó", "chỉ thị này", "mục đó", "mục trên", "tỉnh đó", "ở đó", "năm trước", "năm đó";
- a fragment: nothing but a province, a school year, a level or a document number ("An Giang?", "còn THCS?").
Without a prior turn, or when the message names its own topic and its own scope, it starts afresh.

A follow-up is rewritten into a standalone question: what it names (province, year, level, document,
topic) replaces the old value, everything else is carried over.  Questions typed without tone marks are
matched on folded text; with tone marks, "còn" must be "còn" (not "con", a child).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bot.answer.models import where_label
from bot.conversation.spans import Span, blank, level_spans, number_spans, province_spans, year_spans
from bot.conversation.state import Turn
from bot.understanding.issuers import NATIONAL_LEVELS, issuer_mentions, issuer_name
from bot.understanding.query import QueryIntent, understand
from bot.understanding.schoolyear import fold_keep, relative_spans, school_year, start_year
from ingest.textnorm import fold, has_tone_marks

# -- how follow-ups are phrased (lower-case, with tone marks; folded for text typed without them) -------------
_THEN = r"(?:thế|vậy|và|nhưng|rồi|ừ|ok|vâng|dạ)"
_ELLIPSIS = (
    rf"^\W*(?:{_THEN}\s+)*còn\b(?!\s+(?:lại|nguyên|hiệu\s+lực))",  # "còn …", "thế còn …"; not "còn lại"
    r"\bthì\s+(?:sao|thế\s+nào|như\s+thế\s+nào|ra\s+sao|làm\s+sao|có\s+khác\s+không)\b",
    r"\b(?:cũng\s+(?:vậy|thế|như\s+vậy|như\s+thế)|có\s+giống\s+(?:vậy|thế)?\s*không)\b",
    # "Nghệ An có gì tương tự không?", "tương tự như vậy thì sao": the last question, asked of another scope
    r"\b(?:có\s+)?(?:gì\s+|nội\s+dung\s+)?tương\s+tự(?:\s+(?:như\s+)?(?:vậy|thế|trên))?(?:\s+không)?\b",
    r"^\W*(?:sao|thế\s+nào|như\s+thế\s+nào|ra\s+sao)\W*$",
)
_DETAIL = (
    r"\b(?:cụ\s+thể|chi\s+tiết|rõ|kỹ|kĩ|đầy\s+đủ)\s+hơn\b",
    r"\b(?:nói|kể|nêu|giải\s+thích|trích)\s+(?:thêm|rõ|cụ\s+thể|chi\s+tiết|đầy\s+đủ)\b",
    r"\b(?:gì|những\s+gì)\s+(?:thêm|nữa|khác)\b",
    r"\bthêm\s+(?:nữa|chi\s+tiết)\b",
    r"\b(?:toàn|nguyên)\s+văn\b",
)
_DEMONSTRATIVE = r"(?:đó|này|ấy|trên|kia|vừa\s+(?:rồi|nêu|nói|trích)|nói\s+trên|vừa\s+trả\s+lời)"
_DOC_REF = (
    r"\b(?:văn\s+bản|chỉ\s+thị|công\s+văn|hướng\s+dẫn|kế\s+hoạch|quyết\s+định|thông\s+báo|thông\s+tư"
    rf"|bài\s+(?:viết|báo)|tin\s+bài|nguồn)\s+{_DEMONSTRATIVE}\b"
)
_SECTION_REF = (
    rf"\b(?:mục|phần|ý|nội\s+dung|đoạn|điều|khoản|nhiệm\s+vụ|giải\s+pháp|chỉ\s+tiêu)\s+{_DEMONSTRATIVE}\b"
)
# "cái này Bộ quy định thế nào?", "việc đó hạn chót khi nào?": the thing the last question was about.
_TOPIC_REF = (
    rf"\b(?:cái|việc|vấn\s+đề|chuyện)\s+{_DEMONSTRATIVE}\b"
    # "Nghệ An có khảo sát như vậy không?": such a thing as the last question was about
    r"|\bnhư\s+(?:vậy|thế|trên)\b(?!\s+nào)"
)
_PLACE_REF = r"\b(?:tỉnh|thành\s+phố|địa\s+phương|nơi|ở|tại)\s+(?:đó|này|ấy|trên|kia)\b"
_YEAR_BACK = r"\bnăm(?:\s+học)?\s+(?:trước(?:\s+đó)?|liền\s+trước)\b"
_YEAR_NEXT = r"\bnăm(?:\s+học)?\s+(?:sau(?:\s+đó)?|tiếp\s+theo|kế\s+tiếp)\b"
_YEAR_SAME = r"\bnăm(?:\s+học)?\s+(?:đó|ấy|kia)\b"
_LEVEL_REF = r"\b(?:cấp|bậc)(?:\s+học)?\s+(?:đó|này|ấy|trên)\b"


# Nouns that name a property of a task, not a task: "hạn chót là khi nào?", "thế còn kinh phí?" after an answer on
# "tuyển dụng giáo viên" ask that task's deadline or funding. A message whose topic is only these continues the last.
_ATTRIBUTE_PHRASES = (
    "hạn chót", "thời hạn", "hạn", "ngày", "thời gian", "địa điểm", "kinh phí", "nguồn", "mức", "tỷ lệ", "tỉ lệ",
    "số lượng", "chỉ tiêu", "đối tượng", "điều kiện", "hồ sơ", "thủ tục", "trách nhiệm", "căn cứ", "quy trình",
    "lộ trình", "chủ trì", "phối hợp", "người", "đơn vị", "cơ quan", "bộ phận", "chịu",
)  # fmt: skip
# Their syllables, and words that are properties only alone ("chi" of funds, "mục", "phụ trách"), folded.
_ATTRIBUTES = frozenset(fold(w) for p in (*_ATTRIBUTE_PHRASES, "chi", "mục", "phụ trách") for w in p.split())
# Whole phrases, for taking them out of a topic: "chất lượng" keeps "lượng", which alone would be "số lượng"'s.
_ATTRIBUTE_PHRASE = re.compile(rf"(?<!\w)(?:{'|'.join(fold(p) for p in _ATTRIBUTE_PHRASES)})(?!\w)")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that frame a question without naming what it is about, written with tone marks: "thì" is a frame
# word, "thi" (exam) is not; text typed without tone marks is compared folded (phrases first).
_FRAME_PHRASES = (
    r"như\s+thế\s+nào|thế\s+nào|ra\s+sao|làm\s+sao|bao\s+nhiêu|khi\s+nào|lúc\s+nào|ở\s+đâu|là\s+gì|cái\s+gì"
    r"|văn\s+bản|năm\s+học|chỉ\s+đạo|yêu\s+cầu|quy\s+định|đề\s+cập|hướng\s+dẫn|nội\s+dung|thông\s+tin"
    r"|cho\s+biết|cho\s+hỏi|xin\s+hỏi|thực\s+hiện|thế\s+còn|vậy\s+còn|thành\s+phố|địa\s+phương|cấp\s+học"
    r"|bậc\s+học|cụ\s+thể|chi\s+tiết|đầy\s+đủ|giải\s+thích|như\s+vậy|được\s+không|có\s+không"
)
_FRAME_WORDS = _word_set(
    "gì nào sao thế như ra không có là của về ở tại cho với thì vậy ạ nhỉ nhé hả à nữa hơn được những các "
    "đối còn và hay hoặc tỉnh cấp bậc ấy đó này kia trên mấy ai đâu khi rồi ừ ok vâng dạ ơi em thầy cô "
    "mình tôi chúng ta nhiều bao năm nói nêu kể rõ kỹ kĩ thêm khác trích phải cần làm muốn hỏi biết xem "
    "tìm gồm một vừa sau trước tiếp theo kế liền cũng giống tp hồi"
)
# particles that soften a request ("nói rõ hơn đi", "cho mình xem với nhé", "giúp em nha")
_FRAME_WORDS |= {"đi", "nha", "nhé", "nhá", "giúp", "giùm", "hộ", "xin", "ơn", "vui", "lòng"}
_FRAME_FOLDED = frozenset(fold(w) for w in _FRAME_WORDS)


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str, marked: bool) -> re.Pattern[str]:
    return re.compile(pattern if marked else fold(pattern))


def _patterns_match(patterns: tuple[str, ...] | str, text: str, marked: bool) -> list[Span]:
    """Spans of tone-marked patterns: exact when the message has tone marks, folded when it has none."""
    low = text.lower()
    target = low if marked and len(low) == len(text) else fold_keep(low)
    spans: list[Span] = []
    for pattern in (patterns,) if isinstance(patterns, str) else patterns:
        spans += [m.span() for m in _compiled(pattern, marked).finditer(target)]
    return spans


# -- the decision ------------------------------------------------------------------------------------------------


@dataclass
class Resolution:
    kind: str  # "self" | "followup"
    standalone: str  # the question to answer
    rewritten: bool = False  # standalone differs from what was typed
    doc_ids: list[str] = field(default_factory=list)  # restrict to these documents (a carried document)
    detail: bool = False  # "cụ thể hơn" with nothing new: the last cited section in full
    topic: str = ""  # the message's own words without scope and question frame
    # what an LLM rewrite must keep (bot/conversation/condense.py)
    new_words: list[str] = field(default_factory=list)
    intent: QueryIntent | None = None  # of `standalone` when already computed (a self-contained message)


@dataclass
class _Signals:
    ellipsis: list[Span]
    detail: list[Span]
    doc_ref: list[Span]
    section_ref: list[Span]
    topic_ref: list[Span]
    place_ref: list[Span]
    year_back: list[Span]
    year_next: list[Span]
    year_same: list[Span]
    level_ref: list[Span]

    def references(self) -> list[Span]:
        return [
            *self.doc_ref,
            *self.section_ref,
            *self.topic_ref,
            *self.place_ref,
            *self.year_back,
            *self.year_next,
            *self.year_same,
            *self.level_ref,
        ]


def _signals(text: str, marked: bool) -> _Signals:
    return _Signals(
        ellipsis=_patterns_match(_ELLIPSIS, text, marked),
        detail=_patterns_match(_DETAIL, text, marked),
        doc_ref=_patterns_match(_DOC_REF, text, marked),
        section_ref=_patterns_match(_SECTION_REF, text, marked),
        topic_ref=_patterns_match(_TOPIC_REF, text, marked),
        place_ref=_patterns_match(_PLACE_REF, text, marked),
        year_back=_patterns_match(_YEAR_BACK, text, marked),
        year_next=_patterns_match(_YEAR_NEXT, text, marked),
        year_same=_patterns_match(_YEAR_SAME, text, marked),
        level_ref=_patterns_match(_LEVEL_REF, text, marked),
    )


def topic_words(text: str, intent: QueryIntent, extra: list[Span] = ()) -> list[str]:  # type: ignore[assignment]
    """The message's own content words: without scope mentions, references and question frame."""
    scope = [*year_spans(text), *level_spans(text), *number_spans(text, intent)]
    # "Bộ", "Sở GD&ĐT": who issued the text chooses the documents, as a province does.
    scope += [(a, b) for a, b, _ in issuer_mentions(text)]
    scope += [s for name in intent.provinces for s in province_spans(text, name)]
    rest = blank(text, [*scope, *extra])
    marked = has_tone_marks(text)
    frames = _patterns_match(rf"\b(?:{_FRAME_PHRASES})\b", rest, marked)
    rest = blank(rest, frames)
    words = [m.group() for m in re.finditer(r"[^\W_]+", rest) if not m.group().isdigit()]
    if marked:
        return [w for w in words if w.lower() not in _FRAME_WORDS]
    return [w for w in words if fold(w) not in _FRAME_FOLDED]


def _year_shift(year: str, by: int) -> str:
    return school_year(start_year(year) + by)


def clean_end(text: str) -> str:
    return re.sub(r"[\s?.!…,;:]+$", "", text).strip()


def _tidy(text: str) -> str:
    """White space and punctuation left behind where a span was removed."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"[\s,;:]+(?=[?.!…]|$)", "", text)
    return re.sub(r"\s+([,;:])", r"\1", text).strip(" ,")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _with_scope(core: str, parts: list[str]) -> str:
    core = clean_end(core)
    return _capital(" ".join([core, ", ".join(p for p in parts if p)]).strip()) + "?"


def _replace_first(text: str, spans: list[Span], new: str) -> str | None:
    if not spans:
        return None
    start, end = spans[0]
    return text[:start] + new + text[end:]


# "ở Hà Tĩnh", "của tỉnh Hà Tĩnh": the words that go with a province dropped from a question.
_PLACE_WORDS = re.compile(r"(?:\b(?:o|tai|cua|tinh|thanh pho|tp)\s+)+$")


# Courtesy and hedges a message ends with ("… ạ", "… vậy", "… nhỉ"), left behind when a frame is cut out.
_TRAILING_PARTICLES = re.compile(r"(?:[\s,]+(?:ạ|a|vậy|vay|nhỉ|nhi|nhé|nhe|hả|ha|hở|ho|à|ạh))+(?=\W*$)", re.I)


def _named_part(text: str, start: int, end: int) -> Span:
    """The part of an issuer mention that names it, with the word owning it ("của Bộ", "Bộ" of "Bộ yêu cầu")."""
    name = issuer_name(text[start:end])
    at = text.find(name, start, end)
    return (start, at + len(name)) if at >= 0 else (start, end)


def _with_issuer(
    standalone: str,
    text: str,
    issuers: list[tuple[int, int, str]],
    style: Callable[[str], str],
    drop_province: str | None,
) -> str:
    """The last question asked of the issuer the message names ("còn Bộ thì sao?"): it takes the place of the
    issuer the last question named, or is added; `drop_province`: the province no longer asked (the Bộ's texts
    are national)."""
    start, end, _ = max(issuers, key=lambda m: m[1] - m[0])
    said = issuer_name(text[start:end])
    if drop_province:
        folded = fold_keep(standalone.lower())
        spans = []
        for a, b in province_spans(standalone, drop_province):
            lead = _PLACE_WORDS.search(folded[:a])
            spans.append((lead.start() if lead else a, b))
        standalone = _tidy(blank(standalone, spans))
    old = issuer_mentions(standalone)
    if not old:
        return _with_scope(standalone, [style(f"theo {said}")])
    a, b, _ = max(old, key=lambda m: m[1] - m[0])
    lead = re.match(r"(?:của|theo)\s+", standalone[a:b], re.I)
    new = (lead.group() if lead and not re.match(r"(?:của|theo)\s", said, re.I) else "") + said
    return _tidy(standalone[:a] + style(new) + " " + standalone[b:])


def _without_attributes(topic: str) -> str:
    """A topic without the property words a follow-up asked of it ("tuyển dụng giáo viên hạn chót" → "tuyển dụng
    giáo viên"), so that asking another property does not carry the last one."""
    kept = _ATTRIBUTE_PHRASE.sub(" ", fold_keep(topic.lower()))
    words = topic.split()
    folded = set(kept.split())
    out = [w for w in words if fold(w.lower()) in folded]
    return " ".join(out or words)


def _after_first_run(text: str, words: list[str]) -> int:
    """The end of the first run of `words` in `text` ("hạn chót" in "hạn chót là khi nào"): where the subject
    they are a property of goes."""
    found = sorted(m.span() for w in set(words) for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", text))
    end = found[0][1]
    for start, stop in found[1:]:
        if text[end:start].strip():
            break
        end = max(end, stop)
    return end


def _level_text(levels: list[str]) -> str:
    names = [lv if lv.isupper() else lv.lower() for lv in levels]
    return " và ".join(names)


def resolve(
    text: str,
    previous: Turn | None,
    today: date,
    years_of: Callable[[str], set[str]] | None = None,
) -> Resolution:
    """`years_of(province)`: the school years the index holds for a province (with national documents).

    A year carried over to another province that has no document for it is dropped, rather than turning
    "thế còn Lai Châu?" into a refusal; the "Hiểu là" line shows the year that was used."""
    intent = understand(text, today)
    text = intent.text
    if (
        previous is None
    ):  # nothing to continue; its topic is kept for the next message ("hạn chót là khi nào?")
        return Resolution("self", text, topic=" ".join(topic_words(text, intent)), intent=intent)
    marked = has_tone_marks(text)
    sig = _signals(text, marked)
    markers = [*sig.ellipsis, *sig.detail]
    topic = topic_words(text, intent, [*markers, *sig.references()])
    refs = bool(sig.references())
    own_year = intent.year_source == "explicit" or (intent.school_year is not None and not _year_ref(sig))
    own_scope = bool(intent.provinces or own_year or intent.doc_refs)
    # "hạn chót là khi nào?": a property of the last topic, asked without naming it
    attribute = bool(topic) and previous.topic != "" and all(fold(w.lower()) in _ATTRIBUTES for w in topic)
    # "Hà Tĩnh", then "năm nay yêu cầu gì về chuyển đổi số?": a message naming only a scope sets it for the next.
    scope_set = not previous.topic and bool(previous.province) and not previous.doc_numbers
    scope_set = scope_set and not (intent.provinces or intent.doc_refs)
    # "Chủ đề năm học 2021-2022 của Lào Cai là gì?", then "năm học 2019-2020 thì chủ đề là gì?": the last
    # question's own words again, in the scope the message names; what it does not name is carried.
    asked_before = {fold(w.lower()) for w in previous.topic.split()}
    # "địa điểm thi ở đâu?" after "… tổ chức thi HSG lớp 12 ngày nào?": the last topic's words and properties only.
    own_words = [fold(w.lower()) for w in topic]
    same_topic = (
        bool(topic)
        and all(w in asked_before or w in _ATTRIBUTES for w in own_words)
        and any(w in asked_before for w in own_words)
    )
    # a property alone ("năm học 2017-2018 hạn là ngày nào?") is of the last topic, whatever scope it names
    own_topic = topic and own_scope and not refs and not scope_set and not attribute and not same_topic
    if not (markers or refs or not topic or attribute or scope_set or same_topic) or own_topic:
        return Resolution("self", text, topic=" ".join(topic_words(text, intent)), intent=intent)

    # -- the scope this turn asks about: named values replace, the rest is carried over ---------------
    province = intent.provinces[0] if intent.provinces else previous.province
    # "còn Bộ thì sao?", "cái này Bộ quy định thế nào?": the Bộ's (or Chính phủ's) texts are national, so the
    # province asked before is not carried to them.
    issuers = issuer_mentions(text)
    nationwide = bool(issuers) and all(level in NATIONAL_LEVELS for _, _, level in issuers)
    if nationwide and not intent.provinces:
        province = None
    year = previous.school_year
    if intent.year_source == "explicit":
        year = intent.school_year
    elif previous.school_year and (sig.year_back or sig.year_next):
        year = _year_shift(previous.school_year, -1 if sig.year_back else 1)
    elif intent.year_source == "relative" and not sig.year_same:
        year = intent.school_year
    if (
        year
        and year == previous.school_year
        and intent.provinces
        and province != previous.province
        and years_of is not None
        and province
        and year not in years_of(province)
        # "năm nay" is a preference, never a filter (bot.answer.scope): the other province's newest text answers it
        and not relative_spans(previous.standalone)
    ):
        year = None
    levels = intent.levels or previous.levels
    new_doc = bool(intent.doc_refs)
    moved = (province != previous.province and bool(intent.provinces)) or year != previous.school_year
    moved = moved or bool(issuers)  # an issuer named chooses the documents afresh
    doc_ids: list[str] = []
    # "chỉ tiêu này" in another year or of another issuer is the same target in another document
    if (sig.doc_ref or (sig.section_ref and not moved)) and previous.cited_doc_id:
        doc_ids = [previous.cited_doc_id]
    elif not new_doc and not moved:
        doc_ids = list(previous.doc_ids)
    new_words = [*topic, *intent.provinces, *([year] if year and year != previous.school_year else [])]
    new_words += [n for n in intent.doc_numbers] + [lv for lv in intent.levels if lv not in previous.levels]

    # -- the same question about a sibling: "học kỳ 2" for "học kỳ 1", "lớp 9" for "lớp 12" -------------------------
    sibling = None if refs or own_scope else _sibling(blank(text, markers), previous.standalone)
    if sibling is None and sig.ellipsis and not (refs or own_scope or intent.levels):
        narrowed = _narrowed(blank(text, markers), previous.standalone)
        if narrowed is not None:
            sibling = _carrying(narrowed, province, year, previous, today)
    if sibling is not None:
        return Resolution(
            "followup",
            sibling,
            rewritten=True,
            doc_ids=doc_ids,
            topic=previous.topic,
            new_words=new_words,
        )

    if not topic:
        # Nothing new to ask about: the last question again, in the new scope (or in more detail).
        standalone = previous.standalone
        # a question typed without tone marks stays so: mixed text would be read as marked and match less
        style = (lambda new: new) if has_tone_marks(standalone) else fold
        if moved and previous.doc_numbers and not new_doc:
            # the carried document belongs to the old province/year: keep its type, drop its number
            numbers = number_spans(standalone, understand(standalone, today))
            standalone = _tidy(blank(standalone, numbers))
        if province and province != previous.province:
            # "còn Hà Tĩnh?" after "Bộ yêu cầu …?": the province's own text is asked, not the Bộ's
            # only the issuer and the word owning it go; the verb stays ("Bộ yêu cầu gì về …" → "yêu cầu gì về …")
            national = [
                _named_part(standalone, a, b)
                for a, b, level in issuer_mentions(standalone)
                if level in NATIONAL_LEVELS
            ]
            standalone = _capital(_tidy(blank(standalone, national))) if national else standalone
            places = " và ".join(intent.provinces)  # "còn Hà Tĩnh và Nghệ An?": each (bot/answer/several.py)
            spans = province_spans(standalone, previous.province) if previous.province else []
            standalone = _replace_first(standalone, spans, style(places)) or _with_scope(
                standalone, [style(f"ở {places}")]
            )
        if issuers:
            standalone = _with_issuer(
                standalone, text, issuers, style, previous.province if nationwide else None
            )
        if previous.school_year and year is None and intent.year_source == "none":
            standalone = _tidy(blank(standalone, year_spans(standalone)))
        if year and year != previous.school_year:
            spans = year_spans(standalone)
            standalone = _replace_first(standalone, spans, style(f"năm học {year}")) or _with_scope(
                standalone, [style(f"năm học {year}")]
            )
        typed = [fold(text[a:b].lower()) for a, b in level_spans(text)]
        # "còn nhà trẻ?" after "… trẻ mẫu giáo …": both "mầm non", yet the group typed is another
        other_group = any(t not in fold(standalone.lower()) for t in typed)
        if intent.levels and (intent.levels != previous.levels or other_group):
            spans = level_spans(standalone)
            same_level = intent.levels == previous.levels
            said = " và ".join(text[a:b] for a, b in level_spans(text)) if same_level else ""
            level_said = said or _level_text(intent.levels)
            standalone = _replace_first(standalone, spans, style(level_said)) or _with_scope(
                standalone, [style(f"cấp {level_said}")]
            )
        if new_doc:
            prev_intent = understand(standalone, today)
            label = " ".join(intent.doc_numbers) or " ".join(
                f"{t or 'văn bản'} {n}" for t, n in intent.doc_refs
            )
            standalone = _replace_first(
                standalone, number_spans(standalone, prev_intent), label
            ) or _with_scope(standalone, [f"theo {label}"])
        standalone = _capital(_tidy(standalone))
        unchanged = standalone == _capital(_tidy(previous.standalone))
        detail = unchanged and bool(sig.detail or sig.section_ref) and previous.cited_doc_id is not None
        return Resolution(
            "followup",
            standalone,
            rewritten=True,
            doc_ids=doc_ids,
            detail=detail,
            topic=previous.topic,
            new_words=new_words,
        )

    # -- a new topic (or a question about the carried document) ------------------------------------------------
    body = text
    style = (lambda new: new) if marked else fold
    replacements: list[tuple[Span, str]] = []
    label = previous.cited_doc_label or ""
    for span in sig.doc_ref:
        if label:
            replacements.append((span, style(label)))
    subject = _without_attributes(previous.topic)
    for span in sig.section_ref:
        if moved and subject:  # "chỉ tiêu này" asked of another year's text: "chỉ tiêu" of the last topic
            said = text[span[0] : span[1]]
            cut = _patterns_match(rf"\s+{_DEMONSTRATIVE}$", said, marked)
            replacements.append((span, f"{said[: cut[0][0]] if cut else said} {style(subject)}"))
        elif label and previous.cited_section:
            replacements.append((span, style(f"{where_label(previous.cited_section, None)} của {label}")))
    for span in sig.topic_ref:
        # "cái này" → what the last question was about, less the words the message already says ("khảo sát
        # như vậy" → "khảo sát chất lượng …")
        in_message = {fold(w.lower()) for w in text.split()}
        rest = " ".join(w for w in subject.split() if fold(w.lower()) not in in_message)
        if rest or subject:
            replacements.append((span, style(rest or subject)))
    for span in sig.place_ref:
        if previous.province:
            word = text[span[0] : span[1]].split()[0]
            replacements.append((span, style(f"{word} {previous.province}")))
    for span in [*sig.year_back, *sig.year_next, *sig.year_same]:
        if year:
            replacements.append((span, style(f"năm học {year}")))
    for span in sig.level_ref:
        if levels:
            replacements.append((span, style(f"cấp {_level_text(levels)}")))
    for span in sig.ellipsis:  # "thế còn", "thì sao": the frame goes, the topic stays
        replacements.append((span, " "))
    # "hạn chót là khi nào" → "hạn chót tuyển dụng giáo viên là khi nào" (unless "cái đó" already names it)
    if attribute and subject and not sig.topic_ref:
        replacements.append(((end := _after_first_run(text, topic), end), f" {style(subject)}"))
    for (start, end), new in sorted(replacements, reverse=True):
        body = body[:start] + new + body[end:]
    body = re.sub(r"\s+", " ", body).strip(" ,")
    body = _TRAILING_PARTICLES.sub("", body)  # "đội tuyển quốc gia [thì sao] ạ": the courtesy left behind
    carries_doc = bool(doc_ids) and bool(label) and style(label) in body
    carried = [] if carries_doc else _carried(understand(body, today), province, year, previous)
    # the level is not carried into a new topic: it was usually part of the old topic's wording
    if doc_ids and not carries_doc and label:
        carried.append(f"theo {label}")
    elif previous.doc_numbers and not doc_ids and not moved and not new_doc:
        carried.append(f"theo {', '.join(previous.doc_numbers)}")
    standalone = _with_scope(body, [style(c) for c in carried]) if carried else _capital(body)
    if not standalone.endswith("?") and text.rstrip().endswith("?"):
        standalone += "?"
    return Resolution(
        "followup",
        standalone,
        rewritten=standalone != text,
        doc_ids=doc_ids,
        topic=previous.topic if attribute else " ".join(topic),  # a property of it: the subject stays
        new_words=new_words,
    )


# A numbered thing: a few words, then its number ("học kỳ 2", "lớp 9", "khối 6", "mục II", "điều 5").
_NUMBERED = re.compile(r"^(?P<head>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s+(?P<n>\d{1,2}|[IVX]{1,4})$")


def _sibling(fragment: str, previous: str) -> str | None:
    """ "Học kỳ 2 thì sao?" after "Năm nay học kỳ 1 kết thúc khi nào?": the fragment is a numbered thing the last
    question names with another number, so the question is asked again about it ("Năm nay học kỳ 2 kết thúc khi
    nào?"). None when the fragment is not just that, or the last question has no such thing."""
    words = clean_end(re.sub(r"\s+", " ", fragment)).strip(" ,").split()
    while words and fold(words[-1].lower()) in _FRAME_FOLDED:  # "… ạ", "… vậy", "… nhỉ"
        words.pop()
    m = _NUMBERED.match(" ".join(words))
    if m is None:
        return None
    head = fold(m.group("head")).lower()
    target = fold_keep(previous.lower())
    old = re.search(rf"(?<!\w){re.escape(head)}\s+(\d{{1,2}}|[ivx]{{1,4}})(?!\w)", target)
    if old is None or old.group(1) == m.group("n").lower():
        return None
    # Only the number changes: the last question's spelling (tone marks, capitals) stays as it was.
    return previous[: old.start(1)] + m.group("n") + previous[old.end(1) :]


def _carried(named: QueryIntent, province: str | None, year: str | None, previous: Turn) -> list[str]:
    """The scope the conversation carries that the rewritten question (`named`, understood) does not name."""
    carried = []
    if province and not named.provinces:
        carried.append(f"ở {province}")
    if year and not named.school_year:
        # "năm nay" stays a preference (bot.answer.scope): the year it was read as would become a filter
        relative = year == previous.school_year and relative_spans(previous.standalone)
        carried.append("năm nay" if relative else f"năm học {year}")
    return carried


def _carrying(standalone: str, province: str | None, year: str | None, previous: Turn, today: date) -> str:
    """The question with the scope the conversation carries that it does not name ("ở Đắk Lắk")."""
    style = (lambda new: new) if has_tone_marks(standalone) else fold
    carried = _carried(understand(standalone, today), province, year, previous)
    return _with_scope(standalone, [style(c) for c in carried]) if carried else _capital(standalone)


MAX_NARROWING = 4  # words of a fragment that narrows a noun of the last question ("trẻ 5 tuổi")


def _narrowed(fragment: str, previous: str) -> str | None:
    """ "Thế còn trẻ 5 tuổi?" after "Chỉ tiêu huy động trẻ ra lớp là bao nhiêu %?": the fragment opens with a noun
    the last question names and says which of them, so the question is asked again of those ("… huy động trẻ 5
    tuổi ra lớp …"). None when the fragment is not that."""
    words = clean_end(re.sub(r"\s+", " ", fragment)).strip(" ,").split()
    while words and fold(words[-1].lower()) in _FRAME_FOLDED:  # "… ạ", "… vậy", "… nhỉ"
        words.pop()
    if not 2 <= len(words) <= MAX_NARROWING:
        return None
    # Both typed with marks: matched with them ("phong trào" is no "phòng học"); a code inside a document's number
    # ("04/CT-UBND") is no noun of the question.
    marked = has_tone_marks(previous) and has_tone_marks(" ".join(words))
    spell = (lambda t: t.lower()) if marked and len(previous.lower()) == len(previous) else fold_keep
    target = spell(previous.lower())
    if spell(" ".join(words).lower()) in target:
        return None
    at = None
    for k in range(len(words) - 1, 0, -1):  # the longest opening of the fragment the last question writes
        at = re.search(rf"(?<![\w/-]){re.escape(spell(' '.join(words[:k]).lower()))}(?![\w/-])", target)
        if at is not None:
            break
    if at is None:
        return None
    said = " ".join(words)
    if has_tone_marks(previous) and not has_tone_marks(said):
        # typed without marks: the whole question is read so, or its mixed words would match less
        return fold(previous[: at.start()]) + fold(said) + fold(previous[at.end() :])
    return previous[: at.start()] + said + previous[at.end() :]


def _year_ref(sig: _Signals) -> bool:
    return bool(sig.year_back or sig.year_next or sig.year_same)
