"""Walk the content tree: site.yaml, topics.yaml and one folder per issue."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.content.bulletin import BulletinSource, read_bulletin
from generator.content.limits import MAX_YEAR, MIN_YEAR
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

    def shown(p: Path) -> str:
        return f"{shown_root}/{p.relative_to(root).as_posix()}"

    if not root.is_dir():
        diags.report("E-NO-CONTENT-DIR", shown_root, None)
        return ContentTree(None, {}, [], shown_root)
    config = read_site(root / "site.yaml", shown(root / "site.yaml"), diags)
    topics = read_topics(root / "topics.yaml", shown(root / "topics.yaml"), diags)
    issues: list[IssueSources] = []
    real_root = root.resolve()
    for year_dir in _listing(root, shown_root, diags, real_root):
        if year_dir.name in ("site.yaml", "topics.yaml") or IGNORED.match(year_dir.name):
            continue
        if not (year_dir.is_dir() and YEAR_RE.match(year_dir.name)):
            diags.report("W-NOT-CONTENT", shown(year_dir), None)
            continue
        year = int(year_dir.name)
        if not MIN_YEAR <= year <= MAX_YEAR:
            diags.report("E-YEAR-FOLDER-RANGE", shown(year_dir), None, year=year_dir.name, min=MIN_YEAR, max=MAX_YEAR)
            continue
        for week_dir in _listing(year_dir, shown(year_dir), diags, real_root):
            if IGNORED.match(week_dir.name):
                continue
            issue = _load_issue(week_dir, year, shown, topics, diags, real_root, reader)
            if issue is not None:
                issues.append(issue)
    return ContentTree(config, topics, issues, shown_root)


def _load_issue(week_dir: Path, year: int, shown, topics, diags: Diagnostics, real_root: Path,
                reader: Reader) -> IssueSources | None:
    m = WEEK_RE.match(week_dir.name)
    if not (week_dir.is_dir() and m):
        diags.report("W-NOT-ISSUE-FOLDER", shown(week_dir), None)
        return None
    week = int(m.group(1))
    last_week = dt.date(year, 12, 28).isocalendar().week
    if not 1 <= week <= last_week:
        diags.report("E-NO-SUCH-WEEK", shown(week_dir), None, year=year, week=week, last_week=f"{last_week:02d}")
        return None
    bulletin = reader.bulletin(week_dir / "_bulletin.yaml", shown(week_dir / "_bulletin.yaml"), year, week, diags)
    context = IssueContext(year, week, bulletin.period_from if bulletin else None, bulletin.period_to if bulletin else None)
    directives = []
    for path in _listing(week_dir, shown(week_dir), diags, real_root):
        if path.name == "_bulletin.yaml" or IGNORED.match(path.name):
            continue
        if path.suffix != ".md" or not path.is_file():
            diags.report("W-NOT-DIRECTIVE-FILE", shown(path), None)
            continue
        directive = reader.directive(path, shown(path), context, topics, diags)
        if directive is not None:
            directives.append(directive)
    return IssueSources(bulletin, directives) if bulletin else None


def _listing(folder: Path, label: str, diags: Diagnostics, root: Path) -> list[Path]:
    """A folder's entries, sorted, without symbolic links that lead out of the content
    tree (each one an error: the build publishes only what is in content/). An
    unreadable folder is an error naming it, not a traceback."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        diags.report("E-FOLDER-UNREADABLE", label, None, reason=exc.strerror)
        return []
    inside = []
    for entry in entries:
        if entry.is_symlink() and not _within(entry, root):
            diags.report("E-SYMLINK-OUTSIDE", f"{label}/{entry.name}", None)
            continue
        inside.append(entry)
    return inside


def _within(link: Path, root: Path) -> bool:
    try:
        return link.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):    # a dangling or looping link
        return False
