"""Failures that are not the content's fault (issue 10, part 4): a full or read-only
disk, an unreadable folder, a broken template, an import into a file or over a
blocked path. Each is a Vietnamese message and exit 2 (content errors: 1), never a
traceback, and nothing half-written is left behind."""
from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import REPO, seed_path
from generator import cli
from generator.write import atomic
from helpers import snapshot

SMALL = REPO / "tests" / "fixtures" / "small"


def run(capsys, *argv) -> tuple[int, str]:
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture()
def project(tmp_path, capsys) -> Path:
    shutil.copytree(SMALL, tmp_path / "content")
    code, text = run(capsys, "build", "--content", tmp_path / "content", "--output", tmp_path / "output")
    assert code == 0, text
    return tmp_path


@pytest.mark.parametrize("err, words", [(errno.ENOSPC, "đĩa đã đầy"), (errno.EROFS, "chỉ cho đọc"),
                                        (errno.EACCES, "không có quyền")])
def test_full_or_read_only_disk_is_a_message_and_output_is_kept(project, capsys, monkeypatch, err, words):
    before = snapshot(project / "output")
    real_write, real_write_new = Path.write_bytes, atomic._write_new
    calls = {"n": 0}

    def failing(write):
        def fails_part_way(path, data):
            calls["n"] += 1
            if calls["n"] > 5:          # fail part way through the new site
                raise OSError(err, os.strerror(err), str(path))
            return write(path, data)
        return fails_part_way
    monkeypatch.setattr(Path, "write_bytes", failing(real_write))
    monkeypatch.setattr(atomic, "_write_new", failing(real_write_new))    # how the pages are written
    site_yaml = project / "content/site.yaml"        # every page changes, so the build must write them
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("title: ", "title: Mới - ", 1), encoding="utf-8")
    code, text = run(capsys, "build", "--content", project / "content", "--output", project / "output")
    monkeypatch.undo()
    assert code == 2 and words in text and "Traceback" not in text
    assert snapshot(project / "output") == before
    assert sorted(p.name for p in project.iterdir() if p.name != ".output.cache") == ["content", "output"], \
        "no staging folder is left"


def test_failed_swap_puts_the_old_site_back(project, capsys, monkeypatch):
    before = snapshot(project / "output")
    real_rename = os.rename

    def rename(src, dst):
        if ".new-" in str(src):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dst))
        return real_rename(src, dst)
    monkeypatch.setattr(atomic.os, "rename", rename)
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)      # the two-rename swap, where it can fail
    site_yaml = project / "content/site.yaml"        # something to rebuild
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("description: ", "description: Mới. ", 1),
                         encoding="utf-8")
    code, text = run(capsys, "build", "--content", project / "content", "--output", project / "output")
    monkeypatch.undo()
    assert code == 2 and "Traceback" not in text
    assert snapshot(project / "output") == before


def test_unreadable_week_folder_is_named(project, capsys, monkeypatch):
    week = project / "content/2024/w45"
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.abspath(path) == str(week.absolute()):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_scandir(path)
    if os.geteuid() != 0:          # a real unreadable folder where permissions apply
        week.chmod(0)
    else:                          # root reads everything: simulate what the OS would say, to every reader
        monkeypatch.setattr(os, "scandir", scandir)
    try:
        before = snapshot(project / "output")
        for command in ("check", "build"):
            code, text = run(capsys, command, "--content", project / "content", "--output", project / "output")
            assert code == 1 and "2024/w45: lỗi [E-FOLDER-UNREADABLE]: không đọc được thư mục" in text and "Traceback" not in text
        assert snapshot(project / "output") == before
    finally:
        week.chmod(0o755)


def test_template_error_is_a_message_naming_the_template(project, capsys):
    templates = project / "templates"
    shutil.copytree(REPO / "templates", templates)
    (templates / "directive.html").write_text('{% extends "base.html" %}{% block main %}{{ no_such_thing }}{% endblock %}',
                                              encoding="utf-8")
    before = snapshot(project / "output")
    code, text = run(capsys, "build", "--content", project / "content", "--output", project / "output",
                     "--templates", templates)
    assert code == 2 and "Traceback" not in text
    assert "directive.html" in text and "no_such_thing" in text
    assert snapshot(project / "output") == before

    (templates / "directive.html").write_text("{% block main %}{{ x }", encoding="utf-8")
    code, text = run(capsys, "build", "--content", project / "content", "--output", project / "output",
                     "--templates", templates)
    assert code == 2 and "directive.html:1" in text and "Traceback" not in text


