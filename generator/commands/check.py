"""`check`: validate the content and report every problem; write nothing."""
from __future__ import annotations

import argparse
import sys
import time

from generator import pipeline
from generator.commands.feedback import ProgressBar, counts
from generator.commands.options import add_content, add_output, add_quiet
from generator.commands.report import print_diagnostics
from generator.commands.words import say
from generator.model.build import law_year_notes


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check", help="check the content for errors without building (writes nothing)",
        description="Read every content file and report all problems, each with file, line and what to write "
                    "instead. Writes nothing. Exit code 1 if there is an error.\n"
                    "Kiểm tra nội dung, báo mọi lỗi kèm tệp, dòng và cách sửa. Không ghi gì.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_content(p)
    add_output(p, "the published site to compare with: warns about pages that would disappear (default: output)")
    add_quiet(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with ProgressBar(pipeline.STAGES[:2], enabled=False if args.quiet else None) as progress:
        result = pipeline.check(args.content, published=args.output, progress=progress)
    print_diagnostics(result.diagnostics)
    if not result.ok:
        return 1
    site = result.site
    for note in law_year_notes(site):
        print(note.format(), file=sys.stderr)
    if not args.quiet:
        print(say("summary_check", **counts(site), seconds=f"{time.perf_counter() - started:.1f}"))
    return 0
