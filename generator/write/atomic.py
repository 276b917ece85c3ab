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

from generator.write.ownership import MARKER, MARKER_TEXT

RENAME_EXCHANGE = 2
AT_FDCWD = -100


class Staging:
    """A new site being written beside `output`, file by file."""

    def __init__(self, output: Path):
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(self.output)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.new-{os.getpid()}-", dir=self.output.parent))
        os.chmod(self.root, 0o755)   # mkdtemp makes it private; a web server must read it
        self._made: set[Path] = {self.root}

    def put(self, rel: str, data: bytes) -> bool:
        """Write one file; True if it differs from the published one (else the published
        file is linked in, keeping its mtime)."""
        target = self._target(rel)
        old = self.output / rel
        try:
            st = os.lstat(old)
            same = stat.S_ISREG(st.st_mode) and st.st_size == len(data) and old.read_bytes() == data
        except OSError:
            same = False
        if same and self._link(old, target):
            return False
        target.write_bytes(data)
        return True

    def mark(self) -> bool:
        """Mark the folder as this generator's (the next build may replace it); True if new."""
        return self.put(MARKER, MARKER_TEXT)

    def keep(self, rel: str) -> bool:
        """Take the published file as it is (its inputs did not change); False if it is gone."""
        return self._link(self.output / rel, self._target(rel))

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _target(self, rel: str) -> Path:
        target = self.root / rel
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        return target

    @staticmethod
    def _link(old: Path, target: Path) -> bool:
        try:
            if not stat.S_ISREG(os.lstat(old).st_mode):
                return False
            os.link(old, target, follow_symlinks=False)
        except OSError:
            try:                      # no hard links here (another file system): a copy keeps the mtime too
                shutil.copy2(old, target, follow_symlinks=False)
            except OSError:
                return False
        return True




def write_tree(files: dict[str, bytes], output: Path) -> None:
    """All of `files` ({output path: bytes}) as the new output folder, or nothing."""
    staging = Staging(output)
    try:
        for rel, data in files.items():
            staging.put(rel, data)
        staging.mark()
    except BaseException:
        staging.discard()
        raise
    swap_in(staging, output)


def swap_in(staging: Staging, output: Path) -> None:
    """Make the staging folder the output folder; the old one is removed."""
    output = output.resolve()
    try:
        if not os.path.lexists(output):
            os.rename(staging.root, output)
            return
        if _exchange(staging.root, output):
            shutil.rmtree(staging.root, ignore_errors=True)     # now holds the old site
            return
        retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-{os.getpid()}-", dir=output.parent))
        os.rmdir(retired)
        os.rename(output, retired)
        try:
            os.rename(staging.root, output)
        except BaseException:
            os.rename(retired, output)     # put the old site back
            raise
        shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        staging.discard()
        raise


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
