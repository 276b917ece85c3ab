"""Every metadata value is escaped wherever it is published (issue 10, part 2): a title,
an agency, an official and a deadline full of markup and delimiters come back exactly
as written from the page, the feeds, the sitemap and the calendar, and run nothing."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import icalendar
import lxml.etree
import pytest

from conftest import REPO
from generator import pipeline
from helpers import page, text_of

SMALL = REPO / "tests" / "fixtures" / "small"
MD = "2024/w44/so-suc-khoe-dien-tu.md"
TITLE = "<script>alert(1)</script> & \"trích\" ]]> </title><b>x</b> {{ t }}"
AGENCY = "Sở <img src=x onerror=alert(1)> & Co"
WHAT = "hoàn thành; báo cáo, gửi\\ Sở\nEND:VEVENT"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("meta")
    content = tmp / "content"
    shutil.copytree(SMALL, content)
    path = content / MD
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Chủ tịch UBND tỉnh chỉ đạo triển khai sổ sức khoẻ điện tử",
                        f"title: '{TITLE}'", 1)
    text = text.replace("agencies: [Công an tỉnh, Sở Y tế]", f"agencies: ['{AGENCY}']", 1)
    text = text.replace("what: hoàn thành khắc phục}", 'what: "hoàn thành; báo cáo, gửi\\\\ Sở\\nEND:VEVENT"}', 1)
    path.write_text(text, encoding="utf-8")
    result = pipeline.build(content, tmp / "out")
    assert result.ok, [d.format() for d in result.diagnostics.errors]
    return tmp / "out"


def test_page_shows_metadata_as_text(out):
    doc = page(out / "2024/w44/so-suc-khoe-dien-tu/index.html")
    assert text_of(doc.cssselect("main h1")[0]) == " ".join(TITLE.split())
    assert TITLE in doc.xpath("string(//title)")
    # The page's one script element is its JSON-LD data block: it must hold the title as data.
    assert not doc.xpath("//script[not(@type='application/ld+json')] | //img | //*[@onerror] | //main//b[.='x']")
    assert [json.loads(s.text)["headline"] for s in doc.xpath("//script[@type='application/ld+json']")] == [TITLE]
    assert any(text_of(a) == AGENCY for a in doc.cssselect("a"))


def test_feeds_and_sitemap_are_well_formed_and_carry_the_text(out):
    for path in out.rglob("*.xml"):
        lxml.etree.fromstring(path.read_bytes())
    titles = [e.title for e in feedparser.parse((out / "rss.xml").read_bytes()).entries]
    assert TITLE in titles
    atom = [e.title for e in feedparser.parse((out / "atom.xml").read_bytes()).entries]
    assert TITLE in atom


def test_calendar_keeps_delimiters_inside_values(out):
    cal = icalendar.Calendar.from_ical((out / "lich.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert any(WHAT in str(e.get("SUMMARY")) for e in events)
    assert len([e for e in events if WHAT in str(e.get("SUMMARY"))]) == 1
