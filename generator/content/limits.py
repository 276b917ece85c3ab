"""Bounds on what one content file may ask of the build, each with a clear message.

A hostile or broken file must not make a build run for minutes: YAML aliases that
expand exponentially ("billion laughs"), nesting hundreds deep, or Markdown that makes
Python-Markdown's parser quadratic (thousands of unmatched '[' or '<' in one
paragraph, lists nested hundreds deep). Real bulletins are far below every limit."""
from __future__ import annotations

from dataclasses import dataclass, field

MAX_FILE_BYTES = 1_000_000          # the largest real directive is ~10 kB
MAX_LINE_CHARS = 20_000             # one paragraph is one line; the longest real one is ~3,000
MAX_YAML_DEPTH = 20                 # the content format nests 4 deep
MAX_YAML_ALIASES = 50               # editors do not need YAML aliases; a few are tolerated
MAX_YAML_NODES = 50_000             # values after expanding aliases
MAX_NAME_BYTES = 200                # a slug or key becomes a file name (most file systems: 255 bytes)
# Python-Markdown looks for the ']' that closes every '[' by scanning on from it, so
# unclosed '[' cost (their number) x (the paragraph's length): 10,000 of them took 35 s.
# We add up, for each '[', the characters to its ']' (or the paragraph's end).
MAX_BRACKET_SCAN = 400_000          # about 0.3 s of parsing; real bodies need a few thousand
# Its raw-HTML search does the same from every '<' to the next '>': bounded alike,
# but a few stray '<' ("nhiệt độ < 30") are always fine.
MAX_ANGLE_SCAN = 400_000
FEW_ANGLES = 20
MAX_INDENT = 40                     # columns of indentation (about ten list levels)
MIN_YEAR, MAX_YEAR = 1900, 2200     # dates the calendar, feeds and week arithmetic handle


@dataclass(frozen=True)
class Excess:
    line: int          # 0-based line within the text checked
    code: str          # its message is in generator/locale/messages.*.yaml
    params: dict = field(default_factory=dict)


def body_excess(body: str) -> list[Excess]:
    """Markdown a body may not contain because the renderer would take too long on it.
    Code blocks and spans count too: the parser still scans them."""
    out: list[Excess] = []
    block_start, scan = 0, 0
    lines = body.split("\n")
    for i, line in enumerate(lines + [""]):
        if not line.strip():
            scan += _bracket_scan("\n".join(lines[block_start:i]))
            if scan > MAX_BRACKET_SCAN:
                out.append(Excess(block_start, "E-TOO-MANY-BRACKETS"))
                scan = -10 ** 12      # report once
            block_start = i + 1
            continue
        if len(line) > MAX_LINE_CHARS:
            out.append(Excess(i, "E-LINE-TOO-LONG", {"length": len(line), "max": MAX_LINE_CHARS}))
        indent = len(line) - len(line.lstrip(" \t"))
        if indent > MAX_INDENT:
            out.append(Excess(i, "E-INDENT-TOO-DEEP", {"indent": indent, "max": MAX_INDENT}))
    angles = body.count("<")
    if angles > FEW_ANGLES and _angle_scan(body) > MAX_ANGLE_SCAN:
        line = body.count("\n", 0, body.index("<"))
        out.append(Excess(line, "E-TOO-MANY-ANGLES", {"count": angles}))
    return out


def _bracket_scan(block: str) -> int:
    """Characters Python-Markdown scans looking for each '[''s closing ']'."""
    if "[" not in block:
        return 0
    total, opened = 0, []
    for i, ch in enumerate(block):
        if ch == "[" and (i == 0 or block[i - 1] != "\\"):
            opened.append(i)
        elif ch == "]" and opened:
            total += i - opened.pop()
    return total + sum(len(block) - start for start in opened)


def _angle_scan(body: str) -> int:
    """Characters scanned from each '<' to the next '>' (or the end)."""
    total, end = 0, len(body)
    for i, ch in enumerate(body):
        if ch == "<":
            close = body.find(">", i)
            total += (close if close >= 0 else end) - i
            if total > MAX_ANGLE_SCAN:
                break
    return total
