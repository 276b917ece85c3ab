"""The build, stage by stage: load and validate -> model -> render -> write.

`build` is incremental: with the build cache (generator/engine/) it reads only changed
files, renders only pages whose inputs changed and leaves every other published file
as it is; the result is byte for byte that of a clean build."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from generator.diagnostics import Diagnostics
from generator.engine.cache import BuildCache, cache_folder, generator_key
from generator.engine.pool import MIN_ITEMS, all_in_parts, build_scope, cyclic_gc_paused, in_background, release_freed_memory
from generator.engine.signature import ContentListing, folder_times, input_digest, output_check, published_stamps
from generator.theme import default_templates, template_folders
from generator.write.ownership import MARKER, claim_output

if TYPE_CHECKING:
    from generator.content.loader import Reader
    from generator.engine.kept_model import ModelInMemory
    from generator.model.entities import Site
    from generator.write.atomic import Staging

# The content reader, the model and the renderer (Markdown, Jinja, the link graph) are
# imported where they are first used, not above: a rebuild that finds nothing changed,
# the commonest build of all, then loads its code in a third of the time (0.12 s, not 0.32).

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT = Path("output")
DEFAULT_TEMPLATES = default_templates()     # the packaged templates (a site's own override them)


# Told where a long run is, for the terminal's progress bar: progress(stage, done, total),
# stage one of STAGES; a stage may also report done/total items (e.g. pages rendered).
Progress = Callable[..., None] | None
STAGES = ("load", "model", "render", "write")


def _no_progress(stage: str, done: int = 0, total: int = 0) -> None:
    pass


# Stages that run on the finished staging folder before it is swapped in (a search index ...):
# functions (site, staging folder, diagnostics, published=output folder, pages=the build's
# output paths, manifest=the render's output path -> (fingerprint, size, mtime_ns), cache=the
# build cache or None) -> (every path the stage keeps in the site, those whose bytes changed).
# A stage may keep its own entries and folders in the cache; what it records there must
# describe files it can check (a failed swap or a damaged cache must only cost time).
# The staging folder may still hold files of an earlier build (pruned after the stages):
# read the build's own files from `pages`. Unchanged files in the staging folder are hard
# links to published ones: replace a file (write a new one, then rename it over), never
# modify one in place.
def _search_index(*args, **kwargs) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """generator/search's stage, loaded by the builds that get this far (a no-change rebuild does not)."""
    from generator.search import search_stage
    return search_stage(*args, **kwargs)


STAGING_STAGES: list[Callable[..., tuple[dict[str, tuple[int, int]], list[str]]]] = [_search_index]   # the search index


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    site: Site | None = None          # None when check failed, or when nothing changed since the last build
    files: list[str] | None = None    # every output path of the built site, sorted (None: nothing built)
    written: list[str] = field(default_factory=list)   # output paths whose bytes changed (new or different)
    removed: list[str] = field(default_factory=list)   # output paths the build deleted
    rendered: int = 0                 # pages rendered; the others were kept from the last build
    planned: int = 0                  # pages planned (and fingerprinted); the others were known unchanged
    render_failed: bool = False       # a template failed on some page (the diagnostics name them)
    drafts: list[str] = field(default_factory=list)   # include_drafts: keys of the drafts shown (serve marks them)

    @property
    def ok(self) -> bool:
        return (self.site is not None or self.files is not None) and not self.diagnostics.errors


def check(content: Path, shown: str | None = None, published: Path | None = None,
          include_drafts: bool = False, progress: Progress = None, reader: Reader | None = None) -> BuildResult:
    """Load, validate and model the content; write nothing. With `published` (an
    output folder), also warn about published pages the new build would drop.
    `include_drafts` (the preview of `serve --drafts`) treats drafts as published."""
    from generator.content.loader import load_content
    from generator.model.build import build_site
    from generator.write.published import check_continuity

    diags = Diagnostics()
    report = progress or _no_progress
    # Not paused while reading: each YAML parser is a reference cycle that only the
    # collector frees (with it paused, a ten-year archive kept ~250 MB of dead parsers).
    report("load")
    tree = load_content(content, diags, shown or _shown(content), reader)
    drafts = _publish_drafts(tree) if include_drafts else []
    with cyclic_gc_paused():
        report("model")
        site = build_site(tree, diags) if not diags.errors else None
        if site is not None and published is not None:
            check_continuity(site, published, diags)
    return BuildResult(diags, site if not diags.errors else None, drafts=drafts)


def reader_over_all_cores(content: Path) -> Reader:
    """A reader that has already parsed the directive files of `content` over all cores
    (for `check` of a large archive; a build does the same through its cache)."""
    from generator.engine.reading import CachedReader

    reader = CachedReader(None)
    reader.prefetch(content, _shown(content), {})
    return reader


