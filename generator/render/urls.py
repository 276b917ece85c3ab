"""Site paths and the relative links between pages.

Pages link to each other with relative URLs so the site works wherever it is
hosted (base_url may have a sub-path such as /ban-tin/) and under a plain local
web server. Only feeds, the sitemap and canonical links use absolute URLs."""
from __future__ import annotations

import posixpath


def output_path(url: str) -> str:
    """'/2024/w44/x/' -> '2024/w44/x/index.html'; '/rss.xml' -> 'rss.xml'."""
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def relative(target: str, current: str) -> str:
    """Link from the page at `current` to `target`, both site paths starting with '/'."""
    target, hash_, fragment = target.partition("#")
    base = current if current.endswith("/") else posixpath.dirname(current) + "/"
    rel = posixpath.relpath(target, base) if target else ""
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + hash_ + fragment


def absolute(url: str, base_url: str) -> str:
    return base_url.rstrip("/") + "/" + url.lstrip("/")
