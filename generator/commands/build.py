"""`build`: check the content and, if it has no errors, build the site."""
from __future__ import annotations

import argparse
from pathlib import Path

from generator import pipeline
from generator.commands.options import add_content, add_output
from generator.commands.report import print_diagnostics


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build", help="build the site from content/ into output/ (the default command)",
        description="Check the content, then build the site. If there is any error, nothing is written "
                    "and output/ stays exactly as it was.\n"
                    "Kiểm tra nội dung rồi dựng trang. Có lỗi thì không ghi gì, output/ giữ nguyên.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_content(p)
    add_output(p, "where the site is written (default: output)")
    p.add_argument("--templates", type=Path, default=pipeline.DEFAULT_TEMPLATES, metavar="DIR",
                   help="the templates folder (default: the project's templates/)")
    p.add_argument("--force", action="store_true",
                   help="replace an output folder that holds files this generator did not write "
                        "(never the content folder, a folder above it, the working or home folder)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = pipeline.build(args.content, args.output, args.templates, force=args.force)
    print_diagnostics(result.diagnostics)
    if not result.ok:
        return 1
    pages = sum(1 for p in result.files if p.endswith(".html"))
    print(f"Đã dựng {pages} trang ({len(result.files)} tệp) vào {args.output}/.")
    print(f"Xem trang: python -m http.server -d {args.output} 8000  rồi mở http://localhost:8000/")
    return 0
