"""`url()` on a page (PageLinks, the page's folder split once) gives exactly the link
`relative` gives, for the paths pages link to and for odd ones."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from generator.render.urls import PageLinks, relative

PAGES = ["/", "/2024/w44/", "/2024/w44/chi-dao-x/", "/van-ban/2024/93-2023-nd-cp/trang/2/", "/404.html",
         "/rss.xml", "/chu-de/dat-dai/", "/a", "/a/b", "//", "/./x/", "/a/../b/", "/tim-kiem/"]
TARGETS = ["/", "/assets/style.css", "/2024/w44/", "/2024/w44/chi-dao-x/", "/2024/w45/y/", "/2024/",
           "/2024", "/van-ban/", "/chu-de/dat-dai/#muc-1", "#noi-dung", "", "/rss.xml", "/chu-de/dat-dai/rss.xml",
           "relative/path/", "/a/./b/", "/a//b/", "/a/../c", "/2024/w44/chi-dao-x", "/20", "/2024/w4/"]


def test_same_links_as_relative():
    for page in PAGES:
        links = PageLinks(page)
        for target in TARGETS:
            assert links(target) == relative(target, page), (page, target)


_SEGMENT = st.sampled_from(["a", "b", "2024", "w44", "x-y", ".", "..", "", "index.html", "trang"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_SEGMENT, max_size=5), st.lists(_SEGMENT, max_size=5), st.booleans(), st.booleans(),
       st.sampled_from(["", "#", "#f"]))
def test_random_paths(page_parts, target_parts, page_slash, target_slash, fragment):
    page = "/" + "/".join(page_parts) + ("/" if page_slash else "")
    target = "/" + "/".join(target_parts) + ("/" if target_slash else "") + fragment
    assert PageLinks(page)(target) == relative(target, page)
