"""The checked model, kept between builds. When the content changed only in what some
directives show (their body, summary, byline or photos: SHOWN_ONLY_FIELDS), or not at
all (a template was edited), a build takes the model the last full check made and puts
those files' new text in, instead of loading every source record and checking the whole
archive again (3-4 s at ten years).

It is the full check's model exactly: an edited file is read as the check reads it, and
it is used only if every field but the shown ones, and every diagnostic reading it
gave, are what they were. Anything else (a file added, removed or renamed, a bulletin,
site.yaml, topics.yaml, a field that selects, sorts or links, a warning that changed)
is checked in full, and that check is kept for the next build.

It is kept in two cache entries: a small index, which tells whether the model can be
used, and the model (tens of MB at ten years), loaded only then. A process that builds
again and again (serve) also holds the model it last used in memory (ModelInMemory), so a
save does not load it again (1.2 s at ten years), with the other cache entries a build
reads (engine/cache.EntriesInMemory)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.content.directive import IssueContext
from generator.content.loader import Reader
from generator.diagnostics import Diagnostic, Diagnostics
from generator.engine.cache import BuildCache, EntriesInMemory
from generator.engine.fingerprint import Fingerprints, directive_record_shape
from generator.engine.signature import ContentListing
from generator.model.entities import SHOWN_ONLY_FIELDS, Directive, Site, Topic

INDEX, MODEL = "model-index", "model"     # their names in the build cache
MAX_EDITED = 64         # files changed since the check: beyond this, check again (and keep that check)


@dataclass
class CheckIndex:
    """Whether the kept model holds for the content now, and how to read an edited file."""
    token: bytes                          # names the check; its CheckedModel carries the same
    valid_for: tuple                      # see _valid_for
    digests: dict[str, bytes]             # content file (its path in the folder) -> digest of the bytes checked
    directives: dict[str, tuple[bytes, tuple[Diagnostic, ...]]]   # directive file -> (its record's shape, what reading it reported)
    contexts: dict[str, IssueContext]     # issue key -> what its directives are read with
    topics: dict[str, Topic]


@dataclass
class CheckedModel:
    token: bytes
    site: Site
    items: list[Diagnostic]               # what the check reported (check_continuity is not kept: it is run every build)
    drafts: list[str]                     # the drafts shown (include_drafts)
    digests: list[tuple[bytes, bytes]]    # Fingerprints.model_digests of the site (the build need not compute them)


def keep(store: BuildCache, token: bytes, site: Site, items: list[Diagnostic], drafts: list[str],
         records: dict[str, tuple], listing: ContentListing, shown_root: str, include_drafts: bool,
         digests: list[tuple[bytes, bytes]]) -> None:
    """Keep a check that passed. `token`: its check_token; `records`: the reader's, shown
    path -> (key, record, diagnostics) for every file the check read; `digests`: the
    site's model_digests."""
    valid_for = _valid_for(listing, shown_root, include_drafts)
    prefix = f"{shown_root}/"
    directives = {shown[len(prefix):]: (directive_record_shape(record), tuple(reported))
                  for shown, (_, record, reported) in records.items() if isinstance(record, Directive)}
    contexts = {issue.key: IssueContext(issue.year, issue.week, issue.period_from, issue.period_to)
                for issue in site.issues}
    store.save(MODEL, CheckedModel(token, site, list(items), list(drafts), digests))
    store.save(INDEX, CheckIndex(token, valid_for, dict(listing.digests), directives, contexts, site.topics))


