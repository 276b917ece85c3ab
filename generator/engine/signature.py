"""The no-change rebuild: one digest of every input (each content and template file's
path and bytes, folders included, the generator's key) and a check that the published
output is file for file what the last build left. Both equal: there is nothing to do.

Like git's index, a file is read again only when its stat (size, mtime, ctime, inode)
differs from the one recorded with its digest last time; ctime catches a file whose
mtime was set back, and a file changed within RACY_NS of being recorded is always
read again (a timestamp that coarse cannot tell two writes apart)."""
from __future__ import annotations

import hashlib
import os
import stat
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from generator.content.listing import is_dir
from generator.engine.pool import all_in_parts

RACY_NS = 2_000_000_000      # coarser than any filesystem's timestamps (FAT: 2 s)

# path -> (stat key, digest of the file's bytes), kept by the build cache between builds
Known = dict[str, tuple[tuple, bytes]]


@dataclass
class ContentListing:
    """The content folder as input_digest found it: its layout (every folder's and file's
    name, and where each link leads) and each file's digest, by its path in the folder.
    Two listings of one layout differ only in the bytes of some files (engine/kept_model.py)."""
    layout: str = ""
    digests: dict[str, bytes] = field(default_factory=dict)


def input_digest(content: Path, templates: list[Path], generator_key: str, shown: str,
                 known: Known | None = None, listing: ContentListing | None = None) -> tuple[str, Known]:
    """`templates`: the template folders, the first that has a template winning.
    `known`: what the last call returned; the files it vouches for are not read.
    `listing`, if given, is filled with the content folder's layout and file digests.
    Returns the digest and what to give the next call."""
    h = hashlib.blake2b(f"{generator_key}\0{shown}\0".encode(), digest_size=32)
    files = _Files(known or {}, time.time_ns() - RACY_NS)
    for label, root in (("c", content), *(("t", Path(t)) for t in templates)):
        h.update(f"[{label}:{root}]".encode())
        if label == "c" and listing is not None:
            layout = hashlib.blake2b(digest_size=20)
            _tree(root, _Both(h, layout), files, listing.digests)
            listing.layout = layout.hexdigest()
        else:
            _tree(root, h, files)
    return h.hexdigest(), files.now


class _Both:
    """The whole input's digest and the content layout's: the layout takes all but file bytes."""

    def __init__(self, whole, layout):
        self.whole, self.layout = whole, layout

    def update(self, data: bytes, layout: bool = True) -> None:
        self.whole.update(data)
        if layout:
            self.layout.update(data)


def content_digest(data: bytes) -> bytes:
    """A file's digest, as kept in Known (engine/reading.py keys parse results by it too)."""
    return hashlib.blake2b(data, digest_size=20).digest()


class _Files:
    def __init__(self, known: Known, settled_before: int):
        self.known, self.settled_before, self.now = known, settled_before, {}

    def digest(self, path: str) -> bytes:
        st = os.stat(path)
        stat_key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        recorded = self.known.get(path)
        if recorded is not None and recorded[0] == stat_key:
            digest = recorded[1]
        else:
            with open(path, "rb") as f:
                digest = content_digest(f.read())
        if max(st.st_mtime_ns, st.st_ctime_ns) < self.settled_before:
            self.now[path] = (stat_key, digest)
        return digest


def _tree(root: Path, h, files: _Files, digests: dict[str, bytes] | None = None) -> None:
    """`digests`, if given, takes each file's digest by its path below `root`."""
    seen: set[tuple[int, int]] = set()
    stack = [(os.fspath(root), ".")]
    while stack:
        folder, rel = stack.pop()
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:     # a symlink loop: stop here, the loader reports it
            continue
        seen.add((st.st_dev, st.st_ino))
        h.update(f"d\0{rel}\0".encode())
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            h.update(f"!{exc.errno}".encode())
            continue
        folders = []
        for entry in entries:
            is_folder = is_dir(entry)
            if entry.is_symlink():
                h.update(f"f\0{entry.name}\0".encode() + b"l\0" + os.fsencode(os.readlink(entry.path)) + b"\0")
                if not is_folder:
                    _file(h, files, entry.path, digests, rel, entry.name)
            elif not is_folder:
                h.update(f"f\0{entry.name}\0".encode())
                _file(h, files, entry.path, digests, rel, entry.name)
            if is_folder:
                folders.append((entry.path, entry.name if rel == "." else f"{rel}/{entry.name}"))
        stack.extend(reversed(folders))     # depth first, in name order


def _file(h, files: _Files, path: str, digests: dict | None = None, rel: str = ".", name: str = "") -> None:
    try:
        digest = files.digest(path)
    except OSError as exc:
        h.update(f"!{exc.errno}".encode())     # part of the layout too: an unreadable file is checked in full
        return
    if digests is None:
        h.update(digest)
        return
    h.update(digest, layout=False)
    digests[name if rel == "." else f"{rel}/{name}"] = digest


