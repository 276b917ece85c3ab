"""Walk the content tree: site.yaml, topics.yaml and one folder per issue."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from generator.content.bulletin import BulletinSource, read_bulletin
from generator.content.limits import MAX_YEAR, MIN_YEAR
from generator.content.listing import is_dir
from generator.content.directive import IssueContext, read_directive
from generator.content.settings import read_site, read_topics
from generator.diagnostics import Diagnostics
from generator.model.entities import Directive, Topic
from generator.model.sources import ContentTree, IssueSources

YEAR_RE = re.compile(r"^\d{4}$")
WEEK_RE = re.compile(r"^w(\d{2})$")
IGNORED = re.compile(r"^(\..*|.*~|#.*#|README(\..*)?)$")   # editor backups, dotfiles, notes


class Reader:
    """Reads one source file into its record. The build engine substitutes one that
    reuses the records of files unchanged since the last build (generator/engine/)."""

    def directive(self, path: Path, shown: str, context: IssueContext, topics: dict[str, Topic],
                  diags: Diagnostics) -> Directive | None:
        return read_directive(path, shown, context, topics, diags)

    def bulletin(self, path: Path, shown: str, year: int, week: int, diags: Diagnostics) -> BulletinSource | None:
        return read_bulletin(path, shown, year, week, diags)


def load_content(root: Path, diags: Diagnostics, shown_root: str | None = None, reader: Reader | None = None) -> ContentTree:
    """Read and validate everything under `root`. Problems go to `diags`; records
    with errors are left out of the tree (the build stops on any error anyway)."""
    shown_root = shown_root or root.as_posix()
    reader = reader or Reader()
    if not root.is_dir():
        diags.report("E-NO-CONTENT-DIR", shown_root, None)
        return ContentTree(None, {}, [], shown_root)
    config = read_site(root / "site.yaml", f"{shown_root}/site.yaml", diags)
    topics = read_topics(root / "topics.yaml", f"{shown_root}/topics.yaml", diags)
    issues: list[IssueSources] = []
    real_root = root.resolve()
    for year_dir in _listing(root, shown_root, diags, real_root):
        shown_year = f"{shown_root}/{year_dir.name}"
        if year_dir.name in ("site.yaml", "topics.yaml") or IGNORED.match(year_dir.name):
            continue
        if not (is_dir(year_dir) and YEAR_RE.match(year_dir.name)):
            diags.report("W-NOT-CONTENT", shown_year, None)
            continue
        year = int(year_dir.name)
        if not MIN_YEAR <= year <= MAX_YEAR:
            diags.report("E-YEAR-FOLDER-RANGE", shown_year, None, year=year_dir.name, min=MIN_YEAR, max=MAX_YEAR)
            continue
        for week_dir in _listing(year_dir.path, shown_year, diags, real_root):
            if IGNORED.match(week_dir.name):
                continue
            issue = _load_issue(week_dir, f"{shown_year}/{week_dir.name}", year, topics, diags, real_root, reader)
            if issue is not None:
                issues.append(issue)
    return ContentTree(config, topics, issues, shown_root)


def _load_issue(week_dir: os.DirEntry, shown: str, year: int, topics, diags: Diagnostics, real_root: Path,
                reader: Reader) -> IssueSources | None:
    m = WEEK_RE.match(week_dir.name)
    if not (is_dir(week_dir) and m):
        diags.report("W-NOT-ISSUE-FOLDER", shown, None)
        return None
    week = int(m.group(1))
    last_week = dt.date(year, 12, 28).isocalendar().week
    if not 1 <= week <= last_week:
        diags.report("E-NO-SUCH-WEEK", shown, None, year=year, week=week, last_week=f"{last_week:02d}")
        return None
    folder = Path(week_dir.path)
    bulletin = reader.bulletin(folder / "_bulletin.yaml", f"{shown}/_bulletin.yaml", year, week, diags)
    context = IssueContext(year, week, bulletin.period_from if bulletin else None, bulletin.period_to if bulletin else None)
    directives = []
    for entry in _listing(week_dir.path, shown, diags, real_root):
        if entry.name == "_bulletin.yaml" or IGNORED.match(entry.name):
            continue
        if not entry.name.endswith(".md") or not _is_file(entry):
            diags.report("W-NOT-DIRECTIVE-FILE", f"{shown}/{entry.name}", None)
            continue
        directive = reader.directive(folder / entry.name, f"{shown}/{entry.name}", context, topics, diags)
        if directive is not None:
            directives.append(directive)
    return IssueSources(bulletin, directives) if bulletin else None


def _listing(folder: Path | str, label: str, diags: Diagnostics, root: Path) -> list[os.DirEntry]:
    """A folder's entries, sorted by name, without symbolic links that lead out of the
    content tree (each one an error: the build publishes only what is in content/). An
    unreadable folder is an error naming it, not a traceback. Listed with scandir: a
    ten-year archive has 14,000 files, and scandir knows each one's type without a stat."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        diags.report("E-FOLDER-UNREADABLE", label, None, reason=exc.strerror)
        return []
    inside = []
    for entry in entries:
        if entry.is_symlink() and not _within(Path(entry.path), root):
            diags.report("E-SYMLINK-OUTSIDE", f"{label}/{entry.name}", None)
            continue
        inside.append(entry)
    return inside


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _within(link: Path, root: Path) -> bool:
    try:
        return link.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):    # a dangling or looping link
        return False
