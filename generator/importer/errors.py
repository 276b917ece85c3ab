"""The one error type the importer raises: a message an editor can act on."""
from __future__ import annotations

from generator import messages


class ImportError_(Exception):
    """Input the importer cannot turn into content. `line` is 1-based in the source file.

    Raised with a catalog code (generator/locale/messages.*.yaml) and its parameters, so
    `import --lang en` can word it in English; a plain message is still accepted."""

    def __init__(self, code: str, line: int | None = None, **params):
        self.code = code if code in messages.catalog() else ""
        self.params = params
        self.message = messages.text(code, **params) if self.code else code
        super().__init__(self.message)
        self.line = line

    def localized(self, lang: str) -> str:
        return messages.text(self.code, "message", lang, **self.params) if self.code else self.message

    def __str__(self) -> str:
        return messages.say("import.at_line", line=self.line, message=self.message) if self.line else self.message
