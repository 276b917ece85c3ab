"""What the currently published output/ already promises readers.

A directive's URL is its permanent identity (feed GUIDs, links from outside).
Renaming or deleting its file silently breaks those, so before a build replaces
output/ we list directive pages that would vanish without an `aliases:` entry."""
from __future__ import annotations

import os
import re
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.model.entities import Site

YEAR, WEEK = re.compile(r"[0-9]{4}"), re.compile(r"w[0-9]{2}")     # a directive page: YYYY/wNN/<slug>/index.html


def published_directive_urls(output: Path) -> set[str]:
    """Listed folder by folder (a glob over a ten-year site makes ~30,000 Path objects)."""
    urls: set[str] = set()
    for year in _folders(os.fspath(output), YEAR):
        for week in _folders(year.path, WEEK):
            for page in _folders(week.path):
                if os.path.isfile(os.path.join(page.path, "index.html")):
                    urls.add(f"/{year.name}/{week.name}/{page.name}/")
    return urls


def _folders(path: str, name: re.Pattern | None = None) -> list[os.DirEntry]:
    try:
        with os.scandir(path) as entries:
            return [e for e in entries if (name is None or name.fullmatch(e.name)) and e.is_dir()]
    except OSError:
        return []


def check_continuity(site: Site, output: Path, diags: Diagnostics) -> None:
    kept = {d.url for d in site.directives.values()}
    kept |= {alias for d in site.directives.values() for alias in d.aliases}
    for url in sorted(published_directive_urls(output) - kept):
        issue_dir = url.strip("/").rsplit("/", 1)[0]
        diags.report("W-PAGE-DROPPED", f"{output.as_posix()}{url}", None, url=url, issue_dir=issue_dir)
