"""Abbreviations in questions, both ways: the sector's common short forms and those the library's documents define.

Teachers type "GV", "QĐ", "TTHTCĐ"; directives write "giáo viên", "Quyết định" and, once defined, the short form
again. A question holding one form gets the other as an expansion (searched lexically beside the question, and
shown in the answer's "Hiểu là" line when a short form was read). Documents' own definitions are harvested by
ingest/abbreviations.py when an index version loads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ingest.textnorm import fold


@dataclass(frozen=True)
class Abbr:
    pattern: str  # regex on folded text (or on the original text if case_sensitive)
    forms: tuple[str, ...]  # short forms added when the long form is asked
    long: str
    case_sensitive: bool = False  # short, ambiguous forms must be upper-case
    written: bool = True  # documents write the short form too (else only the long form asked adds nothing)


def _code(short: str, long: str) -> Abbr:
    """A type code or two-letter form: only in capitals ("QĐ", "HS"; "hs" may be a typo of something else)."""
    return Abbr(re.escape(short), (short,), long, True)


def _typed(short: str, long: str, pattern: str = "") -> Abbr:
    """A form people type that documents spell out ("TTCM", "HK II"): read in questions, never added to one
    (a document that does write it defines it, and the library's table then adds it). Two letters without a
    `pattern` on folded text: capitals only."""
    two = len(short) <= 2 and not pattern
    return Abbr(
        pattern or re.escape(short if two else fold(short).lower()), (short,), long, two, written=False
    )


# The sector's common short forms, as education directives and teachers write them.
BUILT_IN: tuple[Abbr, ...] = (
    Abbr(r"gd\s*(?:&|-|\s+va\s+)?\s*dt", ("GD&ĐT", "GDĐT"), "giáo dục và đào tạo"),
    Abbr(r"cntt", ("CNTT",), "công nghệ thông tin"),
    Abbr(r"cds", ("CĐS",), "chuyển đổi số"),
    # Letters without a vowel are no Vietnamese word, so "hs", "gv" typed in lower case in chat are these too.
    Abbr(r"hs", ("HS",), "học sinh"),
    Abbr(r"gv", ("GV",), "giáo viên"),
    Abbr(r"sv", ("SV",), "sinh viên"),
    _code("NQ", "nghị quyết"),
    _code("QĐ", "quyết định"),
    _code("CV", "công văn"),
    _code("KH", "kế hoạch"),
    _code("TT", "thông tư"),
    _code("HD", "hướng dẫn"),
    Abbr(r"cbql", ("CBQL",), "cán bộ quản lý"),
    Abbr(r"cbgv(?:nv)?", ("CBGVNV", "CBGV"), "cán bộ, giáo viên, nhân viên"),
    Abbr(r"gvcn", ("GVCN",), "giáo viên chủ nhiệm"),
    Abbr(r"bgh", ("BGH",), "ban giám hiệu"),
    Abbr(r"cmhs", ("CMHS",), "cha mẹ học sinh"),
    Abbr(r"pcgd", ("PCGD",), "phổ cập giáo dục"),
    Abbr(r"xmc", ("XMC",), "xóa mù chữ"),
    Abbr(r"tthc", ("TTHC",), "thủ tục hành chính"),
    Abbr(r"csvc", ("CSVC",), "cơ sở vật chất"),
    Abbr(r"ubnd", ("UBND",), "ủy ban nhân dân"),
    Abbr(r"hdnd", ("HĐND",), "hội đồng nhân dân"),
    Abbr(r"sgk", ("SGK",), "sách giáo khoa"),
    Abbr(r"gdpt", ("GDPT",), "giáo dục phổ thông"),
    Abbr(r"gdmn", ("GDMN",), "giáo dục mầm non"),
    Abbr(r"gdtx", ("GDTX",), "giáo dục thường xuyên"),
    Abbr(r"thcs", ("THCS",), "trung học cơ sở"),
    Abbr(r"thpt", ("THPT",), "trung học phổ thông"),
    Abbr(r"tkb", ("TKB",), "thời khóa biểu"),
    Abbr(r"shcm", ("SHCM",), "sinh hoạt chuyên môn"),
    Abbr(r"khgd", ("KHGD",), "kế hoạch giáo dục"),
    Abbr(r"hsg", ("HSG",), "học sinh giỏi"),
    Abbr(r"hskt", ("HSKT",), "học sinh khuyết tật"),
    Abbr(r"dtts", ("DTTS",), "dân tộc thiểu số"),
    Abbr(r"atgt", ("ATGT",), "an toàn giao thông"),
    Abbr(r"pccc", ("PCCC",), "phòng cháy, chữa cháy"),
    Abbr(r"attp", ("ATTP",), "an toàn thực phẩm"),
    Abbr(r"bhyt", ("BHYT",), "bảo hiểm y tế"),
    Abbr(r"bhxh", ("BHXH",), "bảo hiểm xã hội"),
    Abbr(r"tdtt", ("TDTT",), "thể dục thể thao"),
    Abbr(r"clb", ("CLB",), "câu lạc bộ"),
    # How teachers and school leaders shorten the year's work: school levels, roles, tasks, assessment.
    _typed("TH", "tiểu học"),
    _typed("MN", "mầm non"),
    _typed("MG", "mẫu giáo"),
    _typed("NH", "năm học"),
    _typed("HK", "học kỳ", r"hk(?:\s*(?:i{1,2}|[12]))?"),
    _typed("PHT", "phó hiệu trưởng"),
    _typed("TTCM", "tổ trưởng chuyên môn"),
    _typed("TCM", "tổ chuyên môn"),
    _typed("GVBM", "giáo viên bộ môn"),
    _typed("TPT", "tổng phụ trách"),
    _typed("PHHS", "phụ huynh học sinh"),
    _typed("HSSV", "học sinh, sinh viên"),
    _typed("CBCCVC", "cán bộ, công chức, viên chức"),
    _typed("CSGD", "cơ sở giáo dục"),
    _typed("PTDTNT", "phổ thông dân tộc nội trú"),
    _typed("PTDTBT", "phổ thông dân tộc bán trú"),
    _typed("GDNN", "giáo dục nghề nghiệp"),
    _typed("CTGDPT", "chương trình giáo dục phổ thông"),
    _typed("BDTX", "bồi dưỡng thường xuyên"),
    _typed("KHBD", "kế hoạch bài dạy"),
    _typed("PPDH", "phương pháp dạy học"),
    _typed("HĐTN", "hoạt động trải nghiệm"),
    _typed("GDTC", "giáo dục thể chất"),
    _typed("GDĐP", "giáo dục địa phương"),
    _typed("GDQP&AN", "giáo dục quốc phòng và an ninh", r"gdqp\s*(?:&|-|\s+va\s+)?\s*(?:an)?"),
    _typed("KNS", "kỹ năng sống"),
    _typed("KTĐG", "kiểm tra, đánh giá"),
    _typed("ĐGTX", "đánh giá thường xuyên"),
    _typed("KĐCLGD", "kiểm định chất lượng giáo dục"),
    _typed("CQG", "chuẩn quốc gia"),
    _typed("SKKN", "sáng kiến kinh nghiệm"),
    _typed("GVG", "giáo viên giỏi"),
    _typed("TBDH", "thiết bị dạy học"),
    _typed("ĐDDH", "đồ dùng dạy học"),
    _typed("NCKH", "nghiên cứu khoa học"),
    _typed("ƯDCNTT", "ứng dụng công nghệ thông tin"),
    _typed("CSDL", "cơ sở dữ liệu"),
    _typed("ATTT", "an toàn thông tin"),
    _typed("ANTT", "an ninh trật tự"),
    _typed("TNTP", "thiếu niên tiền phong"),
    _typed("TN", "tốt nghiệp", r"tn(?=\s*thpt)"),
    # "Sở GD", "Phòng GD", "SGD": the Sở / Phòng Giáo dục và Đào tạo, named short ("GD&ĐT" has its own entry).
    _typed("Sở GD", "sở giáo dục và đào tạo", r"so\s+gd(?!\s*(?:&|-|\s+va\s+)?\s*dt)"),
    _typed("Phòng GD", "phòng giáo dục và đào tạo", r"phong\s+gd(?!\s*(?:&|-|\s+va\s+)?\s*dt)"),
    _typed("SGDĐT", "sở giáo dục và đào tạo", r"sgd(?:\s*(?:&|-)?\s*dt)?"),
    # Beyond the sector: how any administrative text and its readers shorten names of bodies and degrees.
    Abbr(r"cty", ("Cty",), "công ty"),
    Abbr(r"tnhh", ("TNHH",), "trách nhiệm hữu hạn"),
    _code("CP", "cổ phần"),
    _code("ĐH", "đại học"),
    Abbr(r"ths", ("ThS",), "thạc sĩ"),
    Abbr(r"ncs", ("NCS",), "nghiên cứu sinh"),
    _code("SV", "sinh viên"),
    _code("NĐ", "nghị định"),
    _code("CT", "chỉ thị"),
    _code("TB", "thông báo"),
    # Documents write these only inside a number's code ("Số: 15/BC-UBND"): read in questions, never added.
    _typed("BC", "báo cáo"),
    _typed("TTr", "tờ trình"),
    Abbr(r"pgd\s*(?:&|-|\s+va\s+)?\s*(?:dt)?", ("PGD&ĐT", "PGDĐT"), "phòng giáo dục và đào tạo"),
)


# A type code ("BC", "TB") means the same in every document: a report that defines "British Council (BC)" does not
# make "BC của UBND tỉnh" a council.
_CODES = frozenset(f for a in BUILT_IN if a.case_sensitive for f in a.forms)


def whole(pattern: str) -> str:
    """`pattern` as a whole token; not inside a document number's code ("04/CT-UBND", "QĐ-UBND")."""
    return rf"(?<![\w&/-]){pattern}(?![\w&/-])"


def long_pattern(long: str) -> str:
    """The long form as folded text writes it, commas and line breaks between its words allowed."""
    return whole(r",?\s+".join(re.escape(w) for w in fold(long).replace(",", "").split()))


def library_abbrs(table: Mapping[str, str]) -> tuple[Abbr, ...]:
    """The library's own definitions (short → long) as matchable entries; two-letter forms in capitals only."""
    return tuple(
        Abbr(re.escape(short) if len(short) <= 2 else re.escape(fold(short)), (short,), long, len(short) <= 2)
        for short, long in table.items()
    )


def expansions(
    text: str, folded: str, extra: tuple[Abbr, ...] = ()
) -> tuple[list[tuple[int, str]], list[str]]:
    """(position, phrase) of each form to add, and the short forms read ("TTHTCĐ = trung tâm …")."""
    hits: list[tuple[int, str]] = []
    read: list[str] = []
    known = {a.long for a in BUILT_IN if a.written}
    for abbr in (*BUILT_IN, *(a for a in extra if a.long not in known and not _CODES & set(a.forms))):
        short = re.search(whole(abbr.pattern), text if abbr.case_sensitive else folded)
        long = re.search(long_pattern(abbr.long), folded)
        if short and not long:
            hits.append((short.start(), abbr.long))
            read.append(f"{text[short.start() : short.end()]} = {abbr.long}")
        elif long and not short and abbr.written:
            hits += [(long.start(), form) for form in abbr.forms]
    # A typed form the library also defines is read by both tables: once is enough.
    return list(dict.fromkeys(hits)), list(dict.fromkeys(read))
