"""`new-week [2024-W45]` and `new "Title" [--week 2024-W45]`: start an issue or a
directive from a commented template. Both refuse to overwrite and print what they wrote.
The directive's template is the content format's own (generator/content/format.py): a
field declared there is in the template with its note, with no edit here."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from generator.commands.options import add_content, add_parser, helptext
from generator.commands.words import say, site_text
from generator.content import format as fmt
from generator.content.yamlsource import load_bounded
from generator.theme import STARTER_FILES, starter

if TYPE_CHECKING:
    from generator.importer.period import Period

# The importer's helpers are imported where used: loading the importer costs every
# command's start (the CLI loads every command to list them), see import_.py.

# The bulletin's weeks run Monday to Sunday in the province's time (the content contract).
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_parser(sub, "new-week", lang)
    p.add_argument("week", nargs="?", help=helptext("week", lang))
    add_content(p, lang)
    p.set_defaults(func=run_new_week)

    p = add_parser(sub, "new", lang)
    p.add_argument("title", help=helptext("new_title", lang))
    p.add_argument("--week", help=helptext("week", lang))
    add_content(p, lang)
    p.set_defaults(func=run_new)


def current_week(now: dt.datetime | None = None) -> str:
    today = (now or dt.datetime.now(TIMEZONE)).astimezone(TIMEZONE).date()
    iso = today.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def issue_title(period: Period) -> str:
    end = f"{period.end:%d/%m/%Y}"
    start = f"{period.start:%d/%m}" if period.start.year == period.end.year else f"{period.start:%d/%m/%Y}"
    return site_text("issue_title_template", start=start, end=end)


def bulletin_template(period: Period, week: str) -> str:
    return site_text("new_week_template", week=week, title=_quoted(issue_title(period)),
                     start=period.start.isoformat(), end=period.end.isoformat())


def directive_template(title: str, period: Period, topics: list[str]) -> str:
    """Every field of the declaration with its note; title filled in, date left for the
    editor, draft switched on (false) so it is seen, examples taken from this week and site."""
    examples = {"aliases": [f"/{period.folder}/ten-cu/"]}
    if topics:
        examples["topics"] = topics[:2]
    preface = tuple(line.format(example_date=period.start.isoformat()) for line in fmt.TEMPLATE_PREFACE)
    return fmt.front_matter_template({"title": title, "date": None}, active=("draft",), examples=examples,
                                     preface=preface) + "\n"


def unique_slug(title: str, taken: set[str]) -> str:
    from generator.importer.emit import make_slugs

    base = make_slugs([title])[0]
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def run_new_week(args: argparse.Namespace) -> int:
    period, week = _period(args.week, args.lang)
    if period is None:
        return 1
    path = args.content / period.folder / "_bulletin.yaml"
    if not _write_new(path, bulletin_template(period, week), args.lang):
        return 1
    for name in STARTER_FILES:        # a new site starts from the packaged settings and topics
        if not (args.content / name).exists():
            _write_new(args.content / name, (starter() / name).read_text(encoding="utf-8"), args.lang)
    print(say("new.week_next", args.lang, week=week))
    return 0


def run_new(args: argparse.Namespace) -> int:
    title = " ".join(args.title.split())
    if not title:
        print(say("new.title_empty", args.lang), file=sys.stderr)
        return 1
    period, week = _period(args.week, args.lang)
    if period is None:
        return 1
    folder = args.content / period.folder
    if not (folder / "_bulletin.yaml").is_file():
        print(say("new.no_issue", args.lang, week=week, path=folder / "_bulletin.yaml"), file=sys.stderr)
        return 1
    slug = unique_slug(title, {p.stem for p in folder.glob("*.md")})
    if not _write_new(folder / f"{slug}.md", directive_template(title, period, _topic_keys(args.content)), args.lang):
        return 1
    bulletin = folder / "_bulletin.yaml"
    if append_to_order(bulletin, slug):
        print(say("new.ordered", args.lang, path=bulletin))
    print(say("new.next", args.lang))
    return 0


def append_to_order(bulletin: Path, slug: str) -> bool:
    """Add `slug` at the end of the issue's `order:` list when it is a plain block list,
    keeping every other byte (comments included); verified by reading the result back.
    Without an `order` (the default order applies) or in any other shape, leave the file."""
    try:
        text = bulletin.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    before = load_bounded(text)
    order = before.get("order") if isinstance(before, dict) else None
    if not isinstance(order, list) or slug in order:
        return False
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^order:\s*(#.*)?$", line)), None)
    if start is None:
        return False
    last, indent = None, ""
    for i in range(start + 1, len(lines)):
        item = re.match(r"^(\s*)- ", lines[i])
        if item:
            last, indent = i, item.group(1)
        elif lines[i].strip() and not lines[i].lstrip().startswith("#"):
            break
    if last is None:
        return False
    lines.insert(last + 1, f"{indent}- {slug}")
    changed = "\n".join(lines)
    if load_bounded(changed) != {**before, "order": [*order, slug]}:
        return False
    bulletin.write_text(changed, encoding="utf-8", newline="\n")
    return True


def _period(week: str | None, lang: str) -> tuple[Period | None, str]:
    from generator.importer.errors import ImportError_
    from generator.importer.period import period_from_week

    week = week or current_week()
    try:
        period = period_from_week(week)
    except ImportError_:
        print(say("new.week_invalid", lang, week=week), file=sys.stderr)
        return None, week
    year, number = period.week
    return period, f"{year}-W{number:02d}"


def _write_new(path: Path, text: str, lang: str) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as out:   # "x": never overwrite
            out.write(text)
    except FileExistsError:
        print(say("new.exists", lang, path=path), file=sys.stderr)
        return False
    print(say("new.wrote", lang, path=path))
    return True


def _topic_keys(content: Path) -> list[str]:
    """The topics the editor may use, for the template's note (best effort: `check` reports a broken file)."""
    try:
        data = load_bounded((content / "topics.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return []
    return [str(k) for k in data] if isinstance(data, dict) else []


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML), so any title is safe to write."""
    return json.dumps(text, ensure_ascii=False)
