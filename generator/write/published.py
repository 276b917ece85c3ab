"""What the currently published output/ already promises readers.

A directive's URL is its permanent identity (feed GUIDs, links from outside).
Renaming or deleting its file silently breaks those, so before a build replaces
output/ we list directive pages that would vanish without an `aliases:` entry."""
from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.model.entities import Site

DIRECTIVE_PAGES = "[0-9][0-9][0-9][0-9]/w[0-9][0-9]/*/index.html"


def published_directive_urls(output: Path) -> set[str]:
    if not output.is_dir():
        return set()
    return {"/" + p.parent.relative_to(output).as_posix() + "/" for p in output.glob(DIRECTIVE_PAGES)}


def check_continuity(site: Site, output: Path, diags: Diagnostics) -> None:
    kept = {d.url for d in site.directives.values()}
    kept |= {alias for d in site.directives.values() for alias in d.aliases}
    for url in sorted(published_directive_urls(output) - kept):
        issue_dir = url.strip("/").rsplit("/", 1)[0]
        diags.report("W-PAGE-DROPPED", f"{output.as_posix()}{url}", None, url=url, issue_dir=issue_dir)
