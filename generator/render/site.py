"""What the site is made of: the planned pages, how one page is rendered, and the
other outputs (feeds, sitemap, assets ...). Writes nothing: generator/engine/ decides
which pages need rendering and streams them into the staging folder."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from generator.locale import load_strings
from generator.model.entities import Site
from generator.render.calendar import calendar_outputs
from generator.render.environment import make_environment
from generator.render.feedlinks import CALENDAR_URL, site_follow
from generator.render.feeds import feed_outputs, plan_feed_stylesheet
from generator.markup.body import BodyRenderer
from generator.render.bodylinks import DocumentLinks
from generator.render.pages import Page, RenderKit, core_planners
from generator.render.search_page import plan_search
from generator.render.deadlines import plan_deadlines
from generator.render.sitemap import SitemapEntries, plan_not_found, robots_outputs, sitemap_outputs
from generator.render.taxonomy import document_planners, plan_agencies, plan_officials, plan_topics
from generator.render.urls import PageLinks, output_path

# Page planners, in the order their pages are planned. Each is one task of the render's
# workers (engine/render.py), handed out in this order: the costliest come first.
PLANNERS: list[Callable] = [*core_planners(), *document_planners(), plan_topics, plan_officials, plan_agencies,
                            plan_deadlines, plan_search, plan_feed_stylesheet, plan_not_found]
# Other outputs: functions (site, kit) -> [Output] (feeds, calendar, robots.txt).
OUTPUTS: list[Callable] = [feed_outputs, calendar_outputs, robots_outputs]
# What outputs built from every page need of each page, computed where the page is
# planned (in a worker): page_entries(site) gives a function page -> entry (or None).
page_entries = SitemapEntries
# Run last: functions (site, kit, entries of every planned page) -> {output path: bytes} (the sitemap).
FINISHERS: list[Callable] = [sitemap_outputs]


class DuplicatePage(Exception):
    pass


def make_kit(site: Site) -> RenderKit:
    return RenderKit(BodyRenderer([DocumentLinks(site.links)]), load_strings(site.config.language))


def make_env(site: Site, templates_dir: Path | list[Path], kit: RenderKit, bytecode_cache: Path | None = None):
    env = make_environment(templates_dir, site.config, bytecode_cache)
    # Linked from every page's <head> and footer (pages add theirs as `page_feeds`).
    follow = site_follow(site.config.title, kit.t)
    env.globals.update(follow_feeds=follow, site_feeds=[f for _, group in follow for f in group], calendar_url=CALENDAR_URL)
    return env


def plan_pages(site: Site, kit: RenderKit) -> list[Page]:
    """Every page of the site, in planning order; two pages never share an output path."""
    pages: list[Page] = []
    seen: set[str] = set()
    for planner in PLANNERS:
        for page in planner(site, kit):
            claim(seen, output_path(page.url))
            pages.append(page)
    return pages


def other_outputs(site: Site, kit: RenderKit, pages: list[Page], templates_dir: Path, taken: set[str]):
    """(output path, bytes) of everything that is not a planned page: feeds, calendar,
    robots.txt, the sitemap (from `pages`) and the static assets. `taken` holds the
    pages' output paths; each path yielded is added to it."""
    for plan in OUTPUTS:
        for output in plan(site, kit):
            yield from claimed(taken, output.produce(site.config, kit))
    entry = page_entries(site)
    yield from finished_outputs(site, kit, [entry(p) for p in pages], templates_dir, taken)


def finished_outputs(site: Site, kit: RenderKit, entries: list, templates_dir: Path | list[Path], taken: set[str]):
    """(output path, bytes) of the FINISHERS (from every page's entry) and the static assets."""
    for finish in FINISHERS:
        yield from claimed(taken, finish(site, kit, entries))
    yield from claimed(taken, _assets(templates_dir))


def claimed(taken: set[str], files: dict[str, bytes]):
    for path, data in files.items():
        claim(taken, path)
        yield path, data


def render_page(env, page: Page) -> bytes:
    # `url` is the environment's global too; this one splits the page's folder once. A page
    # may bring its own (the 404 page's links start from the site root).
    html = env.get_template(page.template).render({"page_url": page.url, "url": PageLinks(page.url), **page.context})
    return html.encode("utf-8")


def render_site(site: Site, templates_dir: Path) -> dict[str, bytes]:
    """The whole site in memory, {output path: bytes} (for tools and tests; the build
    itself streams pages into the staging folder through generator/engine/)."""
    kit = make_kit(site)
    env = make_env(site, templates_dir, kit)
    pages = plan_pages(site, kit)
    files = {output_path(page.url): render_page(env, page) for page in pages}
    files.update(other_outputs(site, kit, pages, templates_dir, set(files)))
    return dict(sorted(files.items()))


def claim(taken: set[str], path: str) -> None:
    if path in taken:
        raise DuplicatePage(f"two outputs want the same path: {path}")
    taken.add(path)


def _assets(templates: Path | list[Path]) -> dict[str, bytes]:
    """The files under each templates folder's assets/; the first folder's file wins."""
    found: dict[str, bytes] = {}
    for folder in reversed([templates] if isinstance(templates, Path) else templates):
        assets = Path(folder) / "assets"
        for path in sorted(assets.rglob("*")) if assets.is_dir() else ():
            if path.is_file():
                found[f"assets/{path.relative_to(assets).as_posix()}"] = path.read_bytes()
    return dict(sorted(found.items()))
