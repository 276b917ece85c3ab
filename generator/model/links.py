"""The cross-link graph: what ties directives together across issues.

Built once per site from inverted indexes (document -> directives, topic ->
directives, agency -> ..., official -> ...), never by comparing every pair of
directives: each directive only looks at the members of the groups it belongs
to, and in a large group only at its neighbours in time. Pure data, no HTML.

Related directives come in tiers (content contract, "Cross-links"):
  1. `related` named by an editor, on both sides;
  2. the same carried document, or one carrying what the other cites;
  3. a shared cited document;
  4. suggestions ranked by shared topics, officials and agencies and closeness in time;
     the same issue alone is the weakest suggestion, so no page is left without any.
Tiers 1 and 2 are always shown and are symmetric; tiers 3 and 4 fill up to
MAX_RELATED, strongest first, ties broken by time distance then key.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, NamedTuple

from generator.model.entities import Directive, DocumentKey, DocumentRef
from generator.model.keys import assign_slugs, canonical_name, name_identity

if TYPE_CHECKING:
    from generator.vntext.references import Reference

MAX_RELATED = 6
# In a group larger than this, a directive only considers this many neighbours in
# time on each side (keeps the graph linear in the number of directives).
NEIGHBOURS = 4
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
SHARED_ISSUE = "shared_issue"          # the weakest: same week, near in time
_TIER = {RELATED: 0, SAME_DOCUMENT: 1, CITES_CARRIED: 1, CARRIES_CITED: 1, SHARED_CITATION: 2,
         SHARED_TOPIC: 3, SHARED_OFFICIAL: 3, SHARED_AGENCY: 3, SHARED_ISSUE: 4}
_ORDER = {kind: i for i, kind in enumerate(_TIER)}
REASON_KINDS: tuple[str, ...] = tuple(_TIER)   # every kind, strongest first (what pages may show)
# Whole numbers, so a directive's scores can be counted in C (a neighbour listed `weight` times).
_WEIGHT = {SHARED_CITATION: 8, SHARED_TOPIC: 6, SHARED_OFFICIAL: 4, SHARED_AGENCY: 2, SHARED_ISSUE: 1}

# Issuer codes at the end of a number, for "issuer where known" on document pages.
ISSUERS = {"QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "CP": "Chính phủ",
           "TTG": "Thủ tướng Chính phủ", "TW": "Trung ương Đảng", "UBND": "Ủy ban nhân dân tỉnh",
           "HĐND": "Hội đồng nhân dân tỉnh", "VP": "Văn phòng UBND tỉnh"}
_TYPE_CODES = frozenset("QĐ NĐ NQ KH TB CT TT TTLT KL CV CĐ BC TTR HD QC QĐĐC".split())


class Reason(NamedTuple):
    """Why two directives are linked; a named tuple, since an archive makes ~100,000."""
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
    source_url: str | None = None   # the official full text, when an editor linked it

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
    related: Mapping[str, tuple[RelatedLink, ...]]   # directive key -> ranked links (reasons filled on access)
    # slug -> sorted [(date, year)] of dated mentions, to resolve a body reference's year
    _years: dict[str, list[tuple[dt.date, int]]] = field(default_factory=dict, repr=False)
    # A law cited by number alone ("Luật số 31/2024/QH15") -> its key by name (model/build.py)
    aliases: dict[DocumentKey, DocumentKey] = field(default_factory=dict, repr=False)
    _by_url: dict[str, DocumentEntry] = field(default_factory=dict, repr=False)
    # name identity (model/keys.name_identity) -> slug, for officials and agencies
    official_slugs: dict[str, str] = field(default_factory=dict, repr=False)
    agency_slugs: dict[str, str] = field(default_factory=dict, repr=False)
    # (kind, number, title) of a body reference -> its slug: slugify is slow, and every
    # rebuild re-asks each cached body's ~5 look-ups (engine/bodies.py)
    _ref_slugs: dict[tuple, str] = field(default_factory=dict, repr=False, compare=False)

    def official_url(self, name: str) -> str:
        return f"/lanh-dao/{self.official_slugs.get(name_identity(name), '')}/"

    def agency_url(self, name: str) -> str:
        return f"/co-quan/{self.agency_slugs.get(name_identity(name), '')}/"

    def official_slug(self, name: str) -> str:
        return self.official_slugs.get(name_identity(name), "")

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
        key = DocumentKey(year, slug)
        return self.documents.get(self.aliases.get(key, key))

    def resolve_reference(self, ref: "Reference", d: Directive) -> DocumentEntry | None:
        """The page a reference in `d`'s text names. A law named without year or number is
        never given one: it is the year-unknown page of that name, or the one law of that
        name the directive itself cites (the same article names it in full)."""
        slug = self._ref_slugs.get((ref.kind, ref.number, ref.title))
        if slug is None:
            slug = self._ref_slugs[(ref.kind, ref.number, ref.title)] = ref.slug()
        if not (ref.is_law and ref.year is None):
            return self.resolve(slug, ref.year, d.date)
        own = {r.key for r in (*d.documents, *d.cites) if r.key.slug == slug}
        unknown = DocumentKey(None, slug)
        if unknown not in own and len(own) == 1:
            return self.documents.get(own.pop())
        return self.documents.get(unknown)


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


def build_links(directives: dict[str, Directive],
                aliases: dict[DocumentKey, DocumentKey] | None = None) -> LinkGraph:
    pairs = sorted(directives.items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True)   # newest first
    keys = [k for k, _ in pairs]
    ordered = [d for _, d in pairs]
    carriers: dict[DocumentKey, list[str]] = defaultdict(list)
    citers: dict[DocumentKey, list[str]] = defaultdict(list)
    refs: dict[DocumentKey, list[DocumentRef]] = defaultdict(list)   # carried forms first
    topics: dict[str, list[str]] = defaultdict(list)
    officials: dict[str, list[str]] = defaultdict(list)
    agencies: dict[str, list[str]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, dict[str, list[dt.date]]] = defaultdict(dict)
    years: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    ident, canon = _Memo(name_identity), _Memo(canonical_name)
    official_slugs = assign_slugs(ident[o.name] for d in ordered for o in d.officials)
    agency_slugs = assign_slugs(ident[a] for d in ordered for a in d.agencies)
    official_of = _Memo(_SlugOf(official_slugs, ident))
    agency_of = _Memo(_SlugOf(agency_slugs, ident))
    for d, key in zip(ordered, keys):
        for ref in d.documents:
            _once(carriers[ref.key], key)
            refs[ref.key].insert(0, ref)
        for ref in d.cites:
            _once(citers[ref.key], key)
            refs[ref.key].append(ref)
        for ref in (*d.documents, *d.cites):
            if not ref.year_guessed and ref.key.year is not None:
                years[ref.key.slug].append((ref.date or d.date, ref.key.year))
        for t in d.topics:
            topics[t].append(key)
        for o in d.officials:
            slug = official_of[o.name]
            _once(officials[slug], key)
            spellings[slug][canon[o.name]] += 1
            if o.role:
                roles[slug].setdefault(canon[o.role], []).append(d.date)
        for a in d.agencies:
            slug = agency_of[a]
            _once(agencies[slug], key)
            spellings[slug][canon[a]] += 1
    documents = {k: _document(k, refs[k], carriers.get(k, []), citers.get(k, [])) for k in sorted(refs, key=_doc_order)}
    graph = LinkGraph(
        documents=documents,
        topics={k: tuple(v) for k, v in topics.items()},
        officials={s: NamedEntry(s, _name(spellings[s]), tuple(v), _roles(roles.get(s, {})))
                   for s, v in sorted(officials.items()) if s},
        agencies={s: NamedEntry(s, _name(spellings[s]), tuple(v)) for s, v in sorted(agencies.items()) if s},
        related={},
        _years={s: sorted(v) for s, v in years.items()},
        official_slugs=official_slugs,
        agency_slugs=agency_slugs,
        aliases=dict(aliases or {}),
    )
    graph.related = _related(directives, keys, graph, carriers, citers, (official_of, agency_of))
    return graph


def empty_graph() -> LinkGraph:
    return LinkGraph(documents={}, topics={}, officials={}, agencies={}, related={})


def _once(items: list[str], key: str) -> None:
    if not items or items[-1] != key:
        items.append(key)


def _doc_order(k: DocumentKey) -> tuple:
    return k.sort_key


def _document(key: DocumentKey, refs: list[DocumentRef], carriers: list[str], citers: list[str]) -> DocumentEntry:
    # `refs` has the carried forms first: they are authoritative (type, number, date fields).
    best = refs[0]
    if len(refs) == 1:          # most documents are named once: skip the searches
        return DocumentEntry(key, best.label, best.kind, best.number, best.date,
                             best.issuer or issuer_of(best.number), tuple(carriers),
                             tuple(k for k in citers if k not in carriers), best.source_url)
    kind = next((r.kind for r in refs if r.kind), None)
    date = next((r.date for r in refs if r.date), None)
    number = next((r.number for r in refs if r.number), None)   # a law: by name in one place, by number in another
    # the fullest name: "Luật Đất đai số 31/2024/QH15" rather than "Luật số 31/2024/QH15"
    label = max((r.label for r in refs if r.kind and r.number == number), key=len, default=best.label)
    issuer = next((r.issuer for r in refs if r.issuer), None) or issuer_of(number)
    source_url = next((r.source_url for r in refs if r.source_url), None)
    return DocumentEntry(key, label, kind, number, date, issuer,
                         tuple(carriers), tuple(k for k in citers if k not in carriers), source_url)


def _name(spellings: Counter) -> str:
    return sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _roles(held: dict[str, list[dt.date]]) -> tuple[Role, ...]:
    return tuple(sorted((Role(r, min(ds), max(ds)) for r, ds in held.items()), key=lambda r: (r.first, r.role)))


class _Memo(dict):
    """A function of a name, computed once per distinct spelling (slugify is costly)."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, name: str) -> str:
        self[name] = value = self.fn(name)
        return value


