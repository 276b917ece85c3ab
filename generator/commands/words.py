"""The commands' own words, read from the locale file like the site's (`# editors` block)."""
from __future__ import annotations

from functools import cache

from generator.locale import load_strings


@cache
def _strings() -> dict[str, str]:
    return load_strings("vi")


def say(key: str, **values) -> str:
    """The interface string `key`, with `{name}` placeholders filled in."""
    return _strings()[key].format(**values)
