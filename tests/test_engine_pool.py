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
from generator.engine.pool import build_scope, cyclic_gc_paused, in_background


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
