"""The cross-link graph: what ties directives together across issues.

Built once per site from inverted indexes (document -> directives, topic ->
directives, agency -> ..., official -> ...), never by comparing every pair of
directives: each directive only looks at the members of the groups it belongs
to, and in a large group only at its neighbours in time. Pure data, no HTML.

Related directives come in tiers (content contract, "Cross-links"):
  1. `related` named by an editor, on both sides;
  2. the same carried document, or one carrying what the other cites;
  3. a shared cited document;
  4. suggestions ranked by shared topics, officials and agencies and closeness in time.
Tiers 1 and 2 are always shown and are symmetric; tiers 3 and 4 fill up to
MAX_RELATED, strongest first, ties broken by time distance then key.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from generator.model.entities import Directive, DocumentKey, DocumentRef
from generator.model.keys import canonical_name, name_slug

MAX_RELATED = 6
# In a group larger than this, a directive only considers this many neighbours in
# time on each side (keeps the graph linear in the number of directives).
NEIGHBOURS = 6
# A cited document shared by at most this many directives is a strong link (tier 3);
# a more widely cited one (a law every week cites) only adds to a suggestion's score.
SMALL_GROUP = 8

# Reason kinds, strongest first; the order is also the display order.
RELATED = "related"
SAME_DOCUMENT = "same_document"
CITES_CARRIED = "cites_carried"        # this directive cites the document the other carries
CARRIES_CITED = "carries_cited"        # this directive carries a document the other cites
SHARED_CITATION = "shared_citation"
SHARED_TOPIC = "shared_topic"
SHARED_OFFICIAL = "shared_official"
SHARED_AGENCY = "shared_agency"
_TIER = {RELATED: 0, SAME_DOCUMENT: 1, CITES_CARRIED: 1, CARRIES_CITED: 1, SHARED_CITATION: 2,
         SHARED_TOPIC: 3, SHARED_OFFICIAL: 3, SHARED_AGENCY: 3}
_WEIGHT = {SHARED_CITATION: 4.0, SHARED_TOPIC: 3.0, SHARED_OFFICIAL: 2.0, SHARED_AGENCY: 1.0}

# Issuer codes at the end of a number, for "issuer where known" on document pages.
ISSUERS = {"QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "CP": "Chính phủ",
           "TTG": "Thủ tướng Chính phủ", "TW": "Trung ương Đảng", "UBND": "Ủy ban nhân dân tỉnh",
           "HĐND": "Hội đồng nhân dân tỉnh", "VP": "Văn phòng UBND tỉnh"}
_TYPE_CODES = frozenset("QĐ NĐ NQ KH TB CT TT TTLT KL CV CĐ BC TTR HD QC QĐĐC".split())


@dataclass(frozen=True)
class Reason:
    kind: str
    subject: str = ""         # a document key's url, a topic key, an official's or agency's name


@dataclass(frozen=True)
class RelatedLink:
    key: str                  # the other directive
    reasons: tuple[Reason, ...]

    @property
    def tier(self) -> int:
        return min(_TIER[r.kind] for r in self.reasons)


@dataclass(frozen=True)
class DocumentEntry:
    key: DocumentKey
    label: str                # "Quyết định số 45/2024/QĐ-UBND", "Luật Đất đai"
    kind: str | None
    number: str | None
    date: dt.date | None
    issuer: str | None
    carriers: tuple[str, ...]  # directive keys, newest first
    citers: tuple[str, ...]    # directive keys, newest first

    @property
    def url(self) -> str:
        return self.key.url


@dataclass(frozen=True)
class Role:
    role: str
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class NamedEntry:
    """An official or an agency: one page per slug, however the name was spelled."""
    slug: str
    name: str
    directives: tuple[str, ...]          # newest first
    roles: tuple[Role, ...] = ()          # officials only, by first date held


@dataclass
class LinkGraph:
    documents: dict[DocumentKey, DocumentEntry]   # sorted by (year, slug)
    topics: dict[str, tuple[str, ...]]            # topic key -> directives newest first
    officials: dict[str, NamedEntry]              # by slug, sorted
    agencies: dict[str, NamedEntry]               # by slug, sorted
    related: dict[str, tuple[RelatedLink, ...]]   # directive key -> ranked links
    # slug -> sorted [(date, year)] of dated mentions, to resolve a body reference's year
    _years: dict[str, list[tuple[dt.date, int]]] = field(default_factory=dict, repr=False)
    _by_url: dict[str, DocumentEntry] = field(default_factory=dict, repr=False)

    def document_at(self, url: str) -> DocumentEntry | None:
        if len(self._by_url) != len(self.documents):
            self._by_url = {e.url: e for e in self.documents.values()}
        return self._by_url.get(url)

    def resolve(self, slug: str, year: int | None, on: dt.date) -> DocumentEntry | None:
        """The document a reference names: its own year, else the latest document with
        that slug not later than `on`, else `on`'s year (as the content stage resolves)."""
        if year is None:
            dates = self._years.get(slug, [])
            i = bisect.bisect_right(dates, (on, 9999))
            year = dates[i - 1][1] if i else on.year
        return self.documents.get(DocumentKey(year, slug))


