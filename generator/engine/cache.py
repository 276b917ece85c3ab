"""The build cache: a folder beside the output folder (`.output.cache/`), never inside it.

Each entry is one pickle stamped with the cache key: a digest of the generator's own
source files and the versions of the libraries that shape the output (Markdown, Jinja,
PyYAML, slugify, feedgen) and of Python. An entry that cannot be read, has another
key, or is not ours is ignored and rewritten, so a cache can make a build faster but
never different. A folder of that name that is not ours (no CACHEDIR.TAG of this
generator) is left alone and the build runs without a cache."""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import zlib
from pathlib import Path

from generator.engine.pool import cyclic_gc_paused
from generator.installed import installed_versions

FORMAT = 1
SHARDS = 32           # a large table is kept in this many files: one edit rewrites one or two
MAGIC = b"bulletin-build-cache"
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# bulletin-generator build cache; safe to delete\n"
LIBRARIES = ("markdown", "jinja2", "pyyaml", "python-slugify", "feedgen", "markupsafe")
GENERATOR = Path(__file__).resolve().parent.parent


def generator_key() -> str:
    """Changes whenever the code or a library that shapes the output changes."""
    h = hashlib.sha256(f"{FORMAT}|{sys.version}".encode())
    for name, version in installed_versions(LIBRARIES).items():
        h.update(f"|{name}={version or '?'}".encode())
    for path in sorted(GENERATOR.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            h.update(path.relative_to(GENERATOR).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def cache_folder(output: Path) -> Path:
    output = output.resolve()
    return output.parent / f".{output.name}.cache"


class BuildCache:
    def __init__(self, folder: Path, key: str):
        self.folder, self.key = folder, key
        self.usable = self._claim()

    def load(self, name: str):
        """The entry `name`, or None if absent, unreadable, stale or foreign."""
        if not self.usable:
            return None
        try:
            # Unpickling makes a mass of objects and no garbage: left on, the cyclic collector
            # rescans them again and again (the ten-year source cache loaded in 1.0 s, 0.55 s without).
            with open(self.folder / f"{name}.pickle", "rb") as f, cyclic_gc_paused():
                magic, key, value = pickle.load(f)
        except Exception:       # noqa: BLE001 — any damage means: no cache
            return None
        return value if magic == MAGIC and key == self.key else None

    def subfolder(self, name: str) -> Path | None:
        """A folder of the cache for a library's own cache files (None without a cache)."""
        if not self.usable:
            return None
        self._made()
        path = self.folder / name
        path.mkdir(exist_ok=True)
        return path

    def place(self, name: str) -> Path | None:
        """Where the cache may keep a folder `name` (not made; None without a cache)."""
        if not self.usable:
            return None
        self._made()
        return self.folder / name

    def save(self, name: str, value) -> None:
        if not self.usable:
            return
        self._made()
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((MAGIC, self.key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{name}.pickle")
        except BaseException:
            os.unlink(tmp)
            raise

    def load_sharded(self, name: str) -> dict:
        """A table kept by save_sharded; a shard that cannot be trusted is simply missing."""
        table: dict = {}
        for i in range(SHARDS):
            part = self.load(f"{name}.{i:02d}")
            if isinstance(part, dict):
                table.update(part)
        return table

    def save_sharded(self, name: str, table: dict, previous: dict) -> None:
        """Keep `table` (string keys) in shards, rewriting only those where an entry is not
        the very object load_sharded gave back in `previous`, or was added or dropped."""
        if not self.usable:
            return
        parts: list[dict] = [{} for _ in range(SHARDS)]
        dirty: set[int] = set()
        for key, value in table.items():
            i = _shard(key)
            parts[i][key] = value
            if previous.get(key) is not value:
                dirty.add(i)
        dirty.update(_shard(key) for key in previous.keys() - table.keys())
        for i in sorted(dirty):
            self.save(f"{name}.{i:02d}", parts[i])

    def _made(self) -> None:
        if not (self.folder / "CACHEDIR.TAG").is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / "CACHEDIR.TAG").write_text(TAG, encoding="utf-8")

    def _claim(self) -> bool:
        tag = self.folder / "CACHEDIR.TAG"
        try:
            if tag.is_file() and tag.read_text(encoding="utf-8") == TAG:
                return True
            # Absent or empty: ours to make when there is something to keep. Else someone else's.
            return not self.folder.exists() or (self.folder.is_dir() and not any(self.folder.iterdir()))
        except OSError:
            return False


def _shard(key: str) -> int:
    return zlib.crc32(key.encode()) % SHARDS
