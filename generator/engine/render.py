"""The site into a staging folder: every page whose fingerprint changed is rendered
(over all cores), every other page is the published file linked in as it is, and the
other outputs (feeds, sitemap, assets) are computed and written only if their bytes
changed. A page that fails to render becomes a diagnostic naming the page."""
from __future__ import annotations

import contextlib
import hashlib
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from generator.diagnostics import Diagnostics
from generator.engine import dependencies
from generator.engine.bodies import Answers, answered_by, prepare_bodies
from generator.engine.dependencies import PageReaders
from generator.engine.fingerprint import Fingerprints
from generator.engine.templates import TemplateKeys
from generator.engine import pool
from generator.engine.pool import cyclic_gc_paused, in_background, parallel_map_beside
from generator.model.entities import Site
from generator.render.pages import Output, Page, RenderKit
from generator.render.site import (OUTPUTS, PLANNERS, claim, finished_outputs, make_env, make_kit, page_entries,
                                   render_page)
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
    bodies_before: dict = field(default_factory=dict)     # the body cache as loaded (what save_bodies compares)
    answers: Answers | None = None                        # the link graph that answered the bodies' look-ups
    entries: dict = field(default_factory=dict)           # path -> (fingerprint, page entry): see _Work.entries
    entries_key: object = None
    readers: PageReaders | None = None                    # what each page shows, for the next build (engine/dependencies.py)
    planned: int = 0                                      # pages planned (the others were kept unplanned)


@dataclass
class _Work:
    """What every task needs; forked workers inherit it whole (nothing is pickled)."""
    site: Site
    kit: RenderKit
    env: object
    staging: Staging
    manifest: dict          # the last build's: path -> (fingerprint, size, mtime_ns)
    entries: dict           # the last build's page entries (the sitemap's), reused while a page's fingerprint holds
                            # (dropped when the site-wide facts they also depend on, entries_key, changed)
    tasks: list[tuple[str, int]]     # ("plan", index in PLANNERS) | ("output", index in OUTPUTS)
    wanted: frozenset[str] | None    # the URLs of the pages to plan, or None: all (engine/dependencies.py)
    entry_of: object        # page -> its entry (render.site.page_entries), made once here, inherited by workers
    prints: Fingerprints    # every directive and issue digested once, before workers fork (see render_into)
    before: PageReaders | None = None    # the last build's page readers, when only some pages are planned


# One task's result, per output file: (path, fingerprint or None, outcome, page entry or None, size, mtime_ns,
# what the page shows (Fingerprints.page) or None if it is not a page, its URL or None[, for a page:
# the PLANNERS index that plans it]);
# outcome: KEPT (the published file linked in), True/False (written: bytes new / same as
# published), or (url, template, line, message) when the page failed to render.
KEPT = "kept"     # compared with ==: a record crosses processes (pickled), so never by identity
KEPT_UNPLANNED = "kept unplanned"   # kept without planning: the edit cannot change the page (engine/dependencies.py)
REFUSED = "refused"  # not kept unplanned after all: the published file is not as the last build left it


