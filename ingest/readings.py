"""Readings of a document's header fields: the best value of each, where it was read, how sure that is.

Several parts of a page can name the same field (the letterhead, the place-date line, the title, the body,
the file name); the strongest reading wins and is recorded in `DocumentMeta.sources`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.models import FieldSource

# How sure each way of reading a field is (FieldSource.confidence); HIGH_CONFIDENCE is 0.8.
CONFIDENCE = {
    "letterhead": 0.95,
    "place_date": 0.9,
    # A district or ward named without its province ("UBND QUẬN NINH KIỀU", "Ninh Kiều, ngày …"), looked
    # up in the administrative-units dataset (ingest/localities.py): as sure as the place-date line when
    # the letterhead's unit exists in one province only (or the place-date line settles which), a notch
    # lower for the place-date line's own unit, which is printed without its kind word. The lookup is
    # one step from the page, so a province the letterhead or the place-date line names itself wins.
    "letterhead_unit": 0.9,  # origin "letterhead"
    "place_date_unit": 0.85,  # origin "place_date"
    # A name found in several provinces, settled by the one of them the body mentions: more than the
    # body's count alone, yet not confident, as a body may cite other provinces. Origin as the unit's.
    "unit_and_body": 0.7,
    "number_line": 0.85,
    # The authority line under a decision's title ("GIÁM ĐỐC ĐẠI HỌC QUỐC GIA HÀ NỘI"): who decides; origin "title".
    "authority": 0.85,
    # A city in a university's or a college's name ("ĐẠI HỌC QUỐC GIA HÀ NỘI"): where it stands, most often, yet
    # not always ("TRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ NỘI 2" is in Phú Thọ); origin "letterhead".
    "academic_name": 0.6,
    # A place-date line's day or month with a letter a scan read for a digit ("ngày O5"); origin "place_date".
    "ocr_date": 0.85,
    "title": 0.6,
    "site": 0.7,  # the banner of the issuer's own portal; recorded as origin "body"
    "quoted": 0.85,  # "… vừa ký ban hành Chỉ thị số …" in an article; origin "body"
    # The metadata table a legal-document site prints beside its copy ("Số hiệu | 87/2026/QĐ-UBND",
    # "Ngày ban hành | 12/08/2026"): the site's reading of the document, below the document's own lines.
    "site_table": 0.9,
    "body": 0.5,
    "filename": 0.4,
}


@dataclass
class Readings:
    """The best value read for each field so far, with where it came from."""

    values: dict[str, object] = field(default_factory=dict)
    sources: dict[str, FieldSource] = field(default_factory=dict)

    def offer(self, name: str, value: object, origin: str, confidence: float) -> None:
        if value in (None, ""):
            return
        if name not in self.sources or confidence > self.sources[name].confidence:
            self.values[name] = value
            self.sources[name] = FieldSource(origin, round(confidence, 2))

    def settle_null(self, name: str, origin: str, confidence: float, reason: str) -> None:
        """Record that the text gives no value for `name` (a draft's blank "Số: /KH-UBND"): readings weaker than
        `confidence` cannot fill it in afterwards."""
        if name not in self.sources or confidence > self.sources[name].confidence:
            self.values.pop(name, None)
            self.sources[name] = FieldSource(origin, round(confidence, 2), reason)

    def reason(self, name: str) -> str | None:
        src = self.sources.get(name)
        return src.reason if src else None

    def get(self, name: str) -> object:
        return self.values.get(name)

    def conf(self, name: str) -> float:
        src = self.sources.get(name)
        return src.confidence if src else 0.0
