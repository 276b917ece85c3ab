"""A failed build leaves output/ byte for byte as it was; the same content always
gives the same bytes (issue 2)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, REPO
from generator import pipeline
from generator.write.ownership import MARKER, MARKER_TEXT
from helpers import snapshot

SMALL = REPO / "tests" / "fixtures" / "small"


def cli(*args, cwd: Path, seed: str = "0"):
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture()
def project(tmp_path) -> Path:
    """A working folder as an editor has it: content/ and a built output/."""
    shutil.copytree(SMALL, tmp_path / "content")
    result = cli(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_plain_build_writes_output(project):
    out = project / "output"
    for rel in ("index.html", "2024/w44/index.html", "2024/w44/so-suc-khoe-dien-tu/index.html",
                "2024/w45/quy-dinh-han-muc-dat/index.html", "luu-tru/index.html", "assets/style.css"):
        assert (out / rel).is_file(), rel


def test_content_error_leaves_output_untouched(project):
    before = snapshot(project / "output")
    md = project / "content/2024/w44/so-suc-khoe-dien-tu.md"
    md.write_text(md.read_text(encoding="utf-8").replace("date: 2024-10-28\n", "date: 2024-10-99\n", 1), encoding="utf-8")
    result = cli("build", cwd=project)
    assert result.returncode == 1
    assert "content/2024/w44/so-suc-khoe-dien-tu.md:3" in result.stderr
    assert snapshot(project / "output") == before
    assert sorted(p.name for p in project.iterdir() if p.name != ".output.cache") == ["content", "output"], "no half-written folder is left"


def test_render_failure_leaves_output_untouched(project):
    """A template that breaks mid-build (here: an undefined variable) must not half-write the site."""
    before = snapshot(project / "output")
    templates = project / "templates"
    shutil.copytree(REPO / "templates", templates)
    (templates / "directive.html").write_text('{% extends "base.html" %}{% block main %}{{ no_such_thing }}{% endblock %}',
                                              encoding="utf-8")
    result = cli("build", "--templates", str(templates), cwd=project)
    assert result.returncode != 0
    assert snapshot(project / "output") == before
    assert sorted(p.name for p in project.iterdir() if p.name != ".output.cache") == ["content", "output", "templates"]


def test_successful_rebuild_replaces_stale_files(project):
    out = project / "output"
    (out / "stale.html").write_text("cũ", encoding="utf-8")
    (project / "content/2024/w45/quy-dinh-han-muc-dat.md").unlink()
    assert cli(cwd=project).returncode == 0
    assert not (out / "stale.html").exists()
    assert not (out / "2024/w45/quy-dinh-han-muc-dat").exists()


def test_two_builds_are_byte_identical(tmp_path):
    """Same content, separate processes with different hash seeds: same bytes."""
    shutil.copytree(CONTENT, tmp_path / "content")
    for out, seed in (("a", "1"), ("b", "2")):
        result = cli("build", "--output", out, cwd=tmp_path, seed=seed)
        assert result.returncode == 0, result.stderr
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_in_process_build_matches_cli(tmp_path):
    result = pipeline.build(SMALL, tmp_path / "out")
    assert result.ok
    written = snapshot(tmp_path / "out")
    assert written[MARKER] == MARKER_TEXT, "the output is marked as this generator's"
    assert sorted(written) == result.files == result.written


def test_renamed_file_without_alias_is_flagged_and_alias_keeps_old_url(project):
    old = project / "content/2024/w44/so-suc-khoe-dien-tu.md"
    new = old.with_name("so-suc-khoe-dien-tu-vneid.md")
    old.rename(new)
    bulletin = project / "content/2024/w44/_bulletin.yaml"
    bulletin.write_text(bulletin.read_text(encoding="utf-8").replace("so-suc-khoe-dien-tu]", "so-suc-khoe-dien-tu-vneid]"),
                        encoding="utf-8")
    result = cli("check", cwd=project)
    assert result.returncode == 0
    assert "/2024/w44/so-suc-khoe-dien-tu/" in result.stderr and "aliases: [/2024/w44/so-suc-khoe-dien-tu/]" in result.stderr

    new.write_text(new.read_text(encoding="utf-8").replace("related:", "aliases: [/2024/w44/so-suc-khoe-dien-tu/]\nrelated:", 1),
                   encoding="utf-8")
    result = cli("build", cwd=project)
    assert result.returncode == 0 and "đã được đăng" not in result.stderr
    redirect = (project / "output/2024/w44/so-suc-khoe-dien-tu/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in redirect and "../so-suc-khoe-dien-tu-vneid/" in redirect
