"""The git workflow files: the pre-commit hook runs the checker (and fails on bad content),
the example CI workflow checks and builds on pull requests and deploys only from main."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def test_pre_commit_hook_runs_check_on_content_changes():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert hook["language"] == "script" and hook["pass_filenames"] is False
    assert "content/" in hook["files"]
    script = REPO / hook["entry"]
    assert script.is_file() and script.stat().st_mode & 0o111
    assert "build.py check" in script.read_text(encoding="utf-8")


def test_check_script_fails_on_bad_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    bad = next((content / "2024/w44").glob("*.md"))
    bad.write_text(bad.read_text(encoding="utf-8").replace("\ndate: ", "\ndate: 28/10/2024\nx: ", 1), encoding="utf-8")
    run = subprocess.run([REPO / "scripts/check.sh", "--content", str(content)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1 and "viết 2024-10-28" in run.stderr
    assert subprocess.run([REPO / "scripts/check.sh"], capture_output=True, timeout=120).returncode == 0


def test_example_ci_checks_pull_requests_and_deploys_only_main():
    text = (REPO / "docs/examples/github-actions-publish.yml").read_text(encoding="utf-8")
    assert text.startswith("# VÍ DỤ (EXAMPLE)")
    flow = yaml.safe_load(text)
    triggers = flow[True]          # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = " ".join(str(s.get("run", "")) for s in flow["jobs"]["build"]["steps"])
    assert "bulletin check" in steps and "bulletin build" in steps
    only_main = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert flow["jobs"]["deploy"]["if"] == only_main and flow["jobs"]["deploy"]["needs"] == "build"


def test_editorconfig_says_utf8_and_unix_lines():
    text = (REPO / ".editorconfig").read_text(encoding="utf-8")
    assert "charset = utf-8" in text and "end_of_line = lf" in text
