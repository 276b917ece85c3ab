"""Reading a source file as an editor saved it: UTF-8 with or without BOM, any
line endings, and splitting a Markdown file into its YAML front matter and body."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.content.limits import MAX_FILE_BYTES
from generator.diagnostics import Diagnostics

# Characters no page, feed or calendar can carry (XML refuses them): C0/C1 controls
# other than tab and newline, and the non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Invisible characters pasted from word processors and web pages: zero-width spaces
# and joiners, a BOM inside the text, soft hyphens, and bidirectional overrides (which
# can make text read differently from what it says). Removed, with a warning, so that
# "Sở Y tế" typed five ways is one agency.
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def read_text(path: Path, shown: str, diags: Diagnostics) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diags.report("E-FILE-TOO-LARGE", shown, None, size=f"{size:,}".replace(",", "."),
                         max=f"{MAX_FILE_BYTES:,}".replace(",", "."))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        diags.report("E-READ", shown, None, reason=exc.strerror)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diags.report("E-NOT-UTF8", shown, line)
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _hygiene(unicodedata.normalize("NFC", text), shown, diags)


def _hygiene(text: str, shown: str, diags: Diagnostics) -> str:
    """Control characters are errors (with line and column); invisible characters are
    removed with one warning per file."""
    for i, m in enumerate(_CONTROL.finditer(text)):
        if i == 5:
            diags.report("E-MORE-CONTROL-CHARS", shown, None)
            break
        line, column = _where(text, m.start())
        diags.report("E-CONTROL-CHAR", shown, line, column, char=f"U+{ord(m.group()):04X}")
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    first = _INVISIBLE.search(text)
    if first:
        count = len(_INVISIBLE.findall(text))
        line, column = _where(text, first.start())
        diags.report("W-INVISIBLE-CHARS", shown, line, column, count=count, char=f"U+{ord(first.group()):04X}")
        text = _INVISIBLE.sub("", text)
    return text


def _where(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass
class Split:
    front_matter: str
    body: str
    body_line: int      # 1-based line of the body's first line in the file


def split_front_matter(text: str, shown: str, diags: Diagnostics) -> Split | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        diags.report("E-NO-FRONT-MATTER", shown, 1)
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return Split("\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2)
    diags.report("E-FRONT-MATTER-UNCLOSED", shown, 1)
    return None
