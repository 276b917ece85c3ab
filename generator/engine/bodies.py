"""Markdown bodies, the costliest part of a page: rendered once per directive (in
parallel) and reused from the cache while their inputs are unchanged.

A body's HTML depends on its text, its directive's URL and date, and the answers to
the document look-ups its references made (a reference becomes a link when the
archive has that document). The cache keeps those look-ups with the HTML and asks
them again: one different answer and the body is rendered anew. They are not asked
when the link graph answering them is the one that last did (Answers).

The cache keeps each body's HTML apart from the rest (its key, excerpt and look-ups),
in one table per year: a rebuild loads only the small part, and a page fetches its
body's HTML from the year's table only if it is rendered again (RenderKit.body)."""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass

from generator.engine.pool import parallel_map, release_freed_memory
from generator.model.entities import Directive, Site
from generator.render.bodylinks import DocumentLinks
from generator.markup.body import BodyRenderer, excerpt
from generator.render.pages import RenderKit

HTML = "bodyhtml"          # cache entries "bodyhtml.<year>": directive key -> (token, HTML)
ANSWERED = "bodies-answered"   # cache entry: the Answers of the link graph that last answered the look-ups kept


def body_key(d: Directive) -> bytes:
    """All of the directive a look-up of its body reads (LinkGraph.resolve_reference:
    its date, and the documents it carries and cites), with its text and URL."""
    own = ";".join(f"{r.key.year}/{r.key.slug}" for r in (*d.documents, *d.cites))
    return hashlib.blake2b(f"{d.url}\0{d.date.isoformat()}\0{own}\0{d.body}".encode(), digest_size=20).digest()


@dataclass(frozen=True)
class Answers:
    """Names the link graph that answered the body cache's look-ups: by the check that
    made it (engine/kept_model.check_token; every model of one check shares one graph),
    and by lookups_token, all of it that a look-up reads. A body of the same body_key
    gets the same answers from any graph of the same lookups_token: so after an edit
    that leaves them alike (a topic, a title, an official) they are not asked again."""
    check: bytes | None
    lookups: bytes


def lookups_token(links) -> bytes:
    """What LinkGraph.resolve_reference reads besides the directive: which documents
    exist (a document's URL is its key's), the aliases, the years of dated mentions."""
    years = [(slug, [(day.toordinal(), year) for day, year in dated]) for slug, dated in links._years.items()]
    value = ([tuple(k) for k in links.documents], sorted(map(tuple, links.aliases.items())), years)
    return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=20).digest()


def token(key: bytes, lookups: tuple) -> bytes:
    """What a body's HTML is made from: its body key and its look-ups' answers."""
    return hashlib.blake2b(key + repr(lookups).encode(), digest_size=20).digest()


def prepare_bodies(site: Site, kit: RenderKit, previous: dict | None, store=None,
                   answered: bool = False, digests: dict[str, bytes] | None = None) -> tuple[dict, bool]:
    """Fill `kit` with every published body's excerpt and HTML (or, with `store`, the
    build cache, the means to fetch the HTML of bodies rendered before); return the
    cache entries to keep, (body key, HTML or None, excerpt, look-ups, token, digest),
    and whether they differ from `previous`. `answered`: the look-ups kept in `previous` were
    last answered by a link graph that answers them alike (answered_by): they are not
    asked again (0.6 s at ten years). `digests`: each directive's digest in the model
    (Fingerprints.model_digests), if known now; an entry kept beside the same digest has
    the same body key, which is then not computed again (0.2 s at ten years)."""
    previous = previous or {}
    digests = digests or {}
    current, todo = {}, []
    for key in sorted(site.directives):
        entry = previous.get(key)
        if entry is not None and (entry[1] is not None or store is not None):
            kept = _same_body(site.directives[key], entry, digests.get(key))
            if kept is not None and (answered or _same_answers(site, site.directives[key], entry[3])):
                current[key] = kept
                continue
        todo.append(key)
    for key, entry in zip(todo, parallel_map(_render, site, todo)):
        current[key] = (*entry, digests.get(key))
    if store is not None:
        current = _html_stored(store, current, previous)
        release_freed_memory()
    for key, entry in current.items():
        kit.preload(key, entry[1], site.directives[key].summary or entry[2], entry[4] if store else None)
    if store is not None:
        kit.store(StoredHTML(store))
    return current, bool(todo) or current.keys() != previous.keys() or \
        any(entry is not previous.get(key) for key, entry in current.items())


