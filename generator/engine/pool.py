"""Work spread over every core.

Workers are forked once the model and the page plan exist, so each starts with all of
it in memory and only small results travel back. Each call handles a slice of the
items; results come back in the order of the items, whatever the scheduling, so the
output never depends on which worker did what. Small jobs, one core, or a platform
without fork run in-process. BULLETIN_JOBS=N sets the number of processes."""
from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import signal
from typing import Any, Callable, Sequence

MIN_ITEMS = 64          # below this, forking costs more than it saves
_JOB: tuple | None = None     # (fn, work, items, stride) for forked workers; set only around a pool


def jobs() -> int:
    try:
        return max(1, int(os.environ.get("BULLETIN_JOBS", "")))
    except ValueError:
        return max(1, min(os.cpu_count() or 1, 8))


def parallel_map(fn: Callable[[Any, Sequence], list], work: Any, items: Sequence, fork: bool | None = None,
                 slices: int | None = None) -> list:
    """fn(work, slice of items) -> one result per item; all results, in item order.
    `fork`: whether the items are worth forking for (default: at least MIN_ITEMS of them).
    `slices`: how many interleaved slices the items are dealt into, each handed to the
    next free worker in turn (default: four per worker, for many items that cost alike;
    len(items) hands out items one by one, in their order, for a few unequal ones)."""
    return parallel_map_beside(fn, work, items, None, fork, slices)[0]


def parallel_map_beside(fn: Callable[[Any, Sequence], list], work: Any, items: Sequence,
                        beside: Callable[[], Any] | None, fork: bool | None = None,
                        slices: int | None = None) -> tuple[list, Any]:
    """parallel_map, and beside() computed here while the workers work (instead of
    waiting for them): (the results in item order, beside's result or None)."""
    n = jobs()
    if fork is None:
        fork = len(items) >= MIN_ITEMS
    if n == 1 or not fork or "fork" not in multiprocessing.get_all_start_methods():
        return fn(work, items), beside() if beside is not None else None
    global _JOB
    stride = slices or n * 4            # interleaved slices: neighbouring items cost alike
    _JOB = (fn, work, items, stride)
    try:
        with multiprocessing.get_context("fork").Pool(n, initializer=_worker_start) as pool:
            pending = pool.map_async(_run, range(stride), chunksize=1)
            mine = beside() if beside is not None else None
            parts = pending.get()
    finally:
        _JOB = None
    out: list = [None] * len(items)
    for i, part in enumerate(parts):
        out[i::stride] = part
    return out, mine


class in_background:
    """fn(work) computed in a forked process while the caller goes on with other work:
    `with in_background(fn, work) as job: ...; job.result()`. Without fork, on one core,
    with `fork` false, or if the process fails, fn runs in-process when the result is asked.

    `then(work, result)`, if given, runs after the result is sent, in the same process at
    the lowest priority (a cache entry saved from what fn already went through): leaving
    the with block, or `wait()`, waits for it. Without fork it runs there, in-process; if
    the process failed, not at all (it only saves time later)."""

    def __init__(self, fn: Callable[[Any], Any], work: Any, fork: bool = True,
                 then: Callable[[Any, Any], None] | None = None):
        self._fn, self._work, self._then, self._process, self._receive = fn, work, then, None, None
        self._later: tuple | None = None          # then's call, to make in-process when waited for
        self._value, self._answered = None, False
        if fork and jobs() > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_background, args=(fn, work, send, then), daemon=True)
            self._process.start()
            send.close()

    def __enter__(self) -> "in_background":
        return self

    def __exit__(self, *exc) -> None:
        self.wait()

    def result(self) -> Any:
        """fn(work); asked again, the same value."""
        if not self._answered:
            self._value, self._answered = self._result(), True
        return self._value

    def _result(self) -> Any:
        if self._process is None:
            value = self._fn(self._work)
            if self._then is not None:
                self._later = (self._work, value)
        else:
            try:
                done, value = self._receive.recv()
            except (EOFError, OSError):
                done, value = False, None
            if not done:
                self._process.join()
                value = self._fn(self._work)
            elif self._then is not None:
                self._work = None          # the process has it: what only `then` needs is freed here
                return value
            self._end()
        self._work = None
        return value

    def wait(self) -> None:
        """The process ended: stopped if the result was never asked for (nobody waits for
        it), else waited for (`then`, after the result)."""
        if self._process is not None:
            if self._work is not None:
                self._process.terminate()
            self._end()
        if self._later is not None:
            later, self._later = self._later, None
            _quietly(self._then, *later)

    def _end(self) -> None:
        self._receive.close()
        self._process.join()
        self._process = None


