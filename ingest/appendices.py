"""Appendices of a document in numbered items (I./1./a)): a Sở plan or công văn often carries, after its signature,
"PHỤ LỤC I" tables, a "PHỤ LỤC II" form, or an attached text titled in capitals above "(Kèm theo Kế hoạch số …)".
Each keeps its own tree under its name ("Phụ lục I » 2"), as a decision's attachments do (ingest/legal.py), so the
plan's last item is not read as running on through its signature and tables.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.legal import (
    APPENDIX,
    APPENDIX_HEADING,
    ATTACHED_LINE,
    MAX_HEADING,
    SIGNATURE,
    TITLE_BLOCK,
    attached_sections,
    renumbered,
    signature_at,
)
from ingest.models import Section

# "PHỤ LỤC I" / "KẾ HOẠCH KIỂM TRA" / "(Kèm theo …)": starts this close together are one attachment's title block.
SAME_BLOCK = 3


def parse_with_appendices(
    paragraphs: list[str],
    body_start: int,
    parse_plain: Callable[[list[str], int], list[Section]],
    parse_attached: Callable[[list[str], int], list[Section]],
) -> list[Section] | None:
    """A document in numbered items (I./1./a)) that carries appendices or an attached plan after its signature
    ("PHỤ LỤC I", "(Kèm theo Kế hoạch số …)"): its own sections without the signature block, then each attachment
    under its name. None when nothing is attached after a signature. Only what follows the signature counts:
    a "Phụ lục" named in the body is a reference, and an administrative document's appendices come after it."""
    signed = signature_at(paragraphs[body_start:])
    if signed is None:
        return None
    signed += body_start
    found: list[int] = []
    for i in range(signed + 1, len(paragraphs)):
        p = paragraphs[i]
        # "(Kèm theo Kế hoạch số …)": the title block above it starts the attachment.
        if ATTACHED_LINE.match(p):
            found.append(_title_above(paragraphs, i, signed))
        elif APPENDIX_HEADING.match(p) and len(p) <= MAX_HEADING:
            found.append(i)
    starts: list[int] = []
    for i in sorted(set(found)):
        if not starts or i - starts[-1] > SAME_BLOCK:
            starts.append(i)
    if not starts:
        return None
    sections = parse_plain(paragraphs[:signed], body_start)
    for start, end in zip(starts, [*starts[1:], len(paragraphs)], strict=True):
        sections.extend(attached_sections(paragraphs[start:end], parse_attached))
    return renumbered(sections)


def _title_above(paragraphs: list[str], at: int, signed: int) -> int:
    """An attached text's title in capitals above its "(Kèm theo …)" line ("PHÂN CÔNG NHIỆM VỤ CỦA TỔ …"), up to
    the signature block's last line (the signer's name, in mixed case, or a line such as "PHÓ GIÁM ĐỐC")."""
    start = at
    while start - 1 > signed and at - start < TITLE_BLOCK:
        p = paragraphs[start - 1]
        if not p.isupper() or SIGNATURE.match(p) or len(p) > MAX_HEADING:
            break
        start -= 1
        if APPENDIX.match(p):  # "PHỤ LỤC I" heads the block: what is above it is the signature's
            break
    return start
