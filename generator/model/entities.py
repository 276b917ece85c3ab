"""The site model: plain data, no I/O, no HTML.

Identities are paths: a directive is "2024/w44/<slug>", an issue "2024/w44",
a document (number, year). URLs derive from them and never from titles, so
feed GUIDs and cross-links survive edits.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple
from typing import TYPE_CHECKING

from generator.model import urls

if TYPE_CHECKING:
    from generator.model.links import LinkGraph


@dataclass(frozen=True)
class SiteConfig:
    title: str
    publisher: str
    base_url: str             # absolute, ends with "/"
    language: str = "vi"
    description: str = ""
    timezone: str = "Asia/Ho_Chi_Minh"
    per_page: int = 30        # list pages (topics, documents ...) are paginated past this


@dataclass(frozen=True)
class Topic:
    key: str
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return urls.topic_url(self.key)


@dataclass(frozen=True)
class Official:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    what: str


# The URL segment, in place of a year, of a law named without year or number.
UNKNOWN_YEAR_SEGMENT = "khong-ro-nam"


class DocumentKey(NamedTuple):
    """A document is its number and its year: 5902/VP-NC of 2024 is not that of 2025.
    A law named without year or number ("Luật Ngân sách nhà nước") has year None: its year
    is not given, and is never guessed. A named tuple, not a dataclass: it keys every index,
    and tuples hash and compare in C."""
    year: int | None
    slug: str                 # python-slugify of the number (or "luat-<title>")

    @property
    def year_segment(self) -> str:
        return UNKNOWN_YEAR_SEGMENT if self.year is None else str(self.year)

    @property
    def url(self) -> str:
        return urls.document_url(self.year_segment, self.slug)

    @property
    def sort_key(self) -> tuple[int, str]:
        """Years in order, unknown years first (they sort last newest-first)."""
        return (-1 if self.year is None else self.year, self.slug)


@dataclass(frozen=True)
class DocumentRef:
    """A document as one directive names it: the one it carries, or one it cites."""
    key: DocumentKey
    label: str                # canonical display, e.g. "Nghị định số 93/2023/NĐ-CP"
    kind: str | None          # Quyết định, Công văn, Luật ...
    number: str | None        # "93/2023/NĐ-CP"; None for a law named by its title
    date: dt.date | None
    text: str                 # as the editor wrote it
    line: int                 # where, in the source file
    year_guessed: bool = False  # no date, year inferred (the checker lists these)
    issuer: str | None = None   # as the editor gave it (`document.issuer`), when given
    source_url: str | None = None  # the official full text (`document.url`), when given

    @property
    def url(self) -> str:
        return self.key.url


@dataclass(frozen=True)
class Image:
    """A photo the web page printed with a directive: its file name and caption, as published."""
    file: str = ""
    caption: str = ""


@dataclass
class Directive:
    year: int                 # ISO year of the issue
    week: int                 # ISO week of the issue
    slug: str
    source: str               # "content/2024/w44/<slug>.md"
    title: str
    date: dt.date
    body: str                 # Markdown, as written
    documents: tuple[DocumentRef, ...] = ()
    officials: tuple[Official, ...] = ()
    agencies: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()          # topic keys, as ordered by the editor
    cites: tuple[DocumentRef, ...] = ()
    effective: dt.date | None = None
    deadlines: tuple[Deadline, ...] = ()
    related: tuple[str, ...] = ()         # directive keys named by the editor
    aliases: tuple[str, ...] = ()         # old URL paths that must keep working
    summary: str = ""                     # optional; feeds and lists fall back to the first paragraph
    draft: bool = False
    byline: tuple[str, ...] = ()          # the writer(s), as the web page prints them
    images: tuple[Image, ...] = ()        # photos the web page printed (file name, caption)
    # Source line of each `related` entry, for errors found once all files are read.
    related_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # Derived once (see __post_init__): a ten-year build asks for them about a million times.
    issue_key: str = field(init=False, compare=False, repr=False)    # "2024/w44"
    key: str = field(init=False, compare=False, repr=False)          # "2024/w44/<slug>"
    url: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Also run by dataclasses.replace, so a changed year, week or slug is never stale.
        self.issue_key = f"{self.year}/w{self.week:02d}"
        self.key = f"{self.issue_key}/{self.slug}"
        self.url = urls.directive_url(self.key)

    @property
    def feed_id(self) -> str:
        """The path feed readers know this directive by: the first address it was published
        at. A renamed file lists its old address first in `aliases`, so subscribers never
        see the same directive twice."""
        return self.aliases[0] if self.aliases else self.url


# What a directive only shows, on the pages that show the directive itself or its list
# item: no page's existence, order, list or link depends on these fields, nor does any
# other directive's. An edit of these alone changes only the pages that show the
# directive (engine/dependencies.py). Anything that selects, sorts or links is not here.
SHOWN_ONLY_FIELDS = ("body", "summary", "byline", "images")

# Where in its file an editor wrote something (a Directive's `related_lines`, a
# DocumentRef's `line`): kept for messages, never shown on a page, so left out of every
# page's fingerprint (engine/fingerprint.py): lines that move plan no page again.
POSITION_FIELDS = frozenset({"related_lines", "line"})


@dataclass
class Issue:
    year: int
    week: int
    source: str               # "content/2024/w44/_bulletin.yaml"
    title: str
    period_from: dt.date
    period_to: dt.date
    lead: str = ""
    directives: list[Directive] = field(default_factory=list)   # in reading order, drafts excluded

    @property
    def key(self) -> str:
        return f"{self.year}/w{self.week:02d}"

    @property
    def url(self) -> str:
        return urls.issue_url(self.key)


@dataclass
class Site:
    config: SiteConfig
    topics: dict[str, Topic]                      # in taxonomy order
    issues: list[Issue]                           # newest first
    directives: dict[str, Directive]              # by key, published only
    links: "LinkGraph"                            # cross-links (model/links.py), always present

    def directive(self, key: str) -> Directive | None:
        return self.directives.get(key)
