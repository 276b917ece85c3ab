"""What a page's bytes owe to the templates: the template it names and every template
that one extends, includes or imports, followed to the end. A page's fingerprint is
salted with the digest of exactly those files, so editing directive.html re-renders
directive pages only, while editing base.html (which every page extends) re-renders all.

A template that names another by an expression (`{% include some_variable %}`) cannot
be followed: its pages then depend on every template, as before this module."""
from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2 import meta


class TemplateKeys:
    def __init__(self, env: jinja2.Environment, folders: list[Path]):
        self.env = env
        self.folders = folders
        self._keys: dict[str, bytes] = {}
        self._refs: dict[str, frozenset[str] | None] = {}
        self._every: bytes | None = None

    def __call__(self, name: str) -> bytes:
        """The digest of `name` and everything it uses (cached per name)."""
        key = self._keys.get(name)
        if key is None:
            used = self._closure(name)
            h = hashlib.blake2b(digest_size=20)
            if used is None:
                h.update(b"*" + self.every())
            else:
                for n in sorted(used):
                    h.update(n.encode() + b"\0" + self._source(n).encode() + b"\0")
            key = self._keys[name] = h.digest()
        return key

    def every(self) -> bytes:
        """Every file of every template folder, in the order they take precedence."""
        if self._every is None:
            h = hashlib.blake2b(digest_size=32)
            for folder in self.folders:
                folder = Path(folder)
                h.update(f"[{folder}]".encode())
                for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
                    if path.is_file():
                        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
            self._every = h.digest()
        return self._every

    def _closure(self, name: str) -> frozenset[str] | None:
        seen: set[str] = set()
        todo = [name]
        while todo:
            n = todo.pop()
            if n in seen:
                continue
            seen.add(n)
            refs = self._references(n)
            if refs is None:
                return None
            todo.extend(refs)
        return frozenset(seen)

    def _references(self, name: str) -> frozenset[str] | None:
        if name not in self._refs:
            try:
                found = list(meta.find_referenced_templates(self.env.parse(self._source(name))))
            except (jinja2.TemplateError, OSError):
                found = [None]          # unreadable or broken: the render reports it; depend on everything
            self._refs[name] = None if None in found else frozenset(found)
        return self._refs[name]

    def _source(self, name: str) -> str:
        try:
            return self.env.loader.get_source(self.env, name)[0]
        except jinja2.TemplateNotFound:
            return "\0missing"
