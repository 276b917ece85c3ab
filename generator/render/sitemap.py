"""For crawlers and lost visitors: `sitemap.xml`, `robots.txt` and `404.html`.

Each page's sitemap line is computed where the page is planned (SitemapEntries),
and sitemap.xml from all of them once every page is planned (a FINISHERS entry in
site.py), so it lists exactly the HTML pages the build writes, whoever planned them,
except redirects and pages marked `noindex`. Each page's `lastmod` comes from
the content: a directive's date; an issue's newest directive; for a list page,
the newest date among the directives and issues its context holds; else the
site's newest date. Never the build time, so rebuilds are byte-identical."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from generator.model import urls
from generator.model.entities import Directive, Issue, Site, SiteConfig
from generator.render.feeds import issue_date, site_newest_date
from generator.render.pages import Output, Page, RenderKit
from generator.render.urls import absolute, output_path

SITEMAP_URL = urls.SITEMAP
NOT_FOUND_URL = urls.NOT_FOUND
REDIRECT_TEMPLATE = "redirect.html"


def indexable(page: Page) -> bool:
    return (page.template != REDIRECT_TEMPLATE and not page.context.get("noindex")
            and output_path(page.url).endswith(".html"))


def lastmod(page: Page, site: Site, issue_dates: dict[str, dt.date], newest: dt.date, memo: dict | None = None) -> dt.date:
    d = site.directive(page.url.strip("/"))
    if d is not None and d.url == page.url:
        return d.date
    if page.url in issue_dates:
        return issue_dates[page.url]
    return _newest(page.context, {} if memo is None else memo) or newest


def _newest(value, memo: dict, depth: int = 0) -> dt.date | None:
    """The newest date of the directives and issues a page context shows (dicts, lists
    and tuples are searched, 8 levels deep). `memo` (one per sitemap, keyed by object
    and depth) walks each list item, which many pages share, once."""
    if isinstance(value, Directive):
        return value.date
    if isinstance(value, Issue):
        known = memo.get((id(value), None))
        if known is None:
            known = memo[(id(value), None)] = (value, issue_date(value))
        return known[1]
    if depth >= 8 or not isinstance(value, (dict, list, tuple, set, frozenset)):
        return None
    key = (id(value), depth)
    if key in memo:
        return memo[key][1]
    newest = None
    for v in value.values() if isinstance(value, dict) else value:
        if isinstance(v, (str, int, bool)) or v is None:
            continue
        found = _newest(v, memo, depth + 1)
        if found is not None and (newest is None or found > newest):
            newest = found
    memo[key] = (value, newest)        # the value kept alive, so its id is not reused
    return newest


class SitemapEntries:
    """Each page's sitemap line, (absolute URL, lastmod) or None (not listed). Made once
    per process that plans pages: the dates it precomputes are shared by every page."""

    def __init__(self, site: Site):
        self.site = site
        self.base = site.config.base_url
        # Computed once, not per page: an archive has ~40,000 pages and ~520 issues.
        self.issue_dates = {issue.url: issue_date(issue) for issue in site.issues}
        self.newest = site_newest_date(site)
        self.memo: dict = {}
        # What a page's entry depends on besides the page itself: entries kept from the last
        # build (a page with the same fingerprint) are reused only while this is equal.
        self.key = (self.base, self.newest)

    def __call__(self, page: Page) -> tuple[str, dt.date] | None:
        if not indexable(page):
            return None
        return absolute(page.url, self.base), lastmod(page, self.site, self.issue_dates, self.newest, self.memo)


def sitemap_outputs(site: Site, kit: RenderKit, entries) -> dict[str, bytes]:
    """FINISHERS entry: sitemap.xml from every planned page's SitemapEntries line."""
    entries = sorted(dict(e for e in entries if e is not None).items())
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(loc)}</loc><lastmod>{day.isoformat()}</lastmod></url>" for loc, day in entries]
    lines.append("</urlset>")
    return {output_path(SITEMAP_URL): ("\n".join(lines) + "\n").encode("utf-8")}


def robots_outputs(site: Site, kit: RenderKit) -> list[Output]:
    """OUTPUTS entry: robots.txt."""
    return [Output(("robots.txt",), _robots)]


def _robots(cfg: SiteConfig, kit: RenderKit) -> dict[str, bytes]:
    """An Output's make: robots.txt, pointing to the absolute sitemap URL."""
    text = f"User-agent: *\nAllow: /\n\nSitemap: {absolute(SITEMAP_URL, cfg.base_url)}\n"
    return {"robots.txt": text.encode("utf-8")}


def plan_not_found(site: Site, kit: RenderKit) -> list[Page]:
    """404.html is served at whatever path was asked for, so every link on it
    (including base.html's) starts from the site root: `url` is overridden for this
    page. Root paths (/ban-tin/...) rather than full URLs keep it working on a staging
    host as well as on base_url's."""
    root = urlsplit(site.config.base_url).path.rstrip("/")
    return [Page(NOT_FOUND_URL, "404.html", {
        "title": kit.t["not_found_title"],
        "noindex": True,
        "url": RootPath(root),
    })]


@dataclass(frozen=True)
class RootPath:
    """`url()` on the 404 page: a path from the site root (plain data, not a closure,
    so the page plan can be fingerprinted and sent to a worker process)."""
    root: str

    def __call__(self, target: str) -> str:
        return self.root + target