class ModelInMemory:
    """The kept model between the builds of one process (serve). It is the cache's model
    with some files' shown fields put in by this process's builds: `patched` names those
    files, with the digest of the text put in, so a later build puts in what they say
    then, or puts the check's text back when an edit is undone. A build takes it out
    before patching and puts it back once done: one that fails midway leaves no
    half-patched model behind. A build that checks in full drops it (not kept beside the
    new check) and, if it succeeds, holds its own (pipeline.py). Held for one cache (its
    folder and key) only."""

    def __init__(self) -> None:
        self._held: tuple | None = None     # (cache folder, cache key, CheckedModel, patched)
        self.entries = EntriesInMemory()    # and the cache entries it needs besides (cache.HELD)

    def take(self, store: BuildCache) -> tuple[CheckedModel, dict[str, bytes]] | None:
        held, self._held = self._held, None
        return None if held is None or held[:2] != (store.folder, store.key) else (held[2], held[3])

    def put(self, store: BuildCache, model: CheckedModel, patched: dict[str, bytes]) -> None:
        self._held = (store.folder, store.key, model, patched)


def kept(store: BuildCache, listing: ContentListing, content: Path, shown_root: str,
         include_drafts: bool, memory: ModelInMemory | None = None) -> CheckedModel | None:
    """The kept model with the edited directives' shown fields as their files now say,
    or None if the content changed in any other way (the build then checks in full).
    `memory`: where this process's builds hold the model between them, if anywhere."""
    held = memory.take(store) if memory is not None else None
    index = store.load(INDEX)
    if not isinstance(index, CheckIndex) or index.valid_for != _valid_for(listing, shown_root, include_drafts):
        return None
    edited = [rel for rel, digest in listing.digests.items() if index.digests.get(rel) != digest]
    if len(edited) > MAX_EDITED:
        return None
    model, patched = held if held is not None and held[0].token == index.token else (None, {})
    holds = index.digests | patched         # which text of each file the model holds (a loaded one: the check's)
    records = {}
    for rel in [*edited, *(patched.keys() - set(edited))]:
        if holds.get(rel) != listing.digests[rel]:      # edited since, or an edit undone (the check's text again)
            records[rel] = _read_as_checked(index, content, shown_root, rel)
            if records[rel] is None:
                return None
    if model is None:
        model = store.load(MODEL)
    if not isinstance(model, CheckedModel) or model.token != index.token:
        return None
    edited_keys = set()
    for record in records.values():
        directive = model.site.directives.get(record.key)     # a draft is not in the site (unless drafts are shown)
        if directive is not None:
            # In place: every issue, list and link of the model holds this very object
            # (the model was just loaded, or is held for this process's builds alone).
            for name in SHOWN_ONLY_FIELDS:
                setattr(directive, name, getattr(record, name))
            edited_keys.add(record.key)
    model.digests = Fingerprints(b"").model_digests_after(model.site, model.digests, edited_keys)
    if memory is not None:
        memory.put(store, model, {rel: listing.digests[rel] for rel in edited})
    return model


def _read_as_checked(index: CheckIndex, content: Path, shown_root: str, rel: str) -> Directive | None:
    """The directive file `rel` as the check reads it, or None unless it is a directive
    the check read whose every field but the shown ones, and what reading it reported,
    are what they were (a bulletin, site.yaml or topics.yaml is never one)."""
    known = index.directives.get(rel)
    context = index.contexts.get(rel.rpartition("/")[0])
    if known is None or context is None:
        return None
    reported = Diagnostics()
    record = Reader().directive(content / rel, f"{shown_root}/{rel}", context, index.topics, reported)
    if record is None or directive_record_shape(record) != known[0] or tuple(reported.items) != known[1]:
        return None
    return record


def _valid_for(listing: ContentListing, shown_root: str, include_drafts: bool) -> tuple:
    """Same layout (no file added, removed or renamed), files named alike in messages, drafts alike."""
    return (listing.layout, shown_root, include_drafts)


def check_token(listing: ContentListing, shown_root: str, include_drafts: bool) -> bytes:
    """Names a check by the content it checked: the same for two checks of the same
    content (either's model serves the other's index). A model patched here keeps its
    check's token: what it holds but shown fields (its link graph ...) is that check's."""
    h = hashlib.blake2b(repr(_valid_for(listing, shown_root, include_drafts)).encode(), digest_size=16)
    for rel in sorted(listing.digests):
        h.update(rel.encode() + b"\0" + listing.digests[rel])
    return h.digest()