def folder_times(output: Path, manifest: dict) -> dict[str, int]:
    """The mtime of every folder that holds a file of `manifest` (and of `output`): a
    file added, removed or renamed in a folder changes that folder's mtime."""
    folders = {""}
    for rel in manifest:
        while (cut := rel.rfind("/")) > 0 and (rel := rel[:cut]) not in folders:
            folders.add(rel)
    root = os.fspath(output)
    return {rel: os.lstat(os.path.join(root, rel) if rel else root).st_mtime_ns for rel in sorted(folders)}


def output_matches(output: Path, manifest: dict, folders: dict[str, int] | None, recorded_at: int = 0,
                   paths_only: bool = False) -> bool:
    """Every file in `output` is one the manifest records, with its size and mtime, and none
    is missing. `folders`, `recorded_at`: folder_times() when the manifest was recorded, and
    when (ns); a folder whose mtime holds has the same entries, unless its mtime was then
    too recent to tell (RACY_NS): that one is listed. `paths_only`: only that `output` holds
    exactly the paths the manifest records (its folders alone are looked at, a third of
    the lstats: a file edited in place is not noticed)."""
    paths, stamps = published_stamps(manifest)
    with output_check(output, paths, None if paths_only else stamps, folders, recorded_at) as check:
        return check.result()


def published_stamps(manifest: dict) -> tuple[list[str], array]:
    """The manifest's paths, sorted, and each one's size and mtime, flat: what output_check
    reads, kept apart from the fingerprints (a third of the time to load)."""
    paths = sorted(manifest)
    stamps = array("q")
    for rel in paths:
        stamps.extend(manifest[rel][1:])
    return paths, stamps


def output_check(output: Path, paths: Sequence[str], stamps: Sequence[int] | None, folders: dict[str, int] | None,
                 recorded_at: int = 0) -> all_in_parts:
    """output_matches(), of published_stamps() (`stamps` None: the paths only), started
    now and answered by `.result()`: a large output is lstat-ed by forked helpers while
    the caller does other work (the no-change rebuild digests its inputs meanwhile), the
    caller joining in when it asks."""
    check = _OutputCheck(os.fspath(output), paths, stamps, folders, recorded_at - RACY_NS)
    # One lstat per file and folder: some 90,000 at ten years, most of a no-change rebuild.
    fork = (len(paths) if stamps is not None else 0) + len(check.folders) >= SPLIT_CHECK_FROM
    return all_in_parts(_OutputCheck.matches, check, check.parts, fork=fork)


SPLIT_CHECK_FROM = 20_000     # files and folders; below this, forking costs more than the lstats it shares
PART = 2_000                  # files or folders a process checks before it takes the next part


class _OutputCheck:
    def __init__(self, root: str, paths: Sequence[str], stamps: Sequence[int] | None,
                 folders: dict[str, int] | None, racy: int):
        """`paths`: every path recorded (a folder is listed against them); `stamps`: their
        sizes and mtimes, each file to check one by one (None: none); `folders`: None if
        not recorded (then nothing matches)."""
        self.root, self.paths, self.stamps, self.racy, self.recorded = root, paths, stamps, racy, folders
        self.folders = list((folders or {}).items())
        self.folder_parts = -(-len(self.folders) // PART)
        self.parts = max(1, self.folder_parts + (-(-len(paths) // PART) if stamps is not None else 0))
        self._listed: set[str] | None = None

    def matches(self, i: int) -> bool:
        """The i-th part of the folders, then of the files, is as recorded."""
        if self.recorded is None:
            return False
        root = self.root
        try:
            if i < self.folder_parts:
                for rel, mtime in self.folders[i * PART:(i + 1) * PART]:
                    st = os.lstat(f"{root}/{rel}" if rel else root)
                    if st.st_mtime_ns != mtime or not stat.S_ISDIR(st.st_mode):
                        return False
                    if mtime >= self.racy and not _lists(root, rel, self._paths(), self.recorded):
                        return False
                return True
            first = (i - self.folder_parts) * PART
            stamps = self.stamps[2 * first:2 * (first + PART)]
            for rel, size, mtime in zip(self.paths[first:first + PART], stamps[::2], stamps[1::2]):
                st = os.lstat(f"{root}/{rel}")       # f-string: os.path.join costs more than the syscall
                if st.st_size != size or st.st_mtime_ns != mtime or not stat.S_ISREG(st.st_mode):
                    return False
        except OSError:
            return False
        return True

    def _paths(self) -> set[str]:
        """The recorded paths as a set, made when a folder too recent to vouch for itself is listed."""
        if self._listed is None:
            self._listed = set(self.paths)
        return self._listed


def _lists(root: str, rel: str, manifest: dict, folders: dict) -> bool:
    """The folder holds exactly the files and folders the record says."""
    prefix = f"{rel}/" if rel else ""
    with os.scandir(os.path.join(root, rel) if rel else root) as listing:
        for entry in listing:
            path = prefix + entry.name
            if path not in manifest and path not in folders:
                return False
    return True
