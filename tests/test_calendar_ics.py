"""lich.ics, read back by the real iCalendar parser (the `icalendar` package)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from generator.render.calendar import escape_text, fold
from test_feeds_build import BASE, FIXTURE, REAL, build_into

TRICKY = "Các huyện báo cáo kết quả thực hiện, đánh giá tồn tại, vướng mắc và đề xuất giải pháp tháo gỡ theo mẫu C:\\bao-cao"


def _ics(content: Path, out: Path) -> bytes:
    return (build_into(content, out) / "lich.ics").read_bytes()


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> bytes:
    return _ics(FIXTURE, tmp_path_factory.mktemp("ics") / "out")


@pytest.fixture(scope="module")
def events(raw):
    return icalendar.Calendar.from_ical(raw).walk("VEVENT")


def test_one_all_day_event_per_deadline_and_effective_date(events):
    got = [(e.decoded("DTSTART"), e.decoded("DTEND"), str(e["UID"])) for e in events]
    assert got == [
        (dt.date(2024, 10, 30), dt.date(2024, 10, 31), "2024-w43-trien-khai-luat-dat-dai-deadline-20241030-1@example.org"),
        (dt.date(2024, 11, 5), dt.date(2024, 11, 6), "2024-w44-so-suc-khoe-dien-tu-vneid-deadline-20241105-1@example.org"),
        (dt.date(2024, 11, 11), dt.date(2024, 11, 12), "2024-w44-han-muc-giao-dat-effective-20241111-1@example.org"),
        (dt.date(2024, 11, 15), dt.date(2024, 11, 16), "2024-w43-trien-khai-luat-dat-dai-deadline-20241115-1@example.org"),
    ]                                                   # the draft's deadline is not published
    for e in events:
        assert e["DTSTART"].params.get("VALUE") == "DATE" and type(e.decoded("DTSTART")) is dt.date


def test_events_carry_title_what_and_url(events):
    by_uid = {str(e["UID"]): e for e in events}
    deadline = by_uid["2024-w43-trien-khai-luat-dat-dai-deadline-20241115-1@example.org"]
    link = BASE + "2024/w43/trien-khai-luat-dat-dai/"
    # commas and a backslash survive; the document makes the title understood alone in a calendar
    assert str(deadline["SUMMARY"]) == f"Thời hạn: {TRICKY} (Kế hoạch 242/KH-UBND)"
    assert str(deadline["URL"]) == link
    description = str(deadline["DESCRIPTION"])
    assert description.split("\n")[0] == "Triển khai thi hành Luật Đất đai năm 2024 trên địa bàn tỉnh"
    assert "Kế hoạch số 242/KH-UBND, ngày 22/10/2024" in description and TRICKY in description and link in description
    semicolon = by_uid["2024-w43-trien-khai-luat-dat-dai-deadline-20241030-1@example.org"]
    assert str(semicolon["SUMMARY"]).endswith("hoàn thiện dự thảo; báo cáo UBND tỉnh, gửi Sở Tư pháp (Kế hoạch 242/KH-UBND)")
    effective = by_uid["2024-w44-han-muc-giao-dat-effective-20241111-1@example.org"]
    assert str(effective["SUMMARY"]) == "Có hiệu lực: Quy định hạn mức giao đất ở tại nông thôn (Quyết định 45/2024/QĐ-UBND)"


def test_dtstamp_comes_from_the_content(events):
    by_uid = {str(e["UID"]): e for e in events}
    stamp = by_uid["2024-w44-so-suc-khoe-dien-tu-vneid-deadline-20241105-1@example.org"].decoded("DTSTAMP")
    assert stamp == dt.datetime(2024, 10, 28, 1, 0, tzinfo=dt.timezone.utc)        # 08:00 in Hà Nội


def test_calendar_header(raw):
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]) and str(cal["METHOD"]) == "PUBLISH"
    # X- properties are TEXT by default (RFC 5545 §3.8.8.2), escaped like any TEXT; icalendar leaves them raw.
    assert str(cal["X-WR-CALNAME"]).startswith("Lịch thời hạn – Chỉ đạo\\, điều hành")


def test_crlf_lines_folded_at_75_octets_on_character_boundaries(raw):
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert any(line.startswith(b" ") for line in lines)                 # long lines were folded
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")                                            # no character cut in two


def test_fold_and_escape_units():
    text = "SUMMARY:" + "Đôn đốc triển khai sổ sức khoẻ điện tử " * 5
    folded = fold(text)
    assert folded.replace("\r\n ", "") == text
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


@pytest.mark.skipif(not (REAL / "2024" / "w44").is_dir(), reason="content/2024/w44 not imported yet")
def test_real_content_calendar(tmp_path):
    raw = _ics(REAL, tmp_path / "out")
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    for e in events:
        assert str(e["URL"]).startswith(BASE) and str(e["URL"]) in str(e["DESCRIPTION"])
        assert e.decoded("DTEND") - e.decoded("DTSTART") == dt.timedelta(days=1)
