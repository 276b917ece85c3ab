"""The commands' own words, read from the locale file like the site's (`# editors` block)."""
from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from generator.locale import load_strings


@cache
def _strings() -> dict[str, str]:
    return load_strings("vi")


def say(key: str, **values) -> str:
    """The interface string `key`, with `{name}` placeholders filled in; `{cmd}` is the
    command as the editor runs it (`bulletin` when installed, else `build.py`)."""
    return _strings()[key].format(**{"cmd": command_name(), **values})


def command_name() -> str:
    return "bulletin" if Path(sys.argv[0]).stem == "bulletin" else "build.py"
