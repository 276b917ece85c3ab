"""Write the output tree atomically.

The new site is written into a fresh staging folder beside the output folder and
swapped in only once every file is on disk, so a build that fails at any point
leaves the published output/ exactly as it was.

Files that did not change are hard links to the published ones (same bytes, same
inode, same mtime), so a rebuild leaves them untouched for an rsync deploy; whoever
writes into a staging folder must therefore replace files, never modify one in place.

The swap: on Linux, renameat2(RENAME_EXCHANGE) trades the two folders in one step,
so there is no moment without an output/. Where it is not available (another OS, a
file system without it) the old folder is renamed aside and the new one renamed in
right after: two renames, the shortest window possible, and a crash between them
leaves the complete old site in `.output.old-*`, which the next build puts back.
Staging and retired folders are named `.<output>.new-<pid>-*` / `.<output>.old-<pid>-*`;
the next build removes those of processes that no longer run (a killed build)."""
from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Callable

from generator.write.ownership import MARKER, MARKER_TEXT

RENAME_EXCHANGE = 2
AT_FDCWD = -100


class Staging:
    """A new site being written beside `output`, file by file.

    With `spare` (a folder in the build cache, on the same file system) it starts from
    the site before the current one, which the last swap kept there, so a rebuild
    re-links or rewrites only what differs instead of making every folder and link
    again. Files are always replaced, never changed in place: unchanged ones are hard
    links shared with output/."""

    def __init__(self, output: Path, spare: Path | None = None, spare_files: tuple | None = None):
        """`spare_files`: (st_dev, st_ino, st_ctime_ns, output paths) of the spare, recorded
        when it was retired (retired_spare): pruning then needs no walk through it."""
        self.output = output.resolve()
        self.spare = spare
        self.output.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(self.output)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.new-{os.getpid()}-", dir=self.output.parent))
        self.reused = False
        self._held: tuple[str, ...] | None = None        # what the spare holds, if recorded
        if spare is not None and spare.is_dir() and not spare.is_symlink():
            try:
                st = os.lstat(spare)
                os.rmdir(self.root)
                os.rename(spare, self.root)       # named as ours now: a killed build's is cleaned up
                self.reused = True
                if spare_files and tuple(spare_files[:3]) == (st.st_dev, st.st_ino, st.st_ctime_ns):
                    self._held = spare_files[3]
            except OSError:
                self.root.mkdir(exist_ok=True)
        os.chmod(self.root, 0o755)   # mkdtemp makes it private; a web server must read it
        # Paths as strings below: a rebuild links ~30,000 files, and pathlib costs more than the links.
        self._root, self._output = str(self.root), str(self.output)
        self._made: set[str] = {self._root}
        # A first build has no published site to compare with: no lstat per file (60,000 at ten years).
        self._published = os.path.isdir(self._output)

    def put(self, rel: str, data: bytes) -> bool:
        """Write one file; True if it differs from the published one (else the published
        file is linked in, keeping its mtime)."""
        return self.put_stamped(rel, data)[0]

    def put_stamped(self, rel: str, data: bytes) -> tuple[bool, int, int]:
        """put(), with the size and mtime_ns of the file now in the staging folder (what
        the build records of it, without a stat more per file)."""
        target = self._target(rel)
        old = os.path.join(self._output, rel)
        try:
            st = os.lstat(old) if self._published else None
            same = st is not None and stat.S_ISREG(st.st_mode) and st.st_size == len(data) and _read(old) == data
        except OSError:
            same = False
        if same and self._link(old, target):
            return False, st.st_size, st.st_mtime_ns
        return (True, *_replace_with(target, data))

    def mark(self) -> bool:
        """Mark the folder as this generator's (the next build may replace it); True if new."""
        return self.put(MARKER, MARKER_TEXT)

    def keep(self, rel: str, published: os.stat_result | None = None) -> bool:
        """Take the published file as it is (its inputs did not change); False if it is gone.
        `published`: its lstat, if the caller has just taken it."""
        old = os.path.join(self._output, rel)
        if self.reused:
            # Most pages of a rebuild are already in the spare as this very inode (unchanged
            # for two builds): two lstats, no folder to make (makedirs per page cost ~2 s at 30,000 pages).
            try:
                mine, st = os.lstat(os.path.join(self._root, rel)), published or os.lstat(old)
                if (mine.st_dev, mine.st_ino) == (st.st_dev, st.st_ino) and stat.S_ISREG(st.st_mode):
                    return True
            except OSError:
                pass
        return self._link(old, self._target(rel))

    def prune(self, wanted: set[str]) -> None:
        """Remove what the spare folder held that the new site does not (files, then empty folders)."""
        if not self.reused:
            return
        if self._held is not None:
            self._prune_held(wanted)
            return
        for folder, dirs, files in os.walk(self.root, topdown=False):
            rel_folder = os.path.relpath(folder, self.root)
            for name in files:
                rel = name if rel_folder == "." else f"{rel_folder}/{name}".replace(os.sep, "/")
                if rel not in wanted:
                    os.unlink(os.path.join(folder, name))
            for name in dirs:
                path = os.path.join(folder, name)
                if os.path.islink(path):
                    os.unlink(path)
                elif _empty(Path(path)):
                    os.rmdir(path)

    def _prune_held(self, wanted: set[str]) -> None:
        """prune() from the recorded list of what the spare held, removing the folders
        that this leaves empty (deepest first)."""
        emptied: set[str] = set()
        for rel in self._held:
            if rel in wanted:
                continue
            path = os.path.join(self._root, rel)
            try:
                if not stat.S_ISDIR(os.lstat(path).st_mode):    # a folder now: the new site's
                    os.unlink(path)
            except (FileNotFoundError, NotADirectoryError):     # gone, or a file took its folder's place
                continue
            emptied.add(os.path.dirname(rel))
        for folder in sorted(emptied, key=lambda f: f.count("/"), reverse=True):
            while folder:
                try:
                    os.rmdir(os.path.join(self._root, folder))
                except OSError:              # not empty (or already gone): its parents are not empty either
                    break
                folder = os.path.dirname(folder)

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _target(self, rel: str) -> str:
        target = os.path.join(self._root, rel)
        parent = os.path.dirname(target)
        if parent not in self._made:
            try:
                if os.path.dirname(parent) in self._made:
                    try:
                        os.mkdir(parent)      # its parent made already: one call (makedirs checks it first)
                    except FileExistsError:
                        if not os.path.isdir(parent) or os.path.islink(parent):
                            raise
                else:
                    os.makedirs(parent, exist_ok=True)
            except (FileExistsError, NotADirectoryError):    # the spare had a file where a folder goes
                _clear_way(self.root, Path(parent))
                os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        return target

    @staticmethod
    def _link(old: str, target: str) -> bool:
        try:
            st = os.lstat(old)
            if not stat.S_ISREG(st.st_mode):
                return False
        except OSError:
            return False
        try:
            mine = os.lstat(target)
            if (mine.st_dev, mine.st_ino) == (st.st_dev, st.st_ino):
                return True                           # the spare already shares this file
        except FileNotFoundError:
            # Nothing there (a staging folder made afresh, with no spare): the link goes
            # straight in, without a temporary name and a rename (a rebuild with no spare
            # links some 60,000 files at ten years).
            try:
                os.link(old, target, follow_symlinks=False)
                return True
            except OSError:
                pass
        except OSError:
            pass
        tmp = _beside(target, "link")
        try:
            os.link(old, tmp, follow_symlinks=False)
        except OSError:
            try:                      # no hard links here (another file system): a copy keeps the mtime too
                shutil.copy2(old, tmp, follow_symlinks=False)
            except OSError:
                return False
        _replace(tmp, target)
        return True


