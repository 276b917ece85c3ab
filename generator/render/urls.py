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
    rel = _relpath(target, base) if target else ""
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + hash_ + fragment


def absolute(url: str, base_url: str) -> str:
    return base_url.rstrip("/") + "/" + url.lstrip("/")


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath for the clean absolute site paths pages use, without its
    normalisation work (a ten-year archive computes ~3 million of these links)."""
    if "/." in target or "/." in base or "//" in target or "//" in base:
        return posixpath.relpath(target, base)
    to, start = target.strip("/").split("/"), base.strip("/").split("/")
    to, start = [p for p in to if p], [p for p in start if p]
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."
