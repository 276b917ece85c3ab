"""Markdown bodies -> HTML, and plain-text excerpts for lists and feeds."""
from __future__ import annotations

import html
import re

import markdown

# Only extensions that add structure; nothing that rewrites words or quotes
# (e.g. "smarty"), since bodies are official text published verbatim.
EXTENSIONS = ["sane_lists", "tables"]
_TAGS = re.compile(r"<[^>]+>")


class BodyRenderer:
    """One Markdown converter reused for every body (building it is the costly part).

    `extensions` lets later stages add their own (e.g. linking document numbers)."""

    def __init__(self, extensions: list | None = None):
        self._md = markdown.Markdown(extensions=[*EXTENSIONS, *(extensions or [])], output_format="html")

    def html(self, body: str, directive=None) -> str:
        """`directive` is the one whose body this is; extensions that link text read it as `md.directive`."""
        self._md.reset()
        self._md.directive = directive
        self._md.doc_lookups = []
        return self._md.convert(body)

    @property
    def last_lookups(self) -> tuple:
        """The document look-ups (slug, year, date, url found) the last `html` call made."""
        return tuple(self._md.doc_lookups)


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
