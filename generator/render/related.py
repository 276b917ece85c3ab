"""What a directive page shows of the cross-link graph: links for its metadata
(topics, documents, officials, agencies) and its related directives with reasons."""
from __future__ import annotations

from generator.model import links as L
from generator.model.entities import Directive, Site
from generator.model import keys

_REASON_KEY = {kind: f"reason_{kind}" for kind in L._TIER}
MAX_SUBJECTS_SHOWN = 3     # per kind of reason: "Cùng cơ quan thực hiện: A, B, C"


def directive_links(site: Site, d: Directive, t: dict[str, str]) -> dict:
    """Extra context for the directive page."""
    official_url, agency_url = _url_makers(site)
    return {
        "officials": [{"o": o, "url": official_url(o.name)} for o in d.officials],
        # `canonical`: the one spelling the agency's page uses ("Ủy"/"Uỷ"), for the search filter.
        "agencies": [{"name": a, "url": agency_url(a), "canonical": _canonical_agency(site, a)} for a in d.agencies],
        "related": related_items(site, d, t),
    }


def _url_makers(site: Site):
    """Official and agency URLs come from the link graph (names whose slugs collide get
    distinct URLs there); without a graph, from the name alone."""
    if site.links is None:
        return keys.official_url, keys.agency_url
    return site.links.official_url, site.links.agency_url


def _canonical_agency(site: Site, name: str) -> str:
    """The one spelling the agency's page uses ("Ủy"/"Uỷ"), so the search filter lists it once."""
    if site.links is None:
        return name
    entry = site.links.agencies.get(site.links.agency_url(name).strip("/").rsplit("/", 1)[-1])
    return entry.name if entry else name


def related_items(site: Site, d: Directive, t: dict[str, str]) -> list[dict]:
    graph = site.links
    if graph is None:
        return []
    items = []
    for link in graph.related.get(d.key, ()):
        other = site.directives[link.key]
        items.append({"d": other, "url": other.url, "reasons": _grouped([_reason(site, r, t) for r in link.reasons])})
    return items


def _grouped(reasons: list[dict]) -> list[dict]:
    """One entry per kind of reason, its subjects together (reasons come sorted by kind)."""
    groups: dict[str, dict] = {}
    for r in reasons:
        group = groups.setdefault(r["label"], {"label": r["label"], "subjects": []})
        if r["name"] and len(group["subjects"]) < MAX_SUBJECTS_SHOWN:
            group["subjects"].append({"name": r["name"], "url": r["url"]})
    return list(groups.values())


def _reason(site: Site, r: L.Reason, t: dict[str, str]) -> dict:
    label = t[_REASON_KEY[r.kind]]
    if r.kind == L.RELATED:
        return {"label": label, "name": "", "url": None}
    if r.kind == L.SHARED_TOPIC:
        topic = site.topics[r.subject]
        return {"label": label, "name": topic.name, "url": topic.url}
    if r.kind == L.SHARED_OFFICIAL:
        return {"label": label, "name": r.subject, "url": site.links.official_url(r.subject)}
    if r.kind == L.SHARED_ISSUE:
        year, week = r.subject.split("/w")
        return {"label": label, "name": t["week_label"].format(week=int(week), year=year), "url": f"/{r.subject}/"}
    if r.kind == L.SHARED_AGENCY:
        return {"label": label, "name": r.subject, "url": site.links.agency_url(r.subject)}
    entry = site.links.document_at(r.subject)
    return {"label": label, "name": entry.label if entry else "", "url": r.subject}
