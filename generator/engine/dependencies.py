"""Which pages show which directives and issues, and so which pages an edit can change.

Fingerprinting a page notes the directives and issues it shows (engine/fingerprint.py);
a build records them, page by page, with the digests of the model. The next build
compares. If all that changed is what some directives only show (SHOWN_ONLY_FIELDS: a
body, a summary ...), and nothing else did (the same directives and issues in the same
order, the same topics, configuration, generator and template files), then every page
still exists and still lists, orders and links what it did: only the pages that show an
edited directive, or its issue, can differ, and only they are planned again. One
directive's topics changed too (nothing else of it, no other directive's shape): then
also the pages of the topics it joined or left, their index, and the pages of the
directives whose related links it can change (_reached_by_topics). On any other change,
every page is planned and fingerprinted, as on a first build.

Why this is safe: a page's fingerprint digests its whole context, and every directive or
issue in it is noted, wherever it sits (a list item, a related link, a body). A page
that shows none of the edited directives and issues has the same context, so the same
fingerprint and bytes, unless something else changed, which the comparison rules out.
tests/test_engine_dependencies.py checks this against full planning, edit by edit."""
from __future__ import annotations

import copy
import hashlib
import pickle
from dataclasses import dataclass

from generator.engine.fingerprint import ALWAYS, directive_shape
from generator.model import urls as site_urls
from generator.model.links import NEIGHBOURS
from generator.render.pagination import paginate


@dataclass
class PageReaders:
    """What a build records for the next one to compare with."""
    basis: bytes                            # see basis(): what every page's plan rests on
    keys: tuple[str, ...]                   # the directives, then the issues, as Fingerprints.know numbers them
    model: tuple[tuple[bytes, bytes], ...]  # (shape, digest) of each (Fingerprints.model_digests)
    urls: tuple[str, ...]                   # every planned page
    tasks: tuple[int, ...]                  # per page: the task that planned it (engine/render.py)
    shows: tuple[tuple[int, ...], ...]      # per page: the numbers (in `keys`) of what it shows; ALWAYS: no fingerprint
    topics: tuple[tuple[str, ...], ...] = ()    # per directive (as in `keys`): its topics (see _reached_by_topics)


def basis(site_key: bytes, templates_digest: bytes, site, entries_key) -> bytes:
    """What every page's plan rests on besides the directives and issues: the generator
    and configuration (site_key), every template file, the topics, and what page
    entries depend on (render.site.page_entries)."""
    h = hashlib.blake2b(site_key + templates_digest, digest_size=32)
    h.update(pickle.dumps((tuple(site.topics.items()), entries_key), protocol=5))
    return h.digest()


def pages_to_plan(before: PageReaders | None, basis_now: bytes, keys: tuple[str, ...],
                  model: list[tuple[bytes, bytes]], site=None) -> set[int] | None:
    """The numbers (in before.urls) of the pages an edit since `before` can change, or
    None if every page must be planned (something besides what directives only show
    changed, or, with `site`, besides one directive's topics)."""
    if not isinstance(before, PageReaders) or before.basis != basis_now or before.keys != keys:
        return None
    if len(before.model) != len(model):
        return None
    changed, moved = {ALWAYS}, []
    for i, (old, new) in enumerate(zip(before.model, model)):
        if old[1] != new[1]:
            if old[0] != new[0]:
                if site is None:
                    return None     # something a page lists, orders or links by
                moved.append(i)
            changed.add(i)
    again = {p for p, shows in enumerate(before.shows) if not changed.isdisjoint(shows)}
    if moved:
        reached = _reached_by_topics(before, site, moved)
        if reached is None:
            return None
        again |= reached
    return again


def _reached_by_topics(before: PageReaders, site, moved: list[int]) -> set[int] | None:
    """When all one directive's shape changed in is its topics: the pages that can change
    besides those that showed it (which pages_to_plan takes). None for any other change.

    A topic it joined or left lists it on its pages, and their pagination shifts from its
    place on: every page of those topics, and the topics' index (its counts name no
    directive), unless a topic gains or loses a page (then None: the plan's pages would
    differ). Its weak related links come from its neighbours in time in each topic
    (model/links.py, NEIGHBOURS either side): only the directives that many places or
    fewer from it, in a topic it joined or left, can gain or lose a link, or see one
    reordered; their pages. A page that shows it after the edit and did not before is one
    of these."""
    directives = list(site.directives.values())
    if len(moved) != 1 or moved[0] >= len(directives) or len(before.topics) != len(directives):
        return None
    d = directives[moved[0]]
    was = copy.copy(d)
    was.topics = before.topics[moved[0]]
    if directive_shape(was) != before.model[moved[0]][0]:
        return None                 # more than its topics changed
    index = {url: p for p, url in enumerate(before.urls)}
    wanted = [site_urls.TOPICS]
    for t in sorted(set(was.topics) ^ set(d.topics)):
        topic = site.topics.get(t)
        if topic is None:
            return None
        members = [k for k in site.links.topics.get(t, ()) if k != d.key]      # newest first, without it
        joined = t in d.topics
        pages_now, pages_then = (_topic_pages(site, topic.url, len(members) + joined),
                                 _topic_pages(site, topic.url, len(members) + (not joined)))
        if pages_now != pages_then:
            return None
        wanted += pages_now
        place = sum(1 for k in members if (site.directives[k].date, k) > (d.date, d.key))
        wanted += [site.directives[k].url for k in members[max(0, place - NEIGHBOURS - 1):place + NEIGHBOURS + 1]]
    if any(url not in index for url in wanted):
        return None
    return {index[url] for url in wanted}


def _topic_pages(site, base: str, count: int) -> list[str]:
    """The URLs of a topic's pages when it lists `count` directives (none when it lists none)."""
    return [pager.url for _, pager in paginate(range(count), site.config.per_page, base)] if count else []
