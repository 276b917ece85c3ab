"""The build, stage by stage: load and validate -> model -> render -> write."""
from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from generator.content.loader import load_content
from generator.diagnostics import Diagnostics
from generator.model.build import build_site
from generator.model.entities import Site
from generator.render.site import render_site
from generator.search import SearchIndexError, index_site
from generator.theme import default_templates, template_folders
from generator.write.atomic import write_tree
from generator.write.ownership import claim_output
from generator.write.published import check_continuity

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT = Path("output")
DEFAULT_TEMPLATES = default_templates()     # the packaged templates (a site's own override them)


# Told where a long run is, for the terminal's progress bar: progress(stage, done, total),
# stage one of STAGES; a stage may also report done/total items (e.g. pages rendered).
Progress = Callable[..., None] | None
STAGES = ("load", "model", "render", "write")


def _no_progress(stage: str, done: int = 0, total: int = 0) -> None:
    pass


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    site: Site | None = None
    files: dict[str, bytes] | None = None

    @property
    def ok(self) -> bool:
        return self.site is not None and not self.diagnostics.errors


def check(content: Path, shown: str | None = None, published: Path | None = None,
          include_drafts: bool = False, progress: Progress = None) -> BuildResult:
    """Load, validate and model the content; write nothing. With `published` (an
    output folder), also warn about published pages the new build would drop.
    `include_drafts` (the preview of `serve --drafts`) treats drafts as published."""
    diags = Diagnostics()
    report = progress or _no_progress
    with cyclic_gc_paused():
        report("load")
        tree = load_content(content, diags, shown or _shown(content))
        if include_drafts:
            _publish_drafts(tree)
        report("model")
        site = build_site(tree, diags) if not diags.errors else None
        if site is not None and published is not None:
            check_continuity(site, published, diags)
    return BuildResult(diags, site if not diags.errors else None)


def build(content: Path, output: Path, templates: Path | None = None, force: bool = False,
          include_drafts: bool = False, progress: Progress = None) -> BuildResult:
    """Refuse an output folder the build does not own (UsageError); hold its lock while
    building, so two builds into one output run one after the other. `templates`
    (default: the site's own templates/ beside `content`) overrides the packaged
    templates file by file (see theme.py)."""
    with claim_output(output, content, force):
        return _build(content, output, templates, include_drafts, progress)


def _build(content: Path, output: Path, templates: Path | None, include_drafts: bool,
           progress: Progress) -> BuildResult:
    """Check, render, and only if all of that succeeded, swap in the new output."""
    result = check(content, published=output, include_drafts=include_drafts, progress=progress)
    if not result.ok:
        return result
    report = progress or _no_progress
    with cyclic_gc_paused():
        report("render")
        result.files = render_site(result.site, template_folders(content, templates))
    report("write")
    try:
        write_tree(result.files, output, before_swap=index_site)   # the search index, before the swap
    except SearchIndexError as e:
        result.diagnostics.error(_shown(output), None, str(e), "output/ giữ nguyên; dựng lại sau khi sửa lỗi trên")
    return result


@contextlib.contextmanager
def cyclic_gc_paused():
    """A build allocates millions of small objects and frees few before it ends, so the
    cyclic collector only rescans them again and again (a third of the link-graph time
    of a ten-year archive). Reference counting still frees whatever goes out of use."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _publish_drafts(tree) -> None:
    for issue in tree.issues:
        issue.directives = [replace(d, draft=False) if d.draft else d for d in issue.directives]


def _shown(path: Path) -> str:
    """Name paths the way the editor typed them (relative when under the working folder)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()
