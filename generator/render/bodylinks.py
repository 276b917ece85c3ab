"""Link document references in a directive's body to the documents' pages.

A Python-Markdown treeprocessor that runs after inline markup: it looks for
references (generator.vntext.references.find_references) in text nodes only,
never inside an existing link or code, and wraps each span whose document has
a page in <a>, leaving every character of the text as written."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.model.links import LinkGraph
from generator.render.urls import relative
from generator.vntext.references import find_references

SKIP = frozenset({"a", "code", "pre", "script", "style"})


class DocumentLinks(Extension):
    """Reads the directive being rendered from `md.directive` (set by BodyRenderer.html)."""

    def __init__(self, graph: LinkGraph | None):
        super().__init__()
        self.graph = graph

    def extendMarkdown(self, md):
        md.treeprocessors.register(_Linker(md, self.graph), "document_links", 15)


class _Linker(Treeprocessor):
    def __init__(self, md, graph: LinkGraph | None):
        super().__init__(md)
        self.graph = graph

    def run(self, root):
        directive = getattr(self.md, "directive", None)
        if self.graph is not None and directive is not None:
            self._walk(root, directive)

    def _walk(self, el, d) -> None:
        if el.text:
            el.text, anchors = self._split(el.text, d)
            for i, a in enumerate(anchors):
                el.insert(i, a)
        for child in [c for c in el if c.get("class") != "doc-ref"]:
            if child.tag not in SKIP:
                self._walk(child, d)
            if child.tail:
                child.tail, anchors = self._split(child.tail, d)
                at = list(el).index(child) + 1
                for i, a in enumerate(anchors):
                    el.insert(at + i, a)

    def _split(self, text: str, d) -> tuple[str, list]:
        """The text before the first linked reference, and the <a> elements (each with its tail)."""
        anchors = []
        head, pos = None, 0
        for ref in find_references(text, d.date.year):
            entry = self.graph.resolve_reference(ref, d)
            # What this body depends on besides its text: the build cache re-asks these to reuse the HTML.
            self.md.doc_lookups.append((ref, entry.url if entry else None))
            if entry is None:
                continue
            a = etree.Element("a", {"href": relative(entry.url, d.url), "class": "doc-ref"})
            a.text = text[ref.start:ref.end]
            if anchors:
                anchors[-1].tail = text[pos:ref.start]
            else:
                head = text[:ref.start]
            anchors.append(a)
            pos = ref.end
        if not anchors:
            return text, []
        anchors[-1].tail = text[pos:]
        return head, anchors
