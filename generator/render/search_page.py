"""/tim-kiem/: the search page. The index itself is built from the written site
(generator/search/); this page holds the form, the strings its script shows, and
what a reader without JavaScript can do instead."""
from __future__ import annotations

from generator.model.entities import Site
from generator.render.pages import Page, RenderKit

SEARCH_URL = "/tim-kiem/"
# The interface strings search.js shows (read from a JSON block on the page, not hard-coded in JS).
SCRIPT_STRINGS = ("filter_topic", "filter_year", "filter_type", "filter_agency", "filter_any", "searching",
                  "results_count", "no_results", "search_failed")


def plan_search(site: Site, kit: RenderKit) -> list[Page]:
    return [Page(SEARCH_URL, "search.html", {
        "title": kit.t["search_title"],
        "description": kit.t["search_lead"],
        "script_strings": {k: kit.t[k] for k in SCRIPT_STRINGS},
        "breadcrumbs": [("/", kit.t["home"])],
    })]