class _SlugOf:
    """name -> the slug assigned to its identity (plain data, unlike a closure: the graph
    keeps it, and the graph goes to worker processes and into fingerprints)."""

    def __init__(self, slugs: dict[str, str], ident: _Memo):
        self.slugs, self.ident = slugs, ident

    def __call__(self, name: str) -> str:
        return self.slugs[self.ident[name]]


def _related(directives: dict[str, Directive], keys: list[str], graph: LinkGraph,
             carriers: dict[DocumentKey, list[str]], citers: dict[DocumentKey, list[str]],
             slug_of: tuple[_Memo, _Memo]) -> dict[str, tuple[RelatedLink, ...]]:
    # Strong links (tiers 1-3), with their reasons; every pair inside small groups only.
    strong: dict[str, dict[str, list[Reason]]] = defaultdict(lambda: defaultdict(list))

    def both(a: str, b: str, ab: Reason, ba: Reason) -> None:
        if a != b:
            strong[a][b].append(ab)
            strong[b][a].append(ba)

    for d in directives.values():
        for other in d.related:
            if other in directives:
                both(d.key, other, Reason(RELATED), Reason(RELATED))
    # Weak links: a score per candidate, from neighbours in time in every group a directive is in.
    groups: list[tuple[float, list[str]]] = []          # (weight, members oldest first)
    for doc, carry in carriers.items():
        url = doc.url
        reason, cites, carries = Reason(SAME_DOCUMENT, url), Reason(CITES_CARRIED, url), Reason(CARRIES_CITED, url)
        for i, a in enumerate(carry):
            for b in carry[i + 1:]:
                both(a, b, reason, reason)
            for c in citers.get(doc, ()):
                if c not in carry:
                    both(c, a, cites, carries)
    for doc, cite in citers.items():
        members = [k for k in cite if k not in carriers.get(doc, ())]
        if len(members) <= SMALL_GROUP:
            reason = Reason(SHARED_CITATION, doc.url)
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    both(a, b, reason, reason)
        else:
            groups.append((_WEIGHT[SHARED_CITATION], members[::-1]))
    groups += [(_WEIGHT[SHARED_TOPIC], list(reversed(v))) for _, v in sorted(graph.topics.items())]
    groups += [(_WEIGHT[SHARED_OFFICIAL], list(reversed(e.directives))) for e in graph.officials.values()]
    groups += [(_WEIGHT[SHARED_AGENCY], list(reversed(e.directives))) for e in graph.agencies.values()]
    by_issue: dict[str, list[str]] = defaultdict(list)
    for k in reversed(keys):
        by_issue[k.rsplit("/", 1)[0]].append(k)
    groups += [(_WEIGHT[SHARED_ISSUE], members) for _, members in sorted(by_issue.items())]

    # Which directives a directive links to is decided when a page asks (_RelatedLinks): a
    # rebuild after a body edit plans a few dozen pages, not every directive's, and a full
    # build decides them in the workers that plan the pages, over all cores.
    places: dict[str, list[tuple[int, int]]] = {k: [] for k in keys}     # (group, index in it) of each directive
    for g, (_, members) in enumerate(groups):
        for i, a in enumerate(members):
            places[a].append((g, i))
    day = {k: d.date.toordinal() for k, d in directives.items()}
    overlap = _Overlap(directives, graph, carriers, slug_of)
    # Plain dicts from here on: the graph is data a worker process or a cache can take as is.
    return _RelatedLinks(sorted(keys), {a: dict(links) for a, links in strong.items()}, overlap,
                         _Candidates(groups, places, day))


