"""`new-week [2024-W45]` and `new "Tiêu đề" [--week 2024-W45]`: start an issue or a
directive from a commented template. Both refuse to overwrite and print what they wrote."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.commands.options import add_content
from generator.commands.words import say
from generator.content.yamlsource import load_bounded
from generator.importer.emit import make_slugs
from generator.importer.errors import ImportError_
from generator.importer.period import Period, period_from_week
from generator.theme import STARTER_FILES, starter

# The bulletin's weeks run Monday to Sunday in the province's time (the content contract).
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def register(sub: argparse._SubParsersAction) -> None:
    week_help = "ISO week such as 2024-W45 (default: the current week in Asia/Ho_Chi_Minh)"
    p = sub.add_parser(
        "new-week", help="create the issue file YYYY/wNN/_bulletin.yaml for a week",
        description="Create content/YYYY/wNN/_bulletin.yaml with the week's period and title filled in.\n"
                    "Tạo tệp kỳ bản tin cho một tuần, điền sẵn thời gian và tiêu đề.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("week", nargs="?", help=week_help)
    add_content(p)
    p.set_defaults(func=run_new_week)

    p = sub.add_parser(
        "new", help="create a directive file from a commented template",
        description="Create content/YYYY/wNN/<slug>.md for a new directive: the slug comes from the title, "
                    "every field is listed with a note in Vietnamese.\n"
                    "Tạo tệp chỉ đạo mới từ mẫu có ghi chú cho từng trường.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("title", help="the directive's title, in quotes")
    p.add_argument("--week", help=week_help)
    add_content(p)
    p.set_defaults(func=run_new)


def current_week(now: dt.datetime | None = None) -> str:
    today = (now or dt.datetime.now(TIMEZONE)).astimezone(TIMEZONE).date()
    iso = today.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def issue_title(period: Period) -> str:
    end = f"{period.end:%d/%m/%Y}"
    start = f"{period.start:%d/%m}" if period.start.year == period.end.year else f"{period.start:%d/%m/%Y}"
    return say("issue_title_template", start=start, end=end)


def bulletin_template(period: Period, week: str) -> str:
    return say("new_week_template", week=week, title=_quoted(issue_title(period)),
               start=period.start.isoformat(), end=period.end.isoformat())


def directive_template(title: str, period: Period, week: str, topics: list[str]) -> str:
    examples = ", ".join(topics[:4]) + (" ..." if len(topics) > 4 else "") if topics else "y-te"
    return say("new_directive_template", title=_quoted(title), week=week, week_folder=period.folder,
               example_date=period.start.isoformat(), topic_examples=examples,
               first_topic=topics[0] if topics else "y-te")


def unique_slug(title: str, taken: set[str]) -> str:
    base = make_slugs([title])[0]
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def run_new_week(args: argparse.Namespace) -> int:
    period, week = _period(args.week)
    if period is None:
        return 1
    path = args.content / period.folder / "_bulletin.yaml"
    if not _write_new(path, bulletin_template(period, week)):
        return 1
    for name in STARTER_FILES:        # a new site starts from the packaged settings and topics
        if not (args.content / name).exists():
            _write_new(args.content / name, (starter() / name).read_text(encoding="utf-8"))
    print(say("cli_new_week_next", week=week))
    return 0


def run_new(args: argparse.Namespace) -> int:
    title = " ".join(args.title.split())
    if not title:
        print(say("cli_new_title_empty"), file=sys.stderr)
        return 1
    period, week = _period(args.week)
    if period is None:
        return 1
    folder = args.content / period.folder
    if not (folder / "_bulletin.yaml").is_file():
        print(say("cli_new_no_issue", week=week, path=folder / "_bulletin.yaml"), file=sys.stderr)
        return 1
    slug = unique_slug(title, {p.stem for p in folder.glob("*.md")})
    if not _write_new(folder / f"{slug}.md", directive_template(title, period, week, _topic_keys(args.content))):
        return 1
    bulletin = folder / "_bulletin.yaml"
    if append_to_order(bulletin, slug):
        print(say("cli_new_ordered", path=bulletin))
    print(say("cli_new_next"))
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


def _period(week: str | None) -> tuple[Period | None, str]:
    week = week or current_week()
    try:
        period = period_from_week(week)
    except ImportError_:
        print(say("cli_week_invalid", week=week), file=sys.stderr)
        return None, week
    year, number = period.week
    return period, f"{year}-W{number:02d}"


def _write_new(path: Path, text: str) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as out:   # "x": never overwrite
            out.write(text)
    except FileExistsError:
        print(say("cli_exists", path=path), file=sys.stderr)
        return False
    print(say("cli_wrote", path=path))
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
