"""Command-line interface: `bulletin` / `python build.py`."""
from __future__ import annotations

import argparse
import sys

from generator.commands import build as build_cmd
from generator.commands import check as check_cmd
from generator.commands import import_ as import_cmd
from generator.commands import schema as schema_cmd

COMMANDS = (build_cmd, check_cmd, import_cmd, schema_cmd)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=(
            "Build the bulletin site. With no command, builds content/ into output/.\n"
            "Xây dựng trang bản tin. Không có lệnh: dựng content/ thành output/."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = make_parser()
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)