def build(content: Path, output: Path, templates: Path | None = None, force: bool = False,
          include_drafts: bool = False, progress: Progress = None, cache: bool = True,
          staging_stages: bool = True, memory: ModelInMemory | None = None,
          swapped: Callable[[BuildResult], None] | None = None, continuity: bool = True) -> BuildResult:
    """Refuse an output folder the build does not own (UsageError); hold its lock while
    building, so two builds into one output run one after the other. `templates`
    (default: the site's own templates/ beside `content`) overrides the packaged
    templates file by file (see theme.py). `cache=False` builds from scratch (and leaves
    the build cache alone). `staging_stages=False` (serve's quick rebuild, followed by a
    full one once the editor pauses) leaves out STAGING_STAGES (the search index).
    `memory`: a process that builds again and again (serve) holds the checked model there
    between its builds (engine/kept_model.ModelInMemory). `swapped(result)` is told as soon
    as the new site is in place, before the build cache is written (serve reloads open
    pages then: at ten years the cache takes another half second). `continuity=False`
    (serve: its folder was never published) does not warn of published pages dropped."""
    missing = no_content(content)
    if missing is not None:         # before any folder is claimed: nothing is made beside the output
        return missing
    with claim_output(output, content, force) as hold, build_scope():
        return _build(content, output, templates, include_drafts, progress, cache, staging_stages, hold, memory,
                      swapped, continuity)


def no_content(content: Path) -> BuildResult | None:
    """check's own answer for a content folder that is not there, for the commands that
    would otherwise fail on it further in (build, serve); None if it is there."""
    return None if Path(content).is_dir() else check(Path(content))


def _build(content: Path, output: Path, templates: Path | None, include_drafts: bool,
           progress: Progress, cache: bool, staging_stages: bool, hold: Callable[[Path], None],
           memory: ModelInMemory | None = None, swapped: Callable[[BuildResult], None] | None = None,
           continuity: bool = True) -> BuildResult:
    """Check, render, and only if all of that succeeded, swap in the new output."""
    output, folders = Path(output), template_folders(content, templates)
    report = progress or _no_progress
    key = generator_key()
    store = BuildCache(cache_folder(output), key, memory.entries if memory is not None else None) if cache else None
    published = (store.load("published") if store else None) or {}
    known = before = (store.load("inputs") if store else None) or {}
    listing = ContentListing()
    # The output is checked against the last build's record while the inputs are digested
    # (the two are most of a rebuild that finds nothing changed); stopped if they differ.
    with _published_check(output, published) as as_left:
        signature, inputs = input_digest(content, folders, f"{key}|drafts={include_drafts}" + ("" if staging_stages else "|quick"),
                                         _shown(content), known, listing)
        if store and inputs != known and store.folder.is_dir():   # a first build leaves no cache until it succeeds
            store.save("inputs", inputs)        # fewer files to read next time
            known = inputs
        if published.get("signature") == signature and as_left.result():
            return BuildResult(Diagnostics(list(published["diagnostics"])), files=list(published["paths"]))
    last = _last_record(store, published)
    checked = _checked(content, store, listing, inputs, before, include_drafts, progress, memory)
    result = checked.result
    try:
        if result.site is not None and continuity:
            from generator.write.published import check_continuity
            check_continuity(result.site, output, result.diagnostics)
        if not result.ok:
            return result
        release_freed_memory()      # the parse results: the site is built, and workers fork next
        report("render")
        built = _render_and_swap(result, output, folders, _Record(store, key, last, signature, inputs, known, checked),
                                 staging_stages, hold, report, swapped)
        if built.ok and memory is not None and checked.held is not None:
            memory.put(store, checked.held(), {})
        return built
    finally:
        if checked.keeping is not None:
            checked.keeping.wait()  # the check kept for the next build (engine/kept_model.py), saved meanwhile


@dataclass
class _Checked:
    result: BuildResult
    check: bytes | None = None           # the token of the check that made the model (engine/kept_model.py)
    digests: list | Callable[[], list] | None = None   # the model's digests (Fingerprints.model_digests): known, or under way
    keeping: in_background | None = None    # the process digesting the model, then keeping it for the next build
    held: Callable[[], Any] | None = None   # a full check's model as it is kept (kept_model.CheckedModel)


