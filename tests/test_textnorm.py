"""Character clean-up shared by every stage (ingest/textnorm.py)."""

from __future__ import annotations

import pytest

from ingest.textnorm import clean_chars


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # A PDF font's Cyrillic look-alikes inside a Latin code become Latin; a Cyrillic word stays as written.
        ("BYT-\u0412\u0421\u0422-\u0412\u0422C", "BYT-BCT-BTC"),
        ("Số: 12/QĐ-\u0412GDĐT", "Số: 12/QĐ-BGDĐT"),
        ("\u041f\u0440\u0438\u0432\u0435\u0442", "\u041f\u0440\u0438\u0432\u0435\u0442"),
    ],
)
def test_cyrillic_lookalikes_in_latin_words(raw: str, clean: str) -> None:
    assert clean_chars(raw) == clean
