"""`build`: check the content and, if it has no errors, build the site."""
from __future__ import annotations

import argparse
import time

from generator import pipeline
from generator.commands.feedback import ProgressBar, build_summary
from generator.commands.options import add_content, add_lang, add_output, add_quiet, add_templates
from generator.commands.report import print_diagnostics
from generator.commands.words import say


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build", help="build the site from content/ into output/ (the default command)",
        description="Check the content, then build the site. If there is any error, nothing is written "
                    "and output/ stays exactly as it was.\n"
                    "Kiểm tra nội dung rồi dựng trang. Có lỗi thì không ghi gì, output/ giữ nguyên.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_content(p)
    add_output(p, "where the site is written (default: output)")
    add_templates(p)
    add_quiet(p)
    p.add_argument("--no-cache", action="store_true",
                   help="build from scratch, without reading or writing the build cache (.OUTPUT.cache/ beside the output)")
    p.add_argument("--force", action="store_true",
                   help="replace an output folder that holds files this generator did not write "
                        "(never the content folder, a folder above it, the working or home folder)")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with ProgressBar(pipeline.STAGES, enabled=False if args.quiet else None) as progress:
        result = pipeline.build(args.content, args.output, args.templates, progress=progress, force=args.force,
                                cache=not args.no_cache)
    print_diagnostics(result.diagnostics, lang=args.lang)
    if not result.ok:
        return 2 if result.render_failed else 1     # a template's fault, not the content's
    if not args.quiet:
        seconds = f"{time.perf_counter() - started:.1f}"
        if result.site is None:                 # nothing changed since the last build: nothing was read
            print(say("summary_unchanged", pages=sum(1 for p in result.files if p.endswith(".html")), seconds=seconds))
        else:
            print(build_summary(result.site, result.files, time.perf_counter() - started))
            print(say("summary_changed", written=len(result.written), removed=len(result.removed)))
        print(say("summary_built_into", output=args.output))
    return 0
