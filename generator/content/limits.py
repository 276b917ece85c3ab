"""Bounds on what one content file may ask of the build, each with a clear message.

A hostile or broken file must not make a build run for minutes: YAML aliases that
expand exponentially ("billion laughs"), nesting hundreds deep, or Markdown that makes
Python-Markdown's parser quadratic (thousands of unmatched '[' or '<' in one
paragraph, lists nested hundreds deep). Real bulletins are far below every limit."""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_FILE_BYTES = 1_000_000          # the largest real directive is ~10 kB
MAX_LINE_CHARS = 20_000             # one paragraph is one line; the longest real one is ~3,000
MAX_YAML_DEPTH = 20                 # the content format nests 4 deep
MAX_YAML_ALIASES = 50               # editors do not need YAML aliases; a few are tolerated
MAX_YAML_NODES = 50_000             # values after expanding aliases
MAX_NAME_BYTES = 200                # a slug or key becomes a file name (most file systems: 255 bytes)
MAX_BRACKETS_PER_BLOCK = 100        # unescaped '[' in one paragraph: Python-Markdown's link search is quadratic
MAX_ANGLES_PER_BODY = 500           # "<" in one body (escaped or not): its raw-HTML search is quadratic too
MAX_INDENT = 40                     # columns of indentation (about ten list levels)
MIN_YEAR, MAX_YEAR = 1900, 2200     # dates the calendar, feeds and week arithmetic handle


@dataclass(frozen=True)
class Excess:
    line: int          # 0-based line within the text checked
    message: str
    hint: str


_UNESCAPED_BRACKET = re.compile(r"(?<!\\)\[")
_FENCE = re.compile(r"^\s*(```|~~~)")


def body_excess(body: str) -> list[Excess]:
    """Markdown a body may not contain because the renderer would take too long on it.
    Code blocks and spans count too: the parser still scans them."""
    out: list[Excess] = []
    block_start, brackets, angles = 0, 0, 0
    lines = body.split("\n")
    for i, line in enumerate(lines + [""]):
        if not line.strip():
            if brackets > MAX_BRACKETS_PER_BLOCK:
                out.append(Excess(block_start, f"đoạn văn có {brackets} dấu '[' (tối đa {MAX_BRACKETS_PER_BLOCK})",
                                  "dấu '[' mở một liên kết Markdown; nếu chỉ là chữ, viết '\\[' "
                                  "hoặc chia đoạn văn thành nhiều đoạn"))
            block_start, brackets = i + 1, 0
            continue
        if len(line) > MAX_LINE_CHARS:
            out.append(Excess(i, f"dòng dài {len(line)} ký tự (tối đa {MAX_LINE_CHARS})",
                              "chia thành nhiều đoạn văn, mỗi đoạn một dòng, cách nhau một dòng trống"))
        indent = len(line) - len(line.lstrip(" \t"))
        if indent > MAX_INDENT:
            out.append(Excess(i, f"dòng thụt lề {indent} ký tự (tối đa {MAX_INDENT}, khoảng 10 cấp danh sách)",
                              "bớt thụt lề đầu dòng; danh sách lồng nhau quá sâu không hiển thị được"))
        brackets += len(_UNESCAPED_BRACKET.findall(line))
        angles += line.count("<")
    if angles > MAX_ANGLES_PER_BODY:
        out.append(Excess(0, f"nội dung có {angles} dấu '<' (tối đa {MAX_ANGLES_PER_BODY})",
                          "nếu là phép so sánh, viết 'nhỏ hơn'; nếu cần dấu '<', viết '&lt;'"))
    return out
