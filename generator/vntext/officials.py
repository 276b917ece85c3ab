"""Officials named in the text: "đồng chí Hồ Tiến Thiệu, Phó Bí thư Tỉnh uỷ, Chủ tịch UBND tỉnh".

A name is 2 to 5 capitalised words after "đồng chí" (any case), followed by a comma or a dash
("Đồng chí Đoàn Thanh Sơn - Phó Chủ tịch UBND tỉnh"); the roles are the comma separated
phrases after it, up to the verb that ends the subject ("chủ trì", "chỉ đạo" ...), a ";",
".", ":" or an opening "(" that starts a document reference, and only while each phrase reads
as a role (ROLE_HEAD_RE): in "theo ý kiến của đồng chí X, Chủ tịch UBND tỉnh, Văn phòng UBND
tỉnh có Công văn ..." the roles stop before "Văn phòng". Roles are returned with
"uỷ" written "ủy". People introduced as attending ("Dự phiên họp có đồng chí ...") are marked
`attending` so a caller can leave them out of "who directed it".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.vntext.text import fold_uy

_NAME_WORD = r"[A-ZĐÀ-Ỹ][^\W\d_]*"
_NAME_RE = re.compile(rf"(?i:đồng chí)\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}})(?P<sep>\s*,|\s+[-–]\s+)")
# How a role starts: "Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh", "Ủy viên Ban Thường vụ Tỉnh ủy",
# "Tổ trưởng Tổ công tác ...", "Phó Trưởng Ban Chỉ đạo ...", "Giám đốc Sở ...".
ROLE_HEAD_RE = re.compile(
    r"^(?:Phó |Nguyên |Quyền )?(?:Chủ tịch|Bí thư|Ủy viên|Trưởng|Tổ trưởng|Tổ phó|Giám đốc|Chánh|Thường trực|"
    r"Đại biểu|Chỉ huy|Thủ trưởng|Bộ trưởng|Thứ trưởng|Cục trưởng|Tổng|Người phát ngôn)(?![^\W_])", re.IGNORECASE)
# Lowercase verbs that end the subject "đồng chí X, <roles>".
_VERBS = (
    "chủ trì", "chỉ đạo", "yêu cầu", "đề nghị", "ký", "phát biểu", "nhấn mạnh", "kết luận",
    "giao", "ban hành", "làm việc", "dự", "tham dự", "đã", "cho biết", "trao", "kiểm tra",
    "đồng ý", "thống nhất", "phê duyệt", "quyết định", "tiếp", "thăm", "khẳng định", "đánh giá",
)
# Nouns that start like one of those verbs: "Trưởng Ban An toàn giao thông tỉnh", "Ban Quản lý dự án".
_NOT_VERB = r"(?! (?:thông|dịch|nhận|lưu|án|toán|thảo|báo|đổi|nhận|tục|xúc|dân|công)(?![^\W_]))"
_END_RE = re.compile(
    r"\s+(?:" + "|".join(re.escape(v) for v in _VERBS) + r")(?![^\W_])" + _NOT_VERB
    + r"|[;.:]\s|[;.:]$|\s*\((?=[^)]*\bsố\b)"
)
# "Phó Chủ tịch UBND tỉnh Lương Trọng Quỳnh chỉ đạo": the role first, then a 3-4 word name
# (3 words at least, so a place such as "tỉnh Lạng Sơn" is not taken for a person).
_ROLE_FIRST_RE = re.compile(
    rf"(?P<role>(?:Phó )?Chủ tịch(?: Thường trực)? (?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) tỉnh)"
    rf"\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{2,3}})(?!\s*[A-ZĐÀ-Ỹ])(?![^\W_])"
)
_ATTENDING_RE = re.compile(r"(?i:(?:^|[.;]\s*)(?:dự|tham dự)\b[^.;]*$|có sự tham dự[^.;]*$|cùng dự[^.;]*$)")


@dataclass(frozen=True)
class Official:
    name: str
    roles: tuple[str, ...]
    attending: bool = False
    start: int = 0
    end: int = 0

    @property
    def role(self) -> str:
        return ", ".join(self.roles)


def _split_roles(text: str) -> tuple[str, ...]:
    # Commas inside parentheses belong to one role: "(Cơ quan thường trực, ...)".
    roles, depth, current = [], 0, ""
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            roles.append(current)
            current = ""
        else:
            current += ch
    roles.append(current)
    return tuple(r.strip() for r in roles if r.strip())


def _leading_roles(phrases: tuple[str, ...]) -> tuple[str, ...]:
    roles = []
    for phrase in phrases:
        if not ROLE_HEAD_RE.match(phrase):
            break
        roles.append(phrase)
    return tuple(roles)


def find_officials(text: str) -> list[Official]:
    """Every "đồng chí <Name>, <roles>" in `text`, in order (repeats included)."""
    found = []
    for m in _NAME_RE.finditer(text):
        rest_start = m.end()
        end = _END_RE.search(text, rest_start)
        stop = end.start() if end else len(text)
        roles = _leading_roles(_split_roles(fold_uy(text[rest_start:stop])))
        attending = bool(_ATTENDING_RE.search(text[: m.start()]))
        found.append(Official(m.group("name"), roles, attending, m.start(), stop))
    for m in _ROLE_FIRST_RE.finditer(text):
        attending = bool(_ATTENDING_RE.search(text[: m.start()]))
        found.append(Official(m.group("name"), (fold_uy(m.group("role")),), attending, m.start(), m.end()))
    return sorted(found, key=lambda o: o.start)


def merge_officials(officials: list[Official]) -> list[Official]:
    """One entry per person (same name), roles united in order of first appearance."""
    by_name: dict[str, list[str]] = {}
    for o in officials:
        roles = by_name.setdefault(o.name, [])
        roles.extend(r for r in o.roles if r not in roles)
    return [Official(name, tuple(roles)) for name, roles in by_name.items()]
