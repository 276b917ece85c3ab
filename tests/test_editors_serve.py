"""`serve` end to end, as a real process on a free port: the site under its base path,
the reload signal after an edit, the overlay's errors and the old page after a break,
recovery after the fix, a busy port, and a clean stop on Ctrl-C."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DIRECTIVE = "2024/w44/trien-khai-thang-hanh-dong-quoc-gia-phong-chong-hiv-aids-nam"
WAIT = 20        # seconds: the longest any step may take on a loaded machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    def __init__(self, content: Path, port: int, *extra: str):
        self.port = port
        self.log = content.parent / "serve.log"
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--content", str(content), "--port", str(port), *extra],
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT, cwd=content.parent,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for_output(self, text: str) -> None:
        deadline = time.monotonic() + WAIT
        while text not in self.output():
            assert self.proc.poll() is None or text in self.output(), self.output()
            assert time.monotonic() < deadline, f"no {text!r} in:\n{self.output()}"
            time.sleep(0.05)

    def get(self, path: str) -> tuple[int, str, dict]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=WAIT) as r:
                return r.status, r.read().decode("utf-8"), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8"), dict(e.headers)

    def events(self):
        """The server-sent build states, one dict per event."""
        stream = urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__serve/events", timeout=WAIT)
        for line in stream:
            if line.startswith(b"data: "):
                yield json.loads(line[6:])

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(WAIT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


@pytest.fixture()
def content(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(REPO / "content", dst)
    return dst


def test_serve_edit_break_fix_and_stop(content):
    server = Serve(content, free_port())
    try:
        server.wait_for_output("Đang xem thử tại")
        status, home, _ = server.get("/")                                     # redirected to the base path
        assert status == 200 and '<html lang="vi"' in home
        status, page, _ = server.get(f"/ban-tin/{DIRECTIVE}/")
        assert status == 200 and "Tháng hành động quốc gia" in page
        assert '<script src="/__serve/reload.js" defer></script></head>' in page
        assert server.get("/ban-tin/")[0] == 200
        status, missing, _ = server.get("/ban-tin/khong-co-trang-nay/")
        assert status == 404 and "Không tìm thấy trang" in missing          # the site's own 404 page
        assert server.get("/__serve/reload.js")[1].count("EventSource") == 1
        status, feed, headers = server.get("/ban-tin/rss.xml")
        assert status == 200 and headers["Content-Type"] == "application/xml" and "/__serve/" not in feed

        events = server.events()
        first = next(events)
        assert first["errors"] == []

        source = content / f"{DIRECTIVE}.md"
        good = source.read_text(encoding="utf-8")
        source.write_text(good.replace("Tháng hành động quốc gia", "Tháng HÀNH ĐỘNG quốc gia", 1), encoding="utf-8")
        state = next(events)                                                  # the reload signal
        assert state["build"] == first["build"] + 1 and state["errors"] == []
        assert "Tháng HÀNH ĐỘNG quốc gia" in server.get(f"/ban-tin/{DIRECTIVE}/")[1]

        source.write_text(good.replace("\ndate: ", "\ndate: 31/02/2024\nx: ", 1), encoding="utf-8")
        state = next(events)
        assert state["build"] == first["build"] + 1                            # no reload: nothing new to show
        messages = " ".join(e["where"] + " " + e["message"] for e in state["errors"])
        assert f"{DIRECTIVE}.md:" in messages and "không phải là một ngày" in messages
        assert "Tháng HÀNH ĐỘNG quốc gia" in server.get(f"/ban-tin/{DIRECTIVE}/")[1]   # the last good page
        server.wait_for_output("không phải là một ngày")                      # and in the terminal

        source.write_text(good, encoding="utf-8")
        state = next(events)
        assert state["build"] == first["build"] + 2 and state["errors"] == []  # overlay gone, page reloads
        assert "Tháng HÀNH ĐỘNG" not in server.get(f"/ban-tin/{DIRECTIVE}/")[1]
    finally:
        code = server.stop()
    assert code == 0 and "Đã dừng xem thử." in server.output()
    assert "Traceback" not in server.output()
    assert not (content.parent / "output").exists()          # serve never writes the user's output/


def test_busy_port_is_a_clear_message(content):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = Serve(content, port)
        assert server.proc.wait(WAIT) == 1
    assert f"Cổng {port} đang được chương trình khác dùng" in server.output()
    assert "Traceback" not in server.output()
