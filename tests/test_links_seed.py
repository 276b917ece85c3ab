"""Cross-links on the real seed week (content/2024/w44), built once per session."""
from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from tests.conftest import CONTENT
from tests.helpers import page, text_of

pytestmark = pytest.mark.skipif(not (CONTENT / "2024" / "w44").is_dir(), reason="seed week not imported yet")

LETTER_1619 = ("2024/w44/ubnd-tinh-chi-dao-tang-cuong-lanh-dao-chi-dao-thuc-hien",
               "2024/w44/ubnd-tinh-chi-dao-tang-cuong-lanh-dao-chi-dao-thuc-hien-2")
LAND_LAW = {
    "45/2024/QĐ-UBND": "2024/w44/quy-dinh-dien-tich-dat-nong-nghiep-de-xay-dung-cong-trinh",
    "46/2024/QĐ-UBND": "2024/w44/quy-dinh-han-muc-dat-giao-cho-to-chuc-ton-giao-to-chuc-ton",
    "5990/VP-KT": "2024/w44/chi-dao-ra-soat-day-nhanh-tien-do-xay-dung-cac-van-ban-quy",
    "meeting 29/10": "2024/w44/hop-thuong-ky-ubnd-tinh-thang-10-nam-2024-ky-3",
}


def links_from(site: Path, url: str, xpath: str = "//main//a/@href") -> set[str]:
    """Site paths ("/chu-de/dat-dai/") linked from the page at site path `url`."""
    doc = page(site / url.strip("/") / "index.html")
    out = set()
    for href in doc.xpath(xpath):
        if "://" not in href and not href.startswith("#"):
            out.add(posixpath.normpath(posixpath.join(url, href)) + "/")
    return out


def test_the_1619_letter_page_lists_both_write_ups(site_dir):
    doc = page(site_dir / "van-ban/2024/1619-ubnd-kgvx/index.html")
    assert text_of(doc.xpath("//h1")[0]) == "Công văn số 1619/UBND-KGVX"
    assert {f"/{k}/" for k in LETTER_1619} <= links_from(site_dir, "/van-ban/2024/1619-ubnd-kgvx/")


def test_the_two_write_ups_link_each_other_by_the_letter(site_dir):
    a, b = LETTER_1619
    for x, y in ((a, b), (b, a)):
        related = links_from(site_dir, f"/{x}/", "//section[@class='related']//a/@href")
        assert f"/{y}/" in related and "/van-ban/2024/1619-ubnd-kgvx/" in related


@pytest.mark.parametrize("name", list(LAND_LAW))
def test_land_law_directives_reach_each_other_through_a_document_or_topic_page(site_dir, name):
    key = LAND_LAW[name]
    hubs = {u for u in links_from(site_dir, f"/{key}/") if u.startswith(("/van-ban/", "/chu-de/"))}
    reached = set().union(*(links_from(site_dir, hub) for hub in hubs))
    for other in LAND_LAW.values():
        assert f"/{other}/" in reached, f"{name} does not reach {other}"


def test_every_seed_directive_shows_related_directives_with_reasons(site_dir):
    for path in sorted((site_dir / "2024" / "w44").glob("*/index.html")):
        section = page(path).xpath("//section[@class='related']")
        assert section, f"{path.parent.name} has no related directives"
        for li in section[0].xpath(".//li"):
            assert li.xpath(".//span[@class='reasons']") and text_of(li.xpath(".//span[@class='reasons']")[0])


def test_land_law_document_page_lists_what_implements_it(site_dir):
    # 46/2024/QĐ-UBND cites "Luật Đất đai năm 2024"; 5990/VP-KT names "Luật Đất đai" with no
    # year, which is not given one: it is on the year-unknown page of the law (issue 12).
    assert f"/{LAND_LAW['46/2024/QĐ-UBND']}/" in links_from(site_dir, "/van-ban/2024/luat-dat-dai/")
    assert f"/{LAND_LAW['5990/VP-KT']}/" in links_from(site_dir, "/van-ban/khong-ro-nam/luat-dat-dai/")
