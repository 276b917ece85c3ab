"""What a week copied from the province's web page carries besides the bulletin.

Editors often copy a week straight from the published page. The copy brings:
  * the page's chrome before the title: a skip link ("Nhảy đến nội dung"), the portal's name,
    its slogan. Every line before the issue title (the first line whose text gives the period,
    "… trong tuần (từ ngày 12/01/2026 - 18/01/2026)") is chrome, and so is a skip link
    anywhere. Chrome is dropped and listed in the import report;
  * image file names ("New Picture (8).png") and their captions ("Ảnh minh họa (Nguồn:
    baolangson.vn)"): kept as data, the `images:` field of the directive they stand in;
  * the writer's byline after an item ("Thùy Linh"): a short name on its own line, after a
    paragraph and right before the next heading (or the end): kept as the `byline:` field.
Lines holding only spaces or no-break spaces are blank (source.read_lines drops them).
None of these ever becomes a directive title or a paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.period import period_from_title
from generator.importer.source import Line
from generator.importer.split import OPENERS, is_name, lead_items
from generator.vntext.text import fold

CHROME = "chrome"
IMAGE = "image"
CAPTION = "caption"
BYLINE = "byline"

# Skip links and page furniture that can appear anywhere in a copy (compared folded).
SKIP_LINKS = frozenset({"nhảy đến nội dung", "bỏ qua nội dung", "chuyển đến nội dung chính", "skip to content",
                        "skip to main content"})
TITLE_SEARCH = 12          # the issue title is among the first lines of a copy
_IMAGE_RE = re.compile(r"^[^/\\<>]{1,120}\.(?:png|jpe?g|gif|webp|bmp|tiff?)$", re.IGNORECASE)
_CAPTION_RE = re.compile(r"^(?:\(?\s*Ảnh(?:\s+minh\s+h[ọo]ạ?|\s+minh\s+hoạ)?\s*[:(\-–]|\(?\s*Ảnh\s*minh|\(?\s*Nguồn\s*:)",
                         re.IGNORECASE)
MAX_CAPTION = 200
MAX_CHROME = 100
TITLE_START = "chỉ đạo"    # every form of the issue title opens so ("Chỉ đạo, điều hành nổi bật ...")
_PARAGRAPH_ENDS = tuple(".;:!?…”\")")


@dataclass(frozen=True)
class Extra:
    line: Line
    kind: str              # CHROME, IMAGE, CAPTION or BYLINE


def is_image(text: str) -> bool:
    return bool(_IMAGE_RE.match(text))


def is_caption(text: str, after_image: bool) -> bool:
    if len(text) > MAX_CAPTION:
        return False
    return bool(_CAPTION_RE.match(text)) or (after_image and "nguồn:" in text.casefold())


def _is_chrome_shaped(text: str) -> bool:
    """A skip link, a portal name, a slogan: short, and not a sentence."""
    return len(text) <= MAX_CHROME and text[-1:] not in _PARAGRAPH_ENDS


def title_index(lines: list[Line]) -> int:
    """Where the issue title is: the first of the first lines that gives a period, when every
    line before it looks like page chrome; else line 1 (what comes before is never dropped)."""
    for i, line in enumerate(lines[:TITLE_SEARCH]):
        if period_from_title(line.text):
            later = i > 0 and fold(line.text).startswith(TITLE_START)
            return i if later and all(_is_chrome_shaped(x.text) for x in lines[:i]) else 0
    return 0


def _looks_like_heading(text: str, following: str | None, keys: set[str]) -> bool:
    if fold(text) in keys:
        return True
    return (following is not None and text[:1].isupper() and text[-1:] not in ".;:,…!?"
            and bool(OPENERS.match(following)))


def _marks(rest: list[Line]) -> list[str | None]:
    """Skip links, image file names and captions, wherever they are (the first line excepted)."""
    kinds: list[str | None] = [None] * len(rest)
    for i, line in enumerate(rest):
        if fold(line.text) in SKIP_LINKS:
            kinds[i] = CHROME
        elif i > 0 and is_image(line.text):
            kinds[i] = IMAGE
        elif i > 0 and is_caption(line.text, kinds[i - 1] == IMAGE):
            kinds[i] = CAPTION
    return kinds


def _mark_bylines(rest: list[Line], kinds: list[str | None], keys: set[str], first: int) -> None:
    """A byline: a name right after a paragraph (not after the title, the lead or a heading)
    and right before a heading or the end. `first`: how many content lines (title, lead) to skip."""
    content = [i for i, k in enumerate(kinds) if k is None]
    for n, i in enumerate(content[first:], start=first):
        if not is_name(rest[i].text):
            continue
        before = rest[content[n - 1]].text
        after = rest[content[n + 1]].text if n + 1 < len(content) else None
        after_next = rest[content[n + 2]].text if n + 2 < len(content) else None
        if before[-1:] in _PARAGRAPH_ENDS and (after is None or _looks_like_heading(after, after_next, keys)):
            kinds[i] = BYLINE


def _split(rest: list[Line], kinds: list[str | None], chrome: list[Line]) -> tuple[list[Line], list[Extra]]:
    extras = [Extra(line, CHROME) for line in chrome]
    extras += [Extra(line, k) for line, k in zip(rest, kinds) if k is not None]
    return [line for line, k in zip(rest, kinds) if k is None], extras


def separate(lines: list[Line]) -> tuple[list[Line], list[Extra]]:
    """The bulletin's own lines (title first), and the extras found around them, in order."""
    start = title_index(lines)
    rest = lines[start:]
    kinds = _marks(rest)
    content = [i for i, k in enumerate(kinds) if k is None]
    lead = lead_items(rest[content[1]].text) if len(content) > 1 else []
    keys = {fold(item) for item in lead} if len(lead) >= 2 else set()
    _mark_bylines(rest, kinds, keys, first=2)
    return _split(rest, kinds, lines[:start])


def separate_article(lines: list[Line]) -> tuple[list[Line], list[Extra]]:
    """One article copied from its own page: the title is the first line followed by a
    paragraph (a sentence); short lines before it are the page's chrome."""
    kinds = [CHROME if fold(line.text) in SKIP_LINKS else None for line in lines]
    content = [i for i, k in enumerate(kinds) if k is None]
    start = 0
    for n, i in enumerate(content[:TITLE_SEARCH]):
        following = next((lines[j].text for j in content[n + 1:] if not is_image(lines[j].text)
                          and not is_caption(lines[j].text, True)), None)
        if following is not None and not _is_chrome_shaped(following):
            start = i if all(_is_chrome_shaped(lines[j].text) for j in content[:n]) else content[0] if content else 0
            break
    rest = lines[start:]
    kinds = _marks(rest)
    _mark_bylines(rest, kinds, set(), first=1)
    return _split(rest, kinds, lines[:start])
