"""Read the published text as editors receive it (BOM, CRLF, NBSP, trailing spaces)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.errors import ImportError_
from generator.vntext.text import clean_text


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the file
    text: str  # cleaned: NFC, plain spaces, no surrounding whitespace


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ImportError_("E-IMPORT-NOT-UTF8", line) from None


# Control characters (pasted from other software) print as nothing and no page or feed
# can carry them; `check` refuses them, so the importer drops them (as whitespace is).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def read_lines(text: str) -> list[Line]:
    """Non-blank lines, cleaned. Whitespace and control characters are the only things
    cleaning changes: the same cleaned text is what the nothing-lost check compares the output with."""
    text = _CONTROL.sub("", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    lines = (Line(no, clean_text(raw)) for no, raw in enumerate(text.split("\n"), start=1))
    return [line for line in lines if line.text]
