"""The interface's words, one file per language (vi.yaml). Templates read them as `t.key`."""
from __future__ import annotations

import re
from importlib import resources

import yaml

_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")   # a language tag, never a path such as ../../x


def load_strings(language: str) -> dict[str, str]:
    name = f"{language}.yaml"
    if not _TAG.match(language) or not resources.files(__package__).joinpath(name).is_file():
        name = "vi.yaml"
    return read_locale_file(name)


def read_locale_file(name: str) -> dict:
    """One of this package's YAML files (the interface's words, the message catalogs),
    read with libyaml where it is installed: ~15x faster, and every command reads one."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
