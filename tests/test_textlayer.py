"""Which PDF text layers lost their Vietnamese marks (ingest/readers/textlayer.py)."""

from __future__ import annotations

import pytest

from ingest.readers.textlayer import lost_marks
from tests.ocr_scans import DIRECTIVE_PAGES, page_text, strip_marks

MARKED = page_text(DIRECTIVE_PAGES[0]) + "\n" + page_text(DIRECTIVE_PAGES[1])


@pytest.mark.parametrize(
    ("text", "lost"),
    [
        (MARKED, False),
        (strip_marks(MARKED), True),
        # English, and capitals headings without marks (a letterhead typed so), are no lost Vietnamese.
        ("The committee has reviewed the report of the Ministry and the schools. " * 20, False),
        ("CONG HOA XA HOI CHU NGHIA VIET NAM\nQUYET DINH VE VIEC BAN HANH QUY DINH CUA TRUONG\n" * 5, False),
        # A few bare words (a name, a slip) in marked text are not enough.
        (MARKED + "\nCua Lo, cac ban va nguoi dan", False),
    ],
)
def test_lost_marks(text: str, lost: bool) -> None:
    assert lost_marks(text.split("\n")) is lost
