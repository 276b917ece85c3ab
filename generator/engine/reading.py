"""Reading with the build cache: a file whose bytes (and whatever else its record
depends on) are unchanged since the last build gives back the same record and the
same diagnostics without being parsed again. A file the input digest vouched for by
its stat (engine/signature.py) is not even read."""
from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

from generator.content.loader import Reader
from generator.diagnostics import Diagnostics
from generator.engine.signature import Known, content_digest


class CachedReader(Reader):
    def __init__(self, previous: dict | None, known: Known | None = None):
        """`previous`: the entries of the last build (`current` after it); `known`: what
        input_digest returned for this build (path -> (stat, digest of the bytes))."""
        self.previous = previous or {}
        self.known = known or {}
        self.current: dict[str, tuple] = {}      # shown path -> (key, record, diagnostics)
        self._topics: tuple[int, bytes] | None = None
        self.misses = 0

    @property
    def changed(self) -> bool:
        """Whether the cache entries differ from the previous ones (else there is nothing to save)."""
        return self.misses > 0 or self.current.keys() != self.previous.keys()

    def directive(self, path: Path, shown, context, topics, diags: Diagnostics):
        extra = repr(context).encode() + self._topics_digest(topics)
        return self._read(path, shown, extra, diags, lambda sub: super(CachedReader, self).directive(
            path, shown, context, topics, sub))

    def bulletin(self, path: Path, shown, year, week, diags: Diagnostics):
        def read(sub):
            record = super(CachedReader, self).bulletin(path, shown, year, week, sub)
            # Its validation context holds the diagnostics list; nothing after reading uses it.
            return dataclasses.replace(record, ctx=None) if record is not None else None
        return self._read(path, shown, f"{year}/{week}".encode(), diags, read)

    def _read(self, path: Path, shown: str, extra: bytes, diags: Diagnostics, read):
        vouched = self.known.get(os.fspath(path))
        if vouched is not None:
            digest = vouched[1]
        else:
            try:
                digest = content_digest(path.read_bytes())
            except OSError:
                return read(diags)                # the reader reports it; nothing to cache
        key = hashlib.blake2b(digest + b"\0" + shown.encode() + b"\0" + extra, digest_size=20).digest()
        hit = self.previous.get(shown)
        if hit is None or hit[0] != key:
            self.misses += 1
            sub = Diagnostics()
            hit = (key, read(sub), sub.items)
        self.current[shown] = hit             # the very entry loaded, when unchanged (saved in shards)
        diags.items.extend(hit[2])
        return hit[1]

    def _topics_digest(self, topics) -> bytes:
        """The topics a directive is validated against (keys, and names for the hints)."""
        if self._topics is None or self._topics[0] != id(topics):
            self._topics = (id(topics), hashlib.blake2b(repr(list(topics.values())).encode(), digest_size=16).digest())
        return self._topics[1]
