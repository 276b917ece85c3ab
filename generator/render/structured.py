"""JSON-LD (schema.org) for directive and document pages: plain dicts that the
template writes with Jinja's `tojson`, which encodes <, > and & as \\u003c ...
so no value can close the <script> element it sits in."""
from __future__ import annotations

from generator.model.entities import Directive, SiteConfig
from generator.model.links import DocumentEntry
from generator.render.urls import absolute


def _publisher(cfg: SiteConfig) -> dict:
    return {"@type": "GovernmentOrganization", "name": cfg.publisher}


def legislation(e: DocumentEntry, cfg: SiteConfig, subject: str = "") -> dict:
    """A document as schema.org Legislation: its number is the identifier."""
    data = {"@type": "Legislation", "name": e.label, "url": absolute(e.url, cfg.base_url)}
    if e.number:
        data["legislationIdentifier"] = e.number
    if e.kind:
        data["legislationType"] = e.kind
    if e.date:
        data["legislationDate"] = e.date.isoformat()
    if e.issuer:
        data["legislationPassedBy"] = {"@type": "GovernmentOrganization", "name": e.issuer}
    if subject:
        data["abstract"] = subject
    if e.source_url:
        data["sameAs"] = e.source_url
    return data


def document_jsonld(e: DocumentEntry, cfg: SiteConfig, subject: str) -> dict:
    return {"@context": "https://schema.org", **legislation(e, cfg, subject)}


def directive_jsonld(d: Directive, documents: list[DocumentEntry], cfg: SiteConfig, description: str) -> dict:
    """A directive page is the bulletin's news article about one act of direction."""
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": d.title,
            "url": absolute(d.url, cfg.base_url), "datePublished": d.date.isoformat(),
            "inLanguage": cfg.language, "publisher": _publisher(cfg), "author": _publisher(cfg),
            "description": description}
    if documents:
        data["about"] = [legislation(e, cfg) for e in documents]
    return data
