"""The search index: Pagefind over the finished site, run on the staging folder
before it is swapped in, so a failed index leaves the published site as it was.

What is indexed and how is declared in the templates with Pagefind's attributes
(`data-pagefind-body` on the pages worth finding, `-meta` for what a result shows,
`-filter` for the search page's filters); this stage only adds one thing the
templates cannot know cheaply: every word with "đ" folded to "d" (see fold.py).

The index is split into shards by page path (shards.py) that the search page merges
(templates/assets/search.js), so that a rebuild runs Pagefind only on the shards where
what it reads of a page changed (its folded copy: title, <main>, đ-words; a header or
footer edit runs it on none); the copies are kept in the build cache (pages.py)."""
from __future__ import annotations

from generator.search.index import SEARCH_BUNDLE, SearchIndexError, index_site, search_stage

__all__ = ["SEARCH_BUNDLE", "SearchIndexError", "index_site", "search_stage"]
