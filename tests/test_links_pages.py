"""Topic, document, official and agency pages, body links and related directives,
built from the two-week fixture; and the checker's errors on these pages' terms."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.render.markdown_body import BodyRenderer, plain_text
from tests.conftest import build_into
from tests.helpers import page, text_of

FIXTURE = Path(__file__).parent / "fixtures" / "links" / "two-weeks"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("links") / "out"
    build_into(FIXTURE, out)
    return out


def hrefs(doc, xpath="//main//a") -> list[str]:
    return [a.get("href") for a in doc.xpath(xpath)]


def test_document_page_lists_both_write_ups_which_link_each_other(out):
    doc = page(out / "van-ban/2024/1619-ubnd-kgvx/index.html")
    assert text_of(doc.xpath("//h1")[0]) == "Công văn số 1619/UBND-KGVX"
    assert "Ủy ban nhân dân tỉnh" in text_of(doc.xpath("//dl")[0]) and "24/10/2024" in text_of(doc.xpath("//dl")[0])
    links = hrefs(doc)
    assert "../../../2024/w44/phong-chong-hiv/" in links and "../../../2024/w44/phong-chong-hiv-truyen-thong/" in links
    a = page(out / "2024/w44/phong-chong-hiv/index.html")
    related = a.xpath("//section[@class='related']")[0]
    assert "../phong-chong-hiv-truyen-thong/" in hrefs(related, ".//a")
    assert "Cùng văn bản: Công văn số 1619/UBND-KGVX" in text_of(related)
    b = page(out / "2024/w44/phong-chong-hiv-truyen-thong/index.html")
    assert "../phong-chong-hiv/" in hrefs(b.xpath("//section[@class='related']")[0], ".//a")


def test_two_years_of_5902_vp_nc_are_two_pages(out):
    old = page(out / "van-ban/2024/5902-vp-nc/index.html")
    new = page(out / "van-ban/2025/5902-vp-nc/index.html")
    assert "28/10/2024" in text_of(old) and "08/01/2025" in text_of(new)
    assert "../../../2025/w02/so-suc-khoe-dien-tu-tiep-theo/" in hrefs(old)     # cited across issues
    assert "../../../2024/w44/so-suc-khoe-dien-tu/" not in hrefs(new)


def test_related_across_issues_with_reason(out):
    doc = page(out / "2024/w44/so-suc-khoe-dien-tu/index.html")
    first = doc.xpath("//section[@class='related']//li")[0]
    assert first.xpath(".//a/@href")[0] == "../../../2025/w02/so-suc-khoe-dien-tu-tiep-theo/"
    assert text_of(first).split("08/01/2025 ")[1].startswith("Có liên quan trực tiếp")


def test_metadata_panel_links_every_entity(out):
    doc = page(out / "2024/w44/han-muc-giao-dat/index.html")
    panel = hrefs(doc, "//aside//a")
    for target in ("../../../van-ban/2024/45-2024-qd-ubnd/", "../../../van-ban/2024/46-2024-qd-ubnd/",
                   "../../../van-ban/2024/luat-dat-dai/", "../../../lanh-dao/doan-thanh-son/",
                   "../../../co-quan/so-tai-nguyen-va-moi-truong/", "../../../chu-de/dat-dai/"):
        assert target in panel


def test_body_references_link_without_changing_a_word(out):
    body = page(out / "2024/w44/han-muc-giao-dat/index.html").xpath("//div[@class='body']")[0]
    linked = {a.text: a.get("href") for a in body.xpath(".//a[@class='doc-ref']")}
    assert linked == {"Luật Đất đai năm 2024": "../../../van-ban/2024/luat-dat-dai/",
                      "Nghị quyết số 132/2024/QH15": "../../../van-ban/2024/132-2024-qh15/"}
    assert body.xpath(".//a[@href='https://example.org/qd46']")[0].text == "Quyết định 46/2024/QĐ-UBND"
    assert body.xpath(".//code")[0].text == "45/2024/QĐ-UBND"         # code untouched
    source = (FIXTURE / "2024/w44/han-muc-giao-dat.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert text_of(body) == " ".join(plain_text(BodyRenderer().html(source)).split())


def test_body_reference_year_follows_the_date_or_the_archive(out):
    body = page(out / "2025/w02/so-suc-khoe-dien-tu-tiep-theo/index.html").xpath("//div[@class='body']")[0]
    assert [a.get("href") for a in body.xpath(".//a[@class='doc-ref']")] == [
        "../../../van-ban/2024/5902-vp-nc/", "../../../van-ban/2025/5902-vp-nc/"]


def test_topic_page_grouped_by_issue_and_paginated(out):
    first = page(out / "chu-de/dat-dai/index.html")
    second = page(out / "chu-de/dat-dai/trang/2/index.html")
    assert [text_of(h) for h in first.xpath("//main//h2")] == ["Tuần 2/2025", "Tuần 44/2024"]
    titles = [text_of(a) for a in first.xpath("//main//h3/a")]
    assert titles[:4] == ["Giao đất đợt 4 năm 2025", "Giao đất đợt 3 năm 2025", "Giao đất đợt 2 năm 2025",
                          "Giao đất đợt 1 năm 2025"] and len(titles) == 5
    assert first.xpath("//head/link[@rel='next']/@href") == ["trang/2/"] and not first.xpath("//head/link[@rel='prev']")
    assert second.xpath("//head/link[@rel='prev']/@href") == ["../../"]
    assert [text_of(a) for a in second.xpath("//main//h3/a")] == ["Quy định hạn mức giao đất ở tại nông thôn"]
    assert "Trang 2/2" in text_of(second.xpath("//nav[@class='pagination']")[0])


def test_indexes_with_counts(out):
    topics = text_of(page(out / "chu-de/index.html").xpath("//main")[0])
    assert "Đất đai (6 chỉ đạo, điều hành)" in topics and "Y tế (3 chỉ đạo, điều hành)" in topics
    docs = page(out / "van-ban/index.html")
    assert [text_of(h).split(" (")[0] for h in docs.xpath("//main//h2")] == ["Năm 2025", "Năm 2024"]
    assert "Công văn (1)" in text_of(docs.xpath("//main//section")[0])
    year = page(out / "van-ban/2024/index.html")
    assert [text_of(h) for h in year.xpath("//main//h2")] == ["Nghị quyết", "Quyết định", "Công văn", "Luật"]
    officials = text_of(page(out / "lanh-dao/index.html").xpath("//main")[0])
    assert "Đoàn Thanh Sơn (6 chỉ đạo, điều hành)" in officials
    agencies = page(out / "co-quan/index.html")
    assert "so-y-te/" in hrefs(agencies)
    assert "Sở Văn hóa, Thể thao và Du lịch (1 chỉ đạo, điều hành)" in text_of(agencies.xpath("//main")[0])


def test_official_page_shows_roles(out):
    doc = page(out / "lanh-dao/doan-thanh-son/index.html")
    roles = [text_of(li) for li in doc.xpath("//ul[contains(@class, 'roles')]/li")]
    assert roles == ["Phó Chủ tịch UBND tỉnh (28/10/2024 – 30/10/2024)",
                     "Chủ tịch UBND tỉnh (06/01/2025 – 09/01/2025)"]
    assert "Với chức vụ: Chủ tịch UBND tỉnh" in text_of(doc)


def test_agency_and_topic_pages_carry_their_feeds(out):
    for path in ("co-quan/so-y-te/index.html", "chu-de/y-te/index.html"):
        doc = page(out / path)
        assert any(h.endswith("rss.xml") for h in doc.xpath("//head/link[@rel='alternate']/@href"))


def test_build_is_deterministic(out, tmp_path):
    again = tmp_path / "again"
    build_into(FIXTURE, again)
    from tests.helpers import snapshot
    assert snapshot(again) == snapshot(out)


# ---- validation, on these pages' terms ------------------------------------

@pytest.fixture()
def broken(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(FIXTURE, dst)
    return dst


def _errors(content: Path) -> list:
    result = pipeline.check(content, shown="content")
    assert not result.ok
    return result.diagnostics.errors


def test_related_to_a_missing_directive_is_an_error_with_file_and_line(broken):
    path = broken / "2024/w44/cong-van-5990.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "topics: [dat-dai]\n", "topics: [dat-dai]\nrelated:\n  - 2024/w44/han-muc-giao-dat\n  - 2024/w44/khong-co\n"),
        encoding="utf-8")
    [error] = _errors(broken)
    assert (error.file, error.line) == ("content/2024/w44/cong-van-5990.md", 10)
    assert "2024/w44/khong-co" in error.message


def test_unknown_topic_is_an_error_with_file_and_line(broken):
    path = broken / "2025/w02/giao-dat-dot-1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("topics: [dat-dai]", "topics: [dat-dai, dat-da]"),
                    encoding="utf-8")
    [error] = _errors(broken)
    assert (error.file, error.line) == ("content/2025/w02/giao-dat-dot-1.md", 6)
    assert "dat-da" in error.message and "dat-dai" in error.hint


def test_a_document_cited_once_is_fine(out):
    result = pipeline.check(FIXTURE)
    assert result.ok and len(result.site.links.documents[next(
        k for k in result.site.links.documents if k.slug == "132-2024-qh15")].citers) == 1
    assert (out / "van-ban/2024/132-2024-qh15/index.html").is_file()
