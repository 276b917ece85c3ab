"""Stable slugs for the things a directive names in free text (agencies, officials).

Two spellings of one name must give one page: compare on NFC text with "uỷ"/"ủy"
(old and new tone placement) unified and spaces folded, then slugify."""
from __future__ import annotations

import re
import unicodedata

from slugify import slugify

# Old-style tone placement ("uỷ", "hoà", "thuỵ") and new-style ("ủy", "hòa", "thụy") are one word.
_TONE_PAIRS = {"uỷ": "ủy", "Uỷ": "Ủy", "hoà": "hòa", "Hoà": "Hòa", "khoẻ": "khỏe", "Khoẻ": "Khỏe",
               "hoá": "hóa", "Hoá": "Hóa", "thuỵ": "thụy", "Thuỵ": "Thụy", "tuý": "túy", "Tuý": "Túy",
               "thuý": "thúy", "Thuý": "Thúy"}
_TONE_RE = re.compile("|".join(map(re.escape, sorted(_TONE_PAIRS, key=len, reverse=True))))


def canonical_name(name: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", name).split())
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], name)


def name_slug(name: str) -> str:
    return slugify(canonical_name(name))


def agency_url(name: str) -> str:
    return f"/co-quan/{name_slug(name)}/"


def official_url(name: str) -> str:
    return f"/lanh-dao/{name_slug(name)}/"
