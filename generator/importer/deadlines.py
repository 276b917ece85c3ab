"""Deadlines and effective dates in a paragraph.

Deadlines: "chậm nhất ngày D", "(hoàn thành) trước ngày D", "hạn chót ngày D", and windows
"từ ngày D1 - D2" / "từ ngày D1 đến (hết) (ngày) D2" (the deadline is the window's end).
`what` is a short verbatim phrase of the clause the date belongs to: the comma-separated
segment just before the marker (commas inside parentheses or quotes do not split), with a
leading "X yêu cầu/đề nghị/giao" preamble dropped, at most MAX_WORDS words.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from generator.vntext.dates import find_dates

MAX_WORDS = 16
MIN_WORDS = 5
_DEADLINE_RE = re.compile(r"(?:chậm nhất|muộn nhất|hạn chót|trước)(?: là)?\s+ngày\s+", re.IGNORECASE)
_RANGE_START_RE = re.compile(r"từ\s+ngày\s+", re.IGNORECASE)
_RANGE_SEP_RE = re.compile(r"\s*(?:-|–|đến(?:\s+hết)?(?:\s+ngày)?)\s*", re.IGNORECASE)
_EFFECTIVE_RE = re.compile(r"có hiệu lực(?:\s+thi hành)?(?:\s+(?:kể\s+)?từ)?\s+ngày\s+", re.IGNORECASE)
# "Đồng chí Chủ tịch UBND tỉnh yêu cầu <what>": drop the one who asks, keep the task.
_PREAMBLE_RE = re.compile(r"^(?:Đồng chí|UBND|Ủy ban|Uỷ ban|Chủ tịch|Phó Chủ tịch|Bộ|Sở)\b(?:\s+\S+){0,7}?\s+(?:yêu cầu|đề nghị|giao)\s+")
_OPEN, _CLOSE = "(“\"", ")”\""


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    what: str


def _date_at(text: str, pos: int, year: int | None):
    """The date starting exactly at text[pos] (a yearless "31/10" counts: it follows "ngày")."""
    for d in find_dates("ngày " + text[pos:pos + 40], year):
        return replace(d, start=d.start - 5, end=d.end - 5) if d.start == 5 else None
    return None


def effective_date(text: str, year: int | None) -> dt.date | None:
    for m in _EFFECTIVE_RE.finditer(text):
        if d := _date_at(text, m.end(), year):
            return d.date
    return None


def _segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of the comma segments of the clause that ends at len(text)."""
    depth, start, cuts = 0, 0, []
    for i, ch in enumerate(text):
        if ch in "([“":
            depth += 1
        elif ch in ")]”" and depth:
            depth -= 1
        elif depth == 0 and ch in ".;:" and (i + 1 == len(text) or text[i + 1] == " "):
            start, cuts = i + 1, []
        elif depth == 0 and ch == "," and not text[:i].endswith("”"):  # “A”, “B” is one item
            cuts.append((start, i))
            start = i + 1
    if depth:  # the marker sits inside an unclosed "(": describe what the parenthesis qualifies
        opened = text.rfind("(")
        return _segments(text[:opened])
    return [*cuts, (start, len(text))]


def _strip(phrase: str) -> str:
    phrase = re.sub(r"\s*\([^()]*\)\s*$", "", phrase.strip(" ,"))
    return phrase.strip(" ,")


def describe(text: str, marker_start: int) -> str:
    before = text[:marker_start]
    segments = _segments(before)
    end = segments[-1][1]
    phrase = ""
    for i, (start, seg_end) in enumerate(reversed(segments)):
        if i and before[start:seg_end].rstrip().endswith(")"):
            # "... đã được phân bổ (nguồn ...), hoàn thành": the segment before is the task.
            phrase = _strip(before[start:seg_end])
            break
        phrase = _strip(before[start:end])
        if len(phrase.split()) >= MIN_WORDS:
            break
    phrase = _PREAMBLE_RE.sub("", phrase) or phrase
    return " ".join(phrase.split()[:MAX_WORDS])


def find_deadlines(text: str, year: int | None) -> list[Deadline]:
    found = []
    for m in _DEADLINE_RE.finditer(text):
        if d := _date_at(text, m.end(), year):
            found.append((m.start(), Deadline(d.date, describe(text, m.start()))))
    for m in _RANGE_START_RE.finditer(text):
        first = _date_at(text, m.end(), year)
        sep = first and _RANGE_SEP_RE.match(text, m.end() + first.end)
        second = sep and _date_at(text, sep.end(), year)
        if second:
            found.append((m.start(), Deadline(second.date, describe(text, m.start()))))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])]
