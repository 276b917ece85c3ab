"""Provincial agencies named in the text, under one canonical name each.

Departments ("Sở ...") are recognised from the list of provincial departments, also in the
list form "các Sở: Y tế, Tư pháp" (-> "Sở Y tế", "Sở Tư pháp"). Other agencies come from
ALIASES, each a pattern for the ways it is written and the canonical name to report.
A district or city named after "UBND huyện"/"UBND thành phố" is one agency ("UBND huyện Cao
Lộc"). Ministries ("Bộ ...") and national bodies are not provincial agencies and are left out.
"""
from __future__ import annotations

import re

from generator.vntext.text import fold_uy

DEPARTMENTS = (
    "Tài nguyên và Môi trường", "Kế hoạch và Đầu tư", "Nông nghiệp và Phát triển nông thôn",
    "Văn hóa, Thể thao và Du lịch", "Văn hoá, Thể thao và Du lịch",
    "Lao động - Thương binh và Xã hội", "Lao động, Thương binh và Xã hội",
    "Thông tin và Truyền thông", "Khoa học và Công nghệ", "Giáo dục và Đào tạo",
    "Giao thông vận tải", "Giao thông Vận tải", "Tài chính", "Tư pháp", "Y tế", "Xây dựng",
    "Công Thương", "Công thương", "Nội vụ", "Ngoại vụ", "Dân tộc", "Nông nghiệp và Môi trường",
    "Khoa học, Công nghệ", "Văn hóa và Thể thao", "Du lịch", "Dân tộc và Tôn giáo",
)
# Spelling variants -> the department's canonical name.
_DEPT_CANON = {
    "Văn hoá, Thể thao và Du lịch": "Văn hóa, Thể thao và Du lịch",
    "Lao động, Thương binh và Xã hội": "Lao động - Thương binh và Xã hội",
    "Giao thông Vận tải": "Giao thông vận tải",
    "Công thương": "Công Thương",
}
_DEPT_ALT = "|".join(re.escape(d) for d in sorted(DEPARTMENTS, key=len, reverse=True))
_DEPT_RE = re.compile(rf"(?<![^\W_])Sở (?P<name>{_DEPT_ALT})(?![^\W_])")
_DEPT_LIST_RE = re.compile(rf"(?i:các) Sở:\s*(?P<list>(?:(?:{_DEPT_ALT})(?:,\s*|\s+và\s+)?)+)")
_DEPT_ITEM_RE = re.compile(rf"(?:{_DEPT_ALT})(?![^\W_])")

_UBND = r"(?:UBND|Ủy ban nhân dân)"
_MTTQ = r"Ủy ban (?:MTTQ|Mặt trận Tổ quốc)(?: Việt Nam)?"
# (pattern, canonical name); patterns run on text with "uỷ" already written "ủy".
ALIASES = (
    (rf"{_UBND} các huyện, thành phố", "UBND các huyện, thành phố"),
    (rf"{_UBND} các xã, phường, thị trấn", "UBND các xã, phường, thị trấn"),
    (rf"{_MTTQ} các huyện, thành phố", "Ủy ban MTTQ Việt Nam các huyện, thành phố"),
    (rf"{_MTTQ}(?! các)(?: tỉnh)?", "Ủy ban MTTQ Việt Nam tỉnh"),
    (r"Công an tỉnh", "Công an tỉnh"),
    (r"(?:BHXH|Bảo hiểm xã hội) tỉnh", "BHXH tỉnh"),
    (r"Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    (r"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
    (r"Ban Chỉ huy Phòng(?:,)? chống thiên tai và tìm kiếm cứu nạn tỉnh",
     "Ban Chỉ huy Phòng chống thiên tai và tìm kiếm cứu nạn tỉnh"),
    (r"Hiệp hội Doanh nghiệp tỉnh", "Hiệp hội Doanh nghiệp tỉnh"),
    (r"Văn phòng (?:UBND|Ủy ban nhân dân) tỉnh", "Văn phòng UBND tỉnh"),
    (r"Thanh tra tỉnh", "Thanh tra tỉnh"),
    (r"Ban Dân tộc tỉnh", "Ban Dân tộc tỉnh"),
    (r"Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"),
    (r"Cục Thuế tỉnh", "Cục Thuế tỉnh"),
    (r"Cục Hải quan tỉnh", "Cục Hải quan tỉnh"),
    (r"Kho bạc Nhà nước tỉnh", "Kho bạc Nhà nước tỉnh"),
    (r"Tỉnh đoàn", "Tỉnh đoàn"),
    (r"Đài Phát thanh và Truyền hình tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
)
# All aliases in one pattern (one scan of the text), alias i in group "a<i>"; no two of them
# can match at one position, so this finds what one pattern per alias would.
_ALIAS_RE = re.compile(r"(?<![^\W_])(?:" + "|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(ALIASES))
                       + r")(?![^\W_])")
_ALIAS_NAMES = {f"a{i}": name for i, (_, name) in enumerate(ALIASES)}
# One district or city by name: "UBND huyện Cao Lộc", "Ủy ban nhân dân thành phố Lạng Sơn".
_PLACE_WORD = r"[A-ZĐÀ-Ỹ][^\W\d_]*"
_LOCAL_RE = re.compile(rf"(?<![^\W_]){_UBND} (?P<level>huyện|thành phố|thị xã|quận) "
                       rf"(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}})(?![^\W_])")


def find_agencies(text: str) -> list[tuple[int, str]]:
    """(position, canonical name) of every agency mention, in order, repeats included."""
    text = fold_uy(text)
    found = []
    for m in _DEPT_RE.finditer(text):
        found.append((m.start(), "Sở " + _DEPT_CANON.get(m.group("name"), m.group("name"))))
    for m in _DEPT_LIST_RE.finditer(text):
        for i, item in enumerate(_DEPT_ITEM_RE.finditer(m.group("list"))):
            name = _DEPT_CANON.get(item.group(0), item.group(0))
            found.append((m.start("list") + item.start(), "Sở " + name))
    found.extend((m.start(), _ALIAS_NAMES[m.lastgroup]) for m in _ALIAS_RE.finditer(text))
    found.extend((m.start(), f"UBND {m.group('level')} {m.group('place')}") for m in _LOCAL_RE.finditer(text))
    return sorted(found)


def agencies_in(text: str) -> list[str]:
    """Canonical names of the agencies in `text`, deduplicated, in order of first appearance."""
    return list(dict.fromkeys(name for _, name in find_agencies(text)))


# Ministries and departments as written ("Bộ Lao động - Thương binh và Xã hội", "Sở Văn hóa,
# Thể thao và Du lịch"), and "phòng, chống" (one word pair): text that must not be cut.
_NAME_RE = re.compile(rf"(?<![^\W_])(?:Bộ|Sở) (?:{_DEPT_ALT})(?![^\W_])|(?i:phòng, chống)")


def name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every agency, department or ministry name in `text`, in order: a phrase
    cut out of the text must not start or end inside one."""
    folded = fold_uy(text)  # same length: "uỷ" and "ủy" are two characters each
    spans = [m.span() for m in _NAME_RE.finditer(folded)]
    spans += [m.span() for m in _DEPT_LIST_RE.finditer(folded)]
    spans += [m.span() for m in _ALIAS_RE.finditer(folded)]
    spans += [m.span() for m in _LOCAL_RE.finditer(folded)]
    return sorted(spans)
