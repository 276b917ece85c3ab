"""What open pages need to know about the latest build, shared by the rebuild loop
(which publishes) and the event streams (which wait for a change)."""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic


@dataclass
class BuildState:
    """`build` counts successful builds (a page reloads when it changes); `errors`
    are the last failed build's problems, shown as an overlay until a build succeeds."""
    build: int = 0
    errors: list[dict] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)   # site paths of the drafts shown (serve --drafts)
    version: int = 0
    closed: bool = False
    _cond: threading.Condition = field(default_factory=threading.Condition, repr=False)

    def succeeded(self, drafts: list[str] | None = None) -> None:
        """`drafts`: the draft pages of this build (None: the same as before)."""
        with self._cond:
            if drafts is not None:
                self.drafts = drafts
            self.build += 1
            self.errors = []
            self._changed()

    def failed(self, problems: list[Diagnostic]) -> None:
        with self._cond:
            self.errors = [{"where": d.location(), "message": d.message, "hint": d.hint} for d in problems]
            self._changed()

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._changed()

    def wait(self, seen: int, timeout: float) -> tuple[int, str | None]:
        """Block until the state differs from version `seen` (or `timeout`); return the
        current version and its JSON, or None for the JSON when nothing changed."""
        with self._cond:
            self._cond.wait_for(lambda: self.version != seen or self.closed, timeout)
            if self.version == seen:
                return seen, None
            return self.version, json.dumps({"build": self.build, "errors": self.errors, "drafts": self.drafts},
                                           ensure_ascii=False)

    def _changed(self) -> None:
        self.version += 1
        self._cond.notify_all()
