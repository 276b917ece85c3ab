"""engine/pool.py's work in a forked process (in_background): the same answer as in
the build's own process, whatever happens to the forked one; and how a build keeps
what it made out of the cyclic collector's scans."""
from __future__ import annotations

import gc
import os
import time

import pytest

from conftest import CONTENT
from generator import pipeline
from generator.engine.fingerprint import Fingerprints
from generator.engine.pool import all_in_parts, build_scope, cyclic_gc_paused, in_background


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _fails_in_a_fork(parent: int) -> str:
    if os.getpid() != parent:
        raise RuntimeError("lost in the forked process")
    return "computed here"


def _sleeps(seconds: float) -> None:
    time.sleep(seconds)


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    monkeypatch.setenv("BULLETIN_JOBS", "2")


def test_the_work_runs_in_another_process_and_its_result_comes_back():
    with in_background(_pid_and_square, 12) as job:
        pid, value = job.result()
    assert value == 144 and pid != os.getpid()


def test_without_fork_the_work_runs_here_when_asked():
    with in_background(_pid_and_square, 3, fork=False) as job:
        assert job.result() == (os.getpid(), 9)


def test_a_failure_in_the_forked_process_is_computed_again_here():
    with in_background(_fails_in_a_fork, os.getpid()) as job:
        assert job.result() == "computed here"


def test_leaving_before_asking_ends_the_forked_process():
    started = time.monotonic()
    with pytest.raises(KeyError):
        with in_background(_sleeps, 60):
            raise KeyError("the build stopped")
    assert time.monotonic() - started < 10


def test_the_model_digested_in_a_forked_process_is_digested_as_here():
    site = pipeline.check(CONTENT).site
    here = Fingerprints(b"key").model_digests(site)
    prints = Fingerprints(b"key")
    with in_background(lambda p: p.model_digests(site), prints) as job:
        apart = job.result()
    assert apart == here and len(here) == len(site.directives) + len(site.issues)
    prints.know(site, apart)
    assert all(prints.of(d) == digest for d, (_, digest) in zip(site.directives.values(), here))
    assert Fingerprints(b"key").of(next(iter(site.directives.values()))) == here[0][1], "the same digest, known or not"


def _writes_pid_after(path, result) -> None:
    """A `then`: slow, so a caller that did not wait for it would find nothing."""
    time.sleep(0.5)
    path.write_text(f"{os.getpid()} {result[1]}", encoding="utf-8")


def test_then_runs_after_the_result_in_the_same_process_and_is_waited_for(tmp_path):
    """The build's digests come back at once; the process then keeps the model (a cache
    entry) while the build goes on, and the build waits for it before it ends."""
    note = tmp_path / "then"
    with in_background(lambda path: _pid_and_square(7), note, then=_writes_pid_after) as job:
        pid, value = job.result()
        assert value == 49 and pid != os.getpid() and not note.exists(), "the result does not wait for `then`"
    assert note.read_text(encoding="utf-8") == f"{pid} 49"


def test_then_without_fork_runs_here_when_waited_for(tmp_path):
    note = tmp_path / "then"
    job = in_background(lambda path: _pid_and_square(5), note, fork=False, then=_writes_pid_after)
    assert job.result() == (os.getpid(), 25) and not note.exists()
    job.wait()
    assert note.read_text(encoding="utf-8") == f"{os.getpid()} 25"


def test_then_does_not_run_when_the_result_was_never_asked_for(tmp_path):
    note = tmp_path / "then"
    with in_background(lambda path: _sleeps(5), note, then=_writes_pid_after):
        pass
    time.sleep(0.8)
    assert not note.exists()


def test_what_a_paused_block_makes_is_kept_out_of_the_collectors_scans_until_the_build_ends():
    """A loaded model is frozen as it arrives (a pass over it frees nothing and cost
    0.27 s at ten years); the build hands it back to the collector when it ends."""
    frozen = gc.get_freeze_count()
    with build_scope():
        with cyclic_gc_paused():
            model = [[i] for i in range(10_000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(model)
    assert gc.get_freeze_count() == 0


def test_a_build_hands_back_to_the_collector_all_it_froze(tmp_path):
    assert pipeline.build(CONTENT, tmp_path / "out").ok
    assert gc.get_freeze_count() == 0      # serve builds again and again in one process


# all_in_parts: a check shared between the caller and forked helpers (the no-change
# rebuild's lstat of the whole output). The answer is all() of the parts, whoever
# checked which part.

class _Parts:
    """Part i passes unless it is in `failing`; each part checked leaves a file naming
    the process that checked it."""

    def __init__(self, folder, failing=(), fails_in_helpers=False, parent=0):
        self.folder, self.failing, self.fails_in_helpers, self.parent = folder, set(failing), fails_in_helpers, parent

    def check(self, i: int) -> bool:
        if self.fails_in_helpers and os.getpid() != self.parent:
            raise RuntimeError("lost in a helper")
        (self.folder / f"{i}.{os.getpid()}").write_text("", encoding="utf-8")
        return i not in self.failing


@pytest.mark.parametrize("helpers", ["2", "3"])
def test_every_part_is_checked_once_by_the_caller_or_a_helper(tmp_path, monkeypatch, helpers):
    monkeypatch.setenv("BULLETIN_JOBS", helpers)
    with all_in_parts(_Parts.check, _Parts(tmp_path), 40) as job:
        assert job.result()
    done = sorted(int(p.name.split(".")[0]) for p in tmp_path.iterdir())
    assert done == list(range(40)), "each part exactly once"


def test_one_failing_part_fails_the_whole_whoever_checks_it(tmp_path):
    for failing in (0, 17, 39):
        (tmp_path / str(failing)).mkdir()
        with all_in_parts(_Parts.check, _Parts(tmp_path / str(failing), {failing}), 40) as job:
            assert not job.result()


def test_the_helper_starts_before_the_result_is_asked(tmp_path):
    """The caller's other work and the check overlap: parts are checked meanwhile, in another process."""
    with all_in_parts(_Parts.check, _Parts(tmp_path), 40) as job:
        deadline = time.time() + 10
        while not any(tmp_path.iterdir()) and time.time() < deadline:
            time.sleep(0.01)
        checked_by = {p.name.split(".")[1] for p in tmp_path.iterdir()}
        assert checked_by and str(os.getpid()) not in checked_by
        assert job.result()


def test_a_helper_that_dies_leaves_the_caller_to_check_every_part(tmp_path):
    with all_in_parts(_Parts.check, _Parts(tmp_path, fails_in_helpers=True, parent=os.getpid()), 40) as job:
        assert job.result()
    assert {int(p.name.split(".")[0]) for p in tmp_path.iterdir()} == set(range(40))
    (tmp_path / "f").mkdir()
    with all_in_parts(_Parts.check, _Parts(tmp_path / "f", {5}, fails_in_helpers=True, parent=os.getpid()), 40) as job:
        assert not job.result()


def test_leaving_without_asking_stops_the_helpers(tmp_path):
    import multiprocessing
    started = time.monotonic()
    with all_in_parts(_sleeps_part, None, 40):
        pass
    assert not multiprocessing.active_children()
    assert time.monotonic() - started < 10


def test_without_fork_the_parts_are_checked_here_when_asked(tmp_path):
    with all_in_parts(_Parts.check, _Parts(tmp_path), 5, fork=False) as job:
        assert not any(tmp_path.iterdir()), "nothing checked before it is asked"
        assert job.result()
    assert {p.name.split(".")[1] for p in tmp_path.iterdir()} == {str(os.getpid())}


def _sleeps_part(_, i: int) -> bool:
    time.sleep(1)
    return True
