"""/thoi-han/: deadlines and effective dates as pages, by month, in date order. The
newest issue's year and the years after it are at /thoi-han/, each earlier year at
/thoi-han/<year>/: ten years on one page made 7 MB of HTML, too much for a phone, and
one page rendered again whenever any directive with a date in it changed.

Which dates are still ahead is not written into the page (the built files must stay
the same from one day to the next): each row carries its ISO date, and a small
script marks the past ones in the reader's browser. Without the script, rows are
marked relative to the newest issue, which is all a static file can know."""
from __future__ import annotations

from itertools import groupby

from generator.model.entities import Site
from generator.model import keys, urls
from generator.render.calendar import calendar_events
from generator.render.feedlinks import CALENDAR_URL
from generator.render.pages import Page, RenderKit, document_line


def plan_deadlines(site: Site, kit: RenderKit) -> list[Page]:
    t = kit.t
    newest = site.issues[0].period_to if site.issues else None
    agency_url = site.links.agency_url if site.links else keys.agency_url     # colliding names: the graph's URLs
    by_year: dict[int, list[dict]] = {}
    for day, uid, kind, d, what in calendar_events(site):
        by_year.setdefault(day.year, []).append({
            "date": day, "kind": t["deadline_kind"] if kind == "deadline" else t["effective_kind"],
            "what": what or d.title, "d": d, "url": d.url,
            "documents": [{"label": document_line(r), "url": r.url} for r in d.documents],
            "agencies": [{"name": a, "url": agency_url(a)} for a in d.agencies],
            "ahead": newest is not None and day > newest,
        })
    current = newest.year if newest is not None else None
    earlier = [year for year in sorted(by_year) if current is not None and year < current]
    # Every page links every other: the earlier years, then the current page.
    years = [(urls.deadlines_of_year_url(year), str(year)) for year in earlier]
    if years:
        years.append((urls.DEADLINES, t["deadlines_from_year"].format(year=current)))
    home = ("/", t["home"])
    pages = [_page(urls.DEADLINES, t["deadlines_title"], t, years, [home],
                   [row for year in sorted(by_year) if year not in earlier for row in by_year[year]], newest,
                   t["no_deadlines_since"].format(year=current) if earlier else t["no_deadlines"])]
    for year in earlier:
        pages.append(_page(urls.deadlines_of_year_url(year), t["deadlines_of_year"].format(year=year), t, years,
                           [home, (urls.DEADLINES, t["deadlines"])], by_year[year], newest, t["no_deadlines"]))
    return pages


def _page(url: str, title: str, t: dict, years: list[tuple[str, str]], breadcrumbs: list, rows: list[dict],
          newest, empty: str) -> Page:
    months = [{"label": t["deadlines_month"].format(month=month, year=year), "id": f"thang-{year}-{month:02d}",
               "rows": list(group)}
              for (year, month), group in groupby(rows, key=lambda r: (r["date"].year, r["date"].month))]
    return Page(url, "deadlines.html", {
        "title": title, "description": t["calendar_description"],
        "months": months, "count": len(rows), "newest": newest, "calendar": CALENDAR_URL, "empty": empty,
        "years": [{"url": link, "label": label, "current": link == url} for link, label in years],
        "breadcrumbs": breadcrumbs,
    })
