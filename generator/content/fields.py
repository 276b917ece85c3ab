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

    def report(self, code: str, path: tuple, /, hint: str = "hint", **params) -> None:
        """The catalog's problem `code` (generator/locale/messages.*.yaml) at the value of `path`."""
        self.diags.report(code, self.file, self.doc.line(path), self.doc.column(path), hint, **params)


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
        ctx.report("E-NOT-TEXT", path, field=name(path), example=example or "...")
        return None
    value = value.strip()
    if not value:
        ctx.report("E-EMPTY", path, field=name(path), example=example or "...")
        return None
    return value


def date(ctx: Ctx, path: tuple, value: Any) -> dt.date | None:
    if value is None or isinstance(value, BadScalar):
        return None   # missing (reported by `required`) or already reported by the parser
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            ctx.report("E-YEAR-RANGE", path, date=f"{value.day:02d}/{value.month:02d}/{value.year}",
                       min=MIN_YEAR, max=MAX_YEAR)
            return None
        return value
    hint, fixed = "hint", ""
    if isinstance(value, str):
        m = _DMY.match(value)
        if m:
            d, mth, y = (int(g) for g in m.groups())
            try:
                hint, fixed = "hint_fix", dt.date(y, mth, d).isoformat()
            except ValueError:
                hint = "hint_impossible"
    ctx.report("E-NOT-DATE", path, hint=hint, field=name(path), value=repr(value), fixed=fixed)
    return None


def boolean(ctx: Ctx, path: tuple, value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    ctx.report("E-NOT-BOOLEAN", path, field=name(path), value=repr(value))
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
        if path:
            ctx.report("E-NOT-MAPPING", path, field=name(path), example=example)
        else:
            ctx.report("E-FILE-NOT-MAPPING", path, example=example)
        return None
    unknown_keys(ctx, path, value, known)
    return value


def unknown_keys(ctx: Ctx, path: tuple, value: dict, known: tuple[str, ...]) -> None:
    for key in value:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = "hint_guess" if close else "hint"
        if value[key] is None and " " in key:
            # `{role: Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh}`: the comma split the value in two.
            hint = "hint_comma"
        column = ctx.doc.positions.get(("__key__", *path, key), (0, None))[1]
        ctx.diags.report("W-UNKNOWN-KEY", ctx.file, ctx.doc.key_line((*path, key)), column, hint=hint,
                         field=name((*path, key)), guess=close[0] if close else "", known=", ".join(known))


def required(ctx: Ctx, path: tuple, data: dict, key: str, example: str) -> Any:
    if key not in data:
        ctx.report("E-REQUIRED-MISSING", path, field=name((*path, key)), example=example)
        return None
    if data[key] is None:
        ctx.report("E-REQUIRED-EMPTY", (*path, key), field=name((*path, key)), example=example)
        return None
    return data[key]
