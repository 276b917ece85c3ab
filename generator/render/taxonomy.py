"""Topic, document, official and agency pages and their indexes (/chu-de/,
/van-ban/, /lanh-dao/, /co-quan/), planned from the cross-link graph."""
from __future__ import annotations

import functools
from itertools import groupby
from typing import Callable, Sequence

from generator.model.entities import Directive, Site
from generator.render.feedlinks import agency_feeds, official_feeds, topic_feeds
from generator.render.pages import Page, RenderKit, directive_item
from generator.render.pagination import paginate
from generator.render.structured import document_jsonld
from generator.vntext.references import KINDS

from generator.model.urls import AGENCIES, DOCUMENTS, OFFICIALS, TOPICS, documents_of_year_url


def _home(kit: RenderKit, index: str | None = None, label: str = "") -> list[tuple[str, str]]:
    crumbs = [("/", kit.t["home"])]
    return crumbs + [(index, label)] if index else crumbs


def _paged(site: Site, kit: RenderKit, base: str, template: str, keys: Sequence[str], title: str,
           context: dict, group: Callable[[list[Directive]], list] | None = None) -> list[Page]:
    """One page per slice of `keys` (directive keys), each with the shared `context`."""
    pages = []
    if not kit.wants_list(base):
        return pages
    directives = [site.directives[k] for k in keys]
    for chunk, pager in paginate(directives, site.config.per_page, base):
        if not kit.wants(pager.url):
            continue
        items = [directive_item(d, kit) for d in chunk]
        page_title = title if pager.number == 1 else f"{title} – {kit.t['page_n'].format(n=pager.number)}"
        pages.append(Page(pager.url, template, {
            **context, "title": page_title, "items": items, "pager": pager,
            "groups": group(chunk, items) if group else None,
        }))
    return pages


# ---- topics ----------------------------------------------------------------

def _by_issue(site: Site, kit: RenderKit):
    issues = {i.key: i for i in site.issues}

    def group(chunk: list[Directive], items: list[dict]) -> list[dict]:
        out = []
        for key, members in groupby(zip(chunk, items), key=lambda p: p[0].issue_key):
            issue = issues[key]
            out.append({"issue": issue, "url": issue.url, "items": [item for _, item in members],
                        "label": kit.t["week_label"].format(week=issue.week, year=issue.year)})
        return out
    return group


def plan_topics(site: Site, kit: RenderKit) -> list[Page]:
    graph = site.links
    # A topic no published directive has yet stays in topics.yaml but gets no page (nor feed).
    used = {k: t for k, t in site.topics.items() if graph.topics.get(k)}
    entries = [{"topic": t, "url": t.url, "count": len(graph.topics[k])} for k, t in used.items()]
    pages = [Page(TOPICS, "topics.html", {"title": kit.t["topics_title"], "entries": entries,
                                          "breadcrumbs": _home(kit)})]
    group = _by_issue(site, kit)
    for key, topic in used.items():
        keys = sorted(graph.topics.get(key, ()), reverse=True,
                      key=lambda k: (site.directives[k].year, site.directives[k].week, site.directives[k].date, k))
        pages += _paged(site, kit, topic.url, "topic.html", keys, topic.name, {
            "topic": topic, "count": len(keys), "page_feeds": topic_feeds(key, topic.name),
            "description": topic.description or kit.t["feed_topic_description"].format(name=topic.name),
            "breadcrumbs": _home(kit, TOPICS, kit.t["topics"]),
        }, group)
    return pages


# ---- documents -------------------------------------------------------------

def _kind_order(kind: str | None) -> tuple:
    return (kind is None, KINDS.index(kind) if kind in KINDS else len(KINDS), kind or "")


def _number_order(entry) -> tuple:
    head = (entry.number or entry.label).split("/")[0].split("-")[0]
    return (int(head) if head.isdigit() else 0, entry.label, entry.key.slug)


DOCUMENT_PARTS = 4     # a ten-year archive has some 15,000 document pages: one task per part spreads them


def document_planners() -> list[Callable[[Site, RenderKit], list[Page]]]:
    """/van-ban/ counts documents by year and type; /van-ban/<year>/ lists that year's
    documents by type (a ten-year archive has thousands: one page would not do);
    /van-ban/<year>/<slug>/ is the document itself. As DOCUMENT_PARTS planners: the
    index and year pages, then one run of documents each."""
    return [functools.partial(plan_documents_part, part=part) for part in range(DOCUMENT_PARTS)]


