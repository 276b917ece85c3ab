"""Normalisation of Vietnamese text as editors type it."""
from __future__ import annotations

import re
import unicodedata

# Old-style ("uỷ", tone on the y) and new-style ("ủy", tone on the u) spellings of the
# same syllable; "ủy" is the form the province's own documents use today.
_UY = {"uỷ": "ủy", "Uỷ": "Ủy", "UỶ": "ỦY"}
_UY_RE = re.compile("|".join(_UY))
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u200b\ufeff]+")


# Every old-style placement the province's names use, for identity comparisons
# (agency and official pages): "Hoà"/"Hòa", "Khoẻ"/"Khỏe", "Thuỵ"/"Thụy" ...
_TONE_PAIRS = {"uỷ": "ủy", "Uỷ": "Ủy", "hoà": "hòa", "Hoà": "Hòa", "khoẻ": "khỏe", "Khoẻ": "Khỏe",
               "hoá": "hóa", "Hoá": "Hóa", "thuỵ": "thụy", "Thuỵ": "Thụy", "tuý": "túy", "Tuý": "Túy",
               "thuý": "thúy", "Thuý": "Thúy"}
_TONE_RE = re.compile("|".join(map(re.escape, sorted(_TONE_PAIRS, key=len, reverse=True))))


def fold_tone_placement(text: str) -> str:
    """NFC with every old-style tone placement written new-style ("Hoà" -> "Hòa")."""
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], unicodedata.normalize("NFC", text))


def clean_text(text: str) -> str:
    """NFC, no-break and odd spaces turned into one plain space, ends stripped."""
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def fold_uy(text: str) -> str:
    """Write every "uỷ" as "ủy" (they are one word) after NFC."""
    return _UY_RE.sub(lambda m: _UY[m.group(0)], unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """Comparison key: NFC, "uỷ"="ủy", casefolded, spaces collapsed, trailing punctuation dropped."""
    return clean_text(fold_uy(text)).casefold().rstrip(" .;:,…")