def _checked(content: Path, store: BuildCache | None, listing: ContentListing, inputs: dict, before: dict,
             include_drafts: bool, progress: Progress, memory: ModelInMemory | None = None) -> _Checked:
    """The checked model: the last check's, if the content changed only in what directives
    show (engine/kept_model.py); else a full check. A forked process digests the new model
    (as the render needs, engine/fingerprint.py) and then keeps it for the next build."""
    from generator.engine import kept_model
    from generator.engine.reading import CachedReader

    shown = _shown(content)
    model = kept_model.kept(store, listing, content, shown, include_drafts, memory) if store else None
    if model is not None:
        (progress or _no_progress)("model")
        # Lists of its own: the build adds to them, and the model may be held for the next build.
        return _Checked(BuildResult(Diagnostics(list(model.items)), model.site, drafts=list(model.drafts)), model.token,
                        model.digests)
    reader = CachedReader(store.load_sharded("sources") if store else None, inputs)
    reader.prefetch(content, shown, before)     # many files it has no record of: read over all cores
    result = check(content, include_drafts=include_drafts, progress=progress, reader=reader)
    # Kept now: the parse results leave memory before workers fork, and a check that fails
    # (an editor mid-fix under serve) need not parse the unchanged files again. A failed
    # first build still leaves nothing beside output/: the cache is only made by a good one.
    if store and reader.changed and (result.ok or store.folder.is_dir()):
        store.save_sharded("sources", reader.current, reader.previous)
    if not (store and result.ok):
        return _Checked(result)
    token = kept_model.check_token(listing, shown, include_drafts)
    items = list(result.diagnostics.items)     # the check's own: the build adds to the result's
    work = (store, token, result.site, items, result.drafts, reader.current, listing, shown, include_drafts)
    job = in_background(_digests, work, fork=len(result.site.directives) >= MIN_ITEMS, then=_keep_check)
    return _Checked(result, token, job.result, job,
                    lambda: kept_model.CheckedModel(token, result.site, items, list(result.drafts), job.result()))


def _digests(work: tuple) -> list:
    from generator.engine.fingerprint import Fingerprints
    return Fingerprints(b"").model_digests(work[2])


def _keep_check(work: tuple, digests: list) -> None:
    from generator.engine.kept_model import keep
    keep(*work, digests)


@dataclass
class _Record:
    """What the build cache told this build, and what this build found for the next one."""
    store: BuildCache | None
    key: str             # generator_key()
    last: dict           # the last build's record ("manifest", "spare", "paths" ...: _last_record)
    signature: str       # of this build's inputs
    inputs: dict         # input_digest's stats and digests, to keep
    known: dict          # what the cache holds now (`inputs` is saved only if it differs)
    checked: _Checked    # how the model was made


def _render_and_swap(result: BuildResult, output: Path, folders: list[Path], record: _Record,
                     staging_stages: bool, hold: Callable[[Path], None], report,
                     swapped: Callable[[BuildResult], None] | None = None) -> BuildResult:
    """The checked site into a staging folder, the staging stages, the swap, and what the
    next build needs recorded in the cache."""
    from generator.engine.bodies import save_bodies
    from generator.engine.render import render_into
    from generator.render.site import DuplicatePage
    from generator.write.atomic import Staging, retired_spare, swap_in

    store, last = record.store, record.last
    staging = Staging(output, store.place("spare") if store else None, last.get("spare"))
    hold(staging.root)          # the output once swapped in: a build starting then waits for this one
    try:
        with cyclic_gc_paused():
            done = render_into(result.site, folders, staging, record.key, last, result.diagnostics,
                               store.subfolder("templates") if store else None, store,
                               record.checked.check, record.checked.digests)
        if done is None:
            staging.discard()
            return BuildResult(result.diagnostics, render_failed=True)
        report("write")
        extra = [MARKER]                   # files with no fingerprint, recorded after the swap
        stamps = {}                        # (size, mtime_ns) of those whose maker knows them
        if staging.mark():
            done.written.append(MARKER)
        for stage in STAGING_STAGES if staging_stages else ():
            owned, changed = stage(result.site, staging.root, result.diagnostics, published=output,
                                   pages=sorted(done.manifest), manifest=done.manifest, cache=store)
            extra += owned                 # every file the stage keeps in the site
            stamps.update(owned)
            done.written += changed        # those whose bytes differ from the published ones
        if not staging_stages:
            extra += _carried_over(staging, last.get("manifest", {}), done.manifest)
        if result.diagnostics.errors:
            staging.discard()
            return BuildResult(result.diagnostics)
        staging.prune({*done.manifest, *extra})
        # What the old site holds (its paths, not their bytes) becomes the spare's record.
        matched = _published_as_left(output, last, paths_only=True)
        previous = set(last.get("manifest", {})) if matched else _listed(output)
        old_output = _lstat(output)
        swap_in(staging, output)
    except DuplicatePage as exc:
        staging.discard()
        result.diagnostics.report("E-DUPLICATE-PAGE", output.as_posix(), None, detail=str(exc))
        return BuildResult(result.diagnostics)
    except BaseException:
        staging.discard()
        raise
    if swapped is not None:
        swapped(result)
    manifest = _manifest(output, done.manifest, extra, stamps)
    result.files, result.written, result.rendered = sorted(manifest), sorted(set(done.written)), done.rendered
    result.planned = done.planned
    result.removed = sorted(previous - set(manifest))
    if store:
        if done.bodies_changed:
            save_bodies(store, done.bodies, done.bodies_before, done.answers)
        if record.inputs != record.known:
            store.save("inputs", record.inputs)
        store.save("entries", {"entries": done.entries, "entries_key": done.entries_key})
        store.save("readers", done.readers)       # which pages show which directives (engine/dependencies.py)
        # The output's folders are recorded with the time they were (a folder changed just
        # before cannot vouch for itself: output_matches lists it). The old site is now the
        # spare the next build starts from: what it holds is recorded (only when checked
        # against the manifest: a listing may hold what is not ours).
        recorded_at = time.time_ns()
        store.save("last", {"manifest": manifest, "recorded_at": recorded_at,
                            "spare": retired_spare(store.place("spare"), old_output, previous if matched else None)})
        paths, stamps = published_stamps(manifest)
        store.save("published", {"signature": record.signature, "paths": paths, "stamps": stamps,
                                 "diagnostics": list(result.diagnostics.items), "folders": folder_times(output, manifest),
                                 "recorded_at": recorded_at})
    return result


