"""May this build write into that output folder?

A build replaces its output folder wholesale, so it must only ever replace a folder
it owns: one that is absent, empty, or marked by an earlier build of this generator
(MARKER). Folders that hold what people wrote (the content, anything above it, the
repository, the working folder, the home folder, `/`) are refused even with --force;
a folder of someone else's files is refused unless --force says it may be replaced.

`claim_output` also takes a lock, so two builds into one output run one after the
other instead of swapping folders under each other."""
from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from generator.diagnostics import UsageError
from generator.messages import Key, say

try:
    import fcntl
except ImportError:            # not on POSIX: no lock, builds are not serialized
    fcntl = None

MARKER = ".bulletin-output"
MARKER_TEXT = ("Thư mục này do trình dựng bản tin (bulletin-generator) tạo ra; mỗi lần dựng sẽ thay "
               "toàn bộ nội dung. Đừng lưu tệp nào khác ở đây.\n").encode("utf-8")
LOCK_WAIT_SECONDS = 120
REPO_ROOT = Path(__file__).resolve().parents[2]

def owned_or_refused(output: Path, content: Path | None = None, force: bool = False,
                     protected: tuple[Path, ...] = ()) -> None:
    """Raise UsageError (exit 2) unless the build may replace `output`; touch nothing."""
    shown = output.as_posix()      # '' arrives as '.': the working folder, refused below
    out = _resolved(output)
    guarded = _protected(content, protected)
    for label, path, hint in guarded:
        if out == path:
            raise UsageError.coded("E-OUTPUT-IS-PROTECTED", shown=shown, label=label, path=path, advice=hint)
    for label, path, hint in guarded:
        if path.is_relative_to(out):
            raise UsageError.coded("E-OUTPUT-HOLDS-PROTECTED", shown=shown, label=label, path=path, advice=hint)
    if content is not None and out.is_relative_to(_resolved(content)):
        raise UsageError.coded("E-OUTPUT-IN-CONTENT", shown=shown, content=content.as_posix())
    if output.is_symlink() and not output.is_dir():
        raise UsageError.coded("E-OUTPUT-BAD-SYMLINK", shown=shown)
    if out.exists() and not out.is_dir():
        raise UsageError.coded("E-OUTPUT-IS-FILE", shown=shown)
    if not out.is_dir() or (out / MARKER).is_file():
        return
    try:
        foreign = sorted(p.name for p in out.iterdir())
    except OSError as exc:
        raise UsageError.coded("E-OUTPUT-UNREADABLE", shown=shown, reason=exc.strerror) from None
    if _built_before_markers(out, foreign):
        return
    if foreign and not force:
        odd = [n for n in foreign if not _earlier_name(out, n)] or foreign   # name what is not a page first
        listed = ", ".join(odd[:3]) + (", …" if len(odd) > 3 else "")
        raise UsageError.coded("E-OUTPUT-NOT-OURS", shown=shown, count=len(foreign), listed=listed, marker=MARKER)


# A site built before the marker existed: exactly these top-level names (and year
# folders), with the files only this generator writes. Lets `output/` of an older
# checkout be rebuilt without --force; anything else in it and it is not ours.
_EARLIER_SITE = frozenset({"index.html", "404.html", "robots.txt", "sitemap.xml", "rss.xml", "atom.xml",
                           "lich.ics", "assets", "chu-de", "co-quan", "lanh-dao", "luu-tru", "van-ban", "ky",
                           "thoi-han", "tim-kiem", "pagefind", "feed.xsl"})    # readers: deadlines, search, feed page
_EARLIER_REQUIRED = ("index.html", "sitemap.xml", "lich.ics", "assets/style.css")


def _built_before_markers(out: Path, names: list[str]) -> bool:
    return (all((out / rel).is_file() for rel in _EARLIER_REQUIRED)
            and all(_earlier_name(out, n) for n in names))


def _earlier_name(out: Path, name: str) -> bool:
    return name in _EARLIER_SITE or (name.isdigit() and len(name) == 4 and (out / name).is_dir())


@contextlib.contextmanager
def claim_output(output: Path, content: Path | None = None, force: bool = False,
                 wait: float = LOCK_WAIT_SECONDS):
    """Check ownership, then hold the output's lock for the whole build. Yields a
    `hold(folder)` to call on the staging folder before it is swapped in: it becomes
    the output, and a build that starts then must wait for this one to finish."""
    owned_or_refused(output, content, force)
    held: list[int] = []
    try:
        held.append(_lock_output(_resolved(output), wait))
        owned_or_refused(output, content, force)   # another build may have changed it while we waited
        yield lambda folder: held.append(_locked_folder(Path(folder), folder, time.monotonic() + wait, wait))
    finally:
        for fd in held:
            os.close(fd)   # closing releases the lock


def _lock_output(out: Path, wait: float) -> int:
    """An advisory lock on the output folder itself, so builds into different folders never
    wait for each other and nothing is left beside them. A build swaps the folder for a
    new one: whoever waited on the old one looks again. With no output folder yet, the
    parent folder is locked until the first build makes one."""
    deadline = time.monotonic() + wait
    while True:
        target = out if out.is_dir() else out.parent
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            fd = _locked_folder(target, out, deadline, wait)
        except OSError as exc:
            raise UsageError.coded("E-OUTPUT-PARENT", parent=out.parent, reason=exc.strerror) from None
        if (target == out and _same_folder(fd, out)) or (target != out and not out.is_dir()):
            return fd
        os.close(fd)        # swapped (or made) while we waited: lock what is there now


def _locked_folder(folder: Path, shown, deadline: float, wait: float) -> int:
    """An open descriptor of `folder`, holding its lock (waited for until `deadline`)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        if fcntl is not None:
            _acquire(fd, shown, deadline, wait)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _same_folder(fd: int, path: Path) -> bool:
    try:
        st, now = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (now.st_dev, now.st_ino)


def _acquire(fd: int, out, deadline: float, wait: float) -> None:
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if time.monotonic() >= deadline:
            raise UsageError.coded("E-OUTPUT-LOCKED", out=out, seconds=int(wait))
        if not told:
            print(say("output.waiting", out=out), flush=True)
            told = True
        time.sleep(0.1)


def _protected(content: Path | None, extra: tuple[Path, ...]):
    home = _home()
    # (what it is, where, what to do instead): catalog keys, worded in the message's language.
    own, sub = Key("output.hint_own_folder"), Key("output.hint_subfolder")
    out = [(Key("folder.root"), Path("/"), own)]
    if content is not None:
        out.append((Key("folder.content"), _resolved(content), own))
    out.append((Key("folder.cwd"), _resolved(Path.cwd()), sub))
    out.append((Key("folder.project"), REPO_ROOT, sub))
    if home is not None:
        out.append((Key("folder.home"), home, sub))
    out.extend((Key("folder.protected"), _resolved(p), Key("output.hint_other")) for p in extra)
    return out


def _home() -> Path | None:
    try:
        return _resolved(Path.home())
    except (RuntimeError, KeyError, OSError):
        return None


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))
