"""The interface's words, one file per language (vi.yaml). Templates read them as `t.key`."""
from __future__ import annotations

import re
from importlib import resources

import yaml

_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")   # a language tag, never a path such as ../../x


def load_strings(language: str) -> dict[str, str]:
    name = f"{language}.yaml"
    files = resources.files(__package__)
    if not _TAG.match(language) or not files.joinpath(name).is_file():
        name = "vi.yaml"
    return yaml.load(files.joinpath(name).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