class _Candidates:
    """The directives a directive links to: first the strong links (tiers 1-3), nearest in
    time first, then the weak ones by score (see _best)."""

    def __init__(self, groups: list[tuple[int, list[str]]], places: dict[str, list[tuple[int, int]]], day: dict[str, int]):
        self.groups, self.places, self.day = groups, places, day

    def __call__(self, a: str, mine: dict[str, list[Reason]]) -> tuple[str, ...]:
        day, today = self.day, self.day[a]
        chosen = []
        if mine:
            tiers = {b: min([_TIER[r.kind] for r in reasons]) for b, reasons in mine.items()}
            chosen = sorted((b for b in mine if tiers[b] <= 1), key=lambda b: (tiers[b], abs(day[b] - today), b))
            shared = sorted((abs(day[b] - today), b) for b in mine if tiers[b] > 1)
            chosen += [b for _, b in shared[: max(0, MAX_RELATED - len(chosen))]]
        room = MAX_RELATED - len(chosen)
        if room > 0:
            # Its neighbours in time in each group, each listed `weight` times, so Counter
            # (in C) gives the summed scores: one list operation per membership.
            neighbours: list[str] = []
            for g, i in self.places[a]:
                weight, members = self.groups[g]
                neighbours += members[max(0, i - NEIGHBOURS): i + NEIGHBOURS + 1] * weight
            chosen += _best(Counter(neighbours).most_common(), room, a, mine, day, today)
        return tuple(chosen)


