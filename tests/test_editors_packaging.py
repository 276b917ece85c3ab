"""Packaging and themes: `bulletin --version`, a site's own templates/ replacing packaged
templates file by file, a site started from nothing with `new-week`, and (slow) a
non-editable `pip install .` in a fresh venv that builds the seed without the checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.theme import default_templates, template_folders

REPO = Path(__file__).resolve().parent.parent


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("bulletin ")


def test_site_templates_override_the_packaged_ones_file_by_file(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    own = tmp_path / "templates"
    (own / "assets").mkdir(parents=True)
    (own / "404.html").write_text('{% extends "base.html" %}{% block main %}<h1>Lạc đường rồi</h1>{% endblock %}',
                                  encoding="utf-8")
    (own / "assets/style.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    assert template_folders(content) == [own, default_templates()]
    assert main(["build", "--content", str(content), "--output", str(tmp_path / "out")]) == 0
    out = tmp_path / "out"
    assert "Lạc đường rồi" in (out / "404.html").read_text(encoding="utf-8")
    assert (out / "assets/style.css").read_text(encoding="utf-8") == "body { color: #123456; }\n"
    home = (out / "index.html").read_text(encoding="utf-8")           # everything else is the package's
    assert 'lang="vi"' in home and "Lạc đường" not in home


def test_the_project_itself_uses_its_templates_folder():
    assert template_folders(REPO / "content") == [default_templates()]
    assert default_templates() == REPO / "templates"


def test_a_site_from_nothing(tmp_path, capsys, monkeypatch):
    """An editor with only the command: new-week starts site.yaml and topics.yaml too."""
    monkeypatch.chdir(tmp_path)
    assert main(["new-week", "2024-W45"]) == 0
    assert main(["new", "UBND tỉnh họp phiên thường kỳ", "--week", "2024-W45"]) == 0
    out = capsys.readouterr().out
    assert "Đã tạo content/site.yaml" in out and "Đã tạo content/topics.yaml" in out
    path = tmp_path / "content/2024/w45/ubnd-tinh-hop-phien-thuong-ky.md"
    text = path.read_text(encoding="utf-8").replace("\ndate:\n", "\ndate: 2024-11-06\n")
    path.write_text(text + "UBND tỉnh họp phiên thường kỳ tháng 11.\n", encoding="utf-8")
    assert main([]) == 0
    assert (tmp_path / "output/2024/w45/ubnd-tinh-hop-phien-thuong-ky/index.html").is_file()


@pytest.mark.slow
def test_non_editable_install_in_a_fresh_venv_builds_the_seed(tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    source = tmp_path / "source"          # a clean copy: no .venv, no build/ left by others
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".venv", "output", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".git", "benchmarks"))
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(source)], check=True, env=env, timeout=600)
    shutil.rmtree(source)                 # the installed command must not need the checkout
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    bulletin = env_dir / "bin" / "bulletin"
    run = lambda *args: subprocess.run([bulletin, *args], cwd=site, capture_output=True, text=True, timeout=300)
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("bulletin ")
    built = run("build")
    assert built.returncode == 0, built.stderr
    assert (site / "output/2024/w44/index.html").is_file() and (site / "output/assets/style.css").is_file()
    assert (site / "output/rss.xml").is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    started = subprocess.run([bulletin, "new-week", "2024-W45"], cwd=empty, capture_output=True, text=True, timeout=60)
    assert started.returncode == 0 and (empty / "content/topics.yaml").is_file(), started.stderr
