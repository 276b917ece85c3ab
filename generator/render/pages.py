"""The page plan: which pages exist, at which URL, with which template and data.

Planners are pure functions `plan(site, kit) -> list[Page]`; the context they
build is everything the template shows, computed here so templates only present."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from generator.model import urls
from generator.model.entities import Directive, DocumentRef, Issue, Site
from generator.markup.body import BodyRenderer, excerpt
from generator.render.pagination import list_url
from generator.render.related import directive_links
from generator.render.structured import directive_jsonld


@dataclass(frozen=True)
class Page:
    url: str                  # site path, e.g. "/2024/w44/"
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Output:
    """A file that is not a page (a feed, the calendar): make(config, kit, *args) gives
    {output path: bytes} for exactly `paths`. `make` is a module-level function that
    sees no more of the site than its configuration and `args` (plain data: directives,
    issues, topics ...), so the build can fingerprint (paths, make, args) as it does a
    page's context, and leave the published files as they are while it holds."""
    paths: tuple[str, ...]
    make: Callable[..., dict[str, bytes]]
    args: tuple = ()

    def produce(self, config, kit: "RenderKit") -> dict[str, bytes]:
        files = self.make(config, kit, *self.args)
        if tuple(files) != self.paths:
            raise ValueError(f"{self.make.__qualname__} made {sorted(files)}, not the announced {list(self.paths)}")
        return files


class RenderKit:
    """What every planner and feed needs besides the model: the interface strings,
    and rendered bodies and excerpts, computed once per directive and shared by
    every page and feed that shows them."""

    def __init__(self, renderer: BodyRenderer, strings: dict[str, str]):
        self.t = strings
        self._renderer = renderer
        self._html: dict[str, str] = {}
        self._excerpt: dict[str, str] = {}
        self._token: dict[str, bytes] = {}       # key -> what its body HTML is made from (see body())
        self._stored: Callable[[str, bytes], str | None] | None = None     # see store()
        self.items: dict[str, ListItem] = {}     # directive key -> its list item (directive_item)
        self.memo: dict = {}                     # for planners: values many pages share
        self.wanted: frozenset[str] | None = None      # see plan_only
        self._wanted_lists: frozenset[str] = frozenset()

    def plan_only(self, urls) -> None:
        """Planners need make only the pages at these URLs (None: all of them): a rebuild
        after an edit that can change only these (engine/dependencies.py). A planner may
        make more; the engine takes only these."""
        self.wanted = None if urls is None else frozenset(urls)
        self._wanted_lists = frozenset(map(list_url, self.wanted or ()))

    def wants(self, url: str) -> bool:
        return self.wanted is None or url in self.wanted

    def wants_list(self, base: str) -> bool:
        """Whether any page of the paged list at `base` is wanted (render/pagination.py)."""
        return self.wanted is None or base in self._wanted_lists

    def preload(self, key: str, html: str | None, excerpt: str, token: bytes | None = None) -> None:
        """A body rendered elsewhere (a worker process, the build cache). With `html`
        None, it is fetched when a page needs it: stored(key, token) -> the HTML, or
        None if the store no longer has that very body (it is then rendered again)."""
        if html is not None:
            self._html[key] = html
        self._excerpt[key] = excerpt
        if token is not None:
            self._token[key] = token

    def store(self, stored: Callable[[str, bytes], str | None]) -> None:
        """Where bodies preloaded without HTML are fetched from (engine/bodies.StoredHTML)."""
        self._stored = stored

    def html(self, d: Directive) -> str:
        html = self._html.get(d.key)
        if html is None:
            token = self._token.get(d.key)
            html = self._stored(d.key, token) if token is not None and self._stored is not None else None
            if html is None:
                html = self._renderer.html(d.body, d)
        return html

    def body(self, d: Directive) -> "BodyHTML | str":
        """The body as a page shows it: a stand-in fetched when the page is rendered, so
        that planning and fingerprinting a page never load its body's HTML."""
        token = self._token.get(d.key)
        return self.html(d) if token is None else BodyHTML(d, token, self)

    def excerpt(self, d: Directive) -> str:
        if d.key not in self._excerpt:
            self._excerpt[d.key] = d.summary or excerpt(d.body, self._renderer)
        return self._excerpt[d.key]


@dataclass(frozen=True)
class BodyHTML:
    """A directive's body HTML in a page's context. Jinja marks it safe through __html__
    (the HTML is the body renderer's, sanitized there); a fingerprint sees only `token`
    (the digest of the body's text, URL, date and look-up answers: same token, same
    HTML; engine/fingerprint.py)."""
    d: Directive
    token: bytes
    kit: RenderKit = field(compare=False, repr=False)

    def __html__(self) -> str:
        return self.kit.html(self.d)


Planner = Callable[[Site, RenderKit], list[Page]]

RECENT_ISSUES_ON_HOME = 10


def document_line(ref: DocumentRef) -> str:
    """'Công văn số 5902/VP-NC, ngày 28/10/2024' — the line readers know a directive by."""
    text = ref.label
    if ref.date:
        text += f", ngày {ref.date.day:02d}/{ref.date.month:02d}/{ref.date.year}"
    return text


