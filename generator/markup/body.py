"""Markdown bodies -> HTML, and plain-text excerpts for lists and feeds."""
from __future__ import annotations

import html
import re

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.markup.sanitize import Removal, clean, removed

# Only extensions that add structure; nothing that rewrites words or quotes
# (e.g. "smarty"), since bodies are official text published verbatim.
EXTENSIONS = ["sane_lists", "tables"]


class AlignClasses(Extension):
    """Table column alignment as a class (`align-left` ...) instead of the tables
    extension's `style="text-align: …"`: the Content-Security-Policy allows no inline
    style, and the sanitizer keeps no style attribute."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(_AlignToClass(md), "align_classes", 1)


class _AlignToClass(Treeprocessor):
    def run(self, root):
        for cell in (el for el in root.iter() if el.tag in ("th", "td")):
            style = cell.attrib.pop("style", None)
            if style is not None:
                align = style.replace(" ", "").removeprefix("text-align:").rstrip(";")
                cell.set("class", f"align-{align}")
_TAGS = re.compile(r"<[^>]+>")


class BodyRenderer:
    """One Markdown converter reused for every body (building it is the costly part).

    `extensions` lets later stages add their own (e.g. linking document numbers)."""

    def __init__(self, extensions: list | None = None):
        self._md = markdown.Markdown(extensions=[*EXTENSIONS, AlignClasses(), *(extensions or [])], output_format="html")

    def html(self, body: str, directive=None) -> str:
        """`directive` is the one whose body this is; extensions that link text read it as `md.directive`."""
        return clean(self.unsafe_html(body, directive))

    def unsafe_html(self, body: str, directive=None) -> str:
        """Python-Markdown's output before sanitizing: only for `sanitized_away`."""
        self._md.reset()
        self._md.directive = directive
        self._md.doc_lookups = []
        return self._md.convert(body)

    @property
    def last_lookups(self) -> tuple:
        """The document look-ups (reference, url found) the last `html` call made."""
        return tuple(self._md.doc_lookups)

    def sanitized_away(self, body: str) -> list[tuple[int, Removal]]:
        """What sanitizing removes from this body, each with the 0-based line it most
        likely came from, so `check` can name the line (and accept exactly what the
        build publishes). A body without '<', '&' or '[' cannot make markup to remove."""
        if not _MAY_HOLD_MARKUP.search(body):
            return []
        raw = self.unsafe_html(body)
        lines = [html.unescape(line) for line in body.split("\n")]
        return [(_source_line(lines, r), r) for r in removed(raw, clean(raw))]


_MAY_HOLD_MARKUP = re.compile(r"[<&\[]")


def _source_line(lines: list[str], removal: Removal) -> int:
    needle = removal.needle
    return next((i for i, line in enumerate(lines) if needle.search(line)), 0)


def plain_text(html_text: str) -> str:
    return html.unescape(_TAGS.sub("", html_text)).strip()


def excerpt(body: str, renderer: BodyRenderer, limit: int = 320) -> str:
    """The first paragraph as plain text, cut at a word boundary."""
    first = body.strip().split("\n\n", 1)[0]
    text = " ".join(plain_text(renderer.html(first)).split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:") + "…"
