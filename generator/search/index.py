"""Run Pagefind over a fully written site folder: the binary that the `pagefind`
PyPI package ships (its `bin` extra, the `pagefind_bin` module), so nothing is
downloaded at build time.

The binary is run as a command rather than through the package's async Python API:
that API reads one reply per 0.1 s (an archive of 40,000 pages would take an hour
page by page), caps a reply at 2 MiB, and stops the indexer right after asking it to
write, which sometimes leaves a bundle file truncated. The command reads the pages
itself and exits when every file is written.

The index is split into shards (shards.py), each its own Pagefind bundle: the general
shard at `pagefind/` (with Pagefind's scripts), every other one at `pagefind/<shard>/`,
listed in `pagefind/shards.json` for the search page to merge. A build re-runs Pagefind
only on the shards holding a page whose bytes changed (pages.py tells, from the build
cache); the others are the published files, hard-linked. Pagefind reads each page from
a folded copy (the page plus its đ-words, fold.py), so the published pages stay exactly
as rendered."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.engine.pool import jobs
from generator.installed import installed_versions
from generator.messages import text
from generator.search.pages import FoldedPages
from generator.search.shards import ShardRule, ordered
from generator.search.stable import read_record, stabilize

SEARCH_BUNDLE = "pagefind"      # folder of the index and its scripts, at the site root
SHARD_LIST = "shards.json"      # in the bundle: the shards the search page merges, and the filters' values
TIMEOUT = 1800                  # seconds; a ten-year archive indexes in well under a minute
# What a merged shard needs (its index); Pagefind's scripts and WebAssembly come from the general one.
_SHARD_FILES = ("pagefind-entry.json", ".pf_meta", "index/", "fragment/", "filter/")
RECORD = "search"               # the build cache's entry: what the published index was made of


class SearchIndexError(Exception):
    """`code`: its message in the catalog (generator/locale/messages.*.yaml), with `params`."""

    def __init__(self, code: str, **params):
        super().__init__(code, params)
        self.code, self.params = code, params

    def __str__(self) -> str:
        return text(self.code, "message", **self.params)


def pagefind_binary() -> Path:
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        from pagefind_bin import get_executable
    except ImportError as e:
        raise SearchIndexError("E-SEARCH-NO-PAGEFIND") from e
    return Path(get_executable())


def search_stage(site, staging: Path, diagnostics, published: Path | None = None,
                 pages: list[str] | None = None, manifest: dict | None = None,
                 cache=None) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """pipeline.STAGING_STAGES entry: the index of the staged site, or an error that
    keeps the published site as it was. Returns (the bundle's output paths, each with its
    size and mtime_ns, and those whose bytes changed)."""
    try:
        return index_site(staging, published, pages, manifest, cache)
    except SearchIndexError as e:
        diagnostics.report(e.code, staging.parent.as_posix(), None, **e.params)
        return {}, []


def index_site(staging: Path, published: Path | None = None, site_pages: list[str] | None = None,
               manifest: dict | None = None, cache=None) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Index every page of `staging` (or of `site_pages`, the build's output paths) that
    marks a `data-pagefind-body`, shard by shard, into `staging/pagefind/`; returns its
    output paths, each with its (size, mtime_ns), and those whose bytes changed.
    `manifest` (output path -> (fingerprint, ...), the render's) and `cache` (the build cache) let unchanged pages and shards be
    reused; without them everything is indexed afresh. Files are moved in by rename, never
    written in place: a staged file may be a hard link to a published one."""
    binary = pagefind_binary()
    version = _version(binary)
    record = _record(cache, version)
    if site_pages is None:
        site_pages = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*.html"))
    html = [rel for rel in site_pages if rel.endswith(".html") and rel.split("/", 1)[0] != SEARCH_BUNDLE]
    with tempfile.TemporaryDirectory(prefix=".search-", dir=staging.parent) as scratch:
        scratch = Path(scratch)
        folder = cache.subfolder(RECORD) if cache is not None else None
        rule = ShardRule.of(html)
        folded = FoldedPages(folder or scratch / "folded", record.get("pages", {}), rule.shard)
        folded.update(staging, html, manifest or {})
        folded.forget_others(html)          # the pages of an earlier build that this one no longer has
        groups: dict[str, list[str]] = {}
        for rel in folded.indexed():
            groups.setdefault(rule.shard(rel), []).append(rel)
        if not groups:
            raise SearchIndexError("E-SEARCH-NO-PAGES")
        names = ordered(groups)
        folded.drop_other_shards(names)
        location = {name: f"{SEARCH_BUNDLE}/" + ("" if i == 0 else f"{name}/") for i, name in enumerate(names)}
        digest = {name: _digest(version, location[name], [(rel, folded.identity(rel)) for rel in groups[name]])
                  for name in names}
        old = record.get("shards", {})
        kept = {name: inodes for name in names
                if (inodes := _still_published(old.get(name), digest[name], published)) is not None}
        todo = [name for name in names if name not in kept]
        folded.verify(staging, [rel for name in todo for rel in groups[name]])
        changed, shards, filters = [], {}, {}
        with ThreadPoolExecutor(max(1, min(jobs(), len(todo) or 1))) as pool:       # the largest first
            # Each shard's bundle is moved into the staging folder by the thread that ran
            # Pagefind on it, while the others still run (~29,000 files at ten years).
            running = {name: pool.submit(_indexed_shard, binary, scratch, name, groups[name], folded,
                                         location[name], staging, published)
                       for name in sorted(todo, key=lambda name: -len(groups[name]))}
            # While Pagefind runs: the kept shards' published files linked in (~29,000 at ten years).
            made: set[str] = set()      # folders known to exist in the staging folder
            root, into = str(published), str(staging)
            for name in kept:
                for rel in sorted(old[name][2]):       # f-strings: os.path.join costs more than the lstat
                    _relink_same(f"{root}/{rel}", kept[name][rel], f"{into}/{rel}", made)
                shards[name] = old[name]
                filters[name] = record["filters"][name]
            for name in todo:
                stamps, new, filters[name] = running[name].result()
                shards[name] = (location[name], digest[name], stamps)
                changed += new
        # A kept shard's files are the published ones, as recorded (_still_published checked them).
        owned = {rel: tuple(stamp) for name in names for rel, stamp in sorted(shards[name][2].items())}
        shards, filters = {name: shards[name] for name in names}, {name: filters[name] for name in names}
        listing = scratch / SHARD_LIST
        merged = [location[name][len(SEARCH_BUNDLE) + 1:] for name in names[1:]]
        listing.write_text(json.dumps({"shards": merged, "filters": _merged(filters.values())},
                                      ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        rel = f"{SEARCH_BUNDLE}/{SHARD_LIST}"
        owned[rel], new = _install(str(listing), str(staging / rel), str(published / rel) if published else None, set())
        if new:
            changed.append(rel)
        if cache is not None:
            cache.save(RECORD, {"pagefind": version, "pages": folded.table, "shards": shards, "filters": filters})
        return dict(sorted(owned.items())), sorted(changed)


def _merged(shards) -> dict[str, list[str]]:
    """Every value of every filter, over all shards: the search page's filter choices
    without fetching each shard's filter files (four requests per shard)."""
    values: dict[str, set[str]] = {}
    for shard in shards:
        for name, found in shard.items():
            values.setdefault(name, set()).update(found)
    return {name: sorted(found) for name, found in sorted(values.items())}


def _filter_values(staging: Path, files: list[str]) -> dict[str, list[str]]:
    """Each filter's values in a shard's bundle `files` (the staging folder may still
    hold an earlier build's)."""
    values: dict[str, set[str]] = {}
    try:
        for rel in sorted(files):
            if rel.endswith(".pf_filter"):
                name, pages = read_record(staging / rel)
                values.setdefault(name, set()).update(value for value, _ in pages)
    except (OSError, ValueError, TypeError) as e:
        raise SearchIndexError("E-SEARCH-BUNDLE", detail=str(e)) from e
    return {name: sorted(found) for name, found in sorted(values.items())}


def _run(binary: Path, scratch: Path, name: str, rels: list[str], folded: FoldedPages) -> Path:
    """Pagefind over one shard's folded pages."""
    site, bundle = folded.site(name, rels), scratch / "bundles" / name
    try:
        done = subprocess.run([str(binary), "--site", str(site), "--output-path", str(bundle),
                               "--force-language", "vi", "--silent"],
                              capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SearchIndexError("E-SEARCH-RUN", binary=str(binary), detail=str(e)) from e
    if done.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise SearchIndexError("E-SEARCH-FAILED", status=done.returncode, detail=" ".join(detail))
    try:
        stabilize(bundle)
    except (OSError, ValueError, KeyError) as e:
        raise SearchIndexError("E-SEARCH-BUNDLE", detail=str(e)) from e
    return bundle


def _indexed_shard(binary: Path, scratch: Path, name: str, rels: list[str], folded: FoldedPages, location: str,
                   staging: Path, published: Path | None) -> tuple[dict[str, tuple[int, int]], list[str], dict]:
    """Pagefind over one shard, its bundle moved to `location` in the staging folder: the
    shard's files, each with its (size, mtime_ns); those whose bytes changed; its filters' values."""
    bundle = str(_run(binary, scratch, name, rels, folded))
    general = location == f"{SEARCH_BUNDLE}/"
    into, old = str(staging), str(published) if published else None
    stamps, changed, made = {}, [], set()
    for folder, subfolders, names in os.walk(bundle):
        subfolders.sort()
        inside = os.path.relpath(folder, bundle).replace(os.sep, "/")
        for file in sorted(names):
            inner = file if inside == "." else f"{inside}/{file}"
            if not general and not _shard_file(inner):
                continue                # the scripts: the general shard's serve every shard
            rel = location + inner
            stamp, new = _install(f"{folder}/{file}", f"{into}/{rel}", f"{old}/{rel}" if old else None, made)
            stamps[rel] = stamp
            if new:
                changed.append(rel)
    stamps = dict(sorted(stamps.items()))
    return stamps, sorted(changed), _filter_values(staging, list(stamps))


def _shard_file(inner: str) -> bool:
    return inner == _SHARD_FILES[0] or inner.endswith(_SHARD_FILES[1]) or inner.startswith(_SHARD_FILES[2:])


def _install(path: str, target: str, old: str | None, made: set[str]) -> tuple[tuple[int, int], bool]:
    """Put a new bundle file at `target`: the published file if it has the same bytes
    (untouched, so a deploy ships nothing), else the new one. Returns its (size, mtime_ns),
    and whether its bytes changed. `made`: folders known to exist."""
    folder = os.path.dirname(target)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    if old is not None and _same_bytes(path, old):
        _relink(Path(old), Path(target))
        st = os.stat(target)
        return (st.st_size, st.st_mtime_ns), False
    os.replace(path, target)
    os.chmod(target, 0o644)
    st = os.stat(target)
    return (st.st_size, st.st_mtime_ns), True


def _same_bytes(path: str, old: str) -> bool:
    try:
        if os.stat(old).st_size != os.stat(path).st_size:
            return False
        with open(old, "rb") as a, open(path, "rb") as b:
            return a.read() == b.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


def _relink(old: Path, target: Path) -> None:
    if not (target.exists() and os.path.samefile(old, target)):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)   # the spare's copy may be from an older build
        os.link(old, target)


def _relink_same(old: str, inode: tuple[int, int], target: str, made: set[str]) -> None:
    """`_relink` for the thousands of files of a kept shard: one lstat when already linked.
    `made`: folders that exist (with no spare to start from, every file is linked anew)."""
    try:
        st = os.lstat(target)
        if (st.st_ino, st.st_dev) == inode:
            return
        os.unlink(target)
    except FileNotFoundError:
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
    os.link(old, target)


def _still_published(recorded, digest: str, published: Path | None) -> dict | None:
    """If the published bundle of this shard was made from exactly these pages (same
    digest) and nobody has replaced a file of it since (same size and mtime): its files'
    (inode, device); else None."""
    if published is None or not recorded or recorded[1] != digest or not recorded[2]:
        return None
    root, inodes = str(published), {}
    for rel, stamp in recorded[2].items():
        try:
            st = os.lstat(f"{root}/{rel}")
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns) != tuple(stamp):
            return None
        inodes[rel] = (st.st_ino, st.st_dev)
    return inodes


def _digest(version: str, location: str, pages: list[tuple[str, str]]) -> str:
    h = hashlib.sha256(f"{version}\0{location}".encode())
    for rel, identity in sorted(pages):
        h.update(f"\0{rel}\0{identity}".encode())
    return h.hexdigest()


def _version(binary: Path) -> str:
    """Pagefind's version (a new one may write another bundle for the same pages)."""
    version = installed_versions(("pagefind_bin",))["pagefind_bin"]
    try:
        st = binary.stat()
    except OSError:
        return f"?|{binary}"
    return f"{version}|{binary}|{st.st_size}|{st.st_mtime_ns}" if version else f"?|{binary}"


def _record(cache, version: str) -> dict:
    """The cache's record of the published index, if it is whole and of this Pagefind;
    anything else means: index everything afresh."""
    value = cache.load(RECORD) if cache is not None else None
    try:
        ok = (isinstance(value, dict) and value.get("pagefind") == version
              and isinstance(value["pages"], dict) and isinstance(value["shards"], dict)
              and isinstance(value["filters"], dict) and set(value["filters"]) == set(value["shards"])
              and all(isinstance(s, tuple) and len(s) == 3 and isinstance(s[2], dict) for s in value["shards"].values()))
    except (KeyError, TypeError):
        ok = False
    return value if ok else {}
