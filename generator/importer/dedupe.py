"""Sections printed twice: identical ones fold into one; different ones about one document
are kept and flagged (they are linked through the document they both carry)."""
from __future__ import annotations

from dataclasses import dataclass

from generator.importer.split import Section
from generator.vntext.text import fold


@dataclass(frozen=True)
class Duplicate:
    kept: Section
    dropped: Section


def _key(section: Section) -> tuple[str, ...]:
    return (fold(section.title), *(p.text for p in section.paragraphs))


def fold_identical(sections: list[Section]) -> tuple[list[Section], list[Duplicate]]:
    kept: dict[tuple[str, ...], Section] = {}
    duplicates = []
    for section in sections:
        key = _key(section)
        if key in kept:
            duplicates.append(Duplicate(kept[key], section))
        else:
            kept[key] = section
    return list(kept.values()), duplicates
