"""Feedback on long work: a progress bar on a terminal once a run has taken more than a
second, and the one-line summary at the end. Nothing is drawn when stderr is not a
terminal (CI logs, pipes) or with --quiet, so logs stay plain."""
from __future__ import annotations

import sys
import threading
import time
from typing import TYPE_CHECKING

from generator.commands.words import say
from generator.messages import DEFAULT

if TYPE_CHECKING:
    from generator.model.entities import Site

DELAY = 1.0          # seconds before the bar appears: quick runs stay silent
TICK = 0.1
WIDTH = 24
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class ProgressBar:
    """A callable `progress(stage, done=0, total=0)` for pipeline.build and the importer,
    drawn on one line of stderr by a background thread while the work runs."""

    def __init__(self, stages: tuple[str, ...], enabled: bool | None = None, stream=None, lang: str = DEFAULT):
        self.lang = lang
        self.stream = stream or sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.stages = stages
        self.stage, self.done, self.total = stages[0], 0, 0
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None:
        self.stage, self.done, self.total = stage, done, total

    def __enter__(self) -> "ProgressBar":
        if self.enabled:
            self._thread = threading.Thread(target=self._run, name="progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def line(self, elapsed: float) -> str:
        label = say(f"progress.{self.stage}", self.lang) if self.stage in self.stages else self.stage
        count = f" {self.done}/{self.total}" if self.total else ""
        if len(self.stages) == 1 and not self.total:
            return f"{SPINNER[int(elapsed / TICK) % len(SPINNER)]} {label}  {elapsed:.1f} s"
        index = self.stages.index(self.stage) if self.stage in self.stages else 0
        fraction = (index + (self.done / self.total if self.total else 0)) / len(self.stages)
        filled = int(WIDTH * fraction)
        return f"{'█' * filled}{'░' * (WIDTH - filled)} {label}{count}  {elapsed:.1f} s"

    def _run(self) -> None:
        if self._stop.wait(DELAY):
            return
        while not self._stop.is_set():
            self.stream.write("\r" + self.line(time.monotonic() - self.started) + "\x1b[K")
            self.stream.flush()
            self._drawn = True
            self._stop.wait(TICK)


def counts(site: Site) -> dict[str, int]:
    return {"directives": len(site.directives), "issues": len(site.issues), "topics": len(site.topics),
            "documents": len(site.links.documents) if site.links else 0}


def build_summary(site: Site, files: dict[str, bytes], seconds: float, lang: str = DEFAULT) -> str:
    """"23 chỉ đạo, 1 kỳ, 14 chủ đề, 41 văn bản, 113 trang, 0.4 s"."""
    pages = sum(1 for path in files if path.endswith(".html"))
    return say("summary.line", lang, **counts(site), pages=pages, seconds=f"{seconds:.1f}")


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
