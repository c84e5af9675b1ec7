"""Measure ingest/provinces.py against the maintained administrative-division libraries on PyPI.

    pip install --target /tmp/vnlib vietnamadminunits vietnam-provinces
    PYTHONPATH=/tmp/vnlib python scripts/provinces_vs_library.py

Reports: how many of the 63 pre-2025 units each maps to the same post-merger unit as provinces.MERGERS,
how each reads province names in the lines the header parser sees (letterheads, place-date lines, running
text with look-alike words), and import time. The figures are quoted in README ("Administrative divisions").
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest import provinces  # noqa: E402

# (text, the provinces a reader would say it names)
LINES = [
    ("An Giang, ngày 11 tháng 9 năm 2023", ["An Giang"]),
    ("TỈNH BẮC GIANG", ["Bắc Giang"]),
    ("UBND TỈNH CÀ MAU", ["Cà Mau"]),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", ["Hồ Chí Minh"]),
    ("học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", []),
    ("hợp tác với các nước ven Thái Bình Dương", []),
    ("Kỷ niệm chiến thắng Điện Biên Phủ", []),
    ("Học tập kinh nghiệm của Bạc Liêu và Sóc Trăng", ["Bạc Liêu", "Sóc Trăng"]),
    ("Bạn đang xem bản rút gọn của văn bản", []),
]


def main() -> int:
    t = time.perf_counter()
    from vietnam_provinces import Province
    from vietnamadminunits import ParseMode, convert_address, parse_address

    print(f"import both libraries: {time.perf_counter() - t:.2f} s")
    print(f"vietnam-provinces units: {len(list(Province.iter_all()))} (post-2025 only)")
    agree = 0
    for old in provinces.OLD_NAMES:
        expected = provinces.get(old)
        assert expected is not None
        got = provinces.get(str(convert_address(old).province).replace("Tỉnh ", "").replace("Thành phố ", ""))
        agree += got is not None and got.name == (expected.merged_into or expected.name)
    print(
        f"vietnamadminunits merger mapping agrees with provinces.MERGERS: {agree}/{len(provinces.OLD_NAMES)}"
    )
    ours = lib = 0
    for text, expected in LINES:
        mine = provinces.find_provinces(text)
        found = parse_address(text, mode=ParseMode.LEGACY, level=1).province
        theirs = [] if not found else [str(found).replace("Tỉnh ", "").replace("Thành phố ", "")]
        ours += mine == expected
        lib += theirs == expected
        print(f"  {text[:50]:50} ours={mine} library={theirs} expected={expected}")
    print(f"lines read right: provinces.py {ours}/{len(LINES)}, vietnamadminunits {lib}/{len(LINES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
