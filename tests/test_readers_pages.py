"""Readers' pages read back from real builds: sharing metadata, feeds first among
alternates, officials by office, deadlines, document facts, the search index stage
and its failure, the feed stylesheet (issue 8). The browser checks are in
test_readers_browser.py."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from conftest import CONTENT, REPO, build_into
from generator import pipeline
from generator.search.fold import folded_d_words, without_diacritics
from generator.search.stable import decode, encode
from helpers import snapshot, text_of

SO_SUC_KHOE = "2024/w44/chu-tich-ubnd-tinh-chi-dao-don-doc-trien-khai-so-suc-khoe"


def html(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def content_pages(site: Path):
    return [p for p in sorted(site.rglob("*.html"))
            if p.relative_to(site).parts[0] != "pagefind" and b'http-equiv="refresh"' not in p.read_bytes()]


def test_every_page_has_a_description_open_graph_and_favicon(site_dir):
    assert (site_dir / "assets" / "favicon.svg").is_file()
    for path in content_pages(site_dir):
        doc = html(path)
        description = doc.xpath("//meta[@name='description']/@content")
        assert description and description[0].strip(), path
        assert doc.xpath("//meta[@property='og:title']/@content")[0].strip(), path
        assert doc.xpath("//meta[@property='og:url']/@content")[0].startswith("https://example.org/ban-tin/"), path
        assert doc.xpath("//link[@rel='icon']/@href"), path
    directive = html(site_dir / SO_SUC_KHOE / "index.html")
    assert directive.xpath("//meta[@property='og:type']/@content") == ["article"]
    assert "sổ sức khoẻ điện tử" in directive.xpath("//meta[@name='description']/@content")[0]


@pytest.mark.parametrize("page,feed", [("chu-de/y-te/", "chu-de/y-te/rss.xml"), ("co-quan/so-y-te/", "co-quan/so-y-te/rss.xml"),
                                       ("lanh-dao/ho-tien-thieu/", "lanh-dao/ho-tien-thieu/rss.xml")])
def test_a_page_with_its_own_feed_offers_it_first(site_dir, page, feed):
    alternates = html(site_dir / page / "index.html").xpath("//link[@rel='alternate']/@href")
    assert alternates[0] == "https://example.org/ban-tin/" + feed
    assert (site_dir / feed).is_file()


def test_officials_are_listed_by_office_and_have_feeds(site_dir):
    doc = html(site_dir / "lanh-dao" / "index.html")
    names = [text_of(a) for a in doc.xpath("//ul[contains(@class,'index-list')]/li/a")]
    assert names[0] == "Hồ Tiến Thiệu"                     # the Chủ tịch first, then the Phó Chủ tịch
    roles = [text_of(li) for li in doc.xpath("//ul[contains(@class,'index-list')]/li")]
    first_vice = next(i for i, r in enumerate(roles) if "Phó Chủ tịch UBND tỉnh" in r and "Chủ tịch UBND tỉnh," not in r)
    assert all("Phó Chủ tịch" in r or "Chủ tịch" in r for r in roles[:first_vice + 1])
    page = html(site_dir / "lanh-dao" / "ho-tien-thieu" / "index.html")
    assert "theo dõi" in text_of(page).lower()


def test_roles_seen_on_one_day_show_one_date(site_dir):
    for path in (site_dir / "lanh-dao").glob("*/index.html"):
        for li in html(path).xpath("//ul[contains(@class,'roles')]/li"):
            text = text_of(li)
            if "–" in text:
                first, last = text.rsplit("(", 1)[1].rstrip(")").split(" – ")
                assert first != last, text


def test_topics_without_directives_are_not_listed_and_have_no_feed(tmp_path):
    from test_feeds_build import FIXTURE            # its topics.yaml has giao-duc, which no directive uses
    out = tmp_path / "out"
    build_into(FIXTURE, out)
    index = html(out / "chu-de" / "index.html")
    listed = {h.strip("/").split("/")[-1] for h in index.xpath("//main//a/@href")}
    assert "y-te" in listed and "giao-duc" not in listed
    assert not (out / "chu-de" / "giao-duc").exists()          # neither a page nor an empty feed


def test_deadlines_page_lists_every_deadline_by_month_with_directive_agency_and_document(site_dir):
    doc = html(site_dir / "thoi-han" / "index.html")
    rows = doc.xpath("//li[contains(@class,'deadline')]")
    dates = [r.get("data-date") for r in rows]
    assert len(dates) >= 10 and dates == sorted(dates)
    months = [text_of(h) for h in doc.xpath("//main//section/h2")]
    assert months[0] == "Tháng 10/2024" and len(months) == len(set(months))
    for row in rows:                         # each names its directive; the document and agencies where known
        assert row.xpath(".//a/@href")[0].startswith("../2024/w44/")
    full = [r for r in rows if any("van-ban" in h for h in r.xpath(".//a/@href"))
            and any("co-quan" in h for h in r.xpath(".//a/@href"))]
    assert full
    home = html(site_dir / "index.html")
    assert "thoi-han/" in home.xpath("//main//a/@href")
    footer = home.xpath("//footer//a/@href")
    assert "thoi-han/" in footer and "lich.ics" in footer


def test_deadlines_of_earlier_years_have_a_page_each_and_every_date_is_on_exactly_one(tmp_path):
    """Ten years of dates on one page was 7 MB: /thoi-han/ keeps the newest issue's year
    and later ones, each earlier year gets /thoi-han/<year>/, and the pages link each other."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "tests" / "fixtures" / "small", content)
    week = content / "2023" / "w50"
    week.mkdir(parents=True)
    (week / "_bulletin.yaml").write_text(
        "title: Chỉ đạo, điều hành nổi bật của UBND tỉnh trong tuần (từ ngày 11/12 đến hết ngày 17/12/2023)\n"
        "period: {from: 2023-12-11, to: 2023-12-17}\n", encoding="utf-8")
    (week / "ra-soat-ho-ngheo.md").write_text(
        "---\ntitle: Rà soát hộ nghèo cuối năm\ndate: 2023-12-12\n"
        "document: {type: Công văn, number: 4410/VP-KGVX, date: 2023-12-12}\ntopics: [y-te]\n"
        "deadlines:\n  - {date: 2023-12-28, what: báo cáo kết quả rà soát}\n  - {date: 2024-01-15, what: công bố danh sách}\n"
        "---\nUBND tỉnh chỉ đạo rà soát hộ nghèo cuối năm.\n", encoding="utf-8")
    out = tmp_path / "output"
    build_into(content, out)
    main, earlier = html(out / "thoi-han" / "index.html"), html(out / "thoi-han" / "2023" / "index.html")
    dates = {page: [r.get("data-date") for r in doc.xpath("//li[contains(@class,'deadline')]")]
             for page, doc in (("main", main), ("2023", earlier))}
    assert dates["2023"] == ["2023-12-28"]
    assert dates["main"] == sorted(dates["main"]) and "2024-01-15" in dates["main"]
    assert all(d >= "2024" for d in dates["main"])
    calendar = (out / "lich.ics").read_text(encoding="utf-8")
    assert sorted(dates["main"] + dates["2023"]) == sorted(
        f"{line[-8:-4]}-{line[-4:-2]}-{line[-2:]}" for line in calendar.splitlines() if line.startswith("DTSTART"))
    assert text_of(earlier.xpath("//h1")[0]) == "Thời hạn và ngày có hiệu lực năm 2023"
    for doc, here, other in ((main, "Từ 2024", "2023/"), (earlier, "2023", "../")):
        years = doc.xpath("//nav[@aria-label='Thời hạn theo năm']")[0]
        assert text_of(years.xpath(".//*[@aria-current='page']")[0]) == here
        assert years.xpath(".//a/@href") == [other]
    assert "../" in earlier.xpath("//nav[contains(@class,'breadcrumbs')]//a/@href")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/thoi-han/2023/</loc>" in sitemap

