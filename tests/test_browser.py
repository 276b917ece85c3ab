"""The built site in a real browser: readable on a 360 px phone and on a desktop,
without JavaScript (issue 2)."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

from browser import browser, serve

PAGES = ["", "2024/w44/", "luu-tru/"]


@pytest.fixture(scope="module")
def served(site_dir):
    with serve(site_dir) as base, browser() as b:
        yield base, b


def first_directive(site_dir: Path) -> str:
    return sorted(p.parent.name for p in (site_dir / "2024" / "w44").glob("*/index.html"))[0]


@pytest.mark.parametrize("width,height", [(360, 740), (1280, 900)])
def test_pages_fit_the_screen_without_javascript(served, site_dir, width, height, tmp_path):
    base, b = served
    context = b.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
    page = context.new_page()
    for path in [*PAGES, f"2024/w44/{first_directive(site_dir)}/"]:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == "vi"
        assert page.locator("main h1, main h2").first.is_visible(), path
        page.screenshot(path=str(tmp_path / f"{width}-{path.replace('/', '_') or 'home'}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_no_horizontal_scrolling(served, site_dir, width):
    base, b = served
    context = b.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in [*PAGES, f"2024/w44/{first_directive(site_dir)}/"]:
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
        # Reading text (bodies, excerpts, leads) at least 16 px; metadata may be smaller.
        smallest = page.evaluate("""Math.min(...[...document.querySelectorAll(
            'main .body p, main .item-excerpt, main .lead, main h1')].map(e => parseFloat(getComputedStyle(e).fontSize)))""")
        assert smallest >= 16, f"{path}: reading text is {smallest}px"
    context.close()


def test_metadata_panel_beside_body_on_desktop_and_below_on_phone(served, site_dir):
    base, b = served
    url = base + f"2024/w44/{first_directive(site_dir)}/"
    for width, beside in ((1280, True), (360, False)):
        context = b.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(url)
        body = page.locator("main .body").bounding_box()
        meta = page.locator("main .meta").bounding_box()
        assert (meta["x"] >= body["x"] + body["width"]) is beside, width
        context.close()


def test_links_are_followable(served, site_dir):
    base, b = served
    page = b.new_context(viewport={"width": 360, "height": 800}).new_page()
    page.goto(base)
    page.locator("main .item-title a").first.click()
    assert page.url.startswith(base + "2024/w44/")
    page.locator(".breadcrumbs a").nth(1).click()
    assert page.url == base + "2024/w44/"
