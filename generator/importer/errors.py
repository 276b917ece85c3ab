"""The one error type the importer raises: a message an editor can act on."""
from __future__ import annotations


class ImportError_(Exception):
    """Input the importer cannot turn into content. `line` is 1-based in the source file."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"dòng {self.line}: {self.message}" if self.line else self.message