def newest_first(directives: Iterable[Directive]) -> list[Directive]:
    return sorted(directives, key=lambda d: (d.date, d.key), reverse=True)


def issuer_of(number: str | None) -> str | None:
    """"45/2024/QĐ-UBND" -> UBND, "5902/VP-NC" -> VP, "132/2024/QH15" -> QH: the issuer's
    code is the last segment, after a type code if there is one."""
    if not number:
        return None
    parts = number.rsplit("/", 1)[-1].split("-")
    code = parts[1] if len(parts) > 1 and parts[0].upper() in _TYPE_CODES else parts[0]
    return ISSUERS.get(re.sub(r"\d+$", "", code).upper())


def build_links(directives: dict[str, Directive]) -> LinkGraph:
    ordered = newest_first(directives.values())
    keys = [d.key for d in ordered]
    carriers: dict[DocumentKey, list[str]] = defaultdict(list)
    citers: dict[DocumentKey, list[str]] = defaultdict(list)
    refs: dict[DocumentKey, list[DocumentRef]] = defaultdict(list)   # carried forms first
    topics: dict[str, list[str]] = defaultdict(list)
    officials: dict[str, list[str]] = defaultdict(list)
    agencies: dict[str, list[str]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, dict[str, list[dt.date]]] = defaultdict(dict)
    years: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for d in ordered:
        for ref in d.documents:
            _once(carriers[ref.key], d.key)
            refs[ref.key].insert(0, ref)
        for ref in d.cites:
            _once(citers[ref.key], d.key)
            refs[ref.key].append(ref)
        for ref in (*d.documents, *d.cites):
            if not ref.year_guessed:
                years[ref.key.slug].append((ref.date or d.date, ref.key.year))
        for t in d.topics:
            topics[t].append(d.key)
        for o in d.officials:
            slug = name_slug(o.name)
            _once(officials[slug], d.key)
            spellings[slug][canonical_name(o.name)] += 1
            if o.role:
                roles[slug].setdefault(canonical_name(o.role), []).append(d.date)
        for a in d.agencies:
            slug = name_slug(a)
            _once(agencies[slug], d.key)
            spellings[slug][canonical_name(a)] += 1
    documents = {k: _document(k, refs[k], carriers.get(k, []), citers.get(k, [])) for k in sorted(refs, key=_doc_order)}
    graph = LinkGraph(
        documents=documents,
        topics={k: tuple(v) for k, v in topics.items()},
        officials={s: NamedEntry(s, _name(spellings[s]), tuple(v), _roles(roles.get(s, {})))
                   for s, v in sorted(officials.items()) if s},
        agencies={s: NamedEntry(s, _name(spellings[s]), tuple(v)) for s, v in sorted(agencies.items()) if s},
        related={},
        _years={s: sorted(v) for s, v in years.items()},
    )
    graph.related = _related(directives, keys, graph, carriers, citers)
    return graph


def _once(items: list[str], key: str) -> None:
    if not items or items[-1] != key:
        items.append(key)


def _doc_order(k: DocumentKey) -> tuple:
    return (k.year, k.slug)


