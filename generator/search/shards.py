"""Which part of the search index ("shard") a page belongs to, from its output path.

The index is split so that an edit re-indexes a few hundred pages, not the archive:
one shard per half-year of issues and directives (a whole year made Pagefind take
~500 MB at 1,400 pages), the latest year one per month (where this week's edits land),
one per year of the documents cited (short pages), and a general shard for the rest
(agencies, officials, documents older than the archive or of unknown year). The
search page loads the general shard and merges the others (Pagefind's mergeIndex), so
readers search one index. The rule reads only the path and two facts of the whole site
(its first and latest year), so a page's shard changes only when those do."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.model import urls

GENERAL = "chung"                          # the shard of every page no other rule takes
HALF_YEAR = 26                             # the last week of a year's first half-year shard
_WEEKLY = re.compile(r"(\d{4})/w(\d{1,2})/")                                  # issue_url, directive_url
_DOCUMENT = re.compile(re.escape(urls.DOCUMENTS.strip("/")) + r"/(\d{4})/")   # document_url


@dataclass(frozen=True)
class ShardRule:
    first_year: int | None      # of the archive's issues (None: no issue page)
    latest_year: int | None

    @classmethod
    def of(cls, paths) -> ShardRule:
        years = [int(m.group(1)) for m in map(_WEEKLY.match, paths) if m]
        return cls(min(years, default=None), max(years, default=None))

    def shard(self, path: str) -> str:
        """'2024/w44/x/index.html' -> '2024-10' (latest year) or '2024-h2' (weeks 27 on; '-h1' before);
        'van-ban/2024/y/index.html' -> 'van-ban-2024'."""
        weekly = _WEEKLY.match(path)
        if weekly:
            year, week = int(weekly.group(1)), int(weekly.group(2))
            if year == self.latest_year:
                try:            # the month of the week's Thursday: where ISO puts the week
                    return f"{year}-{dt.date.fromisocalendar(year, week, 4).month:02d}"
                except ValueError:
                    pass
            return f"{year}-h{1 if week <= HALF_YEAR else 2}"
        document = _DOCUMENT.match(path)
        if document and self.first_year is not None and int(document.group(1)) >= self.first_year:
            return f"van-ban-{document.group(1)}"
        return GENERAL


def ordered(names) -> list[str]:
    """The general shard first (the one the search page loads), then the others by name."""
    return sorted(names, key=lambda name: (name != GENERAL, name))
