"""Vietnamese typed without diacritics: "dat dai" must find "đất đai".

Pagefind folds accents by itself, but not "đ" (Unicode does not decompose it into
"d" plus a mark), and it silently drops a query word that matches nothing. So each
page carries, as a searchable meta field, the words of its text that hold a "đ",
written the way people type them without diacritics."""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")
_MARKS = re.compile(r"[\u0300-\u036f]")


def without_diacritics(word: str) -> str:
    """'Đôn' -> 'don', 'đất' -> 'dat'."""
    word = word.replace("đ", "d").replace("Đ", "D")
    return _MARKS.sub("", unicodedata.normalize("NFD", word)).lower()


def folded_d_words(text: str) -> str:
    """Every word of `text` containing 'đ', folded, as often as it occurs (Pagefind ranks a
    match by how often the word occurs in the field), then each pair of neighbouring words
    one of which holds a 'đ', joined ("đất đai" -> "datdai"). Unaccented Vietnamese is
    ambiguous ("dat" is "đất" and "đạt"); search.js adds the same pairs of the typed words
    to the query, so "dat dai" prefers pages that say "đất đai" over pages with "đạt" and "đại"."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    singles = [without_diacritics(w) for w in words if "đ" in w or "Đ" in w]
    pairs = [without_diacritics(a + b) for a, b in zip(words, words[1:])
             if any(c in "đĐ" for c in a + b)]
    return " ".join(singles + pairs)
