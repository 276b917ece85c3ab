"""Document references in front matter (`document`, `cites`) -> DocumentRef.

Parsing the Vietnamese forms is `generator.vntext`'s job; this module adds what
the content contract says about identity: a document is its number and its
year, the year coming from the number, else the document's date, else (a guess
the checker lists) from context. A law named by its title without year or number
keeps no year at all (DocumentKey year None): its page says the year is not given.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from generator.model.entities import DocumentKey, DocumentRef
from generator.vntext.references import Reference, parse_reference


def to_ref(ref: Reference, text: str, line: int, fallback_year: int) -> DocumentRef:
    year = ref.year or (ref.date.year if ref.date else None)
    # A law named by its title alone keeps no year (never a guess): its own page says so.
    guess = year is None and not ref.is_law
    return DocumentRef(
        key=DocumentKey(fallback_year if guess else year, ref.slug()),
        label=ref.label,
        kind=ref.kind,
        number=ref.number,
        date=ref.date,
        text=text,
        line=line,
        year_guessed=guess,
        issuer=ref.issuer,
    )


def carried(kind: str | None, number: str, date: dt.date | None, line: int, fallback_year: int,
            issuer: str | None = None, source_url: str | None = None) -> DocumentRef | None:
    """The document a directive carries, given as separate type / number / date fields."""
    written = f"{kind} số {number}" if kind else number
    ref = parse_reference(written) or parse_reference(number)
    if ref is None:
        return None
    if date is not None:
        ref = replace(ref, date=date, year=ref.year if _year_in_number(ref) else date.year)
    if kind:
        ref = replace(ref, kind=kind)
    return replace(to_ref(ref, number, line, fallback_year), issuer=issuer or ref.issuer, source_url=source_url)


def cited(text: str, line: int, fallback_year: int) -> DocumentRef | None:
    ref = parse_reference(text)
    return None if ref is None else to_ref(ref, text, line, fallback_year)


def _year_in_number(ref: Reference) -> bool:
    return bool(ref.number) and ref.year is not None and str(ref.year) in ref.number

