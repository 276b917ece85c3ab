"""Text in, files out (as a dict), checked; no disk access here."""
from __future__ import annotations

from dataclasses import dataclass

from generator.importer.dedupe import fold_identical
from generator.importer.emit import bulletin_text, directive_text, make_slugs
from generator.importer.errors import ImportError_
from generator.importer.extract import Directive, extract, fill_unnamed_officials
from generator.importer.notes import Note
from generator.importer.noise import BYLINE, CAPTION, CHROME, IMAGE, Extra, separate
from generator.importer.period import Period, period_from_title, period_from_week
from generator.importer.report import Report
from generator.messages import DEFAULT
from generator.importer.source import read_lines
from generator.importer.split import Section, split
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
            warnings.append(Note("W-IMPORT-WEEK-DIFFERS", week=week, folder=from_title.folder))
        return from_title if from_title and from_title.folder == period.folder else period
    if from_title is None:
        raise ImportError_("E-IMPORT-NO-PERIOD", line=1)
    return from_title


def _review_notes(d: Directive, how: str, shared: dict[str, list[str]], slug: str) -> list[str]:
    notes = []
    if how == "shape":
        notes.append(Note("N-IMPORT-TITLE-SHAPE"))
    elif how == "edited":
        notes.append(Note("N-IMPORT-TITLE-EDITED"))
    for doc in d.documents:
        others = [s for s in shared.get(doc.identity(), []) if s != slug]
        if others:
            notes.append(Note("N-IMPORT-SHARED-DOCUMENT", others=", ".join(others), document=doc.label))
    if not d.officials and not d.documents:
        notes.append(Note("N-IMPORT-NOTHING-FOUND"))
    return notes + d.notes


def _place_extras(extras: list[Extra], sections: list[Section]) -> tuple[dict[int, list[Extra]], list[Extra]]:
    """Images, captions and bylines go to the section they stand in (the last heading before
    them); chrome, and anything before the first heading, is dropped and listed."""
    placed: dict[int, list[Extra]] = {}
    dropped = []
    for extra in extras:
        owner = next((s for s in reversed(sections) if s.heading.no < extra.line.no), None)
        if extra.kind == CHROME or owner is None:
            dropped.append(extra)
        else:
            placed.setdefault(id(owner), []).append(extra)
    return placed, dropped


def _as_data(extras: list[Extra]) -> tuple[list[str], list[dict]]:
    """(bylines, images): each image file with the caption right after it; a caption alone stands alone."""
    bylines, images = [], []
    for extra in extras:
        if extra.kind == BYLINE:
            bylines.append(extra.line.text)
        elif extra.kind == IMAGE:
            images.append({"file": extra.line.text})
        elif extra.kind == CAPTION and images and "caption" not in images[-1] and "file" in images[-1]:
            images[-1]["caption"] = extra.line.text
        elif extra.kind == CAPTION:
            images.append({"caption": extra.line.text})
    return bylines, images


def run_import(text: str, topics_data: dict | None = None, week: str | None = None, lang: str = DEFAULT) -> ImportResult:
    """`lang` words the `# kiểm tra:` comments written into the files (Vietnamese by default)."""
    lines = read_lines(text)
    own_lines, extras = separate(lines)
    structure = split(own_lines)
    warnings = list(structure.warnings)
    placed, dropped = _place_extras(extras, structure.sections)
    period = _period(structure.title.text, week, warnings)
    sections, duplicates = fold_identical(structure.sections)
    topics = load_topics(topics_data)
    directives = [extract(s, period, topics) for s in sections]
    for dup in duplicates:      # the byline or images of a copy printed twice stay with the one kept
        placed.setdefault(id(dup.kept), []).extend(placed.pop(id(dup.dropped), []))
    for s, d in zip(sections, directives):
        d.byline, d.images = _as_data(placed.get(id(s), []))
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
        warnings.append(Note("W-IMPORT-REPEATED-LINES", dropped_from=dup.dropped.heading.no,
                             dropped_to=dup.dropped.paragraphs[-1].no, kept_from=dup.kept.heading.no,
                             kept_to=dup.kept.paragraphs[-1].no, slug=slug))
        review[slug].insert(0, Note("N-IMPORT-PRINTED-TWICE", kept=dup.kept.heading.no, dropped=dup.dropped.heading.no))

    files = {f"{folder}/_bulletin.yaml": bulletin_text(
        structure.title.text, structure.lead.text if structure.lead else None, period, slugs)}
    owner = {}
    for slug, d in zip(slugs, directives):
        path = f"{folder}/{slug}.md"
        files[path] = directive_text(d, review[slug], lang)
        owner[id(d.section)] = path
    for dup in duplicates:
        owner[id(dup.dropped)] = owner[id(dup.kept)]
    first_body = structure.lead.no + 1 if structure.lead else structure.title.no + 1
    kept = {e.line.no: owner[id(s)] for s in sections for e in placed.get(id(s), [])}
    verify(lines, first_body, structure.sections, owner, files, kept, {e.line.no for e in dropped})
    report = Report(folder, list(zip(slugs, directives)), warnings, review,
                    dropped=[(e.line.no, e.line.text) for e in dropped])
    return ImportResult(folder, files, report)
