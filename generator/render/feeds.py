"""RSS 2.0 and Atom feeds: the whole site, the issues, each topic, each agency.

Each feed is an Output (render/pages.py), made again whenever what it shows
changes, so everything in it must come from the content alone: an entry's id is
the absolute URL of the directive's permanent path (never its title), its date
is the directive's date at a fixed hour in the site's time zone, and a feed's
updated/lastBuildDate is its newest entry's date. Two builds of the same content
give byte-identical files."""
from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from generator.model import urls
from generator.model.entities import Directive, Issue, Site, SiteConfig
from generator.render.feedlinks import FeedLink, agency_feeds, issue_feeds, official_feeds, site_feeds, topic_feeds
from generator.render.pages import Output, Page, RenderKit, document_line
from generator.render.urls import absolute, output_path, relative

# Newest entries per feed. Readers poll for what is new; the full history of a topic
# or agency is on its HTML page (a ten-year topic feed would be thousands of entries).
FEED_SIZE = 50
PUBLISH_HOUR = 8            # entries are dated at 08:00 local time on the directive's date
GENERATOR = "bulletin-generator"   # replaces feedgen's default, which carries its version and URL
EPOCH = dt.date(2000, 1, 1)        # only for a site with no directive at all


def published_at(day: dt.date, timezone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(PUBLISH_HOUR), ZoneInfo(timezone))


def newest_first(directives) -> list[Directive]:
    """(date desc, key asc): a total order, so ties never depend on dict order."""
    return sorted(directives, key=lambda d: (-d.date.toordinal(), d.key))


def site_newest_date(site: Site) -> dt.date:
    """The newest directive's date (else the newest issue's end): the date of pages and feeds with none of their own."""
    return max((d.date for d in site.directives.values()), default=None) or max(
        (i.period_to for i in site.issues), default=EPOCH)


def issue_date(issue: Issue) -> dt.date:
    """An issue's date: its newest directive, else the end of its period."""
    return max((d.date for d in issue.directives), default=issue.period_to)


def feed_outputs(site: Site, kit: RenderKit) -> list[Output]:
    """OUTPUTS entry: every feed, RSS and Atom."""
    t, cfg = kit.t, site.config
    outputs: list[Output] = []
    newest = site_newest_date(site)

    def directive_feeds(links: list[FeedLink], page_url: str, description: str, directives: list[Directive]) -> None:
        topics = {k: site.topics[k] for d in directives for k in d.topics if k in site.topics}
        outputs.append(Output(tuple(output_path(f.url) for f in links), _directive_feeds,
                              (tuple(links), page_url, description, tuple(directives), topics,
                               directives[0].date if directives else newest)))

    everything = newest_first(site.directives.values())
    directive_feeds(site_feeds(cfg.title), "/", cfg.description or cfg.title, everything[:FEED_SIZE])
    outputs.append(_issue_feeds(site, kit, newest))
    by_topic: dict[str, list[Directive]] = defaultdict(list)
    for d in everything:
        for key in d.topics:
            by_topic[key].append(d)
    for key, topic in ((k, t) for k, t in site.topics.items() if by_topic.get(k)):   # none for an unused topic
        directive_feeds(topic_feeds(key, t["feed_topic_title"].format(name=topic.name, site=cfg.title)), topic.url,
                        topic.description or t["feed_topic_description"].format(name=topic.name),
                        by_topic.get(key, [])[:FEED_SIZE])
    # One agency or official however the name is spelled ("Uỷ"/"Ủy"): the link graph has grouped them.
    for entries, feeds, kind, page_url in ((site.links.agencies, agency_feeds, "agency", urls.agency_url),
                                           (site.links.officials, official_feeds, "official", urls.official_url)):
        for slug, entry in entries.items():
            name = entry.name
            links = [FeedLink(t[f"feed_{kind}_title"].format(name=name, site=cfg.title), f.url, f.type)
                     for f in feeds(name, page_url(slug))]
            members = newest_first(site.directives[k] for k in entry.directives)[:FEED_SIZE]
            directive_feeds(links, page_url(slug), t[f"feed_{kind}_description"].format(name=name), members)
    return outputs


def _new_feed(cfg: SiteConfig, title: str, description: str, links, updated: dt.date) -> FeedGenerator:
    fg = FeedGenerator()
    atom = next(f for f in links if f.kind == "Atom")
    fg.id(absolute(atom.url, cfg.base_url))
    fg.title(title)
    fg.subtitle(description)
    fg.author({"name": cfg.publisher})
    fg.language(cfg.language)
    fg.generator(GENERATOR)
    fg.updated(published_at(updated, cfg.timezone))       # also lastBuildDate; feedgen's default is now()
    return fg


