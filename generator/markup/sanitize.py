"""Safe HTML by construction: every rendered body passes through one allowlist
sanitizer (nh3, the Rust `ammonia` library) before it reaches a page or a feed.

Whatever an editor (or a pasted text) smuggles into a body, only what bulletins use
survives: paragraphs, headings, lists, tables, emphasis, code, quotes, and links to
http(s), mailto and site-relative targets. No script, no event handler, no style
sheet, no image, no `javascript:` or `data:` URL, however it is spelled.

`removed` says what the sanitizer took out, so `check` can warn the editor about it
(file and line), instead of dropping it silently."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from markupsafe import Markup

TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td",
    "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small", "abbr", "a",
})
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
}
ALIGN_CLASSES = {"align-left", "align-center", "align-right"}   # table columns (body.AlignClasses)
CLASSES = {"a": {"doc-ref"}, "th": ALIGN_CLASSES, "td": ALIGN_CLASSES}   # doc-ref: render/bodylinks.py
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_CLEANER = nh3.Cleaner(
    tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()}, url_schemes=set(URL_SCHEMES),
    allowed_classes={k: set(v) for k, v in CLASSES.items()},
    clean_content_tags={"script", "style"}, link_rel=None, strip_comments=True,
)


def clean(html: str) -> str:
    return _CLEANER.clean(html)


def script_json(value) -> Markup:
    """JSON safe inside a <script> data block: '<', '>' and '&' written as \\u escapes,
    so no value (a title holding `</script>`) can end the block early."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# Removing these is more than tidying: they run code or load something. `check`
# reports them as errors; other removals (a <div>, an <img>, a comment) as warnings.
DANGEROUS_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
    "textarea", "select", "link", "meta", "base", "svg", "math", "template", "noscript", "audio", "video",
    "source", "portal"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data",
                            "background", "cite", "longdesc", "usemap", "ping"})


@dataclass(frozen=True)
class Removal:
    kind: str          # "tag", "event", "url", "attribute", "comment", "text"
    name: str          # the tag or attribute name, or the URL
    dangerous: bool

    @property
    def needle(self) -> re.Pattern:
        """How to find where in the source this came from."""
        if self.kind == "tag" and self.name == "img":
            return re.compile(r"<\s*img\b|!\[", re.IGNORECASE)     # Markdown writes images as ![alt](url)
        if self.kind == "tag":
            return re.compile(rf"<\s*/?\s*{re.escape(self.name)}\b", re.IGNORECASE)
        if self.kind in ("event", "attribute"):
            return re.compile(rf"\b{re.escape(self.name)}\s*=", re.IGNORECASE)
        if self.kind == "url":
            return re.compile(re.escape(self.name[:40]), re.IGNORECASE)
        return re.compile("<!--" if self.kind == "comment" else "<")


def removed(before: str, after: str) -> list[Removal]:
    """What `clean` took out of `before`.

    Compares what both fragments contain (elements, attributes with their values,
    text), not their spelling, since the sanitizer re-serializes what it keeps."""
    was, now = _Inventory.of(before), _Inventory.of(after)
    lost = [Removal("tag", tag, tag in DANGEROUS_TAGS) for tag in sorted((was.tags - now.tags).keys())]
    for (tag, name, value) in sorted((was.attrs - now.attrs).keys()):
        if name.startswith("on"):
            lost.append(Removal("event", name, True))
        elif name in URL_ATTRIBUTES and value and _has_scheme(value):
            lost.append(Removal("url", value, True))
        elif tag in TAGS:      # an attribute of a removed tag goes with its tag
            lost.append(Removal("attribute", name, False))
    if was.comments:
        lost.append(Removal("comment", "<!--", False))
    if not lost and was.text != now.text:
        lost.append(Removal("text", "", False))
    return list(dict.fromkeys(lost))


def _has_scheme(url: str) -> bool:
    """`javascript:`, `data:`, `JaVa\tScRipt:` ... (browsers ignore tabs and newlines in a scheme)."""
    return bool(re.match(r"^[a-z][a-z0-9+.\-]*:", re.sub(r"[\x00-\x20]", "", url), re.IGNORECASE))


class _Inventory(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attrs: Counter = Counter()
        self.comments = 0
        self._text: list[str] = []

    @classmethod
    def of(cls, html: str) -> "_Inventory":
        inv = cls()
        inv.feed(html)
        inv.close()
        return inv

    @property
    def text(self) -> str:
        return " ".join("".join(self._text).split())

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            self.attrs[(tag, name, value or "")] += 1

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self._text.append(data)

    def handle_comment(self, data):
        self.comments += 1

