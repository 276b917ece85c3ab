"""`check`: validate the content and report every problem; write nothing."""
from __future__ import annotations

import argparse
import sys

from generator import pipeline
from generator.commands.options import add_content, add_output
from generator.commands.report import print_diagnostics
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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = pipeline.check(args.content, published=args.output)
    print_diagnostics(result.diagnostics)
    if not result.ok:
        return 1
    site = result.site
    for note in law_year_notes(site):
        print(note.format(), file=sys.stderr)
    print(f"Nội dung hợp lệ: {len(site.issues)} kỳ bản tin, {len(site.directives)} chỉ đạo, "
          f"{len(site.topics)} chủ đề.")
    return 0
