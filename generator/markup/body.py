"""Markdown bodies -> HTML, and plain-text excerpts for lists and feeds."""
from __future__ import annotations

import functools
import html
import re

import markdown
from markdown import inlinepatterns
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

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


# What a text must hold for each of Python-Markdown's inline patterns to match at all (any
# one of the strings), keyed by the pattern's class and regular expression as of Markdown 3.x.
_INLINE_NEEDS = {
    ("BacktickInlineProcessor", r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)"): ("`",),
    ("EscapeInlineProcessor", r"\\(.)"): ("\\",),
    ("ReferenceInlineProcessor", r"(?<!\!)\["): ("[",),
    ("LinkInlineProcessor", r"(?<!\!)\["): ("[",),
    ("ImageInlineProcessor", r"\!\["): ("[",),
    ("ImageReferenceInlineProcessor", r"\!\["): ("[",),
    ("ShortReferenceInlineProcessor", r"(?<!\!)\["): ("[",),
    ("ShortImageReferenceInlineProcessor", r"\!\["): ("[",),
    ("AutolinkInlineProcessor", r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>"): ("<",),
    ("AutomailInlineProcessor", r"<([^<> !]+@[^@<> ]+)>"): ("<",),
    ("SubstituteTagInlineProcessor", r"  \n"): ("  \n",),
    ("HtmlInlineProcessor", r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)"): ("&",),
}
if inlinepatterns.HTML_RE.startswith("(<"):     # a tag, comment, processing instruction or CDATA: "<...>"
    _INLINE_NEEDS["HtmlInlineProcessor", inlinepatterns.HTML_RE] = ("<",)
# Markdown's own markers (stashed HTML, escaped characters) in a text also need the inline stage.
_PLACEHOLDER_CHARS = ("\x02", "\x03")


class PlainTextShortcut(Extension):
    """Text with no inline markup skips Python-Markdown's inline stage.

    That stage tries each of 14 inline patterns on every text; a paragraph of plain prose
    (most of a bulletin) matches none and comes out as it went in. Before it runs, each
    text holding nothing any registered pattern needs is marked AtomicString (Markdown's
    "leave this text alone"): the same HTML for about half the Markdown time. With an
    inline pattern not described in _INLINE_NEEDS registered, no text is marked."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(_MarkPlainText(md), "plain_text_shortcut", 25)    # before "inline" (20)


class _MarkPlainText(Treeprocessor):
    def run(self, root):
        needs = _needs_inline(self.md)
        if needs is None:
            return
        for el in root.iter():
            if el.text and not isinstance(el.text, AtomicString) and not needs.search(el.text):
                el.text = AtomicString(el.text)
            if el.tail and not isinstance(el.tail, AtomicString) and not needs.search(el.tail):
                el.tail = AtomicString(el.tail)


def _needs_inline(md) -> re.Pattern | None:
    """A pattern found in every text some registered inline pattern can match; None if a
    registered pattern is not one _INLINE_NEEDS describes."""
    needed = set(_PLACEHOLDER_CHARS)
    for pattern in md.inlinePatterns:
        if type(pattern).__name__ == "DelimiterProcessor" and pattern is md.delimiters:
            needed.update(pattern.tokens)          # emphasis: "*", "_"
            continue
        found = _INLINE_NEEDS.get((type(pattern).__name__, getattr(pattern, "pattern", None)))
        if found is None:
            return None
        needed.update(found)
    return _alternatives(frozenset(needed))


@functools.lru_cache(maxsize=8)
def _alternatives(strings: frozenset[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(s) for s in sorted(strings)))


_TAGS = re.compile(r"<[^>]+>")


class BodyRenderer:
    """One Markdown converter reused for every body (building it is the costly part).

    `extensions` lets later stages add their own (e.g. linking document numbers)."""

    def __init__(self, extensions: list | None = None):
        self._md = markdown.Markdown(extensions=[*EXTENSIONS, AlignClasses(), PlainTextShortcut(), *(extensions or [])],
                                     output_format="html")

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
