"""Small validators for YAML values: each reports a problem with file and line,
says what to write instead, and returns the clean value (or None)."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from generator.content.limits import MAX_YEAR, MIN_YEAR
from generator.content.yamlsource import BadScalar, YamlDoc
from generator.diagnostics import Diagnostics

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


@dataclass
class Ctx:
    """Where values come from: the file (as the editor names it) and its YAML positions."""
    file: str
    doc: YamlDoc
    diags: Diagnostics

    def error(self, path: tuple, message: str, hint: str = "") -> None:
        self.diags.error(self.file, self.doc.line(path), message, hint, self.doc.column(path))

    def warning(self, path: tuple, message: str, hint: str = "") -> None:
        self.diags.warning(self.file, self.doc.line(path), message, hint, self.doc.column(path))


def name(path: tuple) -> str:
    """`document[1].number` for ("document", 1, "number")."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def text(ctx: Ctx, path: tuple, value: Any, example: str = "") -> str | None:
    if value is None or isinstance(value, BadScalar):
        return None   # missing (reported by `required`) or already reported by the parser
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)   # a number where text is meant (e.g. a role "1"): keep it, it is still text
    if not isinstance(value, str):
        ctx.error(path, f"'{name(path)}' phải là một đoạn chữ", f"ví dụ: {name(path)}: {example or '...'}")
        return None
    value = value.strip()
    if not value:
        ctx.error(path, f"'{name(path)}' đang để trống", f"ghi nội dung, ví dụ: {name(path)}: {example or '...'}")
        return None
    return value


def date(ctx: Ctx, path: tuple, value: Any) -> dt.date | None:
    if value is None or isinstance(value, BadScalar):
        return None   # missing (reported by `required`) or already reported by the parser
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            ctx.error(path, f"ngày {value.day:02d}/{value.month:02d}/{value.year} nằm ngoài khoảng năm "
                      f"{MIN_YEAR}–{MAX_YEAR} mà bản tin dùng được", "kiểm tra lại năm (có gõ nhầm không?)")
            return None
        return value
    hint = "viết ngày theo dạng YYYY-MM-DD, ví dụ 2024-10-28"
    if isinstance(value, str):
        m = _DMY.match(value)
        if m:
            d, mth, y = (int(g) for g in m.groups())
            try:
                hint = f"viết {dt.date(y, mth, d).isoformat()} (dạng YYYY-MM-DD)"
            except ValueError:
                hint = f"ngày {value} không có trong lịch; {hint}"
    ctx.error(path, f"'{name(path)}' không phải là một ngày: {value!r}", hint)
    return None


def boolean(ctx: Ctx, path: tuple, value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    ctx.error(path, f"'{name(path)}' phải là true hoặc false, không phải {value!r}", f"{name(path)}: false")
    return None


def listof(ctx: Ctx, path: tuple, value: Any, item: Callable[[Ctx, tuple, Any], Any], example: str) -> list:
    """A list of items; a single item where a list is expected is accepted as a one-item list."""
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
        single = True
    else:
        single = False
    out = []
    for i, v in enumerate(value):
        got = item(ctx, path if single else (*path, i), v)
        if got is not None:
            out.append(got)
    return out


def mapping(ctx: Ctx, path: tuple, value: Any, known: tuple[str, ...], example: str) -> dict | None:
    """Check a mapping's shape and warn about unknown keys with a did-you-mean."""
    if not isinstance(value, dict):
        ctx.error(path, f"'{name(path) or 'phần đầu'}' phải là các cặp 'tên: giá trị'", f"ví dụ: {example}")
        return None
    unknown_keys(ctx, path, value, known)
    return value


def unknown_keys(ctx: Ctx, path: tuple, value: dict, known: tuple[str, ...]) -> None:
    for key in value:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"có phải ý bạn là '{close[0]}'?" if close else "các trường dùng được: " + ", ".join(known)
        if value[key] is None and " " in key:
            # `{role: Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh}`: the comma split the value in two.
            hint = "nếu đây là phần sau dấu phẩy của giá trị trước, đặt cả giá trị trong ngoặc kép, " \
                   "ví dụ role: \"Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh\""
        ctx.diags.warning(ctx.file, ctx.doc.key_line((*path, key)),
                          f"trường '{name((*path, key))}' không được biết đến và sẽ không được dùng", hint)


def required(ctx: Ctx, path: tuple, data: dict, key: str, example: str) -> Any:
    if key not in data:
        ctx.error(path, f"thiếu trường bắt buộc '{name((*path, key))}'", f"thêm dòng: {example}")
        return None
    if data[key] is None:
        ctx.error((*path, key), f"trường bắt buộc '{name((*path, key))}' đang để trống", f"ghi giá trị, ví dụ: {example}")
        return None
    return data[key]
