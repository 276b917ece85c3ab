"""The installed versions of distributions (this generator, the libraries that shape its
output), read from the names of their `NAME-VERSION.dist-info` folders on sys.path.

Every command needs them (the build cache's key, `--version`), and importing
importlib.metadata costs some 55 ms (it loads the email package): a tenth of a rebuild
that finds nothing changed. A distribution not found so (an egg, a zip) is asked of
importlib.metadata, as before."""
from __future__ import annotations

import os
import re
import sys


def installed_versions(names: tuple[str, ...]) -> dict[str, str | None]:
    """Each name's version, as importlib.metadata.version() would give it (the first
    found along sys.path), or None if it is not installed."""
    wanted = {_normal(name): name for name in names}
    found: dict[str, str | None] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                # The name and the version in a folder's name have their own dashes escaped.
                dist, _, version = entry[:-len(".dist-info")].partition("-")
                name = wanted.get(_normal(dist))
                if name is not None and name not in found and version:
                    found[name] = version
    for name in names:
        if name not in found:
            found[name] = _from_metadata(name)
    return {name: found[name] for name in names}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()       # PEP 503, as the folder names write it


def _from_metadata(name: str) -> str | None:
    from importlib import metadata
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
