"""Markdown that renders back to exactly the published text.

Each paragraph is one line. We escape only what Python-Markdown would change: block
markers at the start ("1. ", "- ", "#", ">", ...), "<" and entity-like "&name;", and,
only if the paragraph would otherwise render differently, the inline markers
(backslash, "*", "_", backtick, "[", "]"). `rendered_text` is the check.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

_BLOCK_RE = re.compile(r"^(?:(?P<num>\d+)(?P<dot>[.)])(?=\s|$)|(?P<mark>[#>+*=-]))")
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")
_INLINE = "\\`*_[]"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_MARKDOWN = markdown.Markdown()  # one converter, reset for each text: building one costs more than using it


def rendered_paragraphs(md: str) -> list[str]:
    """The text of each <p> that Python-Markdown makes of `md`."""
    html = _MARKDOWN.reset().convert(md)
    return [_text(p) for p in re.findall(r"<p>(.*?)</p>", html, re.DOTALL)]


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _block_escape(text: str) -> str:
    m = _BLOCK_RE.match(text)
    if not m:
        return text
    if m.group("num"):
        return f"{m.group('num')}\\{m.group('dot')}{text[m.end():]}"
    return "\\" + text if m.group("mark") != "=" else "&#61;" + text[1:]


_INERT_RE = re.compile(r"^[^\\`*_\[\]<>&]*$")  # no inline Markdown, HTML or entity can start in such a line


def escape_paragraph(text: str) -> str:
    if _INERT_RE.match(text):  # only a block marker at the start can matter (verify renders it all anyway)
        return _block_escape(text)
    escaped = _ENTITY_RE.sub("&amp;", text).replace("<", "&lt;")
    if rendered_paragraphs(_block_escape(escaped)) == [text]:
        return _block_escape(escaped)
    full = "".join("\\" + ch if ch in _INLINE else ch for ch in escaped)
    return _block_escape(full) if not full.startswith("\\") else full
