"""`check`: validate the content and report every problem; write nothing."""
from __future__ import annotations

import argparse
import sys
import time

from generator import pipeline
from generator.commands.feedback import ProgressBar, counts
from generator.commands.options import add_content, add_output, add_parser, add_quiet, helptext
from generator.commands.report import diagnostics_json, print_diagnostics
from generator.commands.words import say


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_parser(sub, "check", lang)
    add_content(p, lang)
    add_output(p, helptext("check_output", lang))
    p.add_argument("--format", choices=("text", "json"), default="text", help=helptext("check_format", lang))
    add_quiet(p, lang)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.model.build import law_year_notes     # loaded when run (see import_.py)

    started = time.perf_counter()
    as_json = args.format == "json"
    with ProgressBar(pipeline.STAGES[:2], enabled=False if args.quiet or as_json else None,
                     lang=args.lang) as progress:
        result = pipeline.check(args.content, published=args.output, progress=progress,
                                reader=pipeline.reader_over_all_cores(args.content))
    # Notes are for check only (a build does not repeat them): worth a look, never a fault.
    notes = law_year_notes(result.site) if result.ok else []
    if as_json:
        print(diagnostics_json(result.diagnostics, args.lang, notes))
        return 0 if result.ok else 1
    print_diagnostics(result.diagnostics, lang=args.lang)
    if not result.ok:
        return 1
    for note in notes:
        print(note.localized(args.lang).format(args.lang), file=sys.stderr)
    site = result.site
    if not args.quiet:
        print(say("summary.check", args.lang, **counts(site), seconds=f"{time.perf_counter() - started:.1f}"))
    return 0