def render_into(site: Site, templates: list[Path], staging: Staging, generator_key: str, last: dict | None,
                diags: Diagnostics, bytecode_cache: Path | None = None, store=None,
                check: bytes | None = None,
                digests: list[tuple[bytes, bytes]] | Callable[[], list[tuple[bytes, bytes]]] | None = None
                ) -> Rendered | None:
    """Render the site into `staging`; None (with diagnostics) if any page failed.
    `last`: what the last build recorded ("manifest" ...), or None; `store`: the build
    cache, where the last build's page entries and page readers are kept apart (a
    no-change build needs neither), and bodies rendered before keep their HTML (engine/bodies.py);
    `check`: the token of the check that made `site` (engine/kept_model.py), or None;
    `digests`: the model's digests (Fingerprints.model_digests), if known (a list) or being
    computed elsewhere (a function that waits for them)

    Planning, fingerprinting and rendering run together in the workers, one planner
    (or feed/calendar producer) per task, so the parent never holds the page plan;
    it gathers one small record per file, checks no two outputs share a path, and
    writes what needs every page (the sitemap) and the assets. After an edit of what
    directives only show, only the pages that show them are planned (engine/dependencies.py)."""
    last = last or {}
    out = Rendered()
    kit = make_kit(site)
    # What every page depends on; the templates each page depends on are added per page (TemplateKeys).
    site_key = hashlib.blake2b(generator_key.encode() + repr(site.config).encode(), digest_size=32).digest()
    prints = Fingerprints(site_key)
    # Every directive and issue digested once, before workers fork: they share the digests
    # instead of each pickling the whole model again (and so copying every memory page of
    # it that they touch). Digested in a forked process while the bodies are prepared here.
    learning = in_background(_model_digests, (prints, site), fork=len(site.directives) >= pool.MIN_ITEMS) \
        if digests is None else contextlib.nullcontext()
    known = digests if isinstance(digests, list) else None      # already made (a kept model): the bodies use them
    with learning:
        earlier = (store.load("entries") if store else None) or {}        # the last build's page entries
        readers_before = store.load("readers") if store else None
        out.bodies_before = (store.load_sharded("bodies") if store else None) or {}
        answered, out.answers, renewed = answered_by(store, check, site.links)
        out.bodies, out.bodies_changed = prepare_bodies(site, kit, out.bodies_before, store, answered,
                                                        known and dict(zip(site.directives, (d for _, d in known))))
        out.bodies_changed = out.bodies_changed or renewed      # kept with the new Answers
        env = make_env(site, templates, kit, bytecode_cache)
        model = learning.result() if digests is None else known or digests()
        prints.know(site, model)
    prints.template_key = template_keys = TemplateKeys(env, templates)
    entry_of = page_entries(site)
    out.entries_key = entry_of.key
    known = (earlier.get("entries") or {}) if earlier.get("entries_key") == out.entries_key else {}
    keys = tuple(prints.ids)      # the directives, then the issues, as the page readers number them
    basis = dependencies.basis(site_key, template_keys.every(), site, out.entries_key)
    work = _Work(site, kit, env, staging, last.get("manifest") or {}, known, [], None, entry_of, prints)
    again = dependencies.pages_to_plan(readers_before, basis, keys, model, site)
    results = None if again is None else _plan_affected(work, readers_before, again)
    if results is None:
        results = _plan(work, range(len(PLANNERS)), None, fork=len(site.directives) >= pool.MIN_ITEMS)
        readers_before = None
    records = [r for task in results for r in task]
    failed = [r[2] for r in records if isinstance(r[2], tuple)]
    for url, template, line, message in failed:
        where = next((Path(f) / template for f in templates if (Path(f) / template).is_file()), Path(template))
        diags.report("E-TEMPLATE", where.as_posix(), line, url=url, detail=message)
    if failed:
        return None
    out.planned = sum(r[6] is not None and r[2] != KEPT_UNPLANNED for r in records)
    out.readers = _readers(basis, keys, model, records, readers_before, site)
    taken: set[str] = set()
    entries = []
    for record in records:
        rel, fp, outcome, entry, size, mtime, shows = record[:7]
        is_page = shows is not None
        claim(taken, rel)
        out.manifest[rel] = (fp, size, mtime)
        if outcome not in (KEPT, KEPT_UNPLANNED):
            out.rendered += is_page
            if outcome:
                out.written.append(rel)
        if is_page:
            entries.append(entry)
            if fp is not None:
                out.entries[rel] = (fp, entry)
    for rel, data in finished_outputs(site, kit, entries, templates, taken):
        changed, size, mtime = staging.put_stamped(rel, data)
        if changed:
            out.written.append(rel)
        out.manifest[rel] = (None, size, mtime)
    out.files = sorted(out.manifest)
    out.written.sort()
    return out


def _plan(work: _Work, planners, wanted: set[str] | None, fork: bool, outputs: bool = True,
          meanwhile: Callable[[], list[list[tuple]]] | None = None) -> list[list[tuple]]:
    """Run `planners` (indices in PLANNERS), taking only the pages at `wanted` (None: all),
    then every OUTPUTS producer (unless not `outputs`); one list of records per task, and
    those `meanwhile()` gives (run here while the workers work)."""
    work.tasks = [("plan", i) for i in planners] + [("output", i) for i in range(len(OUTPUTS)) if outputs]
    work.wanted = None if wanted is None else frozenset(wanted)
    work.kit.plan_only(work.wanted)
    # A score of tasks of unequal cost, handed out one by one, the costliest first (site.PLANNERS);
    # forking pays off from a few weeks of directives on.
    results, beside = parallel_map_beside(_run_tasks, work, range(len(work.tasks)), meanwhile, fork=fork,
                                          slices=len(work.tasks))
    return results + (beside or [])


def _plan_affected(work: _Work, before: PageReaders, again: set[int]) -> list[list[tuple]] | None:
    """Plan only the pages `again` (numbers in before.urls), and link every other page in
    as published (here, while the workers plan). A page whose published file,
    record or entry is not as the last build left it is planned too, in a second round.
    None if the planners did not make exactly the pages asked for: plan them all then."""
    work.before = before
    fork = len(work.site.directives) >= pool.MIN_ITEMS
    asked = {before.urls[p] for p in again}
    # The pages not planned are linked in here, while the workers plan (the parent would only
    # wait for them, and ~30,000 records at ten years need not travel back from them).
    results = _plan(work, sorted({before.tasks[p] for p in again}), asked, fork,
                    meanwhile=lambda: [_kept_unplanned(work)])
    refused = {r[7] for task in results for r in task if r[2] == REFUSED}
    results = [[r for r in task if r[2] != REFUSED] for task in results]
    if refused:
        numbers = [p for p, url in enumerate(before.urls) if url in refused]
        results += _plan(work, sorted({before.tasks[p] for p in numbers}), refused, fork=len(numbers) >= pool.MIN_ITEMS,
                         outputs=False)
        asked |= refused
    planned = [r[7] for task in results for r in task if r[6] is not None and r[2] != KEPT_UNPLANNED]
    if len(planned) != len(asked) or set(planned) != asked:
        return None
    return results