def _replace_with(target: str, data: bytes) -> tuple[int, int]:
    """Write `data` at `target` as a new file; its (size, mtime_ns)."""
    try:
        # Nothing there yet (a first build, a new page): written in place, no temporary
        # name and rename. The staging folder is the build's own; nothing reads it before the swap.
        return _write_new(target, data)
    except FileExistsError:     # a spare's file, maybe a hard link shared with output/: replaced, never changed
        pass
    tmp = _beside(target, "new")
    stamp = _write_new(tmp, data, exclusive=False)     # a temporary name left by an earlier write is overwritten
    _replace(tmp, target)       # a rename keeps the mtime
    return stamp


def _write_new(path: str, data: bytes, exclusive: bool = True) -> tuple[int, int]:
    """Write `data` to `path`, created (if `exclusive`, FileExistsError when there is one
    already); its (size, mtime_ns)."""
    mode = os.O_EXCL if exclusive else os.O_TRUNC
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | mode | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        st = os.fstat(fd)
    finally:
        os.close(fd)
    return st.st_size, st.st_mtime_ns


def _beside(target: str, what: str) -> str:
    """A temporary name next to `target`, for a file renamed over it."""
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name}.{what}-{os.getpid()}")


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _replace(tmp: str, target: str) -> None:
    """Put `tmp` at `target` (a fresh inode: the old one may be shared with output/)."""
    try:
        os.replace(tmp, target)
    except IsADirectoryError:
        shutil.rmtree(target)
        os.replace(tmp, target)


