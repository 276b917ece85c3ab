"""Long lists split into pages: page 1 at the list's own URL, page n at `<url>trang/<n>/`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    url: str
    prev_url: str | None
    next_url: str | None
    pages: tuple[tuple[int, str], ...]    # (number, url) of every page, for the visible pager

    @property
    def is_paged(self) -> bool:
        return self.count > 1


def page_url(base: str, n: int) -> str:
    return base if n == 1 else f"{base}trang/{n}/"


def list_url(url: str) -> str:
    """The list a page of it belongs to: page_url's base (any other URL is its own)."""
    head, _, tail = url.rstrip("/").rpartition("/trang/")
    return f"{head}/" if head and tail.isdigit() else url


def paginate(items: Sequence[T], per_page: int, base: str) -> list[tuple[list[T], Pager]]:
    """[(the items of page n, its Pager)] — always at least one page, even for no items."""
    count = max(1, -(-len(items) // per_page))
    urls = tuple((n, page_url(base, n)) for n in range(1, count + 1))
    return [(list(items[(n - 1) * per_page: n * per_page]),
             Pager(n, count, url, urls[n - 2][1] if n > 1 else None, urls[n][1] if n < count else None, urls))
            for n, url in urls]
