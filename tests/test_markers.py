"""Heading markers a scan misread ("L." for "I.", "Ill." for "III.", "a}" for "a)") are repaired only where the
sequence of their siblings proves them (ingest/markers.py, issue 17): section paths equal the clean text's."""

from __future__ import annotations

import pytest

from ingest.markers import repair_markers, roman_value
from ingest.sections import _parse_numbered, parse_sections
from tests.ocr_scans import DIRECTIVE_PAGES, page_text

CLEAN = [line for page in DIRECTIVE_PAGES for line in page_text(page).split("\n")]
BODY = CLEAN.index("I. NHIỆM VỤ CHUNG")


def _paths(paragraphs: list[str]) -> list[str]:
    return [s.path for s in parse_sections(paragraphs, BODY)]


MISREADS: dict[str, list[str | None]] = {
    "L. for I.": ["L."],
    "l. for I.": ["l."],
    "1. for I.": ["1."],
    "Il. for II.": [None, "Il."],
    "Ill. for III.": [None, None, "Ill."],
    "IIl. for III.": [None, None, "IIl."],
    "all three": ["L.", "Il.", "Ill."],
}
ROMANS = ["I. NHIỆM VỤ CHUNG", "II. NHIỆM VỤ CỤ THỂ", "III. TỔ CHỨC THỰC HIỆN"]


def _with_romans(markers: list[str | None]) -> list[str]:
    out = list(CLEAN)
    for line, marker in zip(ROMANS, markers, strict=False):
        if marker:
            out[out.index(line)] = f"{marker} {line.split(' ', 1)[1]}"
    return out


@pytest.mark.parametrize("name", sorted(MISREADS))
def test_misread_roman_markers_give_the_clean_paths(name: str) -> None:
    text = _with_romans(MISREADS[name])
    unrepaired = [s.path for s in _parse_numbered(text, BODY)]
    assert unrepaired != _paths(CLEAN)  # the misread breaks the tree…
    assert _paths(text) == _paths(CLEAN)  # …and the repair restores it
    assert "I.1.a" in _paths(text) and "III" in _paths(text)


def test_misread_letter_brackets_give_the_clean_paths() -> None:
    text = list(CLEAN)
    for i, line in enumerate(text):
        if line.startswith(("a) Đổi mới", "b) Bảo đảm", "a) Tổ chức ôn")):
            text[i] = line[0] + ("}" if i % 2 else "]") + line[2:]
    assert _paths(text) == _paths(CLEAN)
    repaired = repair_markers(text, BODY)
    assert "a) Đổi mới phương pháp dạy học theo hướng phát triển phẩm chất và năng lực" in repaired


def test_nothing_is_repaired_without_proof() -> None:
    # No Roman heading anywhere to prove it: "L." and "1." stay as read.
    lone = ["Mở đầu văn bản.", "L. NHIỆM VỤ CHUNG", "Nội dung.", "1. NÂNG CAO CHẤT LƯỢNG", "Nội dung."]
    assert repair_markers(lone) == lone
    # "1." between "I." and "II." is an Arabic item: nothing is missing there.
    fine = ["I. NHIỆM VỤ", "1. NÂNG CAO CHẤT LƯỢNG", "a) Đổi mới", "II. TỔ CHỨC", "1. Giao Sở"]
    assert repair_markers(fine) == fine
    # "1. Nâng cao …" (not in capitals) before "II." is an item, not "I.".
    lower = ["1. Nâng cao chất lượng", "Nội dung.", "II. TỔ CHỨC THỰC HIỆN", "Nội dung."]
    assert repair_markers(lower) == lower
    # Two candidates for the one free place: ambiguous, neither is repaired.
    two = ["L. NHIỆM VỤ CHUNG", "l. MỤC TIÊU", "II. TỔ CHỨC"]
    assert repair_markers(two) == two
    # "Il." where "II." is already there: the sequence has no place for it.
    taken = ["I. A B", "II. C D", "Il. E F", "III. G H"]
    assert repair_markers(taken) == taken
    # A lone "a}" with no letter sibling, and "c}" after "a)" (b is missing): not proven.
    letters = ["1. Việc một", "a} Làm việc", "2. Việc hai", "a) Một việc", "c} Hai việc"]
    assert repair_markers(letters) == letters


