"""Issue 12, item 3: `import FILE --into 2024-W44` adds one published article (as the site
publishes each directive on its own page, with the page's noise) to an existing week."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator import pipeline
from generator.cli import main
from generator.importer.article import with_order
from generator.importer.verify import body_of

ARTICLE = Path(__file__).parent / "fixtures" / "importer" / "web" / "article-2024-w44.txt"
SLUG = "tang-cuong-phong-chong-dich-benh-truyen-nhiem-mua-dong-xuan"


def test_article_joins_the_week_and_builds(content_copy, tmp_path, capsys):
    week = content_copy / "2024" / "w44"
    before = {p.name: p.read_bytes() for p in week.iterdir()}
    assert main(["import", str(ARTICLE), "--content", str(content_copy), "--into", "2024-W44"]) == 0
    out = capsys.readouterr().out
    assert "Nhảy đến nội dung" in out and "Đã ghi 2 tệp" in out
    after = {p.name: p.read_bytes() for p in week.iterdir()}
    assert set(after) - set(before) == {f"{SLUG}.md"}
    assert [n for n in before if before[n] != after[n]] == ["_bulletin.yaml"]        # nothing else touched
    order = yaml.safe_load(after["_bulletin.yaml"])["order"]
    assert order == [*yaml.safe_load(before["_bulletin.yaml"])["order"], SLUG]
    text = after[f"{SLUG}.md"].decode("utf-8")
    front = yaml.safe_load(text.partition("\n---\n")[0].removeprefix("---\n"))
    assert front["title"] == "Tăng cường phòng, chống dịch bệnh truyền nhiễm mùa đông xuân năm 2024 - 2025"
    assert front["document"]["number"] == "1650/UBND-KGVX" and front["byline"] == "Minh Tâm"
    assert front["images"] == [{"file": "New Picture (3).png", "caption": "Ảnh minh họa (Nguồn: baolangson.vn)"}]
    source = ARTICLE.read_text(encoding="utf-8")
    for paragraph in body_of(text).strip().split("\n\n"):
        assert paragraph in source
    assert len(body_of(text).strip().split("\n\n")) == 2     # both paragraphs, nothing else
    result = pipeline.build(content_copy, tmp_path / "out")
    assert result.ok, [d.format() for d in result.diagnostics.errors]
    assert (tmp_path / "out" / "2024" / "w44" / SLUG / "index.html").is_file()


def test_same_article_twice_or_unknown_week_is_refused(content_copy, capsys):
    args = ["import", str(ARTICLE), "--content", str(content_copy)]
    assert main([*args, "--into", "2024-W44"]) == 0
    snapshot = {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()}
    assert main([*args, "--into", "2024-W44"]) == 1
    assert "đã có chỉ đạo cùng tiêu đề" in capsys.readouterr().err
    assert main([*args, "--into", "2024-W40"]) == 1
    assert "chưa có kỳ 2024-W40" in capsys.readouterr().err
    assert snapshot == {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()}


def test_order_is_extended_only_where_it_is_safe():
    assert with_order("title: T\norder:\n- a\n- b\n", "c") == "title: T\norder:\n- a\n- b\n- c\n"
    assert with_order("order:\n  - a\ntitle: T\n", "c") == "order:\n  - a\n  - c\ntitle: T\n"
    assert with_order("title: T\norder: [a, b]\n", "c") is None
    assert with_order("title: T\n", "c") is None
