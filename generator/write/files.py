"""Write a handful of source files (an import, a new directive) all or nothing.

Every target is checked before the first byte is written (a path blocked by a file
or a folder, a target that is a folder); if writing still fails part way (a full or
read-only disk), the files already written are put back as they were and the folders
made for them removed, so the content tree is never left half-imported."""
from __future__ import annotations

import os
from pathlib import Path

from generator import messages
from generator.diagnostics import UsageError

def blocked(path: Path) -> str | None:
    """Why `path` cannot be written as a file, or None."""
    if path.is_dir():
        return messages.say("write.is_folder", path=path)
    for parent in path.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                return messages.say("write.parent_is_file", parent=parent, path=path)
            break
    return None


def write_all(targets: dict[Path, bytes]) -> None:
    """Write every target or none; raise UsageError (exit 2) saying why."""
    for path in targets:
        problem = blocked(path)
        if problem:
            raise UsageError.coded("E-WRITE-BLOCKED", problem=problem)
    made: list[Path] = []
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, data in targets.items():
            missing = [p for p in reversed(path.parents) if not p.exists()]
            for folder in missing:
                folder.mkdir()
                made.append(folder)
            previous = path.read_bytes() if path.is_file() else None
            temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
            try:
                temporary.write_bytes(data)
                os.replace(temporary, path)
            finally:
                temporary.unlink(missing_ok=True)
            done.append((path, previous))
    except OSError as exc:
        _undo(done, made)
        where = exc.filename or ""
        raise UsageError.coded("E-WRITE-FAILED", where=where, reason=exc.strerror or exc) from None


def _undo(done: list[tuple[Path, bytes | None]], made: list[Path]) -> None:
    for path, previous in reversed(done):
        try:
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(previous)
        except OSError:
            pass
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            pass
