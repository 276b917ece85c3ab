"""The build writes only into an output folder it owns (issue 10, part 1): anything
else is refused with exit code 2, a Vietnamese message, and nothing touched."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO
from generator import pipeline
from generator.diagnostics import UsageError
from generator.write.ownership import MARKER, claim_output, owned_or_refused
from helpers import snapshot

SMALL = REPO / "tests" / "fixtures" / "small"


def cli(*args, cwd: Path, home: Path | None = None):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if home is not None:
        env["HOME"] = str(home)
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def work(tmp_path) -> Path:
    (tmp_path / "home").mkdir()
    project = tmp_path / "home" / "docs" / "project"
    shutil.copytree(SMALL, project / "content")
    (project / "notes.txt").write_text("ghi chú của biên tập viên", encoding="utf-8")
    return project


@pytest.mark.parametrize("output, says", [
    ("content", "đó là thư mục nội dung"),
    ("content/2024", "nằm trong thư mục nội dung"),
    (".", "đó là thư mục đang làm việc"),
    ("", "đó là thư mục đang làm việc"),
    ("..", "thư mục này chứa thư mục nội dung"),
    ("/", "thư mục gốc của máy"),
    ("HOME", "thư mục nhà của người dùng"),
    ("notes.txt", "là một tệp"),
])
@pytest.mark.parametrize("force", [False, True])
def test_refused_outputs_touch_nothing(work, output, says, force):
    home = work.parent.parent
    if output == "HOME":
        output = str(home)
    before = snapshot(home.parent)
    args = ["build", "--output", output] + (["--force"] if force else [])
    result = cli(*args, cwd=work, home=home)
    assert result.returncode == 2, result.stderr
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(home.parent) == before
    assert sorted(p.name for p in home.parent.iterdir()) == ["home"]


def test_the_project_itself_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="thư mục của dự án"):
        owned_or_refused(REPO, tmp_path / "content", force=True)


def test_folder_of_foreign_files_needs_force(work):
    site = work / "site"
    site.mkdir()
    (site / "keep.txt").write_text("của người khác", encoding="utf-8")
    result = cli("build", "--output", "site", cwd=work)
    assert result.returncode == 2
    assert "keep.txt" in result.stderr and "--force" in result.stderr
    assert (site / "keep.txt").read_text(encoding="utf-8") == "của người khác"
    assert cli("build", "--output", "site", "--force", cwd=work).returncode == 0
    assert (site / MARKER).is_file() and (site / "index.html").is_file()


def test_empty_absent_and_marked_folders_are_ours(work):
    (work / "empty").mkdir()
    for out in ("empty", "new/deep/site"):
        assert cli("build", "--output", out, cwd=work).returncode == 0
        assert (work / out / MARKER).is_file()
    # a marked folder is rebuilt without --force
    assert cli("build", "--output", "empty", cwd=work).returncode == 0


def test_in_process_build_raises_usage_error_before_reading(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    before = snapshot(tmp_path)
    with pytest.raises(UsageError):
        pipeline.build(content, content)
    with pytest.raises(UsageError):
        pipeline.build(content, tmp_path, force=True)
    assert snapshot(tmp_path) == before


def test_symlinked_output_to_content_is_refused(work):
    (work / "out").symlink_to(work / "content")
    result = cli("build", "--output", "out", "--force", cwd=work)
    assert result.returncode == 2 and "thư mục nội dung" in result.stderr


def _second_build(out: Path, order: list) -> threading.Thread:
    """Another build claiming `out` from a thread; it notes "second" once it holds the lock."""
    def second():
        with claim_output(out, SMALL, wait=10):
            order.append("second")
    t = threading.Thread(target=second)
    t.start()
    return t


def test_two_builds_into_one_output_are_serialized(tmp_path):
    out = tmp_path / "out"
    order = []
    with claim_output(out, SMALL):
        t = _second_build(out, order)
        t.join(0.5)
        assert t.is_alive(), "the second build waits for the first"
        order.append("first")
    t.join(10)
    assert order == ["first", "second"]


def test_builds_into_sibling_folders_do_not_wait_for_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with claim_output(tmp_path / "a", SMALL):
        started = time.monotonic()
        with claim_output(tmp_path / "b", SMALL, wait=5):
            assert time.monotonic() - started < 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"], "no lock file is left beside them"


def test_a_build_waiting_while_the_output_is_swapped_waits_for_the_new_one(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    order = []
    with claim_output(out, SMALL) as hold:
        staging = tmp_path / ".out.new"
        staging.mkdir()
        hold(staging)
        t = _second_build(out, order)
        t.join(0.3)
        os.rename(out, tmp_path / ".out.old")      # the swap: the staging folder becomes the output
        os.rename(staging, out)
        t.join(0.5)
        assert t.is_alive(), "the second build now waits on the new output, which the first still holds"
        order.append("first")
    t.join(10)
    assert order == ["first", "second"]


def test_second_build_gives_up_clearly(tmp_path):
    out = tmp_path / "out"
    with claim_output(out, SMALL):
        errors = []

        def second():
            try:
                with claim_output(out, SMALL, wait=0.3):
                    pass
            except UsageError as exc:
                errors.append(exc.message)
        t = threading.Thread(target=second)
        t.start()
        t.join(10)
    assert errors and "một bản dựng khác đang ghi" in errors[0]


def test_site_built_before_the_marker_is_rebuilt_without_force(work):
    assert cli("build", "--output", "site", cwd=work).returncode == 0
    (work / "site" / MARKER).unlink()                 # as an older version left it
    assert cli("build", "--output", "site", cwd=work).returncode == 0
    (work / "site" / MARKER).unlink()
    (work / "site" / "ghi-chu.txt").write_text("của biên tập viên", encoding="utf-8")
    result = cli("build", "--output", "site", cwd=work)
    assert result.returncode == 2 and "ghi-chu.txt" in result.stderr
    assert (work / "site" / "ghi-chu.txt").is_file()