class all_in_parts:
    """all(fn(work, i) for i in range(parts)), shared between the caller and forked
    helpers that start at once: `with all_in_parts(fn, work, n) as job: ...; job.result()`.
    The caller goes on with other work meanwhile and joins in when it asks for the result:
    each part goes to whichever process is free next, and a part that fails stops them
    all. Leaving the with block without asking stops the helpers. Without fork, on one
    core, or with `fork` false, it all runs in-process when the result is asked."""

    def __init__(self, fn: Callable[[Any, int], bool], work: Any, parts: int, fork: bool = True):
        self._fn, self._work, self._parts, self._helpers = fn, work, parts, []
        helpers = min(jobs() - 1, parts - 1)
        if not (fork and helpers > 0 and "fork" in multiprocessing.get_all_start_methods()):
            return
        context = multiprocessing.get_context("fork")
        self._next, self._failed = context.RawValue("i", 0), context.RawValue("b", 0)
        self._lock = context.Lock()
        self._helpers = [context.Process(target=self._help, daemon=True) for _ in range(helpers)]
        for helper in self._helpers:
            helper.start()

    def __enter__(self) -> "all_in_parts":
        return self

    def __exit__(self, *exc) -> None:
        if self._helpers:       # the result was not asked for: nobody needs the rest
            self._failed.value = 1
            for helper in self._helpers:
                helper.terminate()
            self._end()

    def result(self) -> bool:
        if not self._helpers:
            return all(self._fn(self._work, i) for i in range(self._parts))
        mine = self._share()
        exits = self._end()
        if not mine or self._failed.value:
            return False
        if any(code != 0 for code in exits):   # a helper died: which parts it saw is unknown
            return all(self._fn(self._work, i) for i in range(self._parts))
        return True

    def _share(self) -> bool:
        """Parts claimed one by one until none is left or one failed (here or elsewhere)."""
        while not self._failed.value:
            with self._lock:
                i = self._next.value
                self._next.value = i + 1
            if i >= self._parts:
                return True
            if not self._fn(self._work, i):
                self._failed.value = 1
                return False
        return True

    def _help(self) -> None:
        _worker_start()
        gc.freeze()         # as in _run: the inherited memory stays out of the collector's scans
        try:
            self._share()
        except BaseException:   # noqa: BLE001 — exit code 2: the caller checks every part itself
            os._exit(2)
        os._exit(0)             # a failed part is told by _failed; no atexit of the parent's runs here

    def _end(self) -> list[int | None]:
        helpers, self._helpers = self._helpers, []
        for helper in helpers:
            helper.join()
        return [helper.exitcode for helper in helpers]


def _quietly(fn: Callable[..., Any], *args: Any) -> None:
    try:
        fn(*args)
    except Exception:   # noqa: BLE001 — what it would have kept (a cache entry) is simply not kept
        pass


def _background(fn: Callable[[Any], Any], work: Any, send, then: Callable[[Any, Any], None] | None = None) -> None:
    _worker_start()
    gc.freeze()         # as in _run: the inherited model stays out of the collector's scans
    try:
        value = (True, fn(work))
    except Exception:   # noqa: BLE001 — the caller computes it itself
        value = (False, None)
    send.send(value)
    send.close()
    if then is not None and value[0]:
        os.nice(19)     # what is left only saves time later: the build's own processes come first
        _quietly(then, work, value[1])


def _worker_start() -> None:
    """Ctrl-C is the parent's to handle, and the pool ends its workers with SIGTERM: a
    worker neither reacts to the one nor keeps a handler it inherited (serve's) for the other."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(i: int) -> list:
    fn, work, items, stride = _JOB
    # What the worker inherited stays out of the collector's sight (scanning it would copy
    # every shared page); what the worker makes itself is collected as usual.
    gc.freeze()
    gc.enable()
    return fn(work, items[i::stride])


@contextlib.contextmanager
def cyclic_gc_paused():
    """A build allocates millions of small objects and frees few before it ends, so the
    cyclic collector only rescans them again and again (a third of the link-graph time
    of a ten-year archive). Reference counting still frees whatever goes out of use.
    What the block made is frozen when it ends: it is what a build keeps (a model, a
    cache entry, a plan), and the collector's first pass after the pause would scan it
    all to free nothing (0.27 s after the ten-year model is loaded, some 0.7 s a
    rebuild in all). build_scope() unfreezes it when the build ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def build_scope():
    """One build: what it froze (cyclic_gc_paused, and what exists when it starts) stays
    out of the collector's scans until it ends, then is handed back to it (serve builds
    again and again in one process). Collection still runs for what the build makes
    outside paused blocks."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def release_freed_memory() -> None:
    """Give the memory freed so far back to the system (glibc keeps freed blocks for
    reuse, and a process forked later would count them as its own). Elsewhere: nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    """glibc's malloc_trim, looked up once among the symbols the process already has
    (ctypes.util.find_library would run `ldconfig -p` on every call); None without glibc."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
