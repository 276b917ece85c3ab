"""Problems found in the content, reported to editors with file, line and a fix.

Every stage appends to one `Diagnostics` list instead of raising at the first
problem, so an editor sees all of them in one run. A diagnostic made with
`Diagnostics.report(code, ...)` carries a stable code (docs/error-codes.md) and its
parameters, so it can be shown in another language (`localized`) or as JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from generator import messages

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # worth a look, not a fault: only `check` prints these (model/build.law_year_notes)



@dataclass(frozen=True)
class Diagnostic:
    file: str                 # path as the editor knows it, e.g. "content/2024/w44/x.md"
    line: int | None          # 1-based; None when the problem is the file as a whole
    message: str              # what is wrong
    hint: str = ""            # what to write instead
    column: int | None = None  # 1-based, where the YAML parser gives one
    severity: str = ERROR
    code: str = ""            # e.g. "E-NOT-DATE"; "" for a message not yet in the catalog
    params: tuple = ()        # (name, value) pairs the catalog's templates are filled with
    hint_key: str = "hint"    # which of the entry's hints applies
    message_key: str = "message"   # which of the entry's messages applies

    @classmethod
    def coded(cls, code: str, file: str, line: int | None, /, column: int | None = None, hint: str = "hint",
              message: str = "message", **params: Any) -> "Diagnostic":
        """The catalog's problem `code` (its severity is the code's E-/W-/N- prefix), worded in
        Vietnamese now and in any language by `localized`."""
        return cls(file, line, messages.text(code, message, **params),
                   messages.text(code, hint, **params) if hint else "", column, messages.severity_of(code),
                   code, tuple(params.items()), hint, message)

    def localized(self, lang: str) -> "Diagnostic":
        """The same problem worded in `lang` (only coded diagnostics can be)."""
        if not self.code:
            return self
        params = dict(self.params)
        return replace(self, message=messages.text(self.code, self.message_key, lang, **params),
                       hint=messages.text(self.code, self.hint_key, lang, **params) if self.hint_key else "")

    def as_json(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "severity": self.severity,
                "code": self.code, "message": self.message, "hint": self.hint}

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, lang: str = messages.DEFAULT) -> str:
        label = messages.say(f"severity.{self.severity}", lang)
        code = f" [{self.code}]" if self.code else ""
        text = f"{self.location()}: {label}{code}: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.message)


@dataclass
class Diagnostics:
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, file: str, line: int | None, message: str, hint: str = "", column: int | None = None) -> None:
        self.items.append(Diagnostic(file, line, message, hint, column, ERROR))

    def warning(self, file: str, line: int | None, message: str, hint: str = "", column: int | None = None) -> None:
        self.items.append(Diagnostic(file, line, message, hint, column, WARNING))

    def report(self, code: str, file: str, line: int | None, /, column: int | None = None,
               hint: str = "hint", message: str = "message", **params: Any) -> None:
        """Record the problem `code` of the catalog (see Diagnostic.coded)."""
        self.items.append(Diagnostic.coded(code, file, line, column, hint, message, **params))

    def extend(self, other: "Diagnostics") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)


class ContentError(Exception):
    """Raised by a stage that cannot go on because the content has errors."""

    def __init__(self, diagnostics: Diagnostics):
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics.errors)} error(s) in content")


class UsageError(Exception):
    """The command cannot run as asked (a refused output folder, an unusable path, a
    full disk): not a content problem. The CLI prints it and exits 2. Raised with a
    catalog code and its parameters (`UsageError.coded`) it can be worded in any language."""

    def __init__(self, message: str, hint: str = "", code: str = "", params: dict | None = None):
        self.message = message
        self.hint = hint
        self.code = code
        self.params = params or {}
        super().__init__(message)

    @classmethod
    def coded(cls, code: str, **params: Any) -> "UsageError":
        return cls(messages.text(code, **params), messages.text(code, "hint", **params), code, params)

    def format(self, lang: str = messages.DEFAULT) -> str:
        message, hint = self.message, self.hint
        if self.code:
            message = messages.text(self.code, "message", lang, **self.params)
            hint = messages.text(self.code, "hint", lang, **self.params)
        code = f" [{self.code}]" if self.code else ""
        return f"{messages.say('severity.error', lang)}{code}: {message}" + (f"\n    → {hint}" if hint else "")
