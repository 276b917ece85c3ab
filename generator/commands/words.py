"""The commands' own words: lines from the message catalog (generator/locale/messages.*.yaml)
in the editor's language, and the site-language texts `new` writes into content files."""
from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from generator import messages
from generator.locale import load_strings


def say(key: str, lang: str = messages.DEFAULT, /, **values) -> str:
    """The catalog line `key` in `lang`, `{name}` placeholders filled in; `{cmd}` is the
    command as the editor runs it (`bulletin` when installed, else `build.py`)."""
    return messages.say(key, lang, **{"cmd": command_name(), **values})


@cache
def _site_words() -> dict[str, str]:
    return load_strings("vi")


def site_text(key: str, **values) -> str:
    """A text `new` writes into the content (the issue's title, the new-week template): it is
    the bulletin's own language, whatever language the messages are shown in."""
    return _site_words()[key].format(**values)


def command_name() -> str:
    return "bulletin" if Path(sys.argv[0]).stem == "bulletin" else "build.py"
