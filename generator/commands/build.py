"""`build`: check the content and, if it has no errors, build the site."""
from __future__ import annotations

import argparse
import time

from generator import pipeline
from generator.commands.feedback import ProgressBar, build_summary
from generator.commands.options import add_content, add_output, add_parser, add_quiet, add_templates, helptext
from generator.commands.report import print_diagnostics
from generator.commands.words import say


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_parser(sub, "build", lang)
    add_content(p, lang)
    add_output(p, helptext("build_output", lang))
    add_templates(p, lang)
    add_quiet(p, lang)
    p.add_argument("--no-cache", action="store_true", help=helptext("no_cache", lang))
    p.add_argument("--force", action="store_true", help=helptext("build_force", lang))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with ProgressBar(pipeline.STAGES, enabled=False if args.quiet else None, lang=args.lang) as progress:
        result = pipeline.build(args.content, args.output, args.templates, progress=progress, force=args.force,
                                cache=not args.no_cache)
    print_diagnostics(result.diagnostics, lang=args.lang)
    if not result.ok:
        return 2 if result.render_failed else 1     # a template's fault, not the content's
    if not args.quiet:
        seconds = f"{time.perf_counter() - started:.1f}"
        if result.site is None:                 # nothing changed since the last build: nothing was read
            print(say("summary.unchanged", args.lang, pages=sum(1 for p in result.files if p.endswith(".html")), seconds=seconds))
        else:
            print(build_summary(result.site, result.files, time.perf_counter() - started, args.lang))
            print(say("summary.changed", args.lang, written=len(result.written), removed=len(result.removed)))
        print(say("summary.built_into", args.lang, output=args.output))
    return 0
