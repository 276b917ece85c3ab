"""Names as editors type them (issue 10, part 4): text is NFC on read, invisible
characters are removed with a warning, so one agency typed five ways is one page;
names that differ only in tone marks are different people with different pages,
even when their ASCII slugs collide."""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO
from generator import pipeline
from generator.model.keys import assign_slugs, name_identity
from helpers import page, text_of

SMALL = REPO / "tests" / "fixtures" / "small"
A = "2024/w44/so-suc-khoe-dien-tu.md"
B = "2024/w44/hop-thuong-ky.md"
C = "2024/w45/quy-dinh-han-muc-dat.md"


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_officials(content: Path, rel: str, names: list[str]) -> None:
    path = content / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("---", 1)
    block = ["officials:"] + [f"  - {{name: {n}}}" for n in names]
    keep = [line for line in lines[1:start] if not line.startswith(("officials:", "  - {name:"))]
    path.write_text("\n".join(["---", *keep, *block, *lines[start:]]), encoding="utf-8")


@pytest.fixture()
def content(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(SMALL, dst)
    return dst


def test_names_differing_only_in_tone_marks_are_two_pages(content, tmp_path):
    set_officials(content, A, ["Lê Văn Hà"])
    set_officials(content, B, ["Lê Văn Hạ"])
    result = pipeline.build(content, tmp_path / "out")
    assert result.ok, [d.format() for d in result.diagnostics.errors]
    out = tmp_path / "out/lanh-dao"
    names = {text_of(page(p).cssselect("h1")[0]) for p in (out / "le-van-ha/index.html", out / "le-van-ha-2/index.html")}
    assert names == {"Lê Văn Hà", "Lê Văn Hạ"}
    # each directive page links to its own official
    for rel, name, slug in ((A, "Lê Văn Hà", "le-van-ha"), (B, "Lê Văn Hạ", "le-van-ha-2")):
        doc = page(tmp_path / "out" / rel.removesuffix(".md") / "index.html")
        hrefs = [a.get("href") for a in doc.cssselect("a") if text_of(a) == name]
        assert hrefs and all(h.endswith(f"/lanh-dao/{slug}/") for h in hrefs), (name, hrefs)


def test_one_agency_typed_five_ways_is_one_page(content, tmp_path):
    five = ["Sở Y tế", unicodedata.normalize("NFD", "Sở Y tế"), "Sở\u200b Y tế", "Sở  Y tế", "\u202aSở Y tế\u202c"]
    edit(content, A, "agencies: [Công an tỉnh, Sở Y tế]", f"agencies: [Công an tỉnh, \"{five[1]}\"]")
    edit(content, B, "topics:", f"agencies: [\"{five[2]}\", \"{five[3]}\"]\ntopics:")
    edit(content, C, "topics:", f"agencies: [\"{five[4]}\", \"{five[0]}\"]\ntopics:")
    result = pipeline.build(content, tmp_path / "out")
    assert result.ok, [d.format() for d in result.diagnostics.errors]
    agencies = sorted(p.name for p in (tmp_path / "out/co-quan").iterdir() if p.is_dir())
    assert agencies.count("so-y-te") == 1 and not [a for a in agencies if a.startswith("so-y-te-")]
    warned = [w for w in result.diagnostics.warnings if "ký tự vô hình" in w.message]
    assert warned and all(w.line for w in warned)


def test_slugs_are_distinct_and_stable():
    ids = [name_identity(n) for n in ("Lê Văn Hà", "Lê Văn Hạ", "LÊ VĂN HÀ", "Lê Văn Hả", "Hoà Bình", "Hòa Bình")]
    slugs = assign_slugs(ids)
    assert len(set(ids)) == 4 and len(set(slugs.values())) == 4
    assert slugs[name_identity("Hoà Bình")] == slugs[name_identity("Hòa Bình")] == "hoa-binh"
    assert assign_slugs(reversed(ids)) == slugs
