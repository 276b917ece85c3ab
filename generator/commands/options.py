"""Options several commands share, defined once so their help reads the same, and the
one way every command chooses the language of its messages and help."""
from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from pathlib import Path

from generator import messages, pipeline

LANG_ENV = "BULLETIN_LANG"   # e.g. BULLETIN_LANG=en in an English-speaking maintainer's shell


def language(argv: list[str], environ=os.environ) -> str:
    """The language asked for: `--lang X` (or `--lang=X`) anywhere on the command line,
    else $BULLETIN_LANG, else Vietnamese. Read before parsing, so `--help` follows it too."""
    chosen = environ.get(LANG_ENV, messages.DEFAULT)
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    return chosen if chosen in messages.LANGUAGES else messages.DEFAULT


def helptext(key: str, lang: str) -> str:
    return messages.say(f"help.{key}", lang)


class Parser(argparse.ArgumentParser):
    """argparse with its own words (usage, section titles, -h, the error line) in `lang`
    too, so `--help` reads in one language; its subcommands' parsers are the same kind."""

    def __init__(self, *args, lang: str = messages.DEFAULT, **kwargs):
        self.lang = lang
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = helptext("positionals", lang)
        self._optionals.title = helptext("options", lang)
        self.add_argument("-h", "--help", action="help", help=helptext("help", lang))

    def add_subparsers(self, **kwargs):
        return super().add_subparsers(parser_class=functools.partial(Parser, lang=self.lang), **kwargs)

    def format_usage(self) -> str:
        return self._usage_formatter().format_help()

    def format_help(self) -> str:
        usage_prefix = helptext("usage", self.lang)
        text = super().format_help()
        return text.replace("usage: ", usage_prefix, 1) if text.startswith("usage: ") else text

    def _usage_formatter(self):
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups,
                            prefix=helptext("usage", self.lang))
        return formatter

    def parse_args(self, args=None, namespace=None):
        with _argparse_words(self.lang):
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with _argparse_words(self.lang):
            return super().parse_known_args(args, namespace)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, helptext("error", self.lang).format(prog=self.prog, message=message) + "\n")


def add_parser(sub: argparse._SubParsersAction, name: str, lang: str, key: str | None = None) -> argparse.ArgumentParser:
    """A command's parser with its help in `lang`, and the --lang option every command takes."""
    key = key or name.replace("-", "_")
    p = sub.add_parser(name, help=helptext(key, lang), description=helptext(f"{key}_description", lang))
    p.add_argument("--lang", choices=messages.LANGUAGES, default=lang, help=helptext("lang", lang))
    return p


def add_content(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--content", type=Path, default=pipeline.DEFAULT_CONTENT, metavar="DIR",
                   help=helptext("content", lang))


def add_output(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--output", type=Path, default=pipeline.DEFAULT_OUTPUT, metavar="DIR", help=help)


def add_templates(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--templates", type=Path, default=None, metavar="DIR", help=helptext("templates", lang))


def add_quiet(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help=helptext("quiet", lang))


# argparse's own messages, by their gettext msgid (Python 3.11-3.13) -> catalog key. A
# msgid not listed here (a later Python's new wording) is shown as argparse words it.
ARGPARSE_WORDS = {
    "unrecognized arguments: %s": "argparse.unrecognized",
    "the following arguments are required: %s": "argparse.required",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "one of the arguments %s is required": "argparse.one_required",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_allowed_with",
}


@contextlib.contextmanager
def _argparse_words(lang: str):
    """While parsing, argparse's gettext hook (its module's `_`) answers from the catalog:
    its messages are formed inside parse_args, before error() sees them."""
    english = argparse._
    argparse._ = lambda msgid: messages.say(ARGPARSE_WORDS[msgid], lang) if msgid in ARGPARSE_WORDS else english(msgid)
    try:
        yield
    finally:
        argparse._ = english
