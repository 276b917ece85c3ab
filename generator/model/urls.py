"""Every site path, declared once: the sections, and the path of each kind of page.

Paths are site paths (starting with "/"); render/urls.py turns them into output files
and relative links. Identities, never titles, go into a path, so links and feed ids
survive edits (a directive is "2024/w44/<slug>", a document its year and slug)."""
from __future__ import annotations

HOME = "/"
ARCHIVE = "/luu-tru/"
TOPICS = "/chu-de/"
DOCUMENTS = "/van-ban/"
OFFICIALS = "/lanh-dao/"
AGENCIES = "/co-quan/"
ISSUE_FEEDS = "/ky/"            # the feed of weekly issues
DEADLINES = "/thoi-han/"        # deadlines and effective dates from the newest issue's year on
CALENDAR = "/lich.ics"          # deadlines and effective dates (iCalendar)
SITEMAP = "/sitemap.xml"
NOT_FOUND = "/404.html"


def issue_url(issue_key: str) -> str:
    """"2024/w44" -> "/2024/w44/"."""
    return f"/{issue_key}/"


def directive_url(directive_key: str) -> str:
    """"2024/w44/<slug>" -> "/2024/w44/<slug>/"."""
    return f"/{directive_key}/"


def topic_url(key: str) -> str:
    return f"{TOPICS}{key}/"


def documents_of_year_url(year: int | str) -> str:
    """`year` is a year, or the segment standing for an unknown one (entities.UNKNOWN_YEAR_SEGMENT)."""
    return f"{DOCUMENTS}{year}/"


def deadlines_of_year_url(year: int) -> str:
    """The deadlines and effective dates of a year before the newest issue's."""
    return f"{DEADLINES}{year}/"


def document_url(year: int | str, slug: str) -> str:
    return f"{DOCUMENTS}{year}/{slug}/"


def agency_url(slug: str) -> str:
    return f"{AGENCIES}{slug}/"


def official_url(slug: str) -> str:
    return f"{OFFICIALS}{slug}/"
