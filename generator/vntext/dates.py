"""Vietnamese date expressions: "28/10/2024", "30/9/2024", "13 tháng 09 năm 2024", "ngày 31/10".

A day/month without a year is only taken after the word "ngày" (so "14/18 chỉ tiêu"
or "tháng 11/2024" are not dates) and only when the caller gives `default_year`.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

# d/m/yyyy (also with "-" or "."), not part of a longer number or a "x/y/z" document number.
_NUMERIC = r"(?<![\d/])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?![\d/])"
_WORDS = r"(?<!\d)(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})(?!\d)"
_YEARLESS = r"(?<=ngày )(?P<d3>\d{1,2})/(?P<m3>\d{1,2})(?![\d/])"
DATE_PATTERN = f"(?:{_NUMERIC}|{_WORDS})"
_FIND_RE = re.compile(f"{_NUMERIC}|{_WORDS}|{_YEARLESS}", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    date: datetime.date
    start: int
    end: int
    text: str
    has_year: bool  # False when the year came from default_year


def _make(d: str, m: str, y: int | None) -> datetime.date | None:
    if y is None:
        return None
    try:
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _from_match(m: re.Match, default_year: int | None) -> tuple[datetime.date | None, bool]:
    if m.group("d") is not None:
        return _make(m.group("d"), m.group("m"), int(m.group("y"))), True
    if m.group("d2") is not None:
        return _make(m.group("d2"), m.group("m2"), int(m.group("y2"))), True
    return _make(m.group("d3"), m.group("m3"), default_year), False


def find_dates(text: str, default_year: int | None = None) -> list[DateMatch]:
    """Every date in `text`, in order; impossible dates (31/02) are skipped."""
    found = []
    for m in _FIND_RE.finditer(text):
        date, has_year = _from_match(m, default_year)
        if date is not None:
            found.append(DateMatch(date, m.start(), m.end(), m.group(0), has_year))
    return found


_WHOLE_RE = re.compile(
    rf"^\s*(?:ngày\s+)?(?:{_NUMERIC}|{_WORDS}|(?P<d3>\d{{1,2}})/(?P<m3>\d{{1,2}})|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))\s*$",
    re.IGNORECASE,
)


def parse_date(text: str, default_year: int | None = None) -> datetime.date | None:
    """The date that `text` is as a whole ("28/10/2024", "ngày 31/10", "13 tháng 09 năm 2024",
    or ISO "2024-10-28"); None if it is not exactly one date."""
    m = _WHOLE_RE.match(text)
    if not m:
        return None
    if m.group("iso"):
        try:
            return datetime.date.fromisoformat(m.group("iso"))
        except ValueError:
            return None
    return _from_match(m, default_year)[0]


def format_dmy(date: datetime.date) -> str:
    """The short form the bulletin uses in citations: 13/9/2024 (no leading zeros)."""
    return f"{date.day}/{date.month}/{date.year}"
