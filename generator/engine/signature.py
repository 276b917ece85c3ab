"""The no-change rebuild: one digest of every input (each content and template file's
path and bytes, folders included, the generator's key) and a check that the published
output is file for file what the last build left. Both equal: there is nothing to do."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path


def input_digest(content: Path, templates: list[Path], generator_key: str, shown: str) -> str:
    """`templates`: the template folders, the first that has a template winning."""
    h = hashlib.blake2b(f"{generator_key}\0{shown}\0".encode(), digest_size=32)
    for label, root in (("c", content), *(("t", Path(t)) for t in templates)):
        h.update(f"[{label}:{root}]".encode())
        _tree(root, h)
    return h.hexdigest()


def _tree(root: Path, h) -> None:
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:     # a symlink loop: stop here, the loader reports it
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        rel = os.path.relpath(folder, root)
        h.update(f"d\0{rel}\0".encode())
        for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]):
            path = os.path.join(folder, name)
            h.update(f"f\0{name}\0".encode())
            if os.path.islink(path):
                h.update(b"l\0" + os.fsencode(os.readlink(path)) + b"\0")
            try:
                with open(path, "rb") as f:
                    h.update(hashlib.blake2b(f.read(), digest_size=20).digest())
            except OSError as exc:
                h.update(f"!{exc.errno}".encode())


def output_matches(output: Path, manifest: dict) -> bool:
    """Every file in `output` is one the manifest records, with its size and mtime, and none is missing."""
    count = 0
    stack = [(output, "")]             # (folder, its output path + "/"): no relpath per file
    try:
        while stack:
            folder, prefix = stack.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, f"{prefix}{entry.name}/"))
                        continue
                    recorded = manifest.get(prefix + entry.name)
                    if recorded is None or not entry.is_file(follow_symlinks=False):
                        return False
                    st = entry.stat(follow_symlinks=False)
                    if (st.st_size, st.st_mtime_ns) != recorded[1:]:
                        return False
                    count += 1
    except OSError:
        return False
    return count == len(manifest)