class ListItem(dict):
    """What a list shows of a directive (directive_item). One per directive, shared by
    every list that shows it (a directive is in ten lists or so), so it cannot be
    changed: a page that shows more makes a plain copy ({**item, ...}). Being fixed, a
    fingerprint digests it once, not once per list (engine/fingerprint.py)."""
    __slots__ = ()

    def _fixed(self, *args, **kwargs):
        raise TypeError("a directive's list item is shared by many pages: change a copy ({**item, ...})")

    __setitem__ = __delitem__ = __ior__ = update = setdefault = pop = popitem = clear = _fixed

    def __reduce__(self):
        return (ListItem, (dict(self),))


def directive_item(d: Directive, kit: RenderKit) -> ListItem:
    """What a list shows of a directive, made once per directive (see ListItem)."""
    item = kit.items.get(d.key)
    if item is None:
        item = kit.items[d.key] = ListItem(d=d, url=d.url, excerpt=kit.excerpt(d), roles=(),
                                           document_lines=tuple(document_line(r) for r in d.documents))
    return item


def issue_summary(issue: Issue) -> dict:
    return {"issue": issue, "url": issue.url, "count": len(issue.directives)}


CORE_PARTS = 8      # the core pages are most of a build's work: one task per part spreads them over the cores


def core_planners() -> list[Callable[[Site, RenderKit], Iterator[Page]]]:
    """The home, archive, issue and directive pages, as CORE_PARTS planners."""
    return [functools.partial(plan_core_part, part=part) for part in range(CORE_PARTS)]


def plan_core_part(site: Site, kit: RenderKit, part: int) -> Iterator[Page]:
    """The home and archive pages (part 0), then one run of issues, each with its
    directives' pages: issues are alike in size, so equal runs are equal work.
    Page by page: whoever renders them as they come never holds the whole plan
    (ten years of directive pages, each with its body, are hundreds of MB)."""
    if part == 0:
        if kit.wants("/"):
            yield _home(site, kit)
        if kit.wants(urls.ARCHIVE):
            yield _archive(site, kit)
    n = len(site.issues)
    for issue in site.issues[part * n // CORE_PARTS:(part + 1) * n // CORE_PARTS]:
        if kit.wants(issue.url):
            yield _issue_page(issue, kit)
        for i, d in enumerate(issue.directives):
            if kit.wants(d.url):
                prev = issue.directives[i - 1] if i > 0 else None
                nxt = issue.directives[i + 1] if i + 1 < len(issue.directives) else None
                yield _directive_page(site, issue, d, prev, nxt, kit)
            yield from _redirects(d)


def _home(site: Site, kit: RenderKit) -> Page:
    latest = site.issues[0] if site.issues else None
    return Page("/", "home.html", {
        "title": site.config.title,
        "latest": latest and {**issue_summary(latest), "items": [directive_item(d, kit) for d in latest.directives]},
        "recent": [issue_summary(i) for i in site.issues[1:1 + RECENT_ISSUES_ON_HOME]],
        "has_more": len(site.issues) > 1 + RECENT_ISSUES_ON_HOME,
    })


def _archive(site: Site, kit: RenderKit) -> Page:
    years: dict[int, list] = {}
    for issue in site.issues:                      # newest first
        years.setdefault(issue.year, []).append(issue_summary(issue))
    return Page(urls.ARCHIVE, "archive.html", {"title": kit.t["archive_title"], "years": sorted(years.items(), reverse=True),
                                              "breadcrumbs": [("/", kit.t["home"])]})


def lead_lists_headings(issue: Issue) -> bool:
    """The province's lead is often just the headings joined by '; ': then the list
    below already says it, and the lead is offered folded instead of as a wall of text."""
    parts = [p.strip().rstrip(".").strip() for p in issue.lead.split("; ")]
    titles = {d.title.rstrip(".").strip() for d in issue.directives}
    return len(parts) > 3 and sum(p in titles for p in parts) >= 0.8 * len(parts)


def _issue_page(issue: Issue, kit: RenderKit) -> Page:
    return Page(issue.url, "issue.html", {
        "title": issue.title,
        "description": issue.lead or "; ".join(d.title for d in issue.directives),
        "issue": issue,
        "lead_folded": lead_lists_headings(issue),
        "items": [directive_item(d, kit) for d in issue.directives],
        "breadcrumbs": [("/", kit.t["home"])],
    })


def _directive_page(site: Site, issue: Issue, d: Directive, prev, nxt, kit: RenderKit) -> Page:
    entries = [e for e in (site.links.documents.get(r.key) for r in d.documents) if e] if site.links else []
    return Page(d.url, "directive.html", {
        "title": d.title,
        "d": d,
        "issue": issue,
        "body_html": kit.body(d),
        "description": kit.excerpt(d),
        "og_type": "article",
        "jsonld": directive_jsonld(d, entries, site.config, kit.excerpt(d)),
        "document_lines": [document_line(r) for r in d.documents],
        "topics": [site.topics[k] for k in d.topics],
        **directive_links(site, d, kit.t, kit.memo),
        "prev": prev,
        "next": nxt,
        "breadcrumbs": [("/", kit.t["home"]), (issue.url, kit.t["week_label"].format(week=issue.week, year=issue.year))],
    })


def _redirects(d: Directive) -> list[Page]:
    """An old URL (`aliases:`) keeps working: a small page that forwards to the new one."""
    return [Page(alias, "redirect.html", {"title": d.title, "target": d.url}) for alias in d.aliases]
