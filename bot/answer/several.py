"""A question naming several provinces ("Hà Tĩnh và Nghệ An tuyển bao nhiêu giáo viên?", "So sánh chỉ tiêu … của Hà
Tĩnh với Nghệ An") is asked of each: every province writes its own directive, so one passage answers for one
province only, and the others would be left out or refused. The answers are shown one after another, each under
its province, as a reader compares them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answer.models import Answer
from ingest.textnorm import fold

# The words that join provinces in a question ("Hà Tĩnh và Nghệ An", "của A với B", "A, B") and the verb asking to
# compare, which no document writes; folded.
_JOIN = r"\s*(?:,|\bva\b|\bvoi\b|\bso voi\b|\bhay\b|\bhoac\b|\bcung\b)\s*"
_COMPARE = re.compile(r"\bso sanh\s+(?:giua\s+)?")
MAX_PROVINCES = 4  # more is a list of the country, better asked one by one


def _name(name: str) -> str:
    return r"\s+".join(re.escape(w) for w in fold(name).split())


def for_province(question: str, province: str, provinces: list[str]) -> str:
    """The question about `province` alone: the other provinces' names and the words joining them removed."""
    folded = fold(question)
    if len(folded) != len(question):  # rare characters that change length when folded: leave the question
        return question
    spans = [m.span() for m in _COMPARE.finditer(folded)]
    for other in provinces:
        if other != province:
            name = rf"(?<!\w)(?:tinh\s+)?{_name(other)}(?!\w)"
            # with the word joining it to the name after it, or, named last, to the one before it
            for form in (rf"{name}{_JOIN}", rf"{_JOIN}{name}", name):
                if found := [m.span() for m in re.finditer(form, folded)]:
                    spans += found
                    break
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = question
    for start, end in reversed(merged):
        out = out[:start] + " " + out[end:]
    out = re.sub(r"\s+([?.,!])", r"\1", " ".join(out.split()))
    return out[:1].upper() + out[1:]


def each_province(question: str, provinces: list[str], ask: Callable[[str, str], Answer]) -> Answer:
    """`ask(question, province)`: the answer service's own ask, scoped to one province."""
    parts, notes, citations = [], [], []
    found = False
    for province in provinces[:MAX_PROVINCES]:
        answer = ask(for_province(question, province, provinces), province)
        found = found or answer.found
        body = answer.answer if answer.found else f"Chưa có văn bản của {province} nói về nội dung này."
        parts.append(f"■ {province}:\n{body}")
        notes += [f"{province}: {n}" for n in answer.notes]
        citations += answer.citations[:1]
    return Answer(question=question, found=found, answer="\n\n".join(parts), notes=notes, citations=citations)
