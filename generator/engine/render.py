"""The site into a staging folder: every page whose fingerprint changed is rendered
(over all cores), every other page is the published file linked in as it is, and the
other outputs (feeds, sitemap, assets) are computed and written only if their bytes
changed. A page that fails to render becomes a diagnostic naming the page."""
from __future__ import annotations

import hashlib
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.diagnostics import Diagnostics
from generator.engine.bodies import prepare_bodies
from generator.engine.fingerprint import Fingerprints
from generator.engine.pool import parallel_map
from generator.model.entities import Site
from generator.render.pages import Page
from generator.render.site import make_env, make_kit, other_outputs, plan_pages, render_page
from generator.render.urls import output_path
from generator.write.atomic import Staging


@dataclass
class Rendered:
    files: list[str] = field(default_factory=list)        # every output path, sorted
    written: list[str] = field(default_factory=list)      # paths whose bytes are new
    rendered: int = 0                                     # pages rendered (the others were kept)
    manifest: dict = field(default_factory=dict)          # path -> (fingerprint, size, mtime_ns)
    bodies: dict = field(default_factory=dict)            # the body cache to keep
    bodies_changed: bool = True


@dataclass
class _Work:
    env: object
    pages: list[Page]
    staging: Staging
    templates: list[Path]


def templates_digest(folders: list[Path]) -> bytes:
    """Every file of every template folder, in the order they take precedence."""
    h = hashlib.blake2b(digest_size=32)
    for folder in folders:
        folder = Path(folder)
        h.update(f"[{folder}]".encode())
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def render_into(site: Site, templates: list[Path], staging: Staging, generator_key: str, manifest: dict | None,
                bodies: dict | None, diags: Diagnostics, bytecode_cache: Path | None = None) -> Rendered | None:
    """Render the site into `staging`; None (with diagnostics) if any page failed."""
    manifest = manifest or {}
    out = Rendered()
    kit = make_kit(site)
    out.bodies, out.bodies_changed = prepare_bodies(site, kit, bodies)
    env = make_env(site, templates, kit, bytecode_cache)
    pages = plan_pages(site, kit)
    site_key = hashlib.blake2b(generator_key.encode() + templates_digest(templates) + repr(site.config).encode(),
                               digest_size=32).digest()
    prints = Fingerprints(site_key)
    todo: list[int] = []
    output = str(staging.output)
    for i, page in enumerate(pages):
        rel = output_path(page.url)
        fp = prints.page(page.url, page.template, page.context)
        out.manifest[rel] = fp
        if fp is None or manifest.get(rel, (None,))[0] != fp or not _unchanged(os.path.join(output, rel), manifest[rel]) \
                or not staging.keep(rel):
            todo.append(i)
    results = parallel_map(_render_pages, _Work(env, pages, staging, templates), todo)
    failed = [r for r in results if isinstance(r, tuple)]
    for url, template, line, message in failed:
        where = next((Path(f) / template for f in templates if (Path(f) / template).is_file()), Path(template))
        diags.report("E-TEMPLATE", where.as_posix(), line, url=url, detail=message)
    if failed:
        return None
    out.rendered = len(todo)
    out.written = [output_path(pages[i].url) for i, changed in zip(todo, results) if changed]
    taken = set(out.manifest)
    for rel, data in other_outputs(site, kit, pages, templates, taken):
        if staging.put(rel, data):
            out.written.append(rel)
        out.manifest[rel] = None
    root = str(staging.root)
    for rel in out.manifest:
        st = os.stat(os.path.join(root, rel))
        out.manifest[rel] = (out.manifest[rel], st.st_size, st.st_mtime_ns)
    out.files = sorted(out.manifest)
    out.written.sort()
    return out


def _unchanged(path: str, recorded: tuple) -> bool:
    """The published file is the one the last build wrote (nobody edited or replaced it)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return (st.st_size, st.st_mtime_ns) == recorded[1:]


def _render_pages(work: _Work, indices) -> list:
    """Per page: True if its bytes changed, False if not, or (url, template, line, message) if it failed."""
    out = []
    for i in indices:
        page = work.pages[i]
        try:
            data = render_page(work.env, page)
        except Exception as exc:      # noqa: BLE001 — becomes a diagnostic naming the page
            out.append((page.url, page.template, _template_line(exc), _describe(exc)))
            continue
        out.append(work.staging.put(output_path(page.url), data))     # a disk error stops the build
    return out


def _template_line(exc: Exception) -> int | None:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            line = frame.lineno
    return line


def _describe(exc: Exception) -> str:
    if isinstance(exc, jinja2.TemplateError):
        return f"lỗi mẫu trang: {exc.message or exc}"
    return f"{type(exc).__name__}: {exc}"
