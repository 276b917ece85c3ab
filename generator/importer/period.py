"""The issue's period and ISO week, from its title or from --week."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.importer.errors import ImportError_
from generator.vntext.dates import find_dates

# "(từ ngày 28/10 đến hết ngày 03/11/2024": the closing parenthesis is often missing.
_PERIOD_RE = re.compile(r"từ\s+ngày\s+(?P<from>.+?)\s+(?:đến|tới|-|–)\s+(?:hết\s+)?(?:ngày\s+)?(?P<to>\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng.+?\d{4})",
                        re.IGNORECASE)
_WEEK_RE = re.compile(r"^(?P<y>\d{4})-?W(?P<w>\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def week(self) -> tuple[int, int]:
        iso = self.start.isocalendar()
        return iso.year, iso.week

    @property
    def folder(self) -> str:
        year, week = self.week
        return f"{year}/w{week:02d}"


def period_from_title(title: str) -> Period | None:
    m = _PERIOD_RE.search(title)
    if not m:
        return None
    end_dates = find_dates(m.group("to"))
    if not end_dates:
        return None
    end = end_dates[0].date
    start_dates = find_dates("ngày " + m.group("from"), default_year=end.year)
    if not start_dates:
        return None
    start = start_dates[0].date
    if start > end:  # "từ ngày 30/12 đến hết ngày 05/01/2025"
        start = start.replace(year=end.year - 1)
    return Period(start, end)


def period_from_week(week: str) -> Period:
    m = _WEEK_RE.match(week.strip())
    if not m:
        raise ImportError_("E-IMPORT-WEEK-FORMAT", week=repr(week))
    try:
        monday = dt.date.fromisocalendar(int(m.group("y")), int(m.group("w")), 1)
    except ValueError:
        raise ImportError_("E-IMPORT-NO-SUCH-WEEK", week=repr(week)) from None
    return Period(monday, monday + dt.timedelta(days=6))
