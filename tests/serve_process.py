"""`build.py serve` as a real process on a free port, for the serve tests."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WAIT = 20        # seconds: the longest any step may take on a loaded machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    def __init__(self, content: Path, port: int, *extra: str, sigint_ignored: bool = False):
        """`sigint_ignored`: start it as a script's background job is started (SIGINT ignored)."""
        self.port = port
        self.log = content.parent / "serve.log"
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--content", str(content), "--port", str(port), *extra],
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT, cwd=content.parent,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if sigint_ignored else None)

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
        """The server-sent build states, one dict per event (None for a keep-alive, so that
        a waiting test can give up in time)."""
        stream = urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__serve/events", timeout=WAIT)
        for line in stream:
            if line.startswith(b"data: "):
                yield json.loads(line[6:])
            elif line.startswith(b":"):
                yield None

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(WAIT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


def state_where(events, wanted) -> dict:
    """The first build state for which `wanted(state)` holds: a save may reach the watcher
    as more than one change (and so more than one rebuild), so intermediate states are skipped."""
    deadline = time.monotonic() + WAIT
    last = None
    for state in events:
        if state is not None and wanted(state):
            return state
        last = state or last
        assert time.monotonic() < deadline, f"no wanted state; last: {last}"
    raise AssertionError("the event stream ended")