def _clear_way(root: Path, folder: Path) -> None:
    """Remove files standing where `folder` (under root) and its parents must be folders."""
    path = root
    for part in folder.relative_to(root).parts:
        path = path / part
        if os.path.lexists(path) and not (path.is_dir() and not path.is_symlink()):
            os.unlink(path)


def _empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def write_tree(files: dict[str, bytes], output: Path) -> None:
    """All of `files` ({output path: bytes}) as the new output folder, or nothing."""
    staging = Staging(output)
    try:
        for rel, data in files.items():
            staging.put(rel, data)
        staging.mark()
        staging.prune({*files, MARKER})
    except BaseException:
        staging.discard()
        raise
    swap_in(staging, output)


def swap_in(staging: Staging, output: Path) -> None:
    """Make the staging folder the output folder; the old one becomes the spare."""
    output = output.resolve()
    try:
        if not os.path.lexists(output):
            os.rename(staging.root, output)
            return
        if _exchange(staging.root, output):
            _retire(staging.root, staging.spare)         # now holds the old site
            return
        retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-{os.getpid()}-", dir=output.parent))
        os.rmdir(retired)
        os.rename(output, retired)
        try:
            os.rename(staging.root, output)
        except BaseException:
            os.rename(retired, output)     # put the old site back
            raise
        _retire(retired, staging.spare)
    except BaseException:
        staging.discard()
        raise


def retired_spare(spare: Path | None, old_output: os.stat_result | None, files) -> tuple | None:
    """What to record of the spare after a swap: (st_dev, st_ino, st_ctime_ns, output paths)
    if the spare is the folder `old_output` was (the old site, whose files were `files`),
    else None. The change time moves if the folder is renamed or its entries change."""
    if spare is None or old_output is None or files is None:
        return None
    try:
        st = os.lstat(spare)
    except OSError:
        return None
    if (st.st_dev, st.st_ino) != (old_output.st_dev, old_output.st_ino):
        return None
    return (st.st_dev, st.st_ino, st.st_ctime_ns, tuple(sorted(files)))


def cloned_spare(output: Path, spare: Path, files) -> tuple | None:
    """A spare for an output whose last build left none (the first build into it): the
    site's `files` linked in as a build links the files it keeps (a Staging folder, so a
    killed process's is cleaned up like any other), then moved to `spare`. The next build
    starts from it instead of making every folder and link itself (~31,000 folders and
    60,000 links at ten years, 4-6 s). Its record, as retired_spare gives it; None, with
    nothing left behind, if it could not be made."""
    if os.path.lexists(spare):
        return None
    staging = Staging(output)
    try:
        if not all(staging.keep(rel) for rel in sorted(files)):
            raise FileNotFoundError("a file of the site is gone")
        os.rename(staging.root, spare)
        st = os.lstat(spare)
    except OSError:
        staging.discard()
        return None
    return (st.st_dev, st.st_ino, st.st_ctime_ns, tuple(sorted(files)))


def _retire(old_site: Path, spare: Path | None) -> None:
    """Keep the old site as the spare the next build starts from (or remove it)."""
    if spare is None or os.path.lexists(spare):
        shutil.rmtree(old_site, ignore_errors=True)
        return
    try:
        os.rename(old_site, spare)
    except OSError:
        shutil.rmtree(old_site, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where that is not possible."""
    renameat2 = getattr(_libc(), "renameat2", None) if os.name == "posix" else None
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def leftover_pattern(output: Path) -> re.Pattern:
    return re.compile(rf"^\.{re.escape(output.name)}\.(new|old)-(?:(\d+)-)?")


def clean_leftovers(output: Path) -> list[Path]:
    """Remove staging and retired folders of builds that were killed. A retired folder
    with no output/ beside it is the old site of a build killed mid-swap: put back."""
    pattern = leftover_pattern(output)
    removed = []
    try:
        entries = sorted(output.parent.iterdir())
    except OSError:
        return removed
    for path in entries:
        m = pattern.match(path.name)
        if not m or not path.is_dir() or path.is_symlink() or _running(m.group(2)):
            continue
        if m.group(1) == "old" and not os.path.lexists(output):
            os.rename(path, output)
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _running(pid: str | None) -> bool:
    if not pid or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True          # exists, owned by someone else
    return True