def prepare_spare(output: Path) -> bool:
    """For a process that will build into `output` again (serve), idle after a build that
    left no spare folder (the first into its output): make one now, so the next build does
    not make the whole tree of folders and links itself. True if one was made."""
    from generator.write.atomic import cloned_spare

    store = BuildCache(cache_folder(output), generator_key())
    published, rest = store.load("published"), store.load("last")
    if not published or not rest or rest.get("recorded_at") != published.get("recorded_at") or rest.get("spare"):
        return False
    place = store.place("spare")
    record = cloned_spare(output, place, rest["manifest"]) if place is not None else None
    if record is None:
        return False
    store.save("last", {**rest, "spare": record})
    return True


def _last_record(store: BuildCache | None, published: dict) -> dict:
    """The last build's whole record: "published", all a rebuild that finds nothing changed
    reads (quick to load: no fingerprints), and "last", the rest (each file's fingerprint,
    the spare). Saved one after the other: one without its other half is no record."""
    rest = (store.load("last") if store else None) or {}
    if not published or rest.get("recorded_at") != published.get("recorded_at"):
        return {}
    return {**published, **rest}


def _published_as_left(output: Path, last: dict, paths_only: bool = False) -> bool:
    with _published_check(output, last, paths_only) as check:
        return check.result()


def _published_check(output: Path, record: dict, paths_only: bool = False) -> all_in_parts:
    return output_check(output, record.get("paths", ()), None if paths_only else record.get("stamps"),
                        record.get("folders"), record.get("recorded_at", 0))


def _manifest(output: Path, rendered: dict, extra: list[str], stamps: dict) -> dict:
    """Every output file, (fingerprint, size, mtime): the rendered ones, and `extra`
    (the ownership marker, what staging stages wrote), which have no fingerprint; their
    (size, mtime) from `stamps` where the stage that wrote them took it (the same files,
    swapped in), else from the disk."""
    manifest = dict(rendered)
    root = os.fspath(output)
    for rel in extra:
        stamp = stamps.get(rel)
        if stamp is None:
            st = os.stat(f"{root}/{rel}")      # a Path each costs more than the stat
            stamp = (st.st_size, st.st_mtime_ns)
        manifest[rel] = (manifest.get(rel, (None,))[0], *stamp)
    return manifest


def _carried_over(staging: Staging, manifest: dict, rendered: dict) -> list[str]:
    """serve's quick rebuild: what the staging stages made last time (the search index)
    stays as it was, a moment out of date, so the full build that follows redoes only the
    part that changed instead of all of it."""
    return [rel for rel, (fingerprint, *_) in sorted(manifest.items())
            if fingerprint is None and rel not in rendered and rel != MARKER and staging.keep(rel)]


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _listed(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _publish_drafts(tree) -> list[str]:
    drafts = sorted(d.key for issue in tree.issues for d in issue.directives if d.draft)
    for issue in tree.issues:
        issue.directives = [replace(d, draft=False) if d.draft else d for d in issue.directives]
    return drafts


def _shown(path: Path) -> str:
    """Name paths the way the editor typed them (relative when under the working folder)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()