def test_document_page_answers_what_the_document_is(site_dir):
    doc = html(site_dir / "van-ban" / "2024" / "5902-vp-nc" / "index.html")
    text = text_of(doc)
    assert "Trích yếu" in text and "sổ sức khoẻ điện tử" in text
    assert "Hồ Tiến Thiệu" in text and "Văn phòng UBND tỉnh" in text
    data = json.loads(doc.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "Legislation" and data["legislationIdentifier"] == "5902/VP-NC"
    assert data["legislationDate"] == "2024-10-28"
    year = html(site_dir / "van-ban" / "2024" / "index.html")
    assert "sổ sức khoẻ điện tử" in text_of(year)                  # year listings show subjects


def test_unknown_document_year_is_shown_as_unknown():
    from generator.locale import load_strings
    from generator.model.entities import SiteConfig
    from generator.render.environment import make_environment
    env = make_environment(pipeline.DEFAULT_TEMPLATES, SiteConfig("t", "p", "https://example.org/"))
    macro = env.from_string('{% import "partials/document_year.html" as dy with context %}{{ dy.year(y) }}')
    assert macro.render(y=None, t=load_strings("vi")) == "không rõ (bản tin không ghi năm ban hành)"
    assert macro.render(y=2024, t=load_strings("vi")) == "2024"


def test_json_ld_cannot_break_out_of_its_script_element(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    source = content / (SO_SUC_KHOE + ".md")
    text = source.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    hostile = "Sổ </script><script>alert(1)</script> & <!-- x"
    source.write_text(text.replace(title, f"title: '{hostile}'", 1), encoding="utf-8")
    out = tmp_path / "out"
    build_into(content, out)
    raw = (out / SO_SUC_KHOE / "index.html").read_text(encoding="utf-8")
    block = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block.replace("\\u0026", "")
    assert json.loads(block)["headline"] == hostile


def test_feeds_open_in_a_browser_through_the_stylesheet(site_dir):
    xsl = lxml.etree.XSLT(lxml.etree.parse(str(site_dir / "feed.xsl")))
    for feed in ("rss.xml", "atom.xml", "chu-de/y-te/rss.xml"):
        raw = (site_dir / feed).read_bytes()
        depth = feed.count("/")
        assert f'<?xml-stylesheet type="text/xsl" href="{"../" * depth}feed.xsl"?>'.encode() in raw
        page = str(xsl(lxml.etree.fromstring(raw)))
        assert "Đây là nguồn tin" in page and "ứng dụng đọc tin" in page
        assert f"https://example.org/ban-tin/{feed}" in page                 # the address to subscribe with


def test_search_index_is_built_before_the_swap(site_dir):
    bundle = site_dir / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.unknown.pagefind").is_file()
    # The general shard at the root, the others listed for the search page to merge: together, every indexed page once.
    listing = json.loads((bundle / "shards.json").read_text(encoding="utf-8"))
    shards = listing["shards"]
    assert {"topic", "year", "type", "agency"} <= set(listing["filters"]) and "2024" in listing["filters"]["year"]
    assert shards and all(not (bundle / shard / "pagefind.js").exists() for shard in shards)
    counted = 0
    for folder in [bundle, *(bundle / shard for shard in shards)]:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        counted += entry["languages"]["vi"]["page_count"]
        assert (folder / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta").is_file()
    indexed = [p for p in site_dir.rglob("*.html") if b"data-pagefind-body" in p.read_bytes()]
    assert counted == len(indexed) > 40


def test_a_failed_search_index_leaves_the_published_site_unchanged(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    out = tmp_path / "output"
    build_into(content, out)
    before = snapshot(out)
    source = content / (SO_SUC_KHOE + ".md")          # a real change, so the build runs again
    source.write_text(source.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    result = pipeline.build(content, out)
    assert not result.ok
    assert any("tìm kiếm" in d.message for d in result.diagnostics.errors)
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".search-")] == []     # no scratch left


def test_folding_writes_d_words_as_typed_without_diacritics():
    assert without_diacritics("Đôn") == "don" and without_diacritics("đất") == "dat"
    words = folded_d_words("Quy định hạn mức đất đai").split()
    assert {"dinh", "dat", "dai", "datdai", "mucdat", "quydinh"} <= set(words)
    assert "han" not in words                             # words without đ are left to Pagefind


def test_pagefind_records_round_trip():
    value = ["topic", [["Đất đai", [1, 24, 300, 70000]], ["Y tế", []]], b"\x00\x01", 2**40]
    assert decode(encode(value)) == (value, len(encode(value)))


def test_office_rank_reads_every_office_a_role_names():
    from generator.render.taxonomy import office_rank
    assert office_rank("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh") == 0
    assert office_rank("Phó Chủ tịch UBND tỉnh, Phó Trưởng Ban Chỉ đạo") == 1
    assert office_rank("Phó Chủ tịch Thường trực UBND tỉnh") == 1
    assert office_rank("Giám đốc Sở Y tế") == 2
