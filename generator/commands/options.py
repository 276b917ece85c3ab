"""Options several commands share, defined once so their help reads the same."""
from __future__ import annotations

import argparse
from pathlib import Path

from generator import messages, pipeline


def add_content(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=pipeline.DEFAULT_CONTENT, metavar="DIR",
                   help="the content folder (default: content)")


def add_output(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--output", type=Path, default=pipeline.DEFAULT_OUTPUT, metavar="DIR", help=help)


def add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=messages.LANGUAGES, default=messages.DEFAULT,
                   help="language of the messages: vi (default) or en")


def add_templates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--templates", type=Path, default=None, metavar="DIR",
                   help="templates that replace the packaged ones file by file "
                        "(default: a templates/ folder beside the content folder, if there is one)")


def add_quiet(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no summary line (errors, warnings and what to review are still printed)")
