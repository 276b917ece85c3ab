"""Reading with the build cache: a file whose bytes (and whatever else its record
depends on) are unchanged since the last build gives back the same record and the
same diagnostics without being parsed again. A file the input digest vouched for by
its stat (engine/signature.py) is not even read."""
from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

from generator.content.loader import Reader, load_content
from generator.diagnostics import Diagnostics
from generator.engine import pool
from generator.engine.signature import Known, content_digest


class CachedReader(Reader):
    def __init__(self, previous: dict | None, known: Known | None = None):
        """`previous`: the entries of the last build (`current` after it); `known`: what
        input_digest returned for this build (path -> (stat, digest of the bytes))."""
        self.previous = previous or {}
        self.known = known or {}
        self.current: dict[str, tuple] = {}      # shown path -> (key, record, diagnostics)
        self._fresh: dict[str, tuple] = {}       # the same, for files read by this build (see prefetch)
        self._topics: tuple[int, bytes] | None = None
        self.misses = 0

    @property
    def changed(self) -> bool:
        """Whether the cache entries differ from the previous ones (else there is nothing to save)."""
        return self.misses > 0 or self.current.keys() != self.previous.keys()

    def prefetch(self, root: Path, shown_root: str, before: Known) -> None:
        """Parse the directive files this reader has no record of over all cores, so that
        load_content then finds them read: a first build of ten years reads 13,000 files,
        10 s in one process. A walk of the content tree finds them, as load_content will
        walk it (what the walk reports, the real one reports again). The walk itself costs
        0.14 s at ten years, so it is taken only when many records may be missing: no
        records, many files changed since `before` (the last build's input_digest), or
        topics.yaml (every directive is validated against it)."""
        # A file missing from either (new, gone, or changed too recently to be vouched for) counts as changed.
        changed = {path for path in self.known.keys() | before.keys()
                   if before.get(path, (None, None))[1] != self.known.get(path, (None, None))[1]}
        if self.previous and len(changed) < pool.MIN_ITEMS and os.fspath(root / "topics.yaml") not in changed:
            return
        wanted = _Wanted(self)
        load_content(root, Diagnostics(), shown_root, wanted)
        if len(wanted.todo) < pool.MIN_ITEMS:
            return              # load_content reads these few itself
        with pool.cyclic_gc_paused():        # the records arrive unpickled: a mass of objects, no garbage
            parsed = pool.parallel_map(_parse, None, wanted.todo)
        for (_, shown, *_), (key, record, items) in zip(wanted.todo, parsed):
            if key is not None:             # else unreadable: load_content reports it
                self._fresh[shown] = (key, record, items)
                self.misses += 1

    def directive(self, path: Path, shown, context, topics, diags: Diagnostics):
        return self._read(path, shown, self._directive_extra(context, topics), diags,
                          lambda sub: super(CachedReader, self).directive(path, shown, context, topics, sub))

    def _directive_extra(self, context, topics) -> bytes:
        return repr(context).encode() + self._topics_digest(topics)

    def bulletin(self, path: Path, shown, year, week, diags: Diagnostics):
        def read(sub):
            record = super(CachedReader, self).bulletin(path, shown, year, week, sub)
            # Its validation context holds the diagnostics list; nothing after reading uses it.
            return dataclasses.replace(record, ctx=None) if record is not None else None
        return self._read(path, shown, f"{year}/{week}".encode(), diags, read)

    def _read(self, path: Path, shown: str, extra: bytes, diags: Diagnostics, read):
        key = self._key(path, shown, extra)
        if key is None:
            return read(diags)                    # the reader reports it; nothing to cache
        hit = self._known_record(shown, key)
        if hit is None:
            self.misses += 1
            sub = Diagnostics()
            hit = self._fresh[shown] = (key, read(sub), sub.items)
        self.current[shown] = hit             # the very entry loaded, when unchanged (saved in shards)
        diags.items.extend(hit[2])
        return hit[1]

    def _key(self, path: Path, shown: str, extra: bytes) -> bytes | None:
        """What a file's record depends on: its bytes, its name and `extra`; None if unreadable."""
        vouched = self.known.get(os.fspath(path))
        if vouched is not None:
            return record_key(vouched[1], shown, extra)
        try:
            return record_key(content_digest(path.read_bytes()), shown, extra)
        except OSError:
            return None

    def _known_record(self, shown: str, key: bytes) -> tuple | None:
        """The entry for this very key: the last build's, or one this build read already."""
        for table in (self.previous, self._fresh):
            hit = table.get(shown)
            if hit is not None and hit[0] == key:
                return hit
        return None

    def _topics_digest(self, topics) -> bytes:
        """The topics a directive is validated against (keys, and names for the hints)."""
        if self._topics is None or self._topics[0] != id(topics):
            self._topics = (id(topics), hashlib.blake2b(repr(list(topics.values())).encode(), digest_size=16).digest())
        return self._topics[1]


def record_key(digest: bytes, shown: str, extra: bytes) -> bytes:
    return hashlib.blake2b(digest + b"\0" + shown.encode() + b"\0" + extra, digest_size=20).digest()


class _Wanted(Reader):
    """prefetch's walk: bulletins are read (their dates shape each directive's context),
    directives only noted where no record is known, (key, shown, path, context, topics,
    extra); the key is None where the reader has no record of that file at all, and is
    then computed where the file is parsed (the walk need not read it)."""

    def __init__(self, reader: CachedReader):
        self.reader, self.todo = reader, []

    def bulletin(self, path: Path, shown, year, week, diags: Diagnostics):
        return self.reader.bulletin(path, shown, year, week, diags)

    def directive(self, path: Path, shown, context, topics, diags: Diagnostics):
        reader = self.reader
        extra = reader._directive_extra(context, topics)
        if shown not in reader.previous and shown not in reader._fresh and os.fspath(path) not in reader.known:
            self.todo.append((None, shown, path, context, topics, extra))
            return None
        key = reader._key(path, shown, extra)
        if key is not None and reader._known_record(shown, key) is None:
            self.todo.append((key, shown, path, context, topics, extra))
        return None


def _parse(_, todo) -> list[tuple]:
    """In a worker: each noted directive read as load_content would, (key, record,
    diagnostics); (None, None, None) for a file that cannot be read."""
    out = []
    for key, shown, path, context, topics, extra in todo:
        if key is None:
            try:
                key = record_key(content_digest(path.read_bytes()), shown, extra)
            except OSError:
                out.append((None, None, None))
                continue
        sub = Diagnostics()
        out.append((key, Reader().directive(path, shown, context, topics, sub), sub.items))
    return out
