"""Run Pagefind (the `pagefind` PyPI package, whose `bin` extra ships the binary:
nothing is downloaded at build time) over a fully written site folder.

Pagefind reads the pages itself (`add_directory`: one request, where sending pages
one by one through the Python wrapper costs ~0.1 s each). It reads them from a
scratch copy that adds each page's folded đ-words, so the published pages stay
exactly as rendered."""
from __future__ import annotations

import asyncio
import html
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from generator.search.fold import folded_d_words
from generator.search.stable import stabilize

SEARCH_BUNDLE = "pagefind"      # folder of the index and its scripts, at the site root
BODY_ATTR = "data-pagefind-body"


class SearchIndexError(Exception):
    """The index could not be built; the message says why, for the person building."""


def index_site(staging: Path) -> int:
    """Index every page of `staging` that marks a `data-pagefind-body`, write the
    bundle to `staging/pagefind/`, and return how many pages were indexed."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError as e:   # pragma: no cover - a broken install
        raise SearchIndexError("thiếu gói pagefind: chạy lại scripts/setup.sh --test hoặc pip install -e .") from e
    config = IndexConfig(force_language="vi", output_path=str(staging.resolve() / SEARCH_BUNDLE))

    async def run(scratch: Path) -> int:
        async with PagefindIndex(config=config) as index:
            return (await index.add_directory(str(scratch)))["page_count"]
    try:
        with tempfile.TemporaryDirectory(prefix=".search-", dir=staging.parent) as scratch:
            _copy_pages(staging, Path(scratch))
            count = asyncio.run(run(Path(scratch)))
        stabilize(staging / SEARCH_BUNDLE)
        return count
    except Exception as e:
        raise SearchIndexError(f"không dựng được chỉ mục tìm kiếm: {e}") from e


def _copy_pages(staging: Path, scratch: Path) -> None:
    """The pages to index, with their đ-words added, at the same relative paths."""
    for path in sorted(staging.rglob("*.html")):
        rel = path.relative_to(staging)
        if rel.parts[0] == SEARCH_BUNDLE:
            continue
        text = path.read_text(encoding="utf-8")
        if BODY_ATTR not in text:
            continue
        target = scratch / rel
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


def _indexed_text(page: str) -> str:
    parser = _BodyText()
    parser.feed(page)
    parser.close()
    return " ".join(parser.parts)


class _BodyText(HTMLParser):
    """The text inside the element marked `data-pagefind-body` (what Pagefind indexes)."""
    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0            # > 0 while inside the body element
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
        elif any(name == BODY_ATTR for name, _ in attrs):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)
