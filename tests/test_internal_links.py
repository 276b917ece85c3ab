"""Every link and every src on every built page resolves to a built file.

Covers the whole site (everyone's pages: issues, directives, topics, documents,
officials, agencies, feeds' discovery links, 404 ...), built from content/ and
from the two-week cross-link fixture."""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from tests.conftest import build_into

FIXTURE = Path(__file__).parent / "fixtures" / "links" / "two-weeks"
BASE_URL = "https://example.org/ban-tin/"
BASE_PATH = urlsplit(BASE_URL).path


def _targets(html: bytes):
    doc = lxml.html.fromstring(html)
    for el in doc.iter():
        for attr in ("href", "src"):
            if el.get(attr) is not None:
                yield el.tag, el.get(attr)


def broken_links(site: Path) -> list[str]:
    broken = []
    pages = sorted(site.rglob("*.html"))
    assert pages, "nothing was built"
    for page in pages:
        rel_page = page.relative_to(site).as_posix()
        for tag, target in _targets(page.read_bytes()):
            if target.startswith(BASE_URL):                 # canonical and feed links: absolute on our site
                path = target[len(BASE_URL):]
            elif target.startswith(BASE_PATH):              # 404.html: from the site's root path
                path = target[len(BASE_PATH):]
            elif target.startswith("/"):
                broken.append(f"{rel_page}: <{tag}> {target} is outside the site's root {BASE_PATH}")
                continue
            else:
                parts = urlsplit(target)
                if parts.scheme or parts.netloc:             # another site, mailto: ...
                    continue
                if not parts.path:                           # "#fragment" on the same page
                    continue
                path = posixpath.normpath(posixpath.join(posixpath.dirname(rel_page), parts.path))
                if parts.path.endswith("/"):
                    path += "/"
                if path.startswith(".."):
                    broken.append(f"{rel_page}: <{tag}> {target} leaves the site")
                    continue
            path = unquote(urlsplit(path).path)
            file = site / path
            if path in ("", ".", "./") or path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{rel_page}: <{tag}> {target} -> {path} is not built")
    return broken


def test_every_link_on_the_real_site_resolves(site_dir):
    assert broken_links(site_dir) == []


def test_every_link_on_the_two_week_fixture_resolves(tmp_path):
    out = tmp_path / "out"
    build_into(FIXTURE, out)
    assert broken_links(out) == []


def test_the_checker_sees_a_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="../b/">b</a><img src="x.png"><a href="#top">t</a>')
    assert len(broken_links(tmp_path)) == 2
