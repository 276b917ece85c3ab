"""The build cache: a folder beside the output folder (`.output.cache/`), never inside it.

Each entry is one pickle stamped with the cache key: a digest of the generator's own
source files and the versions of the libraries that shape the output (Markdown, Jinja,
PyYAML, slugify, feedgen) and of Python. An entry that cannot be read, has another
key, or is not ours is ignored and rewritten, so a cache can make a build faster but
never different. A folder of that name that is not ours (no CACHEDIR.TAG of this
generator) is left alone and the build runs without a cache."""
from __future__ import annotations

import contextlib
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


# Entries that no build changes in place once loaded or saved (see EntriesInMemory). Not
# the model (kept_model patches it in place; kept_model.ModelInMemory holds it), nor the
# parse results or the search records, which their users extend.
HELD = frozenset({"published", "inputs", "last", "entries", "readers", "bodies", "bodyhtml", "bodies-answered",
                  "model-index"})


class EntriesInMemory:
    """Cache entries that a process building again and again (serve) holds between its
    builds, as it last loaded or saved them, so a save does not unpickle them again (the
    body table alone took 0.26 s at ten years). One is given back only while its file is
    the very one (same inode, size, mtime and ctime: every save writes a new file); a
    file written since by anyone else is loaded as usual."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[tuple, object]] = {}

    def get(self, path: str, stamp: tuple):
        held = self._held.get(path)
        return held[1] if held is not None and held[0] == stamp else None

    def put(self, path: str, stamp: tuple, value) -> None:
        self._held[path] = (stamp, value)

    def drop(self, path: str) -> None:
        self._held.pop(path, None)


def _stamp(path: str) -> tuple:
    st = os.stat(path)
    return (st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class BuildCache:
    def __init__(self, folder: Path, key: str, memory: EntriesInMemory | None = None):
        """`memory`: where a process that builds again and again holds the HELD entries."""
        self.folder, self.key, self.memory = folder, key, memory
        self.usable = self._claim()

    def load(self, name: str):
        """The entry `name`, or None if absent, unreadable, stale or foreign."""
        if not self.usable:
            return None
        path = os.path.join(self.folder, f"{name}.pickle")
        held = self._memory_for(name)
        stamp = None
        if held:
            try:
                stamp = _stamp(path)
            except OSError:
                return None
            value = held.get(path, stamp)
            if value is not None:
                return value
        try:
            # Unpickling makes a mass of objects and no garbage: left on, the cyclic collector
            # rescans them again and again (the ten-year source cache loaded in 1.0 s, 0.55 s without).
            with open(path, "rb") as f, cyclic_gc_paused():
                magic, key, value = pickle.load(f)
        except Exception:       # noqa: BLE001 — any damage means: no cache
            return None
        if magic != MAGIC or key != self.key:
            return None
        if held and value is not None:
            held.put(path, stamp, value)
        return value

    def _memory_for(self, name: str) -> EntriesInMemory | None:
        return self.memory if self.memory is not None and name.split(".", 1)[0] in HELD else None

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
        path = os.path.join(self.folder, f"{name}.pickle")
        held = self._memory_for(name)
        try:
            if held:
                held.drop(path)     # until the new file is in place
            with os.fdopen(fd, "wb") as f:
                pickle.dump((MAGIC, self.key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            if held and value is not None:
                held.put(path, _stamp(path), value)
        except BaseException:
            # Ctrl-C may come just after the replace: the temporary file is gone then, and
            # a FileNotFoundError here would take the interrupt's place (serve would go on).
            with contextlib.suppress(FileNotFoundError):
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
