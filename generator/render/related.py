"""What a directive page shows of the cross-link graph: links for its metadata
(topics, documents, officials, agencies) and its related directives with reasons."""
from __future__ import annotations

from typing import NamedTuple

from generator.model import links as L
from generator.model.entities import Directive, Site
from generator.model.urls import issue_url

_REASON_KEY = {kind: f"reason_{kind}" for kind in L.REASON_KINDS}
MAX_SUBJECTS_SHOWN = 3     # per kind of reason: "Cùng cơ quan thực hiện: A, B, C"


def directive_links(site: Site, d: Directive, t: dict[str, str], memo: dict | None = None) -> dict:
    """Extra context for the directive page."""
    official_url, agency_url = _url_makers(site)
    return {
        "officials": [{"o": o, "url": official_url(o.name)} for o in d.officials],
        # `canonical`: the one spelling the agency's page uses ("Ủy"/"Uỷ"), for the search filter.
        "agencies": [{"name": a, "url": agency_url(a), "canonical": _canonical_agency(site, a)} for a in d.agencies],
        "related": related_items(site, d, t, memo),
    }


class Subject(NamedTuple):
    name: str
    url: str | None


class ReasonGroup(NamedTuple):
    """One kind of reason and its subjects: "Cùng cơ quan thực hiện: A, B"."""
    label: str
    subjects: tuple[Subject, ...]


def _url_makers(site: Site):
    """Official and agency URLs come from the link graph (names whose slugs collide get
    distinct URLs there)."""
    return site.links.official_url, site.links.agency_url


def _canonical_agency(site: Site, name: str) -> str:
    """The one spelling the agency's page uses ("Ủy"/"Uỷ"), so the search filter lists it once."""
    if site.links is None:
        return name
    entry = site.links.agencies.get(site.links.agency_url(name).strip("/").rsplit("/", 1)[-1])
    return entry.name if entry else name


def related_items(site: Site, d: Directive, t: dict[str, str], memo: dict | None = None) -> list[dict]:
    """`memo` (one per build) shares the subject of a reason between the pages that show it:
    a ten-year archive shows ~500,000 reasons naming a few thousand subjects."""
    memo = {} if memo is None else memo
    items = []
    for link in site.links.related.get(d.key, ()):
        other = site.directives[link.key]
        items.append({"d": other, "url": other.url, "reasons": _grouped(site, link.reasons, t, memo)})
    return items


def _grouped(site: Site, reasons, t: dict[str, str], memo: dict) -> list[ReasonGroup]:
    """One entry per kind of reason, its subjects together (reasons come sorted by kind)."""
    groups: dict[str, list[Subject]] = {}
    known = memo.setdefault("reasons", {})          # Reason -> (label, subject)
    for r in reasons:
        shown = known.get(r)
        if shown is None:
            shown = known[r] = _reason(site, r, t)
        label, subject = shown
        subjects = groups.setdefault(label, [])
        if subject.name and len(subjects) < MAX_SUBJECTS_SHOWN:
            subjects.append(subject)
    return [ReasonGroup(label, tuple(subjects)) for label, subjects in groups.items()]


def _reason(site: Site, r: L.Reason, t: dict[str, str]) -> tuple[str, Subject]:
    label = t[_REASON_KEY[r.kind]]
    if r.kind == L.RELATED:
        return label, Subject("", None)
    if r.kind == L.SHARED_TOPIC:
        topic = site.topics[r.subject]
        return label, Subject(topic.name, topic.url)
    if r.kind == L.SHARED_OFFICIAL:
        return label, Subject(r.subject, site.links.official_url(r.subject))
    if r.kind == L.SHARED_ISSUE:
        year, week = r.subject.split("/w")
        return label, Subject(t["week_label"].format(week=int(week), year=year), issue_url(r.subject))
    if r.kind == L.SHARED_AGENCY:
        return label, Subject(r.subject, site.links.agency_url(r.subject))
    entry = site.links.document_at(r.subject)
    return label, Subject(entry.label if entry else "", r.subject)