def _serialize(fg: FeedGenerator, links: list[FeedLink], page_url: str, base_url: str) -> dict[str, bytes]:
    files = {}
    for f in links:
        # The self link differs per format. feedgen takes the RSS <link> from the last link set,
        # so the HTML page goes last.
        fg.link([{"href": absolute(f.url, base_url), "rel": "self", "type": f.type},
                 {"href": absolute(page_url, base_url), "rel": "alternate", "type": "text/html"}], replace=True)
        data = fg.atom_str(pretty=True) if f.kind == "Atom" else fg.rss_str(pretty=True)
        files[output_path(f.url)] = with_stylesheet(data, f.url)
    return files


FEED_STYLESHEET_URL = "/feed.xsl"


def with_stylesheet(feed: bytes, feed_url: str) -> bytes:
    """Link the XSLT that shows a feed opened in a browser as a readable page."""
    declaration, newline, rest = feed.partition(b"\n")
    href = relative(FEED_STYLESHEET_URL, feed_url)
    return declaration + newline + f'<?xml-stylesheet type="text/xsl" href="{href}"?>\n'.encode() + rest


def plan_feed_stylesheet(site: Site, kit: RenderKit) -> list[Page]:
    """The XSLT as a page of the plan, so its words come from the locale like any page's."""
    return [Page(FEED_STYLESHEET_URL, "feed.xsl", {"title": "", "noindex": True})]


def _directive_feeds(cfg: SiteConfig, kit: RenderKit, links: tuple[FeedLink, ...], page_url: str, description: str,
                     directives: tuple[Directive, ...], topics: dict, updated: dt.date) -> dict[str, bytes]:
    """An Output's make: one feed of `directives` (`topics`: those they name, for categories)."""
    fg = _new_feed(cfg, links[0].title, description, links, updated)
    for d in directives:
        _directive_entry(fg, cfg, kit, d, topics)
    return _serialize(fg, links, page_url, cfg.base_url)


def _entry(fg: FeedGenerator, url: str, title: str, day: dt.date, cfg: SiteConfig, feed_id: str | None = None):
    fe = fg.add_entry(order="append")
    link = absolute(url, cfg.base_url)
    # Also the Atom id: the permanent path, never the title. An old address still resolves
    # (it is a redirect page), so the guid stays a permalink after a rename.
    fe.guid(absolute(feed_id or url, cfg.base_url), permalink=True)
    fe.title(title)
    fe.link(href=link, rel="alternate", type="text/html")
    fe.published(published_at(day, cfg.timezone))
    fe.updated(published_at(day, cfg.timezone))
    return fe, link


def _directive_entry(fg: FeedGenerator, cfg: SiteConfig, kit: RenderKit, d: Directive, topics: dict) -> None:
    fe, link = _entry(fg, d.url, d.title, d.date, cfg, d.feed_id)
    lines = [document_line(r) for r in d.documents]
    summary = kit.excerpt(d)
    fe.summary(" ".join([*(line + "." for line in lines), summary]).strip())
    fe.content("".join([*(f"<p><strong>{html.escape(line)}</strong></p>" for line in lines),
                        f"<p>{html.escape(summary)}</p>",
                        f'<p><a href="{html.escape(link)}">{html.escape(kit.t["feed_read_full"])}</a></p>']),
               type="html")
    for key in d.topics:
        topic = topics.get(key)
        if topic:
            fe.category(term=key, label=topic.name, scheme=absolute(urls.TOPICS, cfg.base_url))


def _issue_feeds(site: Site, kit: RenderKit, newest: dt.date) -> Output:
    links = issue_feeds(kit.t["feed_issues_title"].format(site=site.config.title))
    issues = sorted(site.issues, key=lambda i: (-issue_date(i).toordinal(), i.key))[:FEED_SIZE]
    return Output(tuple(output_path(f.url) for f in links), _issue_feed, (tuple(links), tuple(issues), newest))


def _issue_feed(cfg: SiteConfig, kit: RenderKit, links: tuple[FeedLink, ...], issues: tuple[Issue, ...],
                newest: dt.date) -> dict[str, bytes]:
    """An Output's make: the feed of weekly issues."""
    t = kit.t
    updated = issue_date(issues[0]) if issues else newest
    fg = _new_feed(cfg, links[0].title, t["feed_issues_description"], links, updated)
    for issue in issues:
        fe, link = _entry(fg, issue.url, issue.title, issue_date(issue), cfg)
        count = t["directives_count"].format(count=len(issue.directives))
        period = t["from_to"].format(start=_vn(issue.period_from), end=_vn(issue.period_to))
        text = issue.lead or "; ".join(d.title for d in issue.directives)
        fe.summary(f"{text} ({period}; {count})")
        items = "".join(f'<li><a href="{html.escape(absolute(d.url, cfg.base_url))}">{html.escape(d.title)}</a></li>'
                        for d in issue.directives)
        fe.content(f"<p>{html.escape(text)}</p><p>{html.escape(period)} · {html.escape(count)}</p><ul>{items}</ul>",
                   type="html")
    return _serialize(fg, links, urls.ARCHIVE, cfg.base_url)


def _vn(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
