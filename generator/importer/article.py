"""One published article added to an existing week (`import FILE --into 2024-W44`).

The province's site also publishes each directive on its own page: a title, then its
paragraphs, with the same web-page noise as a copied week (noise.py). The article becomes
one more `<slug>.md` of the week, checked like a whole week (nothing lost, nothing
invented, no existing file overwritten), and its slug is appended to the week's `order`.
"""
from __future__ import annotations

import datetime as dt
import re

from generator.content.yamlsource import load_bounded
from generator.importer.emit import directive_text, make_slugs
from generator.importer.errors import ImportError_
from generator.importer.notes import Note
from generator.importer.extract import extract
from generator.importer.noise import CHROME, separate_article
from generator.importer.period import Period
from generator.importer.pipeline import ImportResult, _as_data
from generator.importer.report import Report
from generator.importer.source import read_lines
from generator.importer.split import Section
from generator.importer.topics import load_topics
from generator.importer.verify import verify
from generator.messages import DEFAULT
from generator.vntext.text import fold


def _mapping(text: str) -> dict:
    """A content file's YAML as a mapping ({} when it is not one or has errors), read with the
    content's bounded reader: the week being added to may hold anything (an alias bomb)."""
    data = load_bounded(text)
    return data if isinstance(data, dict) else {}


def week_period(bulletin_text: str, shown: str) -> Period:
    """The period of an existing issue, from its `_bulletin.yaml`."""
    try:
        data = _mapping(bulletin_text)
        period = data["period"]
        start, end = period["from"], period["to"]
    except (KeyError, TypeError):
        raise ImportError_("E-IMPORT-BAD-PERIOD", file=shown) from None
    if not (isinstance(start, dt.date) and isinstance(end, dt.date)):
        raise ImportError_("E-IMPORT-PERIOD-DATES", file=shown)
    return Period(start, end)


def with_order(bulletin_text: str, slug: str) -> str | None:
    """`_bulletin.yaml` with `slug` appended to its block-style `order` list, or None when the
    file has no such list (a flow list, or no order: the editor adds it by hand)."""
    lines = bulletin_text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^order:\s*$", line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and re.match(r"^\s*-\s", lines[end]):
        end += 1
    indent = re.match(r"^(\s*)-", lines[end - 1]).group(1) if end > start + 1 else ""
    if lines and not lines[-1].endswith("\n") and end == len(lines):
        lines[-1] += "\n"
    new = "".join(lines[:end] + [f"{indent}- {slug}\n"] + lines[end:])
    old_order = _mapping(bulletin_text).get("order") or []
    return new if _mapping(new).get("order") == [*old_order, slug] else None


def run_article_import(text: str, topics_data: dict | None, folder: str, bulletin_text: str,
                       existing: dict[str, str], lang: str = DEFAULT) -> ImportResult:
    """`existing`: the week's directive files, slug -> text. Returns the new file, and the
    updated `_bulletin.yaml` when its order could be extended."""
    lines = read_lines(text)
    own, extras = separate_article(lines)
    if len(own) < 2:
        raise ImportError_("E-IMPORT-ARTICLE-SHORT")
    title, paragraphs = own[0], own[1:]
    for slug, other in existing.items():
        other_title = _mapping(other.partition("\n---\n")[0].removeprefix("---\n")).get("title", "")
        if fold(str(other_title)) == fold(title.text):
            raise ImportError_("E-IMPORT-ARTICLE-EXISTS", title.no, folder=folder, slug=slug)
    period = week_period(bulletin_text, f"{folder}/_bulletin.yaml")
    section = Section(title, paragraphs, how="article")
    d = extract(section, period, load_topics(topics_data))
    d.byline, d.images = _as_data([e for e in extras if e.kind != CHROME])
    base = make_slugs([d.title])[0]
    slug, n = base, 1
    while slug in existing:
        n += 1
        slug = f"{base}-{n}"
    path = f"{folder}/{slug}.md"
    notes = list(d.notes)
    for doc in d.documents:
        for other_slug, other in existing.items():
            if re.search(rf"(?m)^\s*number: {re.escape(doc.number or '')}\s*$", other):
                notes.append(Note("N-IMPORT-SHARED-DOCUMENT", others=other_slug, document=doc.label))
    files = {path: directive_text(d, notes, lang)}
    warnings = []
    order = with_order(bulletin_text, slug)
    if order is not None:
        files[f"{folder}/_bulletin.yaml"] = order
    elif _mapping(bulletin_text).get("order"):
        warnings.append(Note("W-IMPORT-ORDER-BY-HAND", slug=slug, folder=folder))
    dropped = [e for e in extras if e.kind == CHROME]
    kept = {e.line.no: path for e in extras if e.kind != CHROME}
    verify(lines, title.no + 1, [section], {id(section): path}, files, kept, {e.line.no for e in dropped})
    report = Report(folder, [(slug, d)], warnings, {slug: notes}, dropped=[(e.line.no, e.line.text) for e in dropped])
    return ImportResult(folder, files, report)
