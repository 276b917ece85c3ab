"""A digest of everything a page shows: its URL, its template and its plain-data
context, on top of a site-wide key (configuration, generator version) and the digest
of the templates the page's template uses (engine/templates.py). An Output (a feed,
the calendar) is digested the same way: its paths, its make and its args.

Same fingerprint, same bytes: a page whose fingerprint matches the one recorded for
the published file is not rendered again. The context is pickled without memo (so
equal values give equal bytes however objects are shared); what many pages show
(directives, issues, topics, list items ...: SHARED) is digested once and stands in
by its digest. A context that cannot be pickled (a planner put live code in it) gets
no fingerprint, and its page is always rendered.

While it digests a page, it also notes which directives and issues the page shows
(each one it meets in the context, or in a list item or body there): the page's
readers of the model, from which a rebuild finds the pages an edit can change
(engine/dependencies.py)."""
from __future__ import annotations

import hashlib
import io
import pickle

from generator.model.entities import POSITION_FIELDS, SHOWN_ONLY_FIELDS, Directive, DocumentRef, Issue, Topic
from generator.model.links import DocumentEntry, NamedEntry
from generator.render.pages import BodyHTML, ListItem
from generator.render.related import Subject

# What many pages show, each digested once and standing in by its digest: all of them
# fixed once the model is built (a list item cannot be changed; topics, the graph's
# entries and a related link's subjects are frozen).
SHARED = (Directive, Issue, Topic, ListItem, DocumentEntry, NamedEntry, Subject)


def _stub(digest: bytes):      # only ever named inside a digest, never unpickled
    raise NotImplementedError


ALWAYS = -1     # in a page's readers: a page with no fingerprint, planned again on every build


def _ref_without_line(ref: DocumentRef):
    return (_stub, (tuple((k, v) for k, v in vars(ref).items() if k not in POSITION_FIELDS),))


_WITHOUT_LINES = {DocumentRef: _ref_without_line}      # a dispatch table: see _Pickler
_NOT_IN_SHAPE = frozenset(SHOWN_ONLY_FIELDS) | POSITION_FIELDS


def directive_shape(d: Directive) -> bytes:
    """The digest of all a directive holds but its SHOWN_ONLY_FIELDS and where in its file
    things were written (POSITION_FIELDS): what no other page than those showing it
    depends on is left out."""
    return _plain_digest(_shape_fields(d, _NOT_IN_SHAPE), _WITHOUT_LINES)


def directive_record_shape(d: Directive) -> bytes:
    """directive_shape with the lines kept: for the kept model (engine/kept_model.py), whose
    later messages name them."""
    return _plain_digest(_shape_fields(d, SHOWN_ONLY_FIELDS))


def _shape_fields(d: Directive, left_out) -> tuple:
    return ("Directive", tuple((k, v) for k, v in vars(d).items() if k not in left_out))


