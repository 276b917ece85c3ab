"""A digest of everything a page shows: its URL, its template and its plain-data
context, on top of a site-wide key (configuration, generator version) and the digest
of the templates the page's template uses (engine/templates.py). An Output (a feed,
the calendar) is digested the same way: its paths, its make and its args.

Same fingerprint, same bytes: a page whose fingerprint matches the one recorded for
the published file is not rendered again. The context is pickled without memo (so
equal values give equal bytes however objects are shared); what many pages show
(directives, issues, topics, list items ...: SHARED) is digested once and stands in
by its digest. A context that cannot be pickled (a planner put live code in it) gets
no fingerprint, and its page is always rendered."""
from __future__ import annotations

import hashlib
import io
import pickle

from generator.model.entities import Directive, Issue, Topic
from generator.model.links import DocumentEntry, NamedEntry
from generator.render.pages import BodyHTML, ListItem
from generator.render.related import Subject

# What many pages show, each digested once and standing in by its digest: all of them
# fixed once the model is built (a list item cannot be changed; topics, the graph's
# entries and a related link's subjects are frozen).
SHARED = (Directive, Issue, Topic, ListItem, DocumentEntry, NamedEntry, Subject)


def _stub(digest: bytes):      # only ever named inside a digest, never unpickled
    raise NotImplementedError


class Fingerprints:
    def __init__(self, site_key: bytes, template_key=None):
        """`template_key(name)`: the digest of a template and all it uses (engine/templates.py)."""
        self.site_key = site_key
        self.template_key = template_key
        self._known: dict[int, tuple[object, bytes]] = {}      # id -> (object kept alive, digest)
        self._salts: dict[str, bytes] = {}
        stand_in = lambda obj: (_stub, (self.of(obj),))      # noqa: E731
        self.stand_ins = {kind: stand_in for kind in SHARED}
        self.stand_ins[BodyHTML] = _body_token       # a digest already (engine/bodies.py)

    def page(self, url: str, template: str, context: dict) -> bytes | None:
        try:
            return self._digest((url, template, context), self._salt(template))
        except Exception:       # noqa: BLE001 — unpicklable: render every time
            return None

    def output(self, output) -> bytes | None:
        """The fingerprint of an Output (render/pages.py): its paths, its make and its args."""
        try:
            return self._digest((output.paths, output.make, output.args), self.site_key)
        except Exception:       # noqa: BLE001 — unpicklable: make it every time
            return None

    def _salt(self, template: str) -> bytes:
        salt = self._salts.get(template)
        if salt is None:
            extra = self.template_key(template) if self.template_key else b""
            salt = self._salts[template] = hashlib.blake2b(self.site_key + extra, digest_size=32).digest()
        return salt

    def _digest(self, value, salt: bytes = b"") -> bytes:
        buf = io.BytesIO()
        pickler = _Pickler(buf, self)
        pickler.fast = True
        pickler.dump(value)
        return hashlib.blake2b(buf.getvalue(), digest_size=20, key=salt[:64]).digest()

    def model_digests(self, site) -> list[bytes]:
        """The digests of every directive, then every issue: what `know` takes. Computed
        before workers fork (list items are made in the workers, each digested once there),
        in a process of its own while the build prepares the bodies (engine/render.py)."""
        return [self.of(d) for d in site.directives.values()] + [self.of(issue) for issue in site.issues]

    def know(self, site, digests: list[bytes]) -> None:
        for obj, digest in zip([*site.directives.values(), *site.issues], digests, strict=True):
            self._known[id(obj)] = (obj, digest)

    def of(self, obj) -> bytes:
        known = self._known.get(id(obj))
        if known is None or known[0] is not obj:
            known = self._known[id(obj)] = (obj, self._digest(_fields(obj)))
        return known[1]


def _fields(obj) -> tuple:
    if isinstance(obj, tuple):          # a named tuple
        return (type(obj).__name__, tuple(obj))
    return (type(obj).__name__, tuple(sorted((obj if isinstance(obj, dict) else vars(obj)).items())))


def _body_token(body: BodyHTML):
    return (_stub, (body.token,))


class _Pickler(pickle.Pickler):
    def __init__(self, buf, prints: Fingerprints):
        super().__init__(buf, protocol=5)
        # A dispatch table, not reducer_override: that would be called from C for every
        # object of every page (1.8 million calls at 520 weeks), this only for these two types.
        self.dispatch_table = prints.stand_ins
