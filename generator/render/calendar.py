"""`/lich.ics`: deadlines and effective dates as an iCalendar file (RFC 5545).

One all-day event per deadline and one per effective date. Written by hand (the
format is small) and read back by the `icalendar` package in the tests. Every
value comes from the content, so rebuilding gives the same bytes and calendar
apps never see an event twice: the UID is the directive's first address (`feed_id`), the kind, the
date and the event's rank among same-day events of that kind, never a title."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from generator.model.entities import Directive, Site, SiteConfig
from generator.render.feedlinks import CALENDAR_URL
from generator.render.feeds import published_at
from generator.render.pages import Output, RenderKit, document_line
from generator.render.urls import absolute, output_path

PRODID = "-//bulletin-generator//lich-thoi-han//VI"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets (§3.1), never inside a UTF-8 character."""
    data = line.encode("utf-8")
    out, start, room = [], 0, MAX_OCTETS
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:       # a continuation byte: the character starts earlier
            cut -= 1
        out.append(data[start:cut])
        start, room = cut, MAX_OCTETS - 1      # a continuation line starts with one space
    out.append(data[start:])
    return "\r\n ".join(part.decode("utf-8") for part in out)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _stamp(d: Directive, timezone: str) -> str:
    """DTSTAMP from the content (the directive's publication time), so rebuilds are identical."""
    return published_at(d.date, timezone).astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def short_document(d: Directive) -> str:
    """'Công văn 5902/VP-NC': the document a directive carries, as a calendar title names it."""
    ref = d.documents[0] if d.documents else None
    if ref is None:
        return ""
    return f"{ref.kind} {ref.number}" if ref.kind and ref.number else ref.label


def event_title(kind: str, d: Directive, what: str, t: dict[str, str]) -> str:
    """A title understood alone in a calendar: what is due, and under which document."""
    if kind == "deadline":
        title = t["calendar_deadline"].format(what=what)        # as the editor wrote it
    else:
        title = t["calendar_effective"].format(title=d.title)
    doc = short_document(d)
    return f"{title} ({doc})" if doc else title


def calendar_events(site: Site) -> list[tuple[dt.date, str, str, Directive, str]]:
    """(date, uid, kind, directive, what) for every deadline and effective date, by date."""
    host = urlsplit(site.config.base_url).hostname or "localhost"
    events = []
    for d in site.directives.values():
        stem = d.feed_id.strip("/").replace("/", "-")   # a renamed directive keeps its events' UIDs
        seen: dict[tuple[str, dt.date], int] = {}
        items = [("deadline", dl.date, dl.what) for dl in d.deadlines]
        if d.effective:
            items.append(("effective", d.effective, ""))
        for kind, day, what in items:
            rank = seen[(kind, day)] = seen.get((kind, day), 0) + 1
            events.append((day, f"{stem}-{kind}-{_date(day)}-{rank}@{host}", kind, d, what))
    return sorted(events, key=lambda e: (e[0], e[1]))


def calendar_outputs(site: Site, kit: RenderKit) -> list[Output]:
    """OUTPUTS entry: lich.ics."""
    return [Output((output_path(CALENDAR_URL),), _calendar, (tuple(calendar_events(site)),))]


def _calendar(cfg: SiteConfig, kit: RenderKit, events: tuple) -> dict[str, bytes]:
    """An Output's make: the calendar of `events` (calendar_events)."""
    t = kit.t
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(t['calendar_name'].format(site=cfg.title))}",
             f"X-WR-CALDESC:{escape_text(t['calendar_description'])}",
             f"X-WR-TIMEZONE:{cfg.timezone}"]
    for day, uid, kind, d, what in events:
        url = absolute(d.url, cfg.base_url)
        summary = event_title(kind, d, what, t)
        description = [d.title, *map(document_line, d.documents)]
        if kind == "deadline":
            description.append(t["calendar_due"].format(what=what))
        description.append(t["calendar_see"].format(url=url))
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_stamp(d, cfg.timezone)}",
                  f"DTSTART;VALUE=DATE:{_date(day)}", f"DTEND;VALUE=DATE:{_date(day + dt.timedelta(days=1))}",
                  f"SUMMARY:{escape_text(summary)}", f"DESCRIPTION:{escape_text(chr(10).join(description))}",
                  f"URL;VALUE=URI:{url}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return {output_path(CALENDAR_URL): "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")}
