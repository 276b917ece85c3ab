"""Where the feeds live, so every page can link the ones that concern it.

Pages put `page_feeds` (a list of FeedLink) in their context; base.html links
them with <link rel="alternate"> and a visible "theo dõi" link."""
from __future__ import annotations

from dataclasses import dataclass

from generator.model import urls


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str            # site path
    type: str           # MIME type

    @property
    def kind(self) -> str:
        return "Atom" if self.url.endswith("atom.xml") else "RSS"


def _pair(title: str, folder: str) -> list[FeedLink]:
    return [FeedLink(title, f"{folder}rss.xml", "application/rss+xml"),
            FeedLink(title, f"{folder}atom.xml", "application/atom+xml")]


def site_feeds(site_title: str) -> list[FeedLink]:
    return _pair(site_title, "/")


def issue_feeds(title: str) -> list[FeedLink]:
    """One entry per weekly issue."""
    return _pair(title, urls.ISSUE_FEEDS)


CALENDAR_URL = urls.CALENDAR


def site_follow(site_title: str, t: dict[str, str]) -> list[tuple[str, list[FeedLink]]]:
    """The site-wide feeds every page links, each with the short label the footer shows."""
    return [(t["follow_directives"], site_feeds(site_title)),
            (t["follow_issues"], issue_feeds(t["feed_issues_title"].format(site=site_title)))]


def topic_feeds(key: str, name: str) -> list[FeedLink]:
    return _pair(name, urls.topic_url(key))


def agency_feeds(agency_name: str, page_url: str) -> list[FeedLink]:
    return _pair(agency_name, page_url)


def official_feeds(name: str, page_url: str) -> list[FeedLink]:
    return _pair(name, page_url)
