"""Problems found in the content, reported to editors with file, line and a fix.

Every stage appends to one `Diagnostics` list instead of raising at the first
problem, so an editor sees all of them in one run.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # worth a look, not a fault: only `check` prints these (model/build.law_year_notes)

_LABEL = {ERROR: "lỗi", WARNING: "cảnh báo", NOTE: "ghi chú"}


@dataclass(frozen=True)
class Diagnostic:
    file: str                 # path as the editor knows it, e.g. "content/2024/w44/x.md"
    line: int | None          # 1-based; None when the problem is the file as a whole
    message: str              # what is wrong
    hint: str = ""            # what to write instead
    column: int | None = None  # 1-based, where the YAML parser gives one
    severity: str = ERROR

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        text = f"{self.location()}: {_LABEL[self.severity]}: {self.message}"
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
    full disk): not a content problem. The CLI prints it in Vietnamese and exits 2."""

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(message)

    def format(self) -> str:
        return f"lỗi: {self.message}" + (f"\n    → {self.hint}" if self.hint else "")
