"""Assemble the site model from the validated sources, and check what can only be
checked across files: reading order, `related` targets, aliases, document years."""
from __future__ import annotations

import bisect
import difflib
from collections import defaultdict
from dataclasses import replace

from slugify import slugify

from generator.diagnostics import Diagnostic, Diagnostics
from generator.model.entities import Directive, DocumentKey, Issue, Site
from generator.model.links import build_links
from generator.model.sources import ContentTree, IssueSources

_LAW_KINDS = ("Luật", "Bộ luật")


def build_site(tree: ContentTree, diags: Diagnostics) -> Site | None:
    if tree.config is None:
        return None
    all_directives = [d for src in tree.issues for d in src.directives]
    all_directives = _resolve_guessed_years(all_directives, diags)
    all_directives, aliases = unify_law_numbers(all_directives)
    by_key = {d.key: d for d in all_directives}
    issues = []
    for src in tree.issues:
        directives = [by_key[d.key] for d in src.directives]
        issues.append(_issue(src, directives, diags))
    published = {d.key: d for issue in issues for d in issue.directives}
    _check_related(all_directives, by_key, published, diags)
    _check_aliases(all_directives, diags)
    issues.sort(key=lambda i: (i.year, i.week), reverse=True)
    return Site(config=tree.config, topics=tree.topics, issues=issues, directives=published,
                links=build_links(published, aliases))


def default_order(directives: list[Directive]) -> list[Directive]:
    return sorted(directives, key=lambda d: (d.date, d.title, d.slug))


def _issue(src: IssueSources, directives: list[Directive], diags: Diagnostics) -> Issue:
    b = src.bulletin
    by_slug = {d.slug: d for d in directives}
    ordered: list[Directive] = []
    placed: set[str] = set()        # slugs, not directives: comparing dataclasses field by field cost 0.7 s at 520 weeks
    if b.order:
        for slug, line in b.order:
            if slug in by_slug and slug not in placed:
                ordered.append(by_slug[slug])
                placed.add(slug)
            elif slug in by_slug:
                diags.report("W-ORDER-REPEATED", b.source, line, slug=slug)
            else:
                close = difflib.get_close_matches(slug, list(by_slug), n=1)
                diags.report("E-ORDER-NO-FILE", b.source, line, hint="hint_guess" if close else "hint",
                             slug=slug, guess=close[0] if close else "")
        rest = default_order([d for d in directives if d.slug not in placed])
        for d in rest:
            diags.report("W-NOT-IN-ORDER", d.source, None, slug=d.slug, bulletin=b.source)
        ordered += rest
    else:
        ordered = default_order(directives)
    return Issue(year=b.year, week=b.week, source=b.source, title=b.title, period_from=b.period_from,
                 period_to=b.period_to, lead=b.lead, directives=[d for d in ordered if not d.draft])


def _resolve_guessed_years(directives: list[Directive], diags: Diagnostics) -> list[Directive]:
    """A citation without a date takes the year of the most recent earlier document
    with that number in the archive, else the citing directive's year (content contract)."""
    known: dict[str, list[tuple]] = defaultdict(list)     # slug -> sorted [(date, year)]
    for d in directives:
        for ref in (*d.documents, *d.cites):
            if not ref.year_guessed and ref.key.year is not None:
                known[ref.key.slug].append((ref.date or d.date, ref.key.year))
    for dates in known.values():
        dates.sort()
    out = []
    for d in directives:
        if not any(ref.year_guessed for ref in (*d.documents, *d.cites)):
            out.append(d)
            continue

        def resolve(ref):
            if not ref.year_guessed:
                return ref
            dates = known.get(ref.key.slug, [])
            i = bisect.bisect_right(dates, (d.date, 9999))
            year = dates[i - 1][1] if i else d.date.year
            diags.report("W-YEAR-GUESSED", d.source, ref.line, text=ref.text, year=year)
            return replace(ref, key=DocumentKey(year, ref.key.slug))

        out.append(replace(d, documents=tuple(map(resolve, d.documents)), cites=tuple(map(resolve, d.cites))))
    return out


def unify_law_numbers(directives: list[Directive]) -> tuple[list[Directive], dict[DocumentKey, DocumentKey]]:
    """A law is one document whether named with its number or by it alone: where the archive
    writes "Luật Đất đai số 31/2024/QH15", "Luật số 31/2024/QH15" and "31/2024/QH15" are the
    page of Luật Đất đai of 2024. Returns the directives with those keys rewritten and the
    number key -> name key map (body text is resolved with it too)."""
    aliases: dict[DocumentKey, DocumentKey] = {}
    for d in directives:
        for ref in (*d.documents, *d.cites):
            if ref.kind in _LAW_KINDS and ref.number and ref.key.year is not None:
                by_number = DocumentKey(ref.key.year, slugify(ref.number))
                if by_number != ref.key:
                    aliases.setdefault(by_number, ref.key)
    if not aliases:
        return directives, aliases

    def canonical(ref):
        return replace(ref, key=aliases[ref.key]) if ref.key in aliases else ref

    out = [d if not any(r.key in aliases for r in (*d.documents, *d.cites)) else
           replace(d, documents=tuple(map(canonical, d.documents)), cites=tuple(map(canonical, d.cites)))
           for d in directives]
    return out, aliases


def _check_related(directives, by_key, published, diags: Diagnostics) -> None:
    for d in directives:
        for key in d.related:
            line = d.related_lines.get(key)
            if key == d.key:
                diags.report("E-RELATED-SELF", d.source, line)
            elif key not in by_key:
                close = difflib.get_close_matches(key, list(by_key), n=1)
                diags.report("E-RELATED-MISSING", d.source, line, hint="hint_guess" if close else "hint",
                             key=key, guess=close[0] if close else "")
            elif key not in published and not d.draft:
                diags.report("E-RELATED-DRAFT", d.source, line, key=key)


def _check_aliases(directives, diags: Diagnostics) -> None:
    owner: dict[str, Directive] = {d.url: d for d in directives}
    for d in directives:
        for alias in d.aliases:
            other = owner.get(alias)
            if other is d:
                diags.report("E-ALIAS-SELF", d.source, None, alias=alias)
            elif other is not None:
                diags.report("E-ALIAS-TAKEN", d.source, None, alias=alias, other=other.source)
            owner[alias] = d


def law_year_notes(site: Site) -> list[Diagnostic]:
    """Laws named without year or number in one place and with a year in another may be one
    document: one note per law name, for `check` only (a build does not repeat it)."""
    dated: dict[str, list[tuple[Directive, object]]] = defaultdict(list)
    undated: dict[str, list[tuple[Directive, object]]] = defaultdict(list)
    for d in sorted(site.directives.values(), key=lambda d: d.key):
        for ref in (*d.documents, *d.cites):
            if ref.kind in _LAW_KINDS or ref.key.year is None:
                (undated if ref.key.year is None else dated)[ref.key.slug].append((d, ref))
    notes = []
    for slug, mentions in sorted(undated.items()):
        if slug not in dated:
            continue
        d, ref = mentions[0]
        written = sorted({r.text for _, r in dated[slug]})
        first, first_ref = dated[slug][0]
        notes.append(Diagnostic.coded(
            "N-LAW-YEAR", d.source, ref.line, message="message_more" if len(mentions) > 1 else "message",
            text=ref.text, more=len(mentions) - 1, written=", ".join(repr(w) for w in written[:3]),
            where=f"{first.source}:{first_ref.line}" + (f" (+{len(dated[slug]) - 1})" if len(dated[slug]) > 1 else ""),
            first=written[0]))
    return notes
