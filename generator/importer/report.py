"""The summary printed after an import: what was written, filled, guessed, and to review."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.importer.extract import Directive
from generator.importer.notes import localized
from generator.messages import DEFAULT, say

# Front-matter keys the summary counts; each is named by the catalog key `import.field.<key>`.
FIELDS = ("document", "officials", "agencies", "topics", "cites", "effective", "deadlines")


@dataclass
class Report:
    folder: str
    directives: list[tuple[str, Directive]]  # (slug, directive)
    warnings: list[str] = field(default_factory=list)  # issue-wide
    review: dict[str, list[str]] = field(default_factory=dict)  # slug -> notes
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (line, text): web page chrome, not imported

    def render(self, lang: str = DEFAULT) -> str:
        """The summary in `lang`, review notes and warnings included."""
        n = len(self.directives)
        lines = [say("import.summary", lang, count=n, folder=self.folder)]
        names = {key: say(f"import.field.{key}", lang) for key in (*FIELDS, "date")}
        labels = {key: key if name == key else f"{name} ({key})" for key, name in names.items()}
        width = max(len(label) for label in labels.values())
        for key in FIELDS:
            filled = sum(1 for _, d in self.directives if _filled(d, key))
            lines.append(f"  {labels[key]:<{width}}  " + say("import.filled", lang, filled=filled, count=n))
        dated = {"document": 0, "text": 0, "issue": 0}
        for _, d in self.directives:
            dated[d.date_source] = dated.get(d.date_source, 0) + 1
        lines.append(f"  {labels['date']:<{width}}  " + say("import.dated", lang, document=dated["document"],
                                                             text=dated["text"], issue=dated["issue"]))
        empty = [slug for slug, d in self.directives if not d.documents]
        if empty:
            lines.append(say("import.no_document", lang, slugs=", ".join(empty)))
        kept = [(slug, d) for slug, d in self.directives if d.byline or d.images]
        if kept:
            lines.append(say("import.kept_web", lang, count=len(kept)))
        if self.dropped:
            lines.append(say("import.dropped", lang, count=len(self.dropped)))
            lines.extend("  - " + say("import.dropped_line", lang, line=no, text=text[:90]) for no, text in self.dropped)
        if self.warnings:
            lines.append(say("import.warnings", lang))
            lines.extend(f"  - {localized(w, lang)}" for w in self.warnings)
        todo = {slug: notes for slug, notes in self.review.items() if notes}
        lines.append(say("import.review", lang, count=len(todo)) if todo else say("import.nothing_to_review", lang))
        for slug, notes in todo.items():
            lines.append(f"  {slug}.md")
            lines.extend(f"    - {localized(note, lang)}" for note in notes)
        return "\n".join(lines)


def _filled(d: Directive, name: str) -> bool:
    return bool(getattr(d, "documents" if name == "document" else name))