def _same_body(d: Directive, entry: tuple, digest: bytes | None) -> tuple | None:
    """`entry` (with `digest`, if known and new) if it was made from the body key `d` has
    now, else None. An entry's digest, when it has one, is that of a directive whose
    body key is the entry's: the same digest, the same key (it covers every field)."""
    if digest is not None and entry[5] == digest:
        return entry
    if entry[0] != body_key(d):
        return None
    return entry if digest is None else (*entry[:5], digest)


def answered_by(store, check: bytes | None, links) -> tuple[bool, Answers, bool]:
    """Whether the look-ups kept were last answered by a link graph that answers them as
    `links` does, a graph of the check `check` (its token, or None); the Answers of
    `links`, which answers them from now on; and whether these differ from those kept.
    lookups_token is computed only when the check differs (0.1 s at ten years)."""
    kept = store.load(ANSWERED) if store is not None else None
    if isinstance(kept, Answers) and check is not None and kept.check == check:
        return True, kept, False
    now = Answers(check, lookups_token(links))
    return isinstance(kept, Answers) and kept.lookups == now.lookups, now, True


def save_bodies(store, current: dict, previous: dict, answers: Answers) -> None:
    """Keep the entries of prepare_bodies (their HTML is stored already): those reused
    from `previous` are the very objects it holds, so their shards are not rewritten.
    Their look-ups were all answered by the link graph `answers` names."""
    store.save(ANSWERED, None)      # a build stopped between these saves leaves no claim
    store.save_sharded("bodies", current, previous)
    store.save(ANSWERED, answers)


def _html_stored(store, current: dict, previous: dict) -> dict:
    """Write each year's HTML table where a body of that year was rendered or dropped,
    and return the entries without their HTML: pages fetch it from the store when they
    are rendered (StoredHTML), so the build does not hold every body's HTML in memory
    (some 130 MB at ten years), nor does each worker copy what it touches of it. A build
    that fails after this leaves tables that the next one checks by token anyway."""
    years: dict[str, dict] = {}
    for key, entry in current.items():
        if entry[1] is not None:
            years.setdefault(_year(key), {})[key] = (entry[4], entry[1])
    for key in previous.keys() - current.keys():
        years.setdefault(_year(key), {})
    for year, fresh in sorted(years.items()):
        table = store.load(f"{HTML}.{year}") or {}
        store.save(f"{HTML}.{year}", {k: v for k, v in table.items() if k in current} | fresh)
    return {key: entry if entry[1] is None else (entry[0], None, *entry[2:]) for key, entry in current.items()}


class StoredHTML:
    """stored(key, token) for RenderKit: the year's table is loaded on first use (in the
    worker that renders the page) and kept while pages of that year come."""

    def __init__(self, store):
        self.store, self.year, self.table = store, None, {}

    def __call__(self, key: str, expected: bytes) -> str | None:
        year = _year(key)
        if year != self.year:
            self.year, self.table = year, self.store.load(f"{HTML}.{year}") or {}
        found = self.table.get(key)
        return found[1] if isinstance(found, tuple) and len(found) == 2 and found[0] == expected else None


def _year(key: str) -> str:
    return key.split("/", 1)[0]


def _same_answers(site: Site, d: Directive, lookups: tuple) -> bool:
    for ref, url in lookups:
        entry = site.links.resolve_reference(ref, d)
        if (entry.url if entry else None) != url:
            return False
    return True


def _render(site: Site, keys) -> list[tuple]:
    renderer = BodyRenderer([DocumentLinks(site.links)])
    plain = BodyRenderer()
    out = []
    for key in keys:
        d = site.directives[key]
        html, key_of_body = renderer.html(d.body, d), body_key(d)
        out.append((key_of_body, html, excerpt(d.body, plain), renderer.last_lookups,
                    token(key_of_body, renderer.last_lookups)))
    return out
