"""Document types as their names are written (keys without tone marks, lower case)."""

DOC_TYPES = {
    "chi thi": "Chỉ thị",
    "cong van": "Công văn",
    "huong dan": "Hướng dẫn",
    "ke hoach": "Kế hoạch",
    "quyet dinh": "Quyết định",
    "thong bao": "Thông báo",
    "bao cao": "Báo cáo",
    "nghi quyet": "Nghị quyết",
    "thong tu": "Thông tư",
    "cong dien": "Công điện",
    "to trinh": "Tờ trình",
    "van ban hop nhat": "Văn bản hợp nhất",
}

# Type codes in document numbers ("04/CT-UBND") and as short forms before a number ("CT 04").
TYPE_CODES = {
    "ct": "Chỉ thị",
    "cv": "Công văn",
    "hd": "Hướng dẫn",
    "kh": "Kế hoạch",
    "qd": "Quyết định",
    "tb": "Thông báo",
    "tt": "Thông tư",
    "nd": "Nghị định",
    "nq": "Nghị quyết",
}

# Letters a Sở, a Phòng or a school sends ("1652/HD-SGDĐT", "112/KH-THCS") are its "công văn" to those who work
# with it: "Công văn 1652" names the Hướng dẫn, and "Hướng dẫn 4215" the Công văn "V/v hướng dẫn …".
LETTER_TYPES = frozenset({"Công văn", "Hướng dẫn", "Kế hoạch", "Thông báo", "Báo cáo", "Tờ trình"})

# A news article that prints or reports a directive is typed by it: "Bài viết về Chỉ thị".
REPORT_PREFIX = "Bài viết về "
