"""Write the issue as text: `_bulletin.yaml` and one `<slug>.md` per directive.

Deterministic: same input, same bytes. YAML comes from yaml.safe_dump (so every string
round-trips), one top-level key at a time to keep the contract's key order, with
`# kiểm tra:` comments for what an editor should review.
"""
from __future__ import annotations

import re

import yaml
from slugify import slugify

from generator.content import format as fmt
from generator.importer.extract import Directive
from generator.importer.mdescape import escape_paragraph
from generator.importer.notes import localized
from generator.importer.period import Period
from generator.messages import DEFAULT, say
from generator.vntext.references import Reference

SLUG_MAX = 60


def make_slugs(titles: list[str]) -> list[str]:
    """python-slugify of each heading, cut at a word boundary; repeats get "-2", "-3"."""
    seen: dict[str, int] = {}
    slugs = []
    for title in titles:
        base = slugify(title, max_length=SLUG_MAX, word_boundary=True, save_order=True) or "chi-dao"
        seen[base] = seen.get(base, 0) + 1
        slug = base if seen[base] == 1 else f"{base}-{seen[base]}"
        while slug in seen and slug != base:
            seen[base] += 1
            slug = f"{base}-{seen[base]}"
        seen.setdefault(slug, 1)
        slugs.append(slug)
    return slugs


class _Dumper(yaml.SafeDumper):
    """SafeDumper without anchors: a date shared by `date` and `document.date` is written twice."""

    def ignore_aliases(self, data) -> bool:
        return True


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
                     default_flow_style=False)


def _in_format_order(data: dict, file: fmt.FileFormat | fmt.Field) -> dict:
    """Keys in the order the content format declares them (any other key last: the schema
    test, which validates the importer's output, then fails)."""
    rank = {name: i for i, name in enumerate(file.names())}
    return dict(sorted(data.items(), key=lambda item: rank.get(item[0], len(rank))))


def _document(ref: Reference) -> dict:
    doc = {"type": ref.kind, "number": ref.number, "date": ref.date}
    return _in_format_order({k: v for k, v in doc.items() if v is not None}, fmt.DOCUMENT)


def front_matter(d: Directive) -> dict:
    data: dict = {"title": d.title, "date": d.date}
    if d.documents:
        docs = [_document(r) for r in d.documents]
        data["document"] = docs[0] if len(docs) == 1 else docs
    if d.officials:
        data["officials"] = [{"name": o.name, "role": o.role} for o in d.officials]
    if d.agencies:
        data["agencies"] = d.agencies
    if d.topics:
        data["topics"] = d.topics
    if d.cites:
        data["cites"] = [r.citation() for r in d.cites]
    if d.effective:
        data["effective"] = d.effective
    if d.deadlines:
        data["deadlines"] = [{"date": x.date, "what": x.what} for x in d.deadlines]
    if d.byline:
        data["byline"] = d.byline[0] if len(d.byline) == 1 else d.byline
    if d.images:
        data["images"] = d.images
    return _in_format_order(data, fmt.DIRECTIVE)


def _comment(note: str, lang: str) -> str:
    return f"# {say('import.review_comment', lang)}: " + re.sub(r"\s+", " ", localized(note, lang))


def directive_text(d: Directive, review: list[str], lang: str = DEFAULT) -> str:
    """`lang` words the review comments (`# kiểm tra:` in Vietnamese, `# review:` in English)."""
    head = _dump(front_matter(d))
    comments = "".join(_comment(n, lang) + "\n" for n in review)
    body = "\n\n".join(escape_paragraph(p.text) for p in d.section.paragraphs)
    return f"---\n{head}{comments}---\n\n{body}\n"


def bulletin_text(title: str, lead: str | None, period: Period, slugs: list[str]) -> str:
    out = _dump({"title": title})
    out += f"period: {{from: {period.start.isoformat()}, to: {period.end.isoformat()}}}\n"
    if lead:
        out += _dump({"lead": lead})
    out += _dump({"order": slugs})
    return out
