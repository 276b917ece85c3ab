"""`serve`: preview the site while editing. Builds into a private folder (never the
user's output/), serves it under the site's base path on 127.0.0.1, rebuilds on every
saved change (through pipeline.build, nothing of its own) and reloads open pages;
a failed rebuild keeps the last good site and shows its errors over the page.

A saved edit should show at once: the rebuild after a change leaves out the search
index (Pagefind over every page, most of the rebuild's time on the seed), and a full build
brings the index up to date as soon as the editor pauses (CATCH_UP_MS without a change).
Open pages reload as soon as the new site is swapped in (the build cache is written
after). On the seed that is ~0.2 s after the save; at ten years of issues ~1.3 s (README,
"Speed"): the checked model and the cache entries a build reads are held in memory
between saves, not loaded again."""
from __future__ import annotations

import argparse
import errno
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator import pipeline
from generator.commands.options import add_content, add_parser, add_templates, helptext
from generator.commands.report import print_diagnostics
from generator.commands.words import say
from generator.diagnostics import Diagnostic, Diagnostics
from generator.messages import DEFAULT
from generator.model.urls import directive_url
from generator.serve.state import BuildState
from generator.theme import template_folders

if TYPE_CHECKING:
    from generator.model.entities import SiteConfig

# watchfiles: a change is reported once files have been quiet for STEP_MS (an editor's save
# is several events), at most DEBOUNCE_MS after the first. CATCH_UP_MS of quiet brings the
# search index up to date after quick rebuilds (a full build, ~1 s on the seed): long enough
# that saves in quick succession never wait for it, since a save during it waits its end.
STEP_MS, DEBOUNCE_MS, CATCH_UP_MS = 30, 100, 1000


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_parser(sub, "serve", lang)
    add_content(p, lang)
    add_templates(p, lang)
    p.add_argument("--port", type=int, default=8000, help=helptext("port", lang))
    p.add_argument("--drafts", action="store_true", help=helptext("drafts", lang))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from watchfiles import watch      # here, so the other commands work in a venv set up before serve existed
    from generator.serve.server import PreviewServer    # here: http.server is not every command's to load
    missing = pipeline.no_content(args.content)
    if missing is not None:         # nothing to preview or watch: say so, as build and check do
        print_diagnostics(missing.diagnostics, lang=args.lang, footer=False)     # serve writes no output/
        return 1
    state = BuildState()
    if threading.current_thread() is threading.main_thread():
        # Ctrl-C stops serve even when it was started with SIGINT ignored (a background job
        # of a script, as some CI runners start commands), and `kill` stops it as cleanly.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryDirectory(prefix="bulletin-serve-") as work:
        site = Path(work) / "site"      # created by the build itself, so the build owns it
        try:
            server = PreviewServer(args.port, site, "/", state, _overlay_words(args.lang))
        except OSError as exc:
            return _port_problem(args.port, exc, args.lang)
        rebuild = Rebuilder(args.content, site, args.templates, args.drafts, state, server.follow, args.lang)
        rebuild("")
        server.start()
        try:        # from here on, Ctrl-C stops serve cleanly (the finally below)
            # The first build leaves no spare folder for the next to start from: made while the
            # editor reads, so the first save does not make the whole tree itself (4-6 s at ten years).
            threading.Thread(target=rebuild.prepare_spare, daemon=True).start()
            print(say("serve.url", args.lang, url=server.url), flush=True)
            watched = [p for p in (args.content, *template_folders(args.content, args.templates)) if p.exists()]
            print(say("serve.watching", args.lang, paths=", ".join(str(p) for p in watched)), flush=True)
            if args.drafts:
                print(say("serve.drafts", args.lang), flush=True)
            stale = False           # the search index lags the pages after a quick rebuild
            for changes in watch(*watched, debounce=DEBOUNCE_MS, step=STEP_MS, rust_timeout=CATCH_UP_MS,
                                 yield_on_timeout=True, raise_interrupt=True):
                if changes:
                    stale = rebuild(_changed(changes), quick=True)
                elif stale:
                    rebuild.catch_up()
                    stale = False
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
            # The spare's thread may not have started yet: told to make none, or waited for,
            # before its folder goes (CI once saw serve exit 2 on a Ctrl-C just after it started,
            # most likely the folder's removal failing while the spare was being made in it).
            rebuild.stop()
            # The temporary site and its build cache go with the folder: at ten years of
            # issues some 240,000 files, half a minute or more, so say what the wait is.
            print(say("serve.stopping", args.lang), flush=True)
    print(say("serve.stopped", args.lang), flush=True)
    return 0


