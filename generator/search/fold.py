"""Vietnamese typed without diacritics: "dat dai" must find "đất đai".

Pagefind folds accents by itself, but not "đ" (Unicode does not decompose it into
"d" plus a mark), and it silently drops a query word that matches nothing. So each
page carries, as a searchable meta field, the words of its text that hold a "đ",
written the way people type them without diacritics."""
from __future__ import annotations

import re
import unicodedata

_D_WORD = re.compile(r"\w*[đĐ]\w*")
_MARKS = re.compile(r"[\u0300-\u036f]")


def without_diacritics(word: str) -> str:
    """'Đôn' -> 'don', 'đất' -> 'dat'."""
    word = word.replace("đ", "d").replace("Đ", "D")
    return _MARKS.sub("", unicodedata.normalize("NFD", word)).lower()


def folded_d_words(text: str) -> str:
    """The distinct words of `text` containing 'đ', folded, in first-seen order."""
    seen: dict[str, None] = {}
    for word in _D_WORD.findall(unicodedata.normalize("NFC", text)):
        seen.setdefault(without_diacritics(word), None)
    return " ".join(seen)
