"""The cross-link graph (generator/model/links.py) on the two-week fixture."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import pipeline
from generator.model.entities import DocumentKey
from generator.model.links import RELATED, SAME_DOCUMENT, build_links, issuer_of

FIXTURE = Path(__file__).parent / "fixtures" / "links" / "two-weeks"


@pytest.fixture(scope="module")
def site():
    result = pipeline.check(FIXTURE)
    assert result.ok, [d.format() for d in result.diagnostics.errors]
    return result.site


def test_a_document_is_its_number_and_its_year(site):
    docs = site.links.documents
    old, new = docs[DocumentKey(2024, "5902-vp-nc")], docs[DocumentKey(2025, "5902-vp-nc")]
    assert old.carriers == ("2024/w44/so-suc-khoe-dien-tu",)
    assert old.citers == ("2025/w02/so-suc-khoe-dien-tu-tiep-theo",)
    assert new.carriers == ("2025/w02/so-suc-khoe-dien-tu-tiep-theo",) and new.citers == ()


def test_every_carried_and_cited_document_is_indexed(site):
    wanted = {ref.key for d in site.directives.values() for ref in (*d.documents, *d.cites)}
    assert set(site.links.documents) == wanted


def test_two_write_ups_of_one_letter_are_related_both_ways(site):
    a, b = "2024/w44/phong-chong-hiv", "2024/w44/phong-chong-hiv-truyen-thong"
    for x, y in ((a, b), (b, a)):
        link = next(l for l in site.links.related[x] if l.key == y)
        assert link.reasons[0].kind == SAME_DOCUMENT
        assert link.reasons[0].subject == "/van-ban/2024/1619-ubnd-kgvx/"


def test_explicit_related_shows_on_both_sides_across_issues(site):
    a, b = "2024/w44/so-suc-khoe-dien-tu", "2025/w02/so-suc-khoe-dien-tu-tiep-theo"
    assert site.directives[b].related == ()
    assert site.links.related[a][0].key == b and site.links.related[a][0].reasons[0].kind == RELATED
    assert site.links.related[b][0].key == a and site.links.related[b][0].reasons[0].kind == RELATED


def test_never_itself_symmetric_for_document_reasons_and_at_most_six(site):
    for key, links in site.links.related.items():
        assert key not in [l.key for l in links]
        assert len(links) <= 6
        for link in links:
            if link.tier <= 1:
                assert key in [l.key for l in site.links.related[link.key]], (key, link)


def test_topic_index_newest_first(site):
    keys = site.links.topics["dat-dai"]
    dates = [site.directives[k].date for k in keys]
    assert dates == sorted(dates, reverse=True) and len(keys) == 6


def test_officials_keep_every_role_they_held(site):
    son = site.links.officials["doan-thanh-son"]
    assert [r.role for r in son.roles] == ["Phó Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh"]
    assert son.roles[0].first == dt.date(2024, 10, 28)


def test_graph_is_deterministic(site):
    again = build_links(dict(reversed(list(site.directives.items()))))
    assert again.related == site.links.related and again.documents == site.links.documents
    assert list(again.officials) == sorted(again.officials)


def test_year_of_a_body_reference_is_resolved_like_the_content_stage(site):
    g = site.links
    assert g.resolve("5902-vp-nc", None, dt.date(2024, 12, 1)).key.year == 2024    # latest earlier one
    assert g.resolve("5902-vp-nc", None, dt.date(2025, 1, 9)).key.year == 2025
    assert g.resolve("5902-vp-nc", 2023, dt.date(2025, 1, 9)) is None              # no such page
    assert g.resolve("1619-ubnd-kgvx", None, dt.date(2023, 1, 1)) is None           # none earlier: its own year


@pytest.mark.parametrize("number, issuer", [
    ("45/2024/QĐ-UBND", "Ủy ban nhân dân tỉnh"), ("5902/VP-NC", "Văn phòng UBND tỉnh"),
    ("132/2024/QH15", "Quốc hội"), ("94-KL/TW", "Trung ương Đảng"), ("93/2023/NĐ-CP", "Chính phủ"),
    ("1619/UBND-KGVX", "Ủy ban nhân dân tỉnh"), ("12/XYZ", None), (None, None)])
def test_issuer_from_the_number(number, issuer):
    assert issuer_of(number) == issuer
