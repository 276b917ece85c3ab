"""The seed week, built from content/, as a reader finds it (issue 2)."""
from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from conftest import CONTENT, seed_path
from helpers import page, text_of

WEEK = CONTENT / "2024" / "w44"


def directive_files():
    return sorted(p for p in WEEK.glob("*.md"))


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def seed_sections() -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) for each section of the published text, in order.
    Headings are the lines the lead (line 2) lists, joined by '; '."""
    lines = [l.strip() for l in seed_path().read_text(encoding="utf-8-sig").splitlines() if l.strip()]
    headings = {h.strip().rstrip(".").strip() for h in lines[1].split("; ")}
    sections: list[tuple[str, list[str]]] = []
    for line in lines[2:]:
        if line in headings:
            sections.append((line, []))
        else:
            sections[-1][1].append(line)
    return sections


def sentences(paragraph: str) -> list[str]:
    parts = re.split(r"(?<=[.;:!?…])\s+", paragraph)
    return [" ".join(p.split()) for p in parts if len(p.strip()) > 3]


def test_home_and_issue_pages_exist(site_dir):
    assert (site_dir / "index.html").is_file()
    assert (site_dir / "2024" / "w44" / "index.html").is_file()
    assert (site_dir / "luu-tru" / "index.html").is_file()


def test_one_page_per_directive(site_dir):
    files = directive_files()
    assert len(files) == 23, "the seed has 24 sections, one printed twice word for word"
    for f in files:
        assert (site_dir / "2024" / "w44" / f.stem / "index.html").is_file(), f.name


def test_every_directive_is_on_the_issue_page_with_title_and_number(site_dir):
    issue = page(site_dir / "2024" / "w44" / "index.html")
    text = text_of(issue)
    links = {a.get("href") for a in issue.iter("a")}
    for f in directive_files():
        meta = front_matter(f)
        assert meta["title"] in text, f.name
        assert f"{f.stem}/" in links, f.name
        docs = meta.get("document") or []
        for doc in docs if isinstance(docs, list) else [docs]:
            assert doc["number"] in text, (f.name, doc["number"])


def test_issue_page_in_reading_order_with_lead(site_dir):
    issue = page(site_dir / "2024" / "w44" / "index.html")
    titles = [text_of(h) for h in issue.cssselect("main .item-title")]
    published = [h for h, _ in dict.fromkeys((h, tuple(ps)) for h, ps in seed_sections())]
    assert titles == published
    lead = text_of(issue.cssselect("main .lead p")[0])
    assert lead.startswith("Họp thường kỳ UBND tỉnh tháng 10 năm 2024 (kỳ 3);")
    assert lead.endswith("Ngày Di sản văn hoá Việt Nam (23/11), năm 2024.")
    assert "28/10/2024" in text_of(issue) and "03/11/2024" in text_of(issue)


def test_home_shows_latest_issue(site_dir):
    home = page(site_dir / "index.html")
    assert home.get("lang") == "vi"
    assert "Họp thường kỳ UBND tỉnh tháng 10 năm 2024 (kỳ 3)" in text_of(home)


def test_every_sentence_of_the_seed_is_on_as_many_pages_as_distinct_sections(site_dir):
    """No sentence lost, none duplicated: a section printed twice word for word is
    one directive, so each sentence appears once per distinct section holding it."""
    distinct = list(dict.fromkeys((h, tuple(ps)) for h, ps in seed_sections()))
    section_texts = [" ".join(" ".join(ps).split()) for _, ps in distinct]
    expected: Counter = Counter()
    for sentence in {s for _, ps in distinct for p in ps for s in sentences(p)}:
        expected[sentence] = sum(1 for text in section_texts if sentence in text)
    bodies = [text_of(page(site_dir / "2024" / "w44" / f.stem / "index.html").cssselect("main .body")[0])
              for f in directive_files()]
    missing, wrong = [], []
    for sentence, count in expected.items():
        found = sum(1 for b in bodies if sentence in b)
        if found == 0:
            missing.append(sentence)
        elif found != count:
            wrong.append((sentence, count, found))
    assert not missing, f"{len(missing)} sentences lost, e.g. {missing[:3]}"
    assert not wrong, wrong[:3]


def test_directive_page_carries_body_and_metadata(site_dir):
    doc = page(site_dir / "2024" / "w44" / _slug_with("5902/VP-NC") / "index.html")
    assert doc.get("lang") == "vi"
    panel = text_of(doc.cssselect("main .meta")[0])
    for expected in ("Công văn", "5902/VP-NC", "28/10/2024", "Hồ Tiến Thiệu", "Công an tỉnh", "Sở Y tế"):
        assert expected in panel, expected
    body = text_of(doc.cssselect("main .body")[0])
    assert "Giám đốc các Sở: Y tế, Tư pháp theo lĩnh vực được phân công phụ trách" in body
    crumbs = text_of(doc.cssselect(".breadcrumbs")[0])
    assert crumbs.startswith("Trang chủ") and "Tuần 44/2024" in crumbs


def test_effective_date_and_deadlines_are_shown(site_dir):
    decision = page(site_dir / "2024" / "w44" / _slug_with("45/2024/QĐ-UBND") / "index.html")
    assert "11/11/2024" in text_of(decision.cssselect("main .meta")[0])
    order = yaml.safe_load((WEEK / "_bulletin.yaml").read_text(encoding="utf-8"))["order"]
    meeting = page(site_dir / "2024" / "w44" / order[0] / "index.html")
    assert "30/10/2024" in text_of(meeting.cssselect("main .meta")[0])


def test_previous_and_next_within_the_issue(site_dir):
    order = yaml.safe_load((WEEK / "_bulletin.yaml").read_text(encoding="utf-8"))["order"]
    second = page(site_dir / "2024" / "w44" / order[1] / "index.html")
    prev = second.cssselect('.pager a[rel="prev"]')[0].get("href")
    nxt = second.cssselect('.pager a[rel="next"]')[0].get("href")
    assert prev == f"../{order[0]}/" and nxt == f"../{order[2]}/"
    first = page(site_dir / "2024" / "w44" / order[0] / "index.html")
    assert not first.cssselect('.pager a[rel="prev"]')


def test_archive_lists_every_issue_by_year(site_dir):
    archive = page(site_dir / "luu-tru" / "index.html")
    assert [text_of(h) for h in archive.cssselect("main h2")] == ["2024"]
    assert archive.cssselect('main a[href="../2024/w44/"]')


def _slug_with(number: str) -> str:
    for f in directive_files():
        docs = front_matter(f).get("document") or []
        for doc in docs if isinstance(docs, list) else [docs]:
            if doc["number"] == number:
                return f.stem
    pytest.fail(f"no directive carries {number}")
