"""The pages Pagefind reads: each indexed page's folded copy (the page plus its đ-words,
see fold.py), kept in the build cache so that a build reads and folds only the pages
the render changed.

A copy is reused only when the render's fingerprint of the page (which changes whenever
the page's bytes may) is the one it was made from, and the copy is the file written then
(same size and mtime); anything else, a damaged or foreign cache included, is folded
again from the staged page."""
from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.engine.pool import parallel_map
from generator.search.fold import folded_d_words

BODY_ATTR = "data-pagefind-body"


class FoldedPages:
    """`table`: output path -> (fingerprint, shard, indexed?, copy's size, copy's mtime_ns,
    digest of the copy, "" if not indexed); the copies of a shard's pages live in `folder/<shard>/`
    at their output paths, so that folder is the site Pagefind reads for the shard."""

    def __init__(self, folder: Path, table: dict, shard_of: Callable[[str], str]):
        self.folder, self.table, self.shard_of = folder, dict(table), shard_of

    def update(self, staging: Path, pages: list[str], manifest: dict) -> None:
        """Fold the pages the render may have changed (its fingerprint differs from the copy's)."""
        prints = {rel: _fingerprint(manifest.get(rel)) for rel in pages}
        self._fold(staging, [rel for rel in pages if not self._known(rel, prints[rel])], prints)

    def verify(self, staging: Path, pages: list[str]) -> None:
        """Before Pagefind reads them: fold again the copies of `pages` that are not the
        files this cache wrote (checked only here, for the shards about to be indexed)."""
        folder = str(self.folder)
        damaged = []
        for rel in pages:
            entry = self.table[rel]
            try:
                st = os.lstat(os.path.join(folder, entry[1], rel))
                if (st.st_size, st.st_mtime_ns) != entry[3:5]:
                    damaged.append(rel)
            except OSError:
                damaged.append(rel)
        self._fold(staging, damaged, {rel: self.table[rel][0] for rel in damaged})

    def _fold(self, staging: Path, todo: list[str], prints: dict) -> None:
        for rel in todo:            # a copy about to be replaced may sit in another shard's folder
            self._drop(rel)
        results = parallel_map(_fold, _Work(str(staging), str(self.folder), self.shard_of), todo)
        for rel, result in zip(todo, results):
            self.table[rel] = (prints[rel], self.shard_of(rel), *result)

    def site(self, shard: str, pages: list[str]) -> Path:
        """The folder Pagefind indexes for `shard`: exactly the copies of `pages` (a file
        left there by anything else is deleted first, so it can never enter the index)."""
        root = self.folder / shard
        wanted = {os.path.normpath(root / rel) for rel in pages}
        for folder, _, files in os.walk(root):
            for name in files:
                path = os.path.join(folder, name)
                if path not in wanted:
                    os.unlink(path)
        return root

    def indexed(self) -> list[str]:
        return sorted(rel for rel, entry in self.table.items() if entry[2])

    def identity(self, rel: str) -> str:
        """The digest of what Pagefind reads of the page (its copy): a shard is indexed again
        only when one of these changed, not when the page changed only outside them (a
        template's header or footer)."""
        return self.table[rel][5]

    def forget_others(self, pages: list[str]) -> None:
        """Drop the copies of pages the site no longer has."""
        keep = set(pages)
        for rel in [rel for rel in self.table if rel not in keep]:
            self._drop(rel)
            del self.table[rel]

    def drop_other_shards(self, shards) -> None:
        """Remove the folders of shards the index no longer has: copies an earlier
        generator made under another shard rule, or that a lost table no longer lists,
        would otherwise stay in the cache for good."""
        wanted, stale = set(shards), []
        with contextlib.suppress(FileNotFoundError), os.scandir(self.folder) as listing:
            stale = [entry.path for entry in listing if entry.name not in wanted and entry.is_dir(follow_symlinks=False)]
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)

    def _drop(self, rel: str) -> None:
        entry = self.table.get(rel)
        if isinstance(entry, tuple) and len(entry) == 6 and entry[2] and isinstance(entry[1], str):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.folder, entry[1], rel))

    def _known(self, rel: str, fingerprint) -> bool:
        """The copy was made from this page as rendered now (its file is checked by verify)."""
        entry = self.table.get(rel)
        return fingerprint is not None and isinstance(entry, tuple) and len(entry) == 6 \
            and entry[0] == fingerprint and entry[1] == self.shard_of(rel)


def _fingerprint(entry):
    """The render's fingerprint of a page (None: unknown, so always read again)."""
    return entry[0] if isinstance(entry, tuple) and entry else None


@dataclass
class _Work:
    staging: str
    folder: str
    shard_of: Callable[[str], str]


def _fold(work: _Work, rels) -> list[tuple]:
    """Per page: (indexed?, copy's size, copy's mtime_ns, digest of the copy)."""
    out = []
    for rel in rels:
        with open(os.path.join(work.staging, rel), "rb") as f:
            raw = f.read()
        if BODY_ATTR.encode() not in raw:
            out.append((False, 0, 0, ""))
            continue
        copy = with_folded_words(raw.decode("utf-8")).encode("utf-8")
        target = os.path.join(work.folder, work.shard_of(rel), rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = target + ".tmp"
        with open(tmp, "wb") as f:
            f.write(copy)
        os.replace(tmp, target)         # never in place: the old copy may be linked into a scratch site
        st = os.stat(target)
        out.append((True, st.st_size, st.st_mtime_ns, hashlib.blake2b(copy, digest_size=20).hexdigest()))
    return out


def with_folded_words(page: str) -> str:
    """The page as Pagefind should read it: its language, title and indexed element (the
    <main> marked `data-pagefind-body`), plus an empty element whose `fold` meta lists the
    indexed text's đ-words without diacritics. Pagefind reads nothing else of a page that
    marks a body (header, footer and <head> cost it a fifth of its time), unless a
    `data-pagefind-` attribute sits outside it: then the page is kept whole."""
    words = folded_d_words(_indexed_text(page))
    tag = f'<span data-pagefind-meta="fold:{html.escape(words)}"></span>' if words else ""
    body = page.find(BODY_ATTR)
    start = page.rfind("<main", 0, body)
    end = page.find("</main>", body)
    opening, title = _HTML.search(page), _TITLE.search(page)
    if body < 0 or start < 0 or end < 0 or not opening or not title \
            or "data-pagefind-" in page[:start] or "data-pagefind-" in page[end:]:
        head, sep, tail = page.rpartition("</body>")
        return head + tag + sep + tail if sep else page + tag
    return (f'<!DOCTYPE html>\n{opening.group(0)}\n<head>\n<meta charset="utf-8">\n{title.group(0)}\n</head>\n'
            f'<body>\n{page[start:end]}</main>\n{tag}</body>\n</html>\n')


_HTML = re.compile(r"<html\b[^>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.S)


# What Pagefind skips, so its words do not make a page match (related lists, print-only
# lines). The templates never nest an ignored element inside one with the same tag.
_IGNORED = re.compile(r"<(\w+)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _indexed_text(page: str) -> str:
    """The text of the element marked `data-pagefind-body` (the page's <main>), less ignored parts."""
    start = page.find(BODY_ATTR)
    if start < 0:
        return ""
    start = page.find(">", start) + 1
    end = page.find("</main>", start)
    body = page[start:end if end >= 0 else len(page)]
    return html.unescape(_TAG.sub(" ", _IGNORED.sub(" ", body)))
