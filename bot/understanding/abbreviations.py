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


def _code(short: str, long: str) -> Abbr:
    """A type code or two-letter form: only in capitals ("QĐ", "HS"; "hs" may be a typo of something else)."""
    return Abbr(re.escape(short), (short,), long, True)


# The sector's common short forms, as education directives and teachers write them.
BUILT_IN: tuple[Abbr, ...] = (
    Abbr(r"gd\s*(?:&|-|\s+va\s+)?\s*dt", ("GD&ĐT", "GDĐT"), "giáo dục và đào tạo"),
    Abbr(r"cntt", ("CNTT",), "công nghệ thông tin"),
    Abbr(r"cds", ("CĐS",), "chuyển đổi số"),
    _code("HS", "học sinh"),
    _code("GV", "giáo viên"),
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
    Abbr(r"pgd\s*(?:&|-|\s+va\s+)?\s*(?:dt)?", ("PGD&ĐT", "PGDĐT"), "phòng giáo dục và đào tạo"),
)


def whole(pattern: str) -> str:
    """`pattern` as a whole token; not inside a document number's code ("04/CT-UBND", "QĐ-UBND")."""
    return rf"(?<![\w&/-]){pattern}(?![\w&/-])"


def _long_pattern(long: str) -> str:
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
    known = {a.long for a in BUILT_IN}
    for abbr in (*BUILT_IN, *(a for a in extra if a.long not in known)):
        short = re.search(whole(abbr.pattern), text if abbr.case_sensitive else folded)
        long = re.search(_long_pattern(abbr.long), folded)
        if short and not long:
            hits.append((short.start(), abbr.long))
            read.append(f"{text[short.start() : short.end()]} = {abbr.long}")
        elif long and not short:
            hits += [(long.start(), form) for form in abbr.forms]
    return hits, read
