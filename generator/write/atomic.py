"""Write the output tree atomically.

The new site is written into a fresh folder beside the output folder and swapped
in only once every file is on disk, so a build that fails at any point leaves
the published output/ exactly as it was."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from generator.write.ownership import MARKER, MARKER_TEXT


def write_tree(files: dict[str, bytes], output: Path,
               before_swap: Callable[[Path], object] | None = None) -> None:
    """`before_swap(staging)` runs on the complete new site (e.g. the search index);
    if it raises, the new site is discarded and `output` stays as it was."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        made: set[Path] = set()
        for rel, data in files.items():
            target = staging / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(data)
        (staging / MARKER).write_bytes(MARKER_TEXT)   # lets the next build know the folder is ours
        os.chmod(staging, 0o755)   # mkdtemp makes it private; a web server must read it
        if before_swap is not None:
            before_swap(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, output)


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        os.rename(staging, output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    os.rmdir(retired)
    os.rename(output, retired)
    try:
        os.rename(staging, output)
    except BaseException:
        os.rename(retired, output)     # put the old site back
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)
