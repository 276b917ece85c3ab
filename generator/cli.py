"""Command-line interface: `bulletin` / `python build.py`."""
from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
import traceback
from typing import TYPE_CHECKING

from generator import messages
from generator.commands import build as build_cmd
from generator.commands import check as check_cmd
from generator.commands import import_ as import_cmd
from generator.commands import new as new_cmd
from generator.commands import schema as schema_cmd
from generator.commands import serve as serve_cmd
from generator.commands.options import Parser, helptext, language
from generator.diagnostics import UsageError
from generator.installed import installed_versions

if TYPE_CHECKING:
    import jinja2

COMMANDS = (build_cmd, check_cmd, import_cmd, new_cmd, serve_cmd, schema_cmd)


def make_parser(lang: str = messages.DEFAULT) -> argparse.ArgumentParser:
    """Every command, its help in `lang`; each takes `--lang` (chosen once, see options.language)."""
    parser = Parser(description=helptext("description", lang), lang=lang)
    parser.add_argument("--version", action="version", version=f"bulletin {_version(lang)}",
                        help=helptext("version", lang))
    parser.add_argument("--lang", choices=messages.LANGUAGES, default=lang, help=helptext("lang", lang))
    sub = parser.add_subparsers(title=helptext("commands", lang), metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub, lang)
    return parser


def _version(lang: str) -> str:
    version = installed_versions(("bulletin-generator",))["bulletin-generator"]
    return version or messages.say("cli.not_installed", lang)      # run from a checkout that was never installed


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = language(argv)
    parser = make_parser(lang)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version", "--lang"):
        argv = ["build", *argv]
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):           # only global options (`--lang en`): build, as with no command
        args = parser.parse_args([*argv, "build"])
    return guarded(args.func, args)


def run() -> None:
    """The entry point of `python build.py` and the `bulletin` script: main(), then exit.
    What the command made is frozen first: the collector's pass as the process ends
    would scan all of it (0.6 s after a ten-year rebuild) to free nothing."""
    code = main()
    gc.freeze()
    sys.exit(code)


# Exit codes: 1 = the content has errors (the editor fixes a file); 2 = the command
# cannot run as asked (usage, paths, disk, a broken template or a bug).
USAGE = 2
DEBUG_ENV = "BULLETIN_DEBUG"   # set to 1 to see the Python traceback of an unexpected failure


def guarded(func, args) -> int:
    """Run one command so that no exception reaches the editor as a traceback: every
    failure becomes a Vietnamese message and an exit code, for every command present
    and future (build, check, import, new, serve ...)."""
    lang = getattr(args, "lang", messages.DEFAULT)
    try:
        return int(func(args) or 0)
    except UsageError as exc:
        _say(exc.format(lang))
    except KeyboardInterrupt:
        _say(messages.say("cli.interrupted", lang))
        return 130
    except OSError as exc:
        _say(_os_message(exc, lang))
    except _template_errors() as exc:
        _say(_template_message(exc, lang))
    except (RecursionError, MemoryError) as exc:
        _say(messages.say("cli.too_deep", lang, kind=type(exc).__name__))
        _debug()
    except Exception as exc:  # a bug in the generator: still no traceback for the editor
        _say(messages.say("cli.internal", lang, kind=type(exc).__name__, detail=exc, env=DEBUG_ENV))
        _debug()
    return USAGE


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _debug() -> None:
    if os.environ.get(DEBUG_ENV):
        traceback.print_exc()


# What an editor can do about each common OS failure: a key of the message catalog.
_OS_HINTS = {
    errno.ENOSPC: "cli.os_hint.disk_full",
    errno.EROFS: "cli.os_hint.read_only",
    errno.EACCES: "cli.os_hint.permission",
    errno.EPERM: "cli.os_hint.permission",
    errno.ENAMETOOLONG: "cli.os_hint.name_too_long",
    errno.ENOTDIR: "cli.os_hint.not_a_folder",
    errno.EEXIST: "cli.os_hint.exists",
}


def _os_message(exc: OSError, lang: str) -> str:
    where = f" {exc.filename}" if exc.filename else ""
    hint = messages.say(_OS_HINTS.get(exc.errno, "cli.os_hint.other"), lang)
    return messages.say("cli.os", lang, where=where, reason=exc.strerror or exc, hint=hint)


def _template_errors() -> tuple[type[BaseException], ...]:
    """Jinja's errors, if Jinja was loaded: only a build that renders loads it (a rebuild
    that finds nothing changed starts faster without it), and no other can raise them."""
    jinja2 = sys.modules.get("jinja2")
    return (jinja2.TemplateError,) if jinja2 else ()


def _template_message(exc: jinja2.TemplateError, lang: str) -> str:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if name is None:   # a runtime error (e.g. an undefined variable): find the template frame
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".xml", ".txt")):
                name, line = frame.filename, frame.lineno
                break
    where = f"{name}:{line}: " if name and line else (f"{name}: " if name else "")
    return messages.say("cli.template", lang, where=where, detail=exc.message or exc)
