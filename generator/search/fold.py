"""Vietnamese typed without diacritics: "dat dai" must find "đất đai".

Pagefind folds accents by itself, but not "đ" (Unicode does not decompose it into
"d" plus a mark), and it silently drops a query word that matches nothing. So each
page carries, as a searchable meta field, the words of its text that hold a "đ",
written the way people type them without diacritics."""
from __future__ import annotations

import functools
import re
import unicodedata

_WORD = re.compile(r"\w+")
_MARKS = re.compile(r"[\u0300-\u036f]")


@functools.lru_cache(maxsize=65536)      # an archive repeats the same few thousand words
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
    at = [i for i, w in enumerate(words) if "đ" in w or "Đ" in w]
    singles = [without_diacritics(words[i]) for i in at]
    starts = sorted({j for i in at for j in (i - 1, i) if 0 <= j < len(words) - 1})
    pairs = [without_diacritics(words[j]) + without_diacritics(words[j + 1]) for j in starts]
    return " ".join(singles + pairs)
