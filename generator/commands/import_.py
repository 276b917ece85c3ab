"""`import FILE`: turn a week's published text into content files (see generator/importer)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.feedback import ProgressBar
from generator.commands.options import add_parser, add_quiet, helptext
from generator.diagnostics import ContentError, Diagnostics, UsageError
from generator.messages import say
from generator.theme import STARTER_FILES, starter

if TYPE_CHECKING:
    from generator.importer import ImportError_

# The importer is imported when this command runs: the CLI loads every command to list
# them, and loading the importer would delay every other command, `build` included.

# A new content folder starts from the project's own settings and taxonomy, so that
# `import FILE --content NEW` followed by `build --content NEW` just works.
STARTER = starter()


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_parser(sub, "import", lang)
    p.add_argument("file", help=helptext("import_file", lang))
    p.add_argument("--content", default="content", help=helptext("import_content", lang))
    p.add_argument("--week", help=helptext("import_week", lang))
    p.add_argument("--into", metavar="WEEK", help=helptext("import_into", lang))
    p.add_argument("--force", action="store_true", help=helptext("import_force", lang))
    p.add_argument("--dry-run", action="store_true", help=helptext("import_dry_run", lang))
    add_quiet(p, lang)
    p.set_defaults(func=run)


def _fail(source: str, err: ImportError_, lang: str) -> int:
    where = f"{source}:{err.line}" if err.line else source
    code = f" [{err.code}]" if err.code else ""
    print(f"import: {where}:{code} {err.localized(lang)}\n{say('import.nothing_written', lang)}", file=sys.stderr)
    return 1


def _topics(content: Path) -> dict | None:
    """The topics to suggest from, read with the same bounded, line-reporting YAML reader as
    `check` (a hostile topics.yaml must not hang the import). Raises ContentError when unreadable."""
    path = content / "topics.yaml"
    if not path.is_file():
        path = STARTER / "topics.yaml"
    if not path.is_file():
        return None
    from generator.content.sourcefile import read_text
    from generator.content.yamlsource import parse_yaml

    diags = Diagnostics()
    text = read_text(path, path.as_posix(), diags)
    doc = parse_yaml(text, path.as_posix(), diags) if text is not None else None
    if diags.errors or doc is None:
        raise ContentError(diags)
    return doc.data if isinstance(doc.data, dict) else {}


def _into(text: str, topics: dict | None, content: Path, week: str, lang: str):
    """One article into an existing week: the week's own files are the context."""
    from generator.importer import ImportError_
    from generator.importer.article import run_article_import
    from generator.importer.period import period_from_week

    folder = period_from_week(week).folder
    bulletin = content / folder / "_bulletin.yaml"
    if not bulletin.is_file():
        raise ImportError_("E-IMPORT-NO-ISSUE", week=week, bulletin=bulletin)
    existing = {p.stem: p.read_text(encoding="utf-8") for p in sorted(bulletin.parent.glob("*.md"))}
    return run_article_import(text, topics, folder, bulletin.read_text(encoding="utf-8"), existing, lang)


def run(args: argparse.Namespace) -> int:
    from generator.importer import ImportError_, run_import
    from generator.importer.source import decode
    from generator.write.files import write_all

    source = Path(args.file)
    content = Path(args.content)
    if content.exists() and not content.is_dir():
        raise UsageError(say("import.content_is_file", args.lang, content=content) + " "
                         + say("import.nothing_written", args.lang), say("import.content_is_file_hint", args.lang))
    try:
        data = source.read_bytes()
    except OSError as e:
        print("import: " + say("import.unreadable", args.lang, file=source, reason=e.strerror), file=sys.stderr)
        return 1
    try:
        topics = _topics(content)
        with ProgressBar(("import",), enabled=False if args.quiet else None, lang=args.lang):
            result = (_into(decode(data), topics, content, args.into, args.lang) if args.into
                      else run_import(decode(data), topics, args.week, args.lang))
    except ImportError_ as err:
        return _fail(str(source), err, args.lang)
    except ContentError as err:            # topics.yaml is broken: a content error (exit 1)
        for d in err.diagnostics.sorted():
            print(d.localized(args.lang).format(args.lang), file=sys.stderr)
        print(say("import.nothing_written", args.lang), file=sys.stderr)
        return 1
    if topics is None:
        result.report.warnings.append(say("import.no_topics", args.lang, file=content / "topics.yaml"))

    targets = {content / rel: text for rel, text in result.files.items()}
    for name in STARTER_FILES:
        if not (content / name).exists() and (STARTER / name).is_file() and content.resolve() != STARTER:
            targets[content / name] = (STARTER / name).read_text(encoding="utf-8")
            result.report.warnings.append(say("import.new_folder", args.lang, file=content / name, starter=STARTER / name))
    if args.dry_run:
        for path, text in targets.items():
            print(f"=== {path} ({len(text.encode('utf-8'))} byte)\n{text}")
        print(result.report.render(args.lang))
        print(say("import.dry_run", args.lang))
        return 0
    existing = [p for p in targets if p.exists() and not (args.into and p.name == "_bulletin.yaml")]
    if existing and not args.force:
        print("import: " + say("import.exists", args.lang, count=len(existing), example=existing[0])
              + "\n" + say("import.nothing_written", args.lang), file=sys.stderr)
        return 1
    write_all({path: text.encode("utf-8") for path, text in targets.items()})
    print(result.report.render(args.lang))
    print(say("import.wrote", args.lang, count=len(targets), content=content))
    return 0
