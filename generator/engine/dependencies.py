"""Which pages show which directives and issues, and so which pages an edit can change.

Fingerprinting a page notes the directives and issues it shows (engine/fingerprint.py);
a build records them, page by page, with the digests of the model. The next build
compares. If all that changed is what some directives only show (SHOWN_ONLY_FIELDS: a
body, a summary ...), and nothing else did (the same directives and issues in the same
order, the same topics, configuration, generator and template files), then every page
still exists and still lists, orders and links what it did: only the pages that show an
edited directive, or its issue, can differ, and only they are planned again. On any
other change, every page is planned and fingerprinted, as on a first build.

Why this is safe: a page's fingerprint digests its whole context, and every directive or
issue in it is noted, wherever it sits (a list item, a related link, a body). A page
that shows none of the edited directives and issues has the same context, so the same
fingerprint and bytes, unless something else changed, which the comparison rules out.
tests/test_dependencies.py checks this against full planning, edit by edit."""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass

from generator.engine.fingerprint import ALWAYS


@dataclass
class PageReaders:
    """What a build records for the next one to compare with."""
    basis: bytes                            # see basis(): what every page's plan rests on
    keys: tuple[str, ...]                   # the directives, then the issues, as Fingerprints.know numbers them
    model: tuple[tuple[bytes, bytes], ...]  # (shape, digest) of each (Fingerprints.model_digests)
    urls: tuple[str, ...]                   # every planned page
    tasks: tuple[int, ...]                  # per page: the task that planned it (engine/render.py)
    shows: tuple[tuple[int, ...], ...]      # per page: the numbers (in `keys`) of what it shows; ALWAYS: no fingerprint


def basis(site_key: bytes, templates_digest: bytes, site, entries_key) -> bytes:
    """What every page's plan rests on besides the directives and issues: the generator
    and configuration (site_key), every template file, the topics, and what page
    entries depend on (render.site.page_entries)."""
    h = hashlib.blake2b(site_key + templates_digest, digest_size=32)
    h.update(pickle.dumps((tuple(site.topics.items()), entries_key), protocol=5))
    return h.digest()


def pages_to_plan(before: PageReaders | None, basis_now: bytes, keys: tuple[str, ...],
                  model: list[tuple[bytes, bytes]]) -> set[int] | None:
    """The numbers (in before.urls) of the pages an edit since `before` can change, or
    None if every page must be planned (something besides what directives only show changed)."""
    if not isinstance(before, PageReaders) or before.basis != basis_now or before.keys != keys:
        return None
    if len(before.model) != len(model):
        return None
    changed = {ALWAYS}
    for i, (old, new) in enumerate(zip(before.model, model)):
        if old[1] != new[1]:
            if old[0] != new[0]:
                return None         # something a page lists, orders or links by
            changed.add(i)
    return {p for p, shows in enumerate(before.shows) if not changed.isdisjoint(shows)}
