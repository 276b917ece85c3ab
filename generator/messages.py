"""Every message an editor reads from the tools (checks, importer, commands), per language.

The texts live in generator/locale/messages.<lang>.yaml, keyed by a stable code:
`E-…` for an error, `W-…` for a warning, `N-…` for a note (docs/error-codes.md lists them all), and
plain keys such as `check.ok` for the commands' other lines. Each entry has a
`message`, usually a `hint` (what to write instead) and sometimes other hints
(`hint_guess`, …) the call site chooses between; placeholders are str.format fields.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from generator.locale import read_locale_file

LANGUAGES = ("vi", "en")
DEFAULT = "vi"


@cache
def catalog(lang: str = DEFAULT) -> dict[str, dict[str, str]]:
    name = f"messages.{lang if lang in LANGUAGES else DEFAULT}.yaml"
    return read_locale_file(name)


class _Keep(dict):
    """A placeholder the call did not give stays visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Key(str):
    """A catalog key given as a parameter (e.g. the name of a kind of folder): it is shown
    in the language the message is shown in."""


def render(template: str, params: dict[str, Any]) -> str:
    return template.format_map(_Keep(params))


def text(key: str, part: str = "message", lang: str = DEFAULT, /, **params: Any) -> str:
    """The text of `key` (its `part`: message, hint, hint_…) in `lang`, falling back to Vietnamese."""
    entry = catalog(lang).get(key) or catalog(DEFAULT).get(key)
    if entry is None:
        raise KeyError(f"no message '{key}' in generator/locale/messages.{DEFAULT}.yaml")
    template = entry.get(part)
    if template is None:
        template = catalog(DEFAULT)[key].get(part)
    if template is None:
        raise KeyError(f"message '{key}' has no '{part}' in generator/locale/messages.{DEFAULT}.yaml")
    params = {name: text(value, "message", lang) if isinstance(value, Key) else value for name, value in params.items()}
    return render(template, params)


def say(key: str, lang: str = DEFAULT, /, **params: Any) -> str:
    """A command's line (not a diagnostic), e.g. say("check.ok", lang, issues=2, ...)."""
    return text(key, "message", lang, **params)


_SEVERITY = {"E-": "error", "W-": "warning", "N-": "note"}   # a code's first letter is its severity


def severity_of(code: str) -> str:
    return _SEVERITY[code[:2]]


def codes() -> list[str]:
    return sorted(k for k in catalog(DEFAULT) if k[:2] in _SEVERITY)


def code_table() -> str:
    """The Markdown table of every diagnostic code, for docs/error-codes.md."""
    vi, en = catalog("vi"), catalog("en")
    rows = ["| code | severity | message (vi) | message (en) |", "| --- | --- | --- | --- |"]
    for code in codes():
        cells = [f"`{code}`", severity_of(code), vi[code]["message"], en.get(code, {}).get("message", "")]
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(rows) + "\n"
