"""Markdown bodies, the costliest part of a page: rendered once per directive (in
parallel) and reused from the cache while their inputs are unchanged.

A body's HTML depends on its text, its directive's URL and date, and the answers to
the document look-ups its references made (a reference becomes a link when the
archive has that document). The cache keeps those look-ups with the HTML and asks
them again: one different answer and the body is rendered anew."""
from __future__ import annotations

import hashlib

from generator.engine.pool import parallel_map
from generator.model.entities import Directive, Site
from generator.render.bodylinks import DocumentLinks
from generator.markup.body import BodyRenderer, excerpt
from generator.render.pages import RenderKit


def body_key(d: Directive) -> bytes:
    return hashlib.blake2b(f"{d.url}\0{d.date.isoformat()}\0{d.body}".encode(), digest_size=20).digest()


def prepare_bodies(site: Site, kit: RenderKit, previous: dict | None) -> dict:
    """Fill `kit` with every published body's HTML and excerpt; return the cache entries
    to keep, and whether they differ from `previous`."""
    previous = previous or {}
    current, todo = {}, []
    for key in sorted(site.directives):
        d = site.directives[key]
        entry = previous.get(key)
        if entry is not None and entry[0] == body_key(d) and _same_answers(site, d, entry[3]):
            current[key] = entry
        else:
            todo.append(key)
    for key, entry in zip(todo, parallel_map(_render, site, todo)):
        current[key] = entry
    for key, (_, html, text, _) in current.items():
        kit.preload(key, html, site.directives[key].summary or text)
    return current, bool(todo) or current.keys() != previous.keys()


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
        html = renderer.html(d.body, d)
        out.append((body_key(d), html, excerpt(d.body, plain), renderer.last_lookups))
    return out