def test_last_roman_heading_continues_the_sequence_only_in_capitals() -> None:
    assert (
        repair_markers(["I. A B", "x", "II. C D", "Ill. TỔ CHỨC THỰC HIỆN"])[-1] == "III. TỔ CHỨC THỰC HIỆN"
    )
    assert (
        repair_markers(["I. A B", "x", "II. C D", "Ill. Tổ chức thực hiện"])[-1] == "Ill. Tổ chức thực hiện"
    )


def test_roman_values() -> None:
    assert [roman_value(m) for m in ("I", "II", "III", "IV", "V", "IX", "XIV", "IIII", "VX", "")] == [
        1, 2, 3, 4, 5, 9, 14, None, None, None,
    ]  # fmt: skip


def test_a_run_of_misread_romans_needs_to_be_whole() -> None:
    broken = ["L. MỘT HAI", "x", "Ill. BA BỐN"]  # I, III: II is missing, nothing proves them
    assert repair_markers(broken) == broken


# Misreads seen on the degraded test scans at 150 and 200 dpi (benchmarks/ocr_bench.py --scans).
SEEN: dict[str, list[str | None]] = {
    "\\. for I., II.. for II., II. for III.": ["\\.", "II..", "II."],
    "Ií. for II.": [None, "Ií."],
    "II, for II.": [None, "II,"],
    "l. for I., (i. for II., Iil. for III.": ["l.", "(i.", "Iil."],  # "(": a speck joined to the stroke
}


@pytest.mark.parametrize("name", sorted(SEEN))
def test_misreads_seen_on_degraded_scans_give_the_clean_paths(name: str) -> None:
    text = list(CLEAN)
    for line, marker in zip(ROMANS, SEEN[name], strict=False):
        if marker:
            text[text.index(line)] = f"{marker}{'' if marker.endswith('..') else ' '}{line.split(' ', 1)[1]}"
    assert _paths(text) == _paths(CLEAN)


def test_arabic_item_with_a_colon_is_repaired_by_its_siblings() -> None:
    text = [line.replace("1. Giáo dục mầm non", "1: Giáo dục mầm non") for line in CLEAN]
    assert _paths(text) == _paths(CLEAN)
    alone = ["I. VIỆC", "1: Giáo dục mầm non", "Nội dung."]  # no "2." to prove it
    assert repair_markers(alone) == alone


def test_one_stroke_off_roman_is_repaired_only_by_its_place() -> None:
    assert repair_markers(["I. A B", "II. C D", "II. TỔ CHỨC THỰC HIỆN"])[-1] == "III. TỔ CHỨC THỰC HIỆN"
    # "II." then "IV.": the "II." between is "III.".
    assert repair_markers(["I. A", "II. B", "II. C", "IV. D"])[2] == "III. C"
    # Not after a sure "I.": "II." first, "II." next: nothing proves which one is wrong.
    unsure = ["II. A B", "II. C D"]
    assert repair_markers(unsure) == unsure


def test_specks_before_a_misread_marker() -> None:
    text = [
        {
            "II. NHIỆM VỤ CỤ THỂ": "._!!. NHIỆM VỤ CỤ THỂ",
            "III. TỔ CHỨC THỰC HIỆN": "lII. TỔ CHỨC THỰC HIỆN",
        }.get(p, p)
        for p in CLEAN
    ]
    assert _paths(text) == _paths(CLEAN)


def test_letter_read_as_a_digit_takes_the_place_its_siblings_leave() -> None:
    text = [p.replace("a) Duy trì", "8) Duy trì") for p in CLEAN]
    assert _paths(text) == _paths(CLEAN)
    arabic = ["I. VIỆC", "7) Bảy việc", "8) Tám việc", "9) Chín việc"]  # the next Arabic item stays
    assert repair_markers(arabic) == arabic
    alone = ["1. Việc", "8) Duy trì"]  # no letter after it to confirm
    assert repair_markers(alone) == alone


def test_more_misreads_seen_at_200_dpi() -> None:
    swaps = {"I. NHIỆM VỤ CHUNG": "¡. NHIỆM VỤ CHUNG", "II. NHIỆM VỤ CỤ THỂ": "Ii. NHIỆM VỤ CỤ THỂ",
             "III. TỔ CHỨC THỰC HIỆN": "III: TỔ CHỨC THỰC HIỆN"}  # fmt: skip
    assert _paths([swaps.get(p, p) for p in CLEAN]) == _paths(CLEAN)
    dash = [("-" + p if p.startswith("a) Đổi mới") else p) for p in CLEAN]
    assert _paths(dash) == _paths(CLEAN)