def test_unexpected_bug_is_a_message_not_a_traceback(project, capsys, monkeypatch):
    from generator.engine import render
    monkeypatch.setattr(render, "render_into", lambda *a, **k: 1 / 0)
    site_yaml = project / "content/site.yaml"        # something to rebuild
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("description: ", "description: Mới. ", 1),
                         encoding="utf-8")
    code, text = run(capsys, "build", "--content", project / "content", "--output", project / "output")
    assert code == 2 and "lỗi nội bộ" in text and "ZeroDivisionError" in text and "Traceback" not in text


def test_import_into_a_file_is_refused(tmp_path, capsys):
    target = tmp_path / "content"
    target.write_text("không phải thư mục", encoding="utf-8")
    code, text = run(capsys, "import", seed_path(), "--content", target)
    assert code == 2 and "là một tệp" in text and "Traceback" not in text
    assert target.read_text(encoding="utf-8") == "không phải thư mục"


def test_import_over_a_blocked_path_writes_nothing(tmp_path, capsys):
    content = tmp_path / "content"
    (content / "2024").mkdir(parents=True)
    (content / "2024/w44").write_text("một tệp chắn đường", encoding="utf-8")
    before = snapshot(content)
    code, text = run(capsys, "import", seed_path(), "--content", content)
    assert code == 2 and "Chưa ghi tệp nào" in text and "Traceback" not in text
    assert snapshot(content) == before and sorted(p.name for p in content.iterdir()) == ["2024"]


def test_import_that_fails_part_way_is_undone(tmp_path, capsys, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    real_write = Path.write_bytes
    calls = {"n": 0}

    def failing_write(self, data):
        calls["n"] += 1
        if calls["n"] == 10:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write(self, data)
    monkeypatch.setattr(Path, "write_bytes", failing_write)
    code, text = run(capsys, "import", seed_path(), "--content", content)
    monkeypatch.undo()
    assert code == 2 and "Đã hoàn tác" in text and "Traceback" not in text
    assert list(content.iterdir()) == []


def test_hostile_topics_file_does_not_hang_the_import(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    bomb = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ['"ha"'] * 9) + "]\n" for i in range(9))
    (content / "topics.yaml").write_text(bomb, encoding="utf-8")
    code, text = run(capsys, "import", seed_path(), "--content", content)
    assert code == 1 and "topics.yaml" in text and "bí danh" in text and "Traceback" not in text
    assert sorted(p.name for p in content.iterdir()) == ["topics.yaml"]


def test_named_pipe_in_the_content_is_not_read(project, capsys):
    """A FIFO named like a directive would block a reader forever: it is reported and skipped."""
    os.mkfifo(project / "content/2024/w44/ong.md")
    os.mkfifo(project / "content/2024/w45/_bulletin.yaml.fifo")
    code, text = run(capsys, "check", "--content", project / "content", "--output", project / "output")
    assert code == 0 and "ong.md" in text and "Traceback" not in text


def test_new_does_not_expand_a_hostile_topics_or_bulletin_file(tmp_path, capsys):
    """`new` only peeks at topics.yaml and _bulletin.yaml: with the bounded reader, an alias
    bomb there costs nothing (yaml.safe_load would expand it for minutes)."""
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    bomb = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ['"ha"'] * 9) + "]\n" for i in range(9))
    (content / "topics.yaml").write_text(bomb, encoding="utf-8")
    (content / "2024/w44/_bulletin.yaml").write_text(bomb + "order:\n  - hop-thuong-ky\n", encoding="utf-8")
    started = time.monotonic()
    code, text = run(capsys, "new", "Chỉ đạo mới", "--week", "2024-W44", "--content", content)
    assert time.monotonic() - started < 10 and "Traceback" not in text
    assert code in (0, 1)


def test_import_into_a_week_with_a_hostile_bulletin_answers_at_once(tmp_path, capsys):
    """`import --into` reads the week's files: an alias bomb there is refused, not expanded."""
    article = REPO / "tests/fixtures/importer/web/article-2024-w44.txt"
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    bomb = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ['"ha"'] * 9) + "]\n" for i in range(9))
    (content / "2024/w44/_bulletin.yaml").write_text(bomb, encoding="utf-8")
    before = snapshot(content)
    started = time.monotonic()
    code, text = run(capsys, "import", article, "--content", content, "--into", "2024-W44")
    assert time.monotonic() - started < 10 and "Traceback" not in text
    assert code == 1 and "period" in text
    assert snapshot(content) == before
