"""The summary printed after an import: what was written, filled, guessed, and to review."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.importer.extract import Directive

FIELDS = ("document", "officials", "agencies", "topics", "cites", "effective", "deadlines")


@dataclass
class Report:
    folder: str
    directives: list[tuple[str, Directive]]  # (slug, directive)
    warnings: list[str] = field(default_factory=list)  # issue-wide
    review: dict[str, list[str]] = field(default_factory=dict)  # slug -> notes

    def render(self) -> str:
        n = len(self.directives)
        lines = [f"{n} directives in {self.folder}/ (+ _bulletin.yaml)"]
        for name in FIELDS:
            filled = sum(1 for _, d in self.directives if _filled(d, name))
            lines.append(f"  {name:<10} filled in {filled}/{n}")
        dated = {}
        for _, d in self.directives:
            dated[d.date_source] = dated.get(d.date_source, 0) + 1
        lines.append("  date       from the document: {document}, from the text: {text}, "
                     "issue's first day (guessed): {issue}".format(**{"document": 0, "text": 0, "issue": 0, **dated}))
        empty = [slug for slug, d in self.directives if not d.documents]
        if empty:
            lines.append(f"No carrying document (a meeting?): {', '.join(empty)}")
        if self.warnings:
            lines.append("Warnings:")
            lines.extend(f"  - {w}" for w in self.warnings)
        todo = {slug: notes for slug, notes in self.review.items() if notes}
        lines.append(f"To review ({len(todo)} files; also marked '# kiểm tra:' in their front matter):"
                     if todo else "Nothing to review.")
        for slug, notes in todo.items():
            lines.append(f"  {slug}.md")
            lines.extend(f"    - {note}" for note in notes)
        return "\n".join(lines)


def _filled(d: Directive, name: str) -> bool:
    return bool(getattr(d, "documents" if name == "document" else name))