class Fingerprints:
    def __init__(self, site_key: bytes, template_key=None):
        """`template_key(name)`: the digest of a template and all it uses (engine/templates.py)."""
        self.site_key = site_key
        self.template_key = template_key
        self._known: dict[int, tuple[object, bytes, frozenset[int]]] = {}  # id -> (object kept alive, digest, readers)
        self._salts: dict[str, bytes] = {}
        self._reading: list[set[int]] = []        # per digest under way: the model items it has met
        self.ids: dict[str, int] = {}             # directive and issue key -> its number in the readers (see know)
        self.stand_ins = {kind: self._stand_in for kind in SHARED}
        self.stand_ins[BodyHTML] = self._body_token      # a digest already (engine/bodies.py)
        self.stand_ins.update(_WITHOUT_LINES)

    def page(self, url: str, template: str, context: dict) -> tuple[bytes | None, tuple[int, ...]]:
        """The page's fingerprint (None if its context cannot be pickled), and the numbers
        of the directives and issues it shows (`ids`), sorted."""
        try:
            fp, read = self._digest((url, template, context), self._salt(template))
        except Exception:       # noqa: BLE001 — unpicklable: render every time
            return None, (ALWAYS,)
        return fp, tuple(sorted(read))

    def output(self, output) -> bytes | None:
        """The fingerprint of an Output (render/pages.py): its paths, its make and its args."""
        try:
            return self._digest((output.paths, output.make, output.args), self.site_key)[0]
        except Exception:       # noqa: BLE001 — unpicklable: make it every time
            return None

    def _salt(self, template: str) -> bytes:
        salt = self._salts.get(template)
        if salt is None:
            extra = self.template_key(template) if self.template_key else b""
            salt = self._salts[template] = hashlib.blake2b(self.site_key + extra, digest_size=32).digest()
        return salt

    def _digest(self, value, salt: bytes = b"") -> tuple[bytes, set[int]]:
        buf = io.BytesIO()
        pickler = _Pickler(buf, self)
        pickler.fast = True
        self._reading.append(set())
        try:
            pickler.dump(value)
        finally:
            read = self._reading.pop()
        return hashlib.blake2b(buf.getvalue(), digest_size=20, key=salt[:64]).digest(), read

    def model_digests(self, site) -> list[tuple[bytes, bytes]]:
        """(shape, digest) of every directive, then every issue: what `know` takes.
        A directive's shape is the digest of all but its SHOWN_ONLY_FIELDS, and its digest
        that of the shape and those fields; an issue's shape names its directives by key,
        its digest by theirs. Computed before workers fork (list items are made in the
        workers, each digested once there), in a process of its own while the build
        prepares the bodies (engine/render.py)."""
        out = [self._directive_digests(d) for d in site.directives.values()]
        for d, (_, digest) in zip(site.directives.values(), out):
            self._known[id(d)] = (d, digest, frozenset())
        return out + [self._issue_digests(issue) for issue in site.issues]

    def model_digests_after(self, site, before: list[tuple[bytes, bytes]], edited: set[str]) -> list[tuple[bytes, bytes]]:
        """model_digests of `site` from `before`, those of the same model before the shown
        fields of the `edited` directives (keys) changed: only theirs and their issues' are
        computed again (engine/kept_model.py)."""
        out = list(before)
        for i, d in enumerate(site.directives.values()):
            if d.key in edited:
                out[i] = self._directive_digests(d)
        n = len(site.directives)
        for j, issue in enumerate(site.issues):
            if any(d.key in edited for d in issue.directives):
                out[n + j] = self._issue_digests(issue)
        return out

    def _issue_digests(self, issue: Issue) -> tuple[bytes, bytes]:
        """Its shape names its directives by key; its digest adds theirs."""
        fields = vars(issue)
        shape = _plain_digest(("Issue", tuple((k, v) for k, v in fields.items() if k != "directives"),
                               tuple(d.key for d in issue.directives)))
        return shape, hashlib.blake2b(shape + b"".join(self.of(d) for d in issue.directives), digest_size=20).digest()

    @staticmethod
    def _directive_digests(d: Directive) -> tuple[bytes, bytes]:
        # A directive holds nothing SHARED (its fields are text, dates and small frozen
        # records), so the plain pickler digests it, in C; its fields come in their
        # declared order (a dataclass's), so they need no sorting. Half the time it took.
        shown = _plain_digest(tuple(vars(d)[k] for k in SHOWN_ONLY_FIELDS))
        shape = directive_shape(d)
        return shape, hashlib.blake2b(shape + shown, digest_size=20).digest()

    def know(self, site, digests: list[tuple[bytes, bytes]]) -> None:
        """Take the model's digests (model_digests, perhaps from another process), and number
        the directives and issues as page readers name them."""
        items = [*site.directives.values(), *site.issues]
        self.ids = {item.key: i for i, item in enumerate(items)}
        for i, (obj, (_, digest)) in enumerate(zip(items, digests, strict=True)):
            self._known[id(obj)] = (obj, digest, frozenset((i,)))

    def of(self, obj) -> bytes:
        return self._of(obj)[1]

    def _of(self, obj) -> tuple[object, bytes, frozenset[int]]:
        known = self._known.get(id(obj))
        if known is None or known[0] is not obj:
            if isinstance(obj, (Directive, Issue)):     # read: the item itself, not what it holds
                digests = self._directive_digests(obj) if isinstance(obj, Directive) else self._issue_digests(obj)
                digest, read = digests[1], {self.ids[obj.key]} if obj.key in self.ids else set()
            else:
                digest, read = self._digest(_fields(obj))
            known = self._known[id(obj)] = (obj, digest, frozenset(read))
        return known

    def _stand_in(self, obj):
        # Called for every shared value of every page (some two million at ten years): the
        # memo is looked up here, without a call to _of when the value is known.
        known = self._known.get(id(obj))
        if known is None or known[0] is not obj:
            known = self._of(obj)
        if self._reading:
            self._reading[-1].update(known[2])
        return (_stub, (known[1],))

    def _body_token(self, body: BodyHTML):
        if self._reading and body.d.key in self.ids:
            self._reading[-1].add(self.ids[body.d.key])
        return (_stub, (body.token,))


def _plain_digest(value, dispatch: dict | None = None) -> bytes:
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=5)
    pickler.fast = True         # no memo: equal values give equal bytes however objects are shared
    if dispatch:
        pickler.dispatch_table = dispatch
    pickler.dump(value)
    return hashlib.blake2b(buf.getvalue(), digest_size=20).digest()


def _fields(obj) -> tuple:
    if isinstance(obj, tuple):          # a named tuple
        return (type(obj).__name__, tuple(obj))
    return (type(obj).__name__, tuple(sorted((obj if isinstance(obj, dict) else vars(obj)).items())))


class _Pickler(pickle.Pickler):
    def __init__(self, buf, prints: Fingerprints):
        super().__init__(buf, protocol=5)
        # A dispatch table, not reducer_override: that would be called from C for every
        # object of every page (1.8 million calls at 520 weeks), this only for these few types.
        self.dispatch_table = prints.stand_ins
