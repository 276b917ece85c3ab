"""/thoi-han/: every deadline and effective date as a page, by month, in date order.

Which dates are still ahead is not written into the page (the built files must stay
the same from one day to the next): each row carries its ISO date, and a small
script marks the past ones in the reader's browser. Without the script, rows are
marked relative to the newest issue, which is all a static file can know."""
from __future__ import annotations

from itertools import groupby

from generator.model.entities import Site
from generator.model import keys
from generator.render.calendar import calendar_events
from generator.render.feedlinks import CALENDAR_URL
from generator.render.pages import Page, RenderKit, document_line

DEADLINES_URL = "/thoi-han/"


def plan_deadlines(site: Site, kit: RenderKit) -> list[Page]:
    t = kit.t
    newest = site.issues[0].period_to if site.issues else None
    agency_url = site.links.agency_url if site.links else keys.agency_url     # colliding names: the graph's URLs
    rows = []
    for day, uid, kind, d, what in calendar_events(site):
        rows.append({
            "date": day, "kind": t["deadline_kind"] if kind == "deadline" else t["effective_kind"],
            "what": what or d.title, "d": d, "url": d.url,
            "documents": [{"label": document_line(r), "url": r.url} for r in d.documents],
            "agencies": [{"name": a, "url": agency_url(a)} for a in d.agencies],
            "ahead": newest is not None and day > newest,
        })
    months = [{"label": t["deadlines_month"].format(month=month, year=year), "id": f"thang-{year}-{month:02d}",
               "rows": list(group)}
              for (year, month), group in groupby(rows, key=lambda r: (r["date"].year, r["date"].month))]
    return [Page(DEADLINES_URL, "deadlines.html", {
        "title": t["deadlines_title"], "description": t["calendar_description"],
        "months": months, "count": len(rows), "newest": newest, "calendar": CALENDAR_URL,
        "breadcrumbs": [("/", t["home"])],
    })]