def _document(key: DocumentKey, refs: list[DocumentRef], carriers: list[str], citers: list[str]) -> DocumentEntry:
    # `refs` has the carried forms first: they are authoritative (type, number, date fields).
    best = refs[0]
    kind = next((r.kind for r in refs if r.kind), None)
    date = next((r.date for r in refs if r.date), None)
    label = next((r.label for r in refs if r.kind), best.label)
    return DocumentEntry(key, label, kind, best.number, date, issuer_of(best.number),
                         tuple(carriers), tuple(k for k in citers if k not in carriers))


def _name(spellings: Counter) -> str:
    return sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _roles(held: dict[str, list[dt.date]]) -> tuple[Role, ...]:
    return tuple(sorted((Role(r, min(ds), max(ds)) for r, ds in held.items()), key=lambda r: (r.first, r.role)))


def _related(directives: dict[str, Directive], keys: list[str], graph: LinkGraph,
             carriers: dict[DocumentKey, list[str]], citers: dict[DocumentKey, list[str]]) -> dict[str, tuple[RelatedLink, ...]]:
    reasons: dict[str, dict[str, list[Reason]]] = {k: defaultdict(list) for k in keys}

    def add(a: str, b: str, reason: Reason) -> None:
        if a != b:
            reasons[a][b].append(reason)

    for d in directives.values():                      # tier 1: explicit, both sides
        for other in d.related:
            if other in directives:
                add(d.key, other, Reason(RELATED))
                add(other, d.key, Reason(RELATED))
    for doc, carry in carriers.items():                # tier 2: carried documents
        url = doc.url
        for a in carry:
            for b in carry:
                add(a, b, Reason(SAME_DOCUMENT, url))
            for c in citers.get(doc, []):
                if c not in carry:
                    add(c, a, Reason(CITES_CARRIED, url))
                    add(a, c, Reason(CARRIES_CITED, url))
    groups: list[tuple[str, str, list[str]]] = []      # (reason kind, subject, members oldest first)
    for doc, cite in citers.items():
        members = [k for k in cite if k not in carriers.get(doc, ())]
        if len(members) <= SMALL_GROUP:
            for a in members:
                for b in members:
                    add(a, b, Reason(SHARED_CITATION, doc.url))
        else:
            groups.append((SHARED_CITATION, doc.url, members[::-1]))
    groups += [(SHARED_TOPIC, t, list(reversed(v))) for t, v in graph.topics.items()]
    groups += [(SHARED_OFFICIAL, e.name, list(reversed(e.directives))) for e in graph.officials.values()]
    groups += [(SHARED_AGENCY, e.name, list(reversed(e.directives))) for e in graph.agencies.values()]
    for kind, subject, members in groups:              # tiers 3-4: neighbours in time only
        reason = Reason(kind, subject)
        if len(members) <= 2 * NEIGHBOURS + 1:
            for a in members:
                for b in members:
                    add(a, b, reason)
            continue
        for i, a in enumerate(members):
            lo, hi = max(0, i - NEIGHBOURS), min(len(members), i + NEIGHBOURS + 1)
            for b in members[lo:hi]:
                add(a, b, reason)
    return {k: _rank(directives[k], reasons[k], directives) for k in sorted(keys)}


def _rank(d: Directive, found: dict[str, list[Reason]], directives: dict[str, Directive]) -> tuple[RelatedLink, ...]:
    links = [RelatedLink(k, tuple(sorted(set(rs), key=lambda r: (list(_TIER).index(r.kind), r.subject))))
             for k, rs in found.items()]

    def score(link: RelatedLink) -> float:
        return sum(_WEIGHT.get(r.kind, 0.0) for r in link.reasons)

    def distance(link: RelatedLink) -> int:
        return abs((directives[link.key].date - d.date).days)

    fixed = sorted((l for l in links if l.tier <= 1), key=lambda l: (l.tier, distance(l), l.key))
    ranked = sorted((l for l in links if l.tier > 1),
                    key=lambda l: (l.tier > 2, -score(l) / (1 + distance(l) / 365), distance(l), l.key))
    return tuple(fixed + ranked[: max(0, MAX_RELATED - len(fixed))])
