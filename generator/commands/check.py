"""`check`: validate the content and report every problem; write nothing."""
from __future__ import annotations

import argparse
import sys
import time

from generator import pipeline
from generator.commands.feedback import ProgressBar, counts
from generator.commands.options import add_content, add_lang, add_output, add_quiet
from generator.commands.report import diagnostics_json, print_diagnostics
from generator.commands.words import say
from generator.model.build import law_year_notes


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check", help="check the content for errors without building (writes nothing)",
        description="Read every content file and report all problems, grouped by file, each with line, a stable "
                    "code and what to write instead. Writes nothing. Exit code 1 if there is an error. "
                    "Codes and the JSON format: docs/error-codes.md.\n"
                    "Kiểm tra nội dung, báo mọi lỗi theo từng tệp, kèm dòng, mã lỗi và cách sửa. Không ghi gì.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_content(p)
    add_output(p, "the published site to compare with: warns about pages that would disappear (default: output)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text for people (default), json for CI annotations and editor plugins (on stdout)")
    add_lang(p)
    add_quiet(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    as_json = args.format == "json"
    with ProgressBar(pipeline.STAGES[:2], enabled=False if args.quiet or as_json else None) as progress:
        result = pipeline.check(args.content, published=args.output, progress=progress)
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
        print(say("summary_check", **counts(site), seconds=f"{time.perf_counter() - started:.1f}"))
    return 0
