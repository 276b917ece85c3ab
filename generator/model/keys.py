"""Stable slugs for the things a directive names in free text (agencies, officials).

Two spellings of one name must give one page: compare on NFC text with old and new
tone placement ("uỷ"/"ủy") unified and spaces folded, then slugify."""
from __future__ import annotations

import functools

from slugify import slugify

from generator.model import urls
from generator.vntext.text import fold_tone_placement


def canonical_name(name: str) -> str:
    return fold_tone_placement(" ".join(name.split()))


@functools.lru_cache(maxsize=None)
def name_slug(name: str) -> str:
    """Memoized: an archive names a few thousand agencies and officials ~100,000 times, and
    python-slugify is slow per call (it retries a failed optional import each time)."""
    return slugify(canonical_name(name))


def agency_url(name: str) -> str:
    return urls.agency_url(name_slug(name))


def official_url(name: str) -> str:
    return urls.official_url(name_slug(name))
