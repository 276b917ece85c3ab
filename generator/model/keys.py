"""Identities and slugs for the things a directive names (agencies, officials).

Two spellings of one name must give one page, and two names one page each: a name
is identified by its NFC text with only old and new tone placement ("uỷ"/"ủy")
unified, spaces folded and case ignored, never by its ASCII slug ("Lê Văn Hà" and
"Lê Văn Hạ" are two people with one slug). Names whose slugs collide get distinct
URLs: the first in sorted order keeps the slug, the next get -2, -3 ..."""
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


def name_identity(name: str) -> str:
    return canonical_name(name).casefold()


def assign_slugs(identities) -> dict[str, str]:
    """identity -> slug, distinct for distinct identities, the same for the same set of names."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for identity in sorted(set(identities)):
        base = slugify(identity)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[identity] = slug
    return out


def agency_url(name: str) -> str:
    return urls.agency_url(name_slug(name))


def official_url(name: str) -> str:
    return urls.official_url(name_slug(name))
