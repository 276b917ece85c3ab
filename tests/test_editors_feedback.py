"""Feedback on long work: the bar on a terminal after a second, nothing in logs or with
--quiet, and the one-line summary after a build."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from pathlib import Path

from generator import pipeline
from generator.commands import feedback
from generator.commands.feedback import ProgressBar

REPO = Path(__file__).resolve().parent.parent


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_appears_only_after_the_delay_and_is_cleared(monkeypatch):
    monkeypatch.setattr(feedback, "DELAY", 0.2)
    screen = Terminal()
    with ProgressBar(pipeline.STAGES, stream=screen) as progress:
        progress("load")
        assert screen.getvalue() == ""                         # quick work: nothing drawn
        progress("render", 30, 120)
        time.sleep(0.5)
    drawn = screen.getvalue()
    assert "dựng trang 30/120" in drawn and "█" in drawn
    assert drawn.endswith("\r\x1b[K")                         # the line is cleared for what follows


def test_no_bar_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(feedback, "DELAY", 0.0)
    log = io.StringIO()
    with ProgressBar(pipeline.STAGES, stream=log) as progress:
        progress("render")
        time.sleep(0.2)
    assert log.getvalue() == ""


def test_bar_line_fills_with_the_stages():
    bar = ProgressBar(pipeline.STAGES, enabled=False)
    bar("load")
    assert bar.line(1.5).startswith("░" * 24 + " đọc và kiểm tra nội dung  1.5 s")
    bar("write")
    assert bar.line(2.0).startswith("█" * 18 + "░" * 6 + " ghi tệp")
    spinner = ProgressBar(("import",), enabled=False)
    assert "nhập văn bản  3.0 s" in spinner.line(3.0)


def test_build_prints_the_summary_plainly_and_quiet_prints_none(tmp_path):
    run = lambda *args: subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=REPO,
                                       capture_output=True, text=True, timeout=120)
    built = run("build", "--output", str(tmp_path / "out"))
    assert built.returncode == 0
    assert re.search(r"^23 chỉ đạo, 1 kỳ, \d+ chủ đề, \d+ văn bản, \d+ trang, \d+\.\d s$", built.stdout, re.M)
    assert "\r" not in built.stdout + built.stderr and "█" not in built.stderr    # a log stays plain
    quiet = run("build", "--quiet", "--output", str(tmp_path / "out2"))
    assert quiet.returncode == 0 and quiet.stdout == ""
    checked = run("check", "--quiet")
    assert checked.returncode == 0 and checked.stdout == ""
    assert re.search(r"^Nội dung hợp lệ: 23 chỉ đạo, 1 kỳ", run("check").stdout, re.M)