def _kept_unplanned(work: _Work) -> list[tuple]:
    """Records of the pages not to plan, each published file linked in as it is; REFUSED
    for a page whose published file, record or entry is not as the last build left it
    (it is planned in a second round)."""
    before = work.before
    wanted = work.wanted or frozenset()
    records = []
    for p in range(len(before.urls)):
        url = before.urls[p]
        if url in wanted:
            continue
        rel = output_path(url)
        entry = work.entries.get(rel)             # (fingerprint, entry), kept only for pages with a fingerprint
        published = _published(work, rel, entry[0]) if entry is not None else None
        if published is None or not work.staging.keep(rel, published):
            records.append((rel, None, REFUSED, None, 0, 0, (), url, before.tasks[p]))
        else:
            fp, size, mtime = work.manifest[rel]
            records.append((rel, fp, KEPT_UNPLANNED, entry[1], size, mtime, before.shows[p], url, before.tasks[p]))
    return records


def _readers(basis: bytes, keys: tuple[str, ...], model: list, records: list[tuple],
             before: PageReaders | None, site: Site) -> PageReaders:
    """What each page shows, for the next build: from this build's records (the pages
    not planned carry the last build's), in the last build's order when it had them."""
    pages = {r[7]: (r[8], r[6]) for r in records if r[6] is not None}
    urls = before.urls if before is not None else tuple(pages)
    return PageReaders(basis, keys, tuple(model), urls, tuple(pages[u][0] for u in urls), tuple(pages[u][1] for u in urls),
                       tuple(d.topics for d in site.directives.values()))


def _model_digests(work: tuple[Fingerprints, Site]) -> list[tuple[bytes, bytes]]:
    prints, site = work
    return prints.model_digests(site)


def _run_tasks(work: _Work, indices) -> list[list[tuple]]:
    return [_run_task(work, *work.tasks[i]) for i in indices]


def _run_task(work: _Work, kind: str, index: int) -> list[tuple]:
    if kind == "output":
        return [r for output in OUTPUTS[index](work.site, work.kit) for r in _produce(work, output)]
    entry_of = work.entry_of
    records = []
    # A plan is a mass of new objects and no garbage worth a scan; a planner that yields
    # (the core planners) plans each page as it is rendered, and none of it is held longer.
    with cyclic_gc_paused():
        pages = PLANNERS[index](work.site, work.kit)
    for page in pages:
        if work.wanted is not None and page.url not in work.wanted:
            continue
        rel = output_path(page.url)
        fp, shows = work.prints.page(page.url, page.template, page.context)
        before = _as_published(work, rel, fp)
        if before is not None and work.staging.keep(rel):
            outcome, size, mtime = KEPT, *before[1:]
        else:
            outcome, size, mtime = _render(work, page, rel)
        known = work.entries.get(rel)
        entry = known[1] if known is not None and fp is not None and known[0] == fp else entry_of(page)
        records.append((rel, fp, outcome, entry, size, mtime, shows, page.url, index))
    return records


def _produce(work: _Work, output: Output) -> list[tuple]:
    """An Output's files: the published ones linked in while its fingerprint holds, else made anew."""
    fp = work.prints.output(output)
    befores = [_as_published(work, rel, fp) for rel in output.paths]
    if all(before is not None for before in befores) and all(work.staging.keep(rel) for rel in output.paths):
        return [(rel, fp, KEPT, None, *before[1:], None, None) for rel, before in zip(output.paths, befores)]
    records = []
    for rel, data in output.produce(work.site.config, work.kit).items():
        changed, size, mtime = work.staging.put_stamped(rel, data)
        records.append((rel, fp, changed, None, size, mtime, None, None))
    return records


def _render(work: _Work, page: Page, rel: str) -> tuple:
    """(outcome, size, mtime_ns) of the page written: outcome True if its bytes changed,
    False if not, or (url, template, line, message) if it failed (then no file: 0, 0)."""
    try:
        data = render_page(work.env, page)
    except Exception as exc:      # noqa: BLE001 — becomes a diagnostic naming the page
        return (page.url, page.template, _template_line(exc), _describe(exc)), 0, 0
    return work.staging.put_stamped(rel, data)     # a disk error stops the build


def _as_published(work: _Work, rel: str, fp: bytes | None) -> tuple | None:
    """The last build's record of `rel`, (fingerprint, size, mtime_ns), if it was made from
    this very fingerprint and the published file is still the one it wrote; else None."""
    return work.manifest[rel] if _published(work, rel, fp) is not None else None


def _published(work: _Work, rel: str, fp: bytes | None) -> os.stat_result | None:
    """The lstat of the published `rel` if the last build made it from this very fingerprint
    and it is still the file that build wrote (nobody edited or replaced it); else None."""
    before = work.manifest.get(rel)
    if fp is None or before is None or before[0] != fp:
        return None
    try:
        st = os.lstat(os.path.join(str(work.staging.output), rel))
    except OSError:
        return None
    return st if (st.st_size, st.st_mtime_ns) == before[1:] else None


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
        return str(exc.message or exc)
    return f"{type(exc).__name__}: {exc}"