def _best(by_score: list[tuple[str, int]], room: int, a: str, exclude, day: dict[str, int], today: int) -> list[str]:
    """The `room` best candidates by score damped with distance in time,
    score / (1 + days / 365), ties by distance then key. `by_score` is sorted by raw
    score, highest first; since damping never raises a score, the walk stops at the
    first raw score below the room-th best damped one."""
    best: list[tuple[float, int, str]] = []          # (-damped, distance, key), the room best so far
    for b, score in by_score:
        if len(best) == room and score < -best[-1][0]:
            break
        if b == a or b in exclude:
            continue
        distance = abs(day[b] - today)
        entry = (-score / (1 + distance / 365), distance, b)
        if len(best) < room or entry < best[-1]:
            bisect.insort(best, entry)
            del best[room:]
    return [b for _, _, b in best]


class _RelatedLinks(Mapping):
    """Directive key -> its RelatedLinks: which directives are linked (_Candidates), and
    the reasons shown for each link, are worked out when a page asks for them."""

    def __init__(self, keys: list[str], strong, overlap: "_Overlap", candidates: _Candidates):
        self._keys, self._strong, self._overlap, self._candidates = keys, strong, overlap, candidates
        self._done: dict[str, tuple[RelatedLink, ...]] = {}

    def __getitem__(self, a: str) -> tuple[RelatedLink, ...]:
        if a not in self._done:
            mine = self._strong.get(a, {})
            self._done[a] = tuple(RelatedLink(b, _sorted_reasons([*mine.get(b, ()), *self._overlap(a, b)]))
                                  for b in self._candidates(a, mine))
        return self._done[a]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _sorted_reasons(reasons: list[Reason]) -> tuple[Reason, ...]:
    return tuple(sorted(set(reasons), key=lambda r: (_ORDER[r.kind], r.subject)))


class _Overlap:
    """The weak reasons two directives share, computed only for the links shown."""

    def __init__(self, directives, graph: LinkGraph, carriers, slug_of: tuple[_Memo, _Memo]):
        self.directives, self.graph = directives, graph
        self.carriers = dict(carriers)     # plain dict: the graph is data a worker or a cache can take
        self.official_of, self.agency_of = slug_of
        self._features: dict[str, tuple] = {}

    def features(self, key: str) -> tuple:
        if key not in self._features:
            d = self.directives[key]
            self._features[key] = (d.topics, [self.official_of[o.name] for o in d.officials],
                                   [self.agency_of[a] for a in d.agencies],
                                   [r.key for r in d.cites if key not in self.carriers.get(r.key, ())], d.issue_key)
        return self._features[key]

    def __call__(self, a: str, b: str) -> list[Reason]:
        topics_a, officials_a, agencies_a, cites_a, issue_a = self.features(a)
        topics_b, officials_b, agencies_b, cites_b, issue_b = self.features(b)
        out = [Reason(SHARED_TOPIC, t) for t in topics_a if t in topics_b]
        out += [Reason(SHARED_OFFICIAL, self.graph.officials[s].name) for s in officials_a if s in officials_b and s]
        out += [Reason(SHARED_AGENCY, self.graph.agencies[s].name) for s in agencies_a if s in agencies_b and s]
        out += [Reason(SHARED_CITATION, k.url) for k in cites_a if k in cites_b]
        if issue_a == issue_b and not out:
            out.append(Reason(SHARED_ISSUE, issue_a))
        return out
