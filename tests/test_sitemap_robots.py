"""sitemap.xml (every HTML page but redirects and 404, lastmod from the content), robots.txt and 404.html."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from test_feeds_build import BASE, FIXTURE, REAL, build_into

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_into(FIXTURE, tmp_path_factory.mktemp("sitemap") / "out")


def sitemap(out: Path) -> dict[str, str]:
    root = lxml.etree.fromstring((out / "sitemap.xml").read_bytes())       # raises if not well-formed
    assert root.tag == "{%s}urlset" % NS["s"]
    return {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS) for u in root.findall("s:url", NS)}


def listed_pages(out: Path) -> set[str]:
    """Absolute URL of every built HTML page that is neither a redirect, a noindex page (an empty
    topic) nor the 404 page."""
    urls = set()
    for path in out.rglob("*.html"):
        rel = path.relative_to(out).as_posix()
        data = path.read_bytes()
        if rel == "404.html" or b'http-equiv="refresh"' in data or b'<meta name="robots" content="noindex">' in data:
            continue
        urls.add(BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls


def test_sitemap_lists_every_page_except_redirects_and_404(site):
    entries = sitemap(site)
    assert set(entries) == listed_pages(site)
    assert BASE + "2024/w43/phong-chong-hiv-aids/" not in entries          # the alias
    assert BASE + "404.html" not in entries
    assert BASE + "2024/w44/ban-nhap/" not in entries                      # the draft


def test_lastmod_comes_from_the_content(site):
    entries = sitemap(site)
    for value in entries.values():
        dt.date.fromisoformat(value)
    assert entries[BASE + "2024/w43/trien-khai-luat-dat-dai/"] == "2024-10-22"
    assert entries[BASE + "2024/w43/"] == "2024-10-24"                    # its newest directive
    assert entries[BASE] == "2024-10-28"
    assert entries[BASE + "luu-tru/"] == "2024-10-28"
    assert max(entries.values()) == "2024-10-28"          # never a period end or the build day
    if BASE + "chu-de/dat-dai/" in entries:                                # a list page: newest it lists
        assert entries[BASE + "chu-de/dat-dai/"] == "2024-10-28"


def test_robots_points_to_the_absolute_sitemap(site):
    text = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in text.splitlines()


def test_404_page_links_home_and_archive_from_the_site_root(site):
    """404.html is served at any path: its links start from the site's root path."""
    root = "/ban-tin/"
    assert BASE.endswith(root)
    tree = lxml.html.fromstring((site / "404.html").read_bytes())
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert "Không tìm thấy trang" in tree.xpath("//h1")[0].text_content()
    hrefs = tree.xpath("//a/@href") + tree.xpath("//link[@rel='stylesheet']/@href")  # feeds and canonical: absolute
    assert root in hrefs and root + "luu-tru/" in hrefs and root + "assets/style.css" in hrefs
    local = [h for h in hrefs if not h.startswith("#")]
    assert local and all(h.startswith(root) for h in local), [h for h in local if not h.startswith(root)]


@pytest.mark.skipif(not (REAL / "2024" / "w44").is_dir(), reason="content/2024/w44 not imported yet")
def test_real_content_sitemap(tmp_path):
    out = build_into(REAL, tmp_path / "out")
    assert set(sitemap(out)) == listed_pages(out)