def plan_documents_part(site: Site, kit: RenderKit, part: int) -> list[Page]:
    years = _document_years(site, kit)
    pages = []
    if part == 0:
        pages.append(Page(DOCUMENTS, "documents.html", {"title": kit.t["documents_title"], "years": years,
                                                         "count": sum(y["count"] for y in years), "breadcrumbs": _home(kit)}))
        for y in years:
            pages.append(Page(y["url"], "documents_year.html", {
                "title": kit.t["documents_of_year" if y["segment"].isdigit() else "documents_year_unknown"].format(year=y["year"]),
                "year": y["year"], "kinds": y["kinds"], "count": y["count"],
                "breadcrumbs": _home(kit, DOCUMENTS, kit.t["documents"])}))
    listed = [(y, x["e"]) for y in years for k in y["kinds"] for x in k["entries"]]
    n = len(listed)
    for y, e in listed[part * n // DOCUMENT_PARTS:(part + 1) * n // DOCUMENT_PARTS]:
        if not kit.wants_list(e.url):
            continue
        carriers = [directive_item(site.directives[k], kit) for k in e.carriers]
        facts = document_facts(site, e)
        pages += _paged(site, kit, e.url, "document.html", e.citers, e.label, {
            "doc": e, "carriers": carriers, "cited_count": len(e.citers), **facts,
            "description": facts["subject"] or e.label,
            "jsonld": document_jsonld(e, site.config, facts["subject"]),
            "breadcrumbs": [*_home(kit, DOCUMENTS, kit.t["documents"]), (y["url"], y["year"])],
        })
    return pages


def _document_years(site: Site, kit: RenderKit) -> list[dict]:
    """The documents by year, newest first, and by type within a year: made once per
    process (kit.memo) for all the document planners it runs."""
    if "document_years" not in kit.memo:
        kit.memo["document_years"] = _listed_by_year(site, kit)
    return kit.memo["document_years"]


def _listed_by_year(site: Site, kit: RenderKit) -> list[dict]:
    entries = sorted(site.links.documents.values(), key=lambda e: (-e.key.sort_key[0], _kind_order(e.kind), _number_order(e)))
    years = []
    for segment, of_year in groupby(entries, key=lambda e: e.key.year_segment):
        url = documents_of_year_url(segment)
        year = segment if segment.isdigit() else kit.t["year_unknown"]    # a law named without year
        kinds = []
        for i, (kind, docs) in enumerate(groupby(of_year, key=lambda e: e.kind)):
            listed = [{"e": e, "url": e.url, "count": len(e.carriers) + len(e.citers),
                       "subject": document_subject(site, e)} for e in docs]
            kinds.append({"name": kind or kit.t["other_documents"], "id": f"loai-{i + 1}", "entries": listed,
                          "url": f"{url}#loai-{i + 1}", "count": len(listed)})
        years.append({"year": year, "segment": segment, "url": url, "count": sum(k["count"] for k in kinds),
                      "kinds": kinds})
    return years


def document_subject(site: Site, e) -> str:
    """What the document is about (trích yếu): the content format has no field for it,
    so it is the title of the directive that issued it, when the bulletin carried one."""
    return site.directives[e.carriers[0]].title if e.carriers else ""


def document_facts(site: Site, e) -> dict:
    """What a document page tells beyond the number: its subject, who directed it,
    when it takes effect, and the documents the directives issuing it cite."""
    carriers = [site.directives[k] for k in e.carriers]
    officials, seen = [], set()
    for d in carriers:
        for o in d.officials:
            url = site.links.official_url(o.name)
            if url not in seen:
                seen.add(url)
                officials.append({"o": o, "url": url})
    cites, cited = [], set()
    for d in carriers:
        for ref in d.cites:
            if ref.key not in cited and ref.key != e.key:
                cited.add(ref.key)
                cites.append({"label": ref.label, "url": ref.url})
    return {"subject": document_subject(site, e), "officials": officials,
            "effective": next((d.effective for d in carriers if d.effective), None), "cites": cites}


# ---- officials and agencies ------------------------------------------------

def _named(site: Site, kit: RenderKit, entries: dict, base: str, name: str, plural: str, page_context,
           order=lambda entries: list(entries)) -> list[Page]:
    """An index at `base` (officials.html / agencies.html) and one paged list per entry."""
    index = [{"e": e, "url": f"{base}{e.slug}/", "count": len(e.directives)} for e in order(entries.values())]
    pages = [Page(base, f"{plural}.html", {"title": kit.t[f"{plural}_title"], "breadcrumbs": _home(kit), "entries": index})]
    for entry in index:
        e = entry["e"]
        pages += _paged(site, kit, entry["url"], f"{name}.html", e.directives, e.name, {
            name: e, "count": entry["count"], "breadcrumbs": _home(kit, base, kit.t[plural]),
            **page_context(e)})
    return pages


def plan_officials(site: Site, kit: RenderKit) -> list[Page]:
    pages = _named(site, kit, site.links.officials, OFFICIALS, "official", "officials", lambda e: {
        "page_feeds": official_feeds(e.name, f"{OFFICIALS}{e.slug}/"), "roles": role_spans(e.roles),
        "description": kit.t["feed_official_description"].format(name=e.name)}, by_office)
    for page in pages:                             # the role each directive names the official with
        if page.context.get("items"):              # list items are shared between pages: changed copies
            slug = page.context["official"].slug
            page.context["items"] = [{**item, "roles": [o.role for o in item["d"].officials
                                                        if o.role and site.links.official_slug(o.name) == slug]}
                                     for item in page.context["items"]]
    return pages


def plan_agencies(site: Site, kit: RenderKit) -> list[Page]:
    return _named(site, kit, site.links.agencies, AGENCIES, "agency", "agencies", lambda e: {
        "page_feeds": agency_feeds(e.name, f"{AGENCIES}{e.slug}/"),
        "description": kit.t["feed_agency_description"].format(name=e.name)})


# Offices in the order readers expect officials listed: the chair, the vice-chairs, then others.
OFFICE_RANK = ("Chủ tịch", "Phó Chủ tịch")


def office_rank(role: str) -> int:
    """0 for the chair, 1 for a vice-chair, 2 otherwise; a role names several offices
    ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"): the highest counts."""
    ranks = [rank for part in role.split(",") for rank, office in enumerate(OFFICE_RANK)
             if part.strip().startswith(office)]
    return min(ranks, default=len(OFFICE_RANK))


def by_office(entries) -> list:
    """Officials by the highest office they held (latest role first among equals), then name."""
    def key(e):
        ranks = [office_rank(r.role) for r in e.roles] or [len(OFFICE_RANK)]
        return (min(ranks), -len(e.directives), e.name)
    return sorted(entries, key=key)


def role_spans(roles) -> list[dict]:
    """'role (first seen – last seen)', or one date when both are the same day."""
    return [{"role": r.role, "first": r.first, "last": r.last if r.last != r.first else None} for r in roles]
