"""Run Pagefind over a fully written site folder: the binary that the `pagefind`
PyPI package ships (its `bin` extra, the `pagefind_bin` module), so nothing is
downloaded at build time.

The binary is run as a command rather than through the package's async Python API:
that API reads one reply per 0.1 s (an archive of 40,000 pages would take an hour
page by page), caps a reply at 2 MiB, and stops the indexer right after asking it to
write, which sometimes leaves a bundle file truncated. The command reads the pages
itself and exits when every file is written.

It reads them from a scratch copy that adds each page's folded đ-words, so the
published pages stay exactly as rendered."""
from __future__ import annotations

import html
import os
import re
import subprocess
import tempfile
from pathlib import Path

from generator.search.fold import folded_d_words
from generator.search.stable import stabilize

SEARCH_BUNDLE = "pagefind"      # folder of the index and its scripts, at the site root
BODY_ATTR = "data-pagefind-body"
TIMEOUT = 1800                  # seconds; a ten-year archive indexes in well under a minute


class SearchIndexError(Exception):
    """The index could not be built; the message says why, for the person building."""


def pagefind_binary() -> Path:
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        from pagefind_bin import get_executable
    except ImportError as e:
        raise SearchIndexError("thiếu gói pagefind[bin] (Pagefind): chạy lại ./scripts/build.sh để cài") from e
    return Path(get_executable())


def search_stage(site, staging: Path, diagnostics, published: Path | None = None,
                 pages: list[str] | None = None) -> tuple[list[str], list[str]]:
    """pipeline.STAGING_STAGES entry: the index of the staged site, or an error that
    keeps the published site as it was. Returns (the bundle's output paths, those changed)."""
    try:
        return index_site(staging, published, pages)
    except SearchIndexError as e:
        diagnostics.error(staging.parent.as_posix(), None, str(e), "output/ giữ nguyên; dựng lại sau khi sửa lỗi trên")
        return [], []


def index_site(staging: Path, published: Path | None = None,
               site_pages: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Index every page of `staging` (or of `site_pages`, the build's output paths) that marks a `data-pagefind-body` and put the
    bundle in `staging/pagefind/`; returns its output paths. Files are moved in by
    rename, never written in place: a staged file may be a hard link to a published one."""
    binary = pagefind_binary()
    with tempfile.TemporaryDirectory(prefix=".search-", dir=staging.parent) as scratch:
        pages, bundle = Path(scratch) / "pages", Path(scratch) / SEARCH_BUNDLE
        _copy_pages(staging, pages, site_pages)
        try:
            done = subprocess.run([str(binary), "--site", str(pages), "--output-path", str(bundle),
                                   "--force-language", "vi", "--silent"],
                                  capture_output=True, text=True, timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise SearchIndexError(f"không chạy được Pagefind ({binary}): {e}") from e
        if done.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise SearchIndexError(f"Pagefind không dựng được chỉ mục tìm kiếm (mã {done.returncode}): {' '.join(detail)}")
        try:
            stabilize(bundle)
        except (OSError, ValueError, KeyError) as e:
            raise SearchIndexError(f"chỉ mục tìm kiếm không đúng định dạng Pagefind 1.5: {e}") from e
        owned, changed = [], []
        for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
            rel = f"{SEARCH_BUNDLE}/{path.relative_to(bundle).as_posix()}"
            owned.append(rel)
            target = staging / rel
            old = published / rel if published is not None else None
            target.parent.mkdir(parents=True, exist_ok=True)
            if old is not None and old.is_file() and old.read_bytes() == path.read_bytes():
                if not (target.exists() and os.path.samefile(old, target)):
                    target.unlink(missing_ok=True)   # the spare's copy may be from an older build
                    os.link(old, target)             # unchanged: the published file, untouched
                continue
            os.replace(path, target)
            os.chmod(target, 0o644)
            changed.append(rel)
        return owned, changed


def _copy_pages(staging: Path, pages: Path, site_pages: list[str] | None = None) -> None:
    """The pages to index, with their đ-words added, at the same relative paths. Only
    `site_pages` (the build's own output paths) when given: the staging folder may still
    hold pages of an earlier build that this one no longer has."""
    pages.mkdir(parents=True, exist_ok=True)
    listed = (staging / rel for rel in sorted(site_pages) if rel.endswith(".html")) if site_pages is not None \
        else sorted(staging.rglob("*.html"))
    for path in listed:
        rel = path.relative_to(staging)
        if rel.parts[0] == SEARCH_BUNDLE:
            continue
        text = path.read_text(encoding="utf-8")
        if BODY_ATTR not in text:
            continue
        target = pages / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_folded_words(text), encoding="utf-8")


def with_folded_words(page: str) -> str:
    """The page as Pagefind should read it: unchanged, plus an empty element whose
    `fold` meta lists the indexed text's đ-words without diacritics."""
    words = folded_d_words(_indexed_text(page))
    if not words:
        return page
    tag = f'<span data-pagefind-meta="fold:{html.escape(words)}"></span>'
    head, sep, tail = page.rpartition("</body>")
    return head + tag + sep + tail if sep else page + tag


# What Pagefind skips, so its words do not make a page match (related lists, print-only
# lines). The templates never nest an ignored element inside one with the same tag.
_IGNORED = re.compile(r"<(\w+)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _indexed_text(page: str) -> str:
    """The text of the element marked `data-pagefind-body` (the page's <main>), less ignored parts."""
    start = page.find(BODY_ATTR)
    if start < 0:
        return ""
    start = page.find(">", start) + 1
    end = page.find("</main>", start)
    body = page[start:end if end >= 0 else len(page)]
    return html.unescape(_TAG.sub(" ", _IGNORED.sub(" ", body)))
