"""How the content folder's listing is read: shared by the loader and the input digest's
walk (engine/signature.py), which must see the tree as the loader does. Apart from the
loader, so that a rebuild that finds nothing changed does not load the readers."""
from __future__ import annotations

import os


def is_dir(entry: os.DirEntry) -> bool:
    """Whether a listed entry is a folder, following a symbolic link (as Path.is_dir does);
    False when it cannot be told (the walk then reports or skips it)."""
    try:
        return entry.is_dir()
    except OSError:
        return False
