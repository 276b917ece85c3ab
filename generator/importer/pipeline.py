"""Text in, files out (as a dict), checked; no disk access here."""
from __future__ import annotations

from dataclasses import dataclass

from generator.importer.dedupe import fold_identical
from generator.importer.emit import bulletin_text, directive_text, make_slugs
from generator.importer.errors import ImportError_
from generator.importer.extract import Directive, extract, fill_unnamed_officials
from generator.importer.period import Period, period_from_title, period_from_week
from generator.importer.report import Report
from generator.importer.source import read_lines
from generator.importer.split import split
from generator.importer.topics import load_topics
from generator.importer.verify import verify


@dataclass
class ImportResult:
    folder: str  # "2024/w44"
    files: dict[str, str]  # path relative to the content folder -> text, in writing order
    report: Report


def _period(title: str, week: str | None, warnings: list[str]) -> Period:
    from_title = period_from_title(title)
    if week:
        period = period_from_week(week)
        if from_title and from_title.folder != period.folder:
            warnings.append(f"--week {week} differs from the title's period ({from_title.folder}); using --week")
        return from_title if from_title and from_title.folder == period.folder else period
    if from_title is None:
        raise ImportError_("the title does not give the period (“từ ngày 28/10 đến hết ngày 03/11/2024”); "
                           "pass --week, e.g. --week 2024-W44", line=1)
    return from_title


def _review_notes(d: Directive, how: str, shared: dict[str, list[str]], slug: str) -> list[str]:
    notes = []
    if how == "shape":
        notes.append("heading recognised by its shape (not in the lead): check it is one")
    elif how == "edited":
        notes.append("heading differs from its item in the lead: check which wording is right")
    for doc in d.documents:
        others = [s for s in shared.get(doc.identity(), []) if s != slug]
        if others:
            notes.append(f"another directive carries {doc.label} too: {', '.join(others)} (kept both, linked by the document)")
    if not d.officials and not d.documents:
        notes.append("no official and no document found")
    return notes + d.notes


def run_import(text: str, topics_data: dict | None = None, week: str | None = None) -> ImportResult:
    lines = read_lines(text)
    structure = split(lines)
    warnings = list(structure.warnings)
    period = _period(structure.title.text, week, warnings)
    sections, duplicates = fold_identical(structure.sections)
    topics = load_topics(topics_data)
    directives = [extract(s, period, topics) for s in sections]
    fill_unnamed_officials(directives)
    slugs = make_slugs([d.title for d in directives])
    folder = period.folder

    shared: dict[str, list[str]] = {}
    for slug, d in zip(slugs, directives):
        for doc in d.documents:
            shared.setdefault(doc.identity(), []).append(slug)
    review = {}
    for slug, d in zip(slugs, directives):
        review[slug] = _review_notes(d, d.section.how, shared, slug)
    for dup in duplicates:
        slug = slugs[sections.index(dup.kept)]
        warnings.append(f"lines {dup.dropped.heading.no}-{dup.dropped.paragraphs[-1].no} repeat lines "
                        f"{dup.kept.heading.no}-{dup.kept.paragraphs[-1].no} word for word: imported once as {slug}.md")
        review[slug].insert(0, f"printed twice in the source (lines {dup.kept.heading.no} and {dup.dropped.heading.no}); imported once")

    files = {f"{folder}/_bulletin.yaml": bulletin_text(
        structure.title.text, structure.lead.text if structure.lead else None, period, slugs)}
    owner = {}
    for slug, d in zip(slugs, directives):
        path = f"{folder}/{slug}.md"
        files[path] = directive_text(d, review[slug])
        owner[id(d.section)] = path
    for dup in duplicates:
        owner[id(dup.dropped)] = owner[id(dup.kept)]
    first_body = structure.lead.no + 1 if structure.lead else structure.title.no + 1
    verify(lines, first_body, structure.sections, owner, files)
    return ImportResult(folder, files, Report(folder, list(zip(slugs, directives)), warnings, review))
