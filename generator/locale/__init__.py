"""The interface's words, one file per language (vi.yaml). Templates read them as `t.key`."""
from __future__ import annotations

from importlib import resources

import yaml


def load_strings(language: str) -> dict[str, str]:
    name = f"{language}.yaml"
    files = resources.files(__package__)
    if not files.joinpath(name).is_file():
        name = "vi.yaml"
    return yaml.safe_load(files.joinpath(name).read_text(encoding="utf-8"))
