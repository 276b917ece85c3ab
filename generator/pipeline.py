"""The build, stage by stage: load and validate -> model -> render -> write."""
from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass
from pathlib import Path

from generator.content.loader import load_content
from generator.diagnostics import Diagnostics
from generator.model.build import build_site
from generator.model.entities import Site
from generator.render.site import render_site
from generator.search import SearchIndexError, index_site
from generator.write.atomic import write_tree
from generator.write.ownership import claim_output
from generator.write.published import check_continuity

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT = Path("output")
DEFAULT_TEMPLATES = REPO_ROOT / "templates"


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    site: Site | None = None
    files: dict[str, bytes] | None = None

    @property
    def ok(self) -> bool:
        return self.site is not None and not self.diagnostics.errors


def check(content: Path, shown: str | None = None, published: Path | None = None) -> BuildResult:
    """Load, validate and model the content; write nothing. With `published` (an
    output folder), also warn about published pages the new build would drop."""
    diags = Diagnostics()
    with cyclic_gc_paused():
        tree = load_content(content, diags, shown or _shown(content))
        site = build_site(tree, diags) if not diags.errors else None
        if site is not None and published is not None:
            check_continuity(site, published, diags)
    return BuildResult(diags, site if not diags.errors else None)


def build(content: Path, output: Path, templates: Path = DEFAULT_TEMPLATES, force: bool = False) -> BuildResult:
    """Refuse an output folder the build does not own (UsageError); hold its lock while
    building, so two builds into one output run one after the other."""
    with claim_output(output, content, force):
        return _build(content, output, templates)


def _build(content: Path, output: Path, templates: Path) -> BuildResult:
    """Check, render, and only if all of that succeeded, swap in the new output."""
    result = check(content, published=output)
    if not result.ok:
        return result
    with cyclic_gc_paused():
        result.files = render_site(result.site, templates)
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


def _shown(path: Path) -> str:
    """Name paths the way the editor typed them (relative when under the working folder)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()