class Rebuilder:
    """One build through the pipeline, its outcome printed and published to open pages."""

    def __init__(self, content: Path, site: Path, templates: Path | None, drafts: bool, state: BuildState,
                 on_built: Callable[[SiteConfig], None], lang: str = DEFAULT):
        self.content, self.site, self.templates, self.drafts, self.state = content, site, templates, drafts, state
        self.lang = lang
        self.on_built = on_built
        self.last_shown: list[Diagnostic] = []
        # Imported here: the CLI loads every command's module, and a no-change build must not
        # load the content reader (tests/test_engine_signature.py).
        from generator.engine.kept_model import ModelInMemory
        self.memory = ModelInMemory()     # the checked model, held between saves (not loaded again each time)
        self.building = threading.Lock()  # one build, or the spare being made, at a time
        self.stopped = False

    def prepare_spare(self) -> None:
        """pipeline.prepare_spare, before any save is built (a save waits for it); nothing
        once serve is stopping (its folder is about to go)."""
        with self.building:
            if self.stopped:
                return
            try:
                pipeline.prepare_spare(self.site)
            except Exception:       # noqa: BLE001 — it only saves the first save some time
                pass

    def stop(self) -> None:
        """Wait for the spare if it is being made, and make none after."""
        with self.building:
            self.stopped = True

    def __call__(self, what: str, quick: bool = False) -> bool:
        """Build and publish; True when it was a quick build (no search index) that succeeded.
        Open pages reload as soon as the new site is in place, while the build cache is
        still being written (pipeline.build's `swapped`)."""
        started = time.perf_counter()
        published: list[pipeline.BuildResult] = []

        def publish(result: pipeline.BuildResult) -> None:
            published.append(result)
            self._publish(result, what, started)

        try:
            # continuity=False: the build would warn of pages dropped from the folder it
            # replaces, but serve's own folder was never published (those warnings mislead).
            with self.building:
                result = pipeline.build(self.content, self.site, self.templates, include_drafts=self.drafts,
                                        staging_stages=not quick, memory=self.memory, swapped=publish,
                                        continuity=False)
        except Exception as exc:       # a broken template must not stop the preview
            where = getattr(exc, "filename", None) or str(self.templates or "templates")
            diags = Diagnostics()
            diags.report("E-SERVE-BUILD-CRASHED", where, getattr(exc, "lineno", None), None,
                         error=f"{type(exc).__name__}: {exc}")
            problem = diags.items[0].localized(self.lang)
            print(problem.format(self.lang), file=sys.stderr, flush=True)
            self.state.failed([problem])
            return False
        if not published:           # nothing changed, or the build failed: nothing was swapped in
            if not result.ok:
                self._show(result)
                print(say("serve.failed" if self.state.build else "serve.empty", self.lang), file=sys.stderr, flush=True)
                self.state.failed([d.localized(self.lang) for d in result.diagnostics.errors])
                return False
            self._publish(result, what, started)
        return quick

    def _publish(self, result: pipeline.BuildResult, what: str, started: float) -> None:
        """A build that succeeded: its warnings if they changed, the time it took, and open pages told."""
        self._show(result)
        if what:
            print(say("serve.rebuilt", self.lang, what=what, seconds=f"{time.perf_counter() - started:.2f}"), flush=True)
        drafts = None                           # nothing changed: the same drafts
        if result.site is not None:             # None: nothing changed, so neither did the configuration
            self.on_built(result.site.config)
            drafts = [directive_url(key) for key in result.drafts]
        self.state.succeeded(drafts)

    def _show(self, result: pipeline.BuildResult) -> None:
        """Errors every time; warnings only when they changed, so each save is not a wall of text."""
        shown = result.diagnostics.sorted()
        if result.diagnostics.errors or shown != self.last_shown:
            print_diagnostics(result.diagnostics, lang=self.lang, footer=False)     # serve says what happens instead
        self.last_shown = shown

    def catch_up(self) -> None:
        """The full build after quick ones: the same pages plus the search index. Open pages
        are not reloaded (what they show did not change) unless the index fails."""
        try:
            with self.building:
                result = pipeline.build(self.content, self.site, self.templates, include_drafts=self.drafts,
                                        memory=self.memory, continuity=False)
        except Exception:       # the next saved change rebuilds and reports it
            return
        if not result.ok:
            print_diagnostics(result.diagnostics, lang=self.lang, footer=False)
            self.state.failed([d.localized(self.lang) for d in result.diagnostics.errors])


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _overlay_words(lang: str) -> dict[str, str]:
    return {"title": say("serve.overlay_title", lang, count="{count}"), "note": say("serve.overlay_note", lang),
            "close": say("serve.overlay_close", lang), "empty": say("serve.empty", lang),
            "draft": say("serve.draft_badge", lang), "draft_note": say("serve.draft_note", lang), "lang": lang}


def _changed(changes: set) -> str:
    names = sorted({Path(path).name for _, path in changes})
    return ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")


def _port_problem(port: int, exc: OSError, lang: str) -> int:
    if exc.errno == errno.EADDRINUSE:
        print(say("serve.port_busy", lang, port=port, other=port + 1), file=sys.stderr)
    else:
        print(say("serve.port_denied", lang, port=port, error=exc.strerror or exc), file=sys.stderr)
    return 1