def test_a_run_of_misread_arabic_headings_is_proved_by_their_items() -> None:
    # Seen on a degraded 150 dpi scan: both items under "II." misread, each heading its own "a)" … items.
    swaps = {"1. Giáo dục mầm non": "1, Giáo dục mầm non", "2. Giáo dục phổ thông": "2: Giáo dục phổ thông"}
    assert _paths([swaps.get(p, p) for p in CLEAN]) == _paths(CLEAN)
    # "1," has no "a)" of its own
    no_items = ["I. VIỆC", "1, Giáo dục", "Nội dung.", "2: Giáo dục", "a) Việc"]
    assert repair_markers(no_items) == no_items
    not_a_run = ["I. VIỆC", "2, Giáo dục", "a) Việc", "3: Giáo dục", "a) Việc"]  # not from 1
    assert repair_markers(not_a_run) == not_a_run


def test_specks_read_before_a_letter_item_on_a_wrapped_page() -> None:
    # A scan's specks before "a)" ("...a) Đổi mới"): the line was glued to the heading above it as wrapped prose.
    from ingest.cleanup import clean_text

    def paths(lines: list[str]) -> list[str]:
        paragraphs = clean_text("\n".join(lines)).paragraphs
        return [s.path for s in parse_sections(paragraphs, paragraphs.index("I. NHIỆM VỤ CHUNG"))]

    specks = [("..." + p if p.startswith("a) Đổi mới") else p) for p in CLEAN]
    assert paths(specks) == paths(CLEAN)
    assert "I.1.a" in paths(specks)


def test_a_two_level_items_misread_first_number_is_repaired_by_the_item_before() -> None:
    # Seen on a real scan: "5.2." and "5.3." read as "3.2." and "3.3.", after "3." had closed and "5." opened.
    lines = ["KẾ HOẠCH", "3. Đối tượng", "3.1. Đối tượng khảo sát", "Sinh viên.", "3.2. Phương pháp", "Ngẫu nhiên.",
             "4. Nội dung", "Các bước.", "5. Phân công", "5.1. Trung tâm", "Đầu mối.", "3.2. Phòng Đào tạo",
             "Phối hợp.", "3.3. Các khoa", "Triển khai.", "6. Tiến độ", "Tháng 6."]  # fmt: skip
    paths = [s.path for s in parse_sections(lines, 1)]
    assert paths[-4:] == ["5.1", "5.2", "5.3", "6"] and paths.count("3.2") == 1
    # Without the item before it under the open item, nothing proves it: as read.
    alone = ["KẾ HOẠCH", "3. Đối tượng", "3.1. Đối tượng", "5. Phân công", "3.2. Phòng Đào tạo", "Phối hợp."]
    assert repair_markers(alone, 1) == alone


def test_well_formed_items_read_with_the_wrong_number_take_the_places_their_neighbours_leave() -> None:
    # Seen in a PDF's text layer: "2." and "3." read as "12." (a stroke before the digit) between "1." and "4.".
    lines = ["HƯỚNG DẪN", "1. Phạm vi", "Nội dung.", "12. Nguyên tắc", "- Đáp ứng.", "12. Chương trình",
             "- Bắt buộc.", "4. Cơ sở thực tập", "Nội dung.", "5. Đánh giá", "Nội dung."]  # fmt: skip
    assert [s.path for s in parse_sections(lines, 1)] == ["", "1", "2", "3", "4", "5"]
    # A count that restarts at 1, numbers with no sure item after them, or fewer than the places left free, stay.
    restart = ["HƯỚNG DẪN", "1. Mục đích", "2. Yêu cầu", "1. Nhỏ", "2. Nhỏ", "3. Tổ chức", "4. Kinh phí"]
    assert repair_markers(restart, 1) == restart
    for unproved in (
        ["HƯỚNG DẪN", "1. Phạm vi", "12. Nguyên tắc", "12. Chương trình"],
        ["HƯỚNG DẪN", "1. Phạm vi", "12. Nguyên tắc", "4. Cơ sở", "5. Đánh giá"],
    ):
        assert repair_markers(unproved, 1) == unproved
