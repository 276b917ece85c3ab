"""Issue 12, item 3: a week copied from the province's web page imports with nothing lost and
the same metadata as its clean copy. The web copy (fixtures/importer/web/2026-w03-web.txt,
CRLF) carries every kind of noise a copy brings: a skip link, the portal's name and slogan
before the title, NBSP-only lines, image file names, captions and the writer's byline after
each item; the newer title form "… của UBND tỉnh, lãnh đạo UBND tỉnh trong tuần (từ ngày
12/01/2026 - 18/01/2026)". 2026-w03-clean.txt is the same week as the bulletin text."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.cli import main
from generator.importer import run_import
from generator.importer.noise import is_caption, is_image, is_name
from generator.importer.source import decode, read_lines
from generator.importer.verify import body_of
from tests.helpers import page, text_of

WEB = Path(__file__).parent / "fixtures" / "importer" / "web"
CHROME = ["Nhảy đến nội dung", "Cổng thông tin điện tử tỉnh Lạng Sơn",
          "Lạng Sơn - Đoàn kết, kỷ cương, đổi mới, phát triển"]
LAND = "chi-dao-day-nhanh-cap-giay-chung-nhan-quyen-su-dung-dat-lan"
TOURISM = "phat-trien-du-lich-cong-dong-gan-voi-cong-vien-dia-chat-toan"


def front(text: str) -> dict:
    return yaml.safe_load(text.partition("\n---\n")[0].removeprefix("---\n"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("web")
    out = {}
    for name in ("web", "clean"):
        content = root / name
        assert main(["import", str(WEB / f"2026-w03-{name}.txt"), "--content", str(content)]) == 0
        out[name] = content
    return out


@pytest.mark.parametrize("text, image, caption, name", [
    ("New Picture (8).png", True, False, False),
    ("IMG_2031.JPG", True, False, False),
    ("Ảnh minh họa (Nguồn: baolangson.vn)", False, True, False),
    ("Ảnh: Du khách tham quan Công viên địa chất Lạng Sơn", False, True, False),
    ("Thùy Linh", False, False, True),
    ("Hoàng Anh - Ngọc Hà", False, False, True),
    ("UBND tỉnh ban hành Kế hoạch số 12/KH-UBND.", False, False, False),
    ("Họp thường kỳ UBND tỉnh", False, False, False),
])
def test_noise_shapes(text, image, caption, name):
    assert (is_image(text), is_caption(text, after_image=False), is_name(text)) == (image, caption, name)


def test_same_files_and_metadata_as_the_clean_copy(imported):
    web, clean = imported["web"] / "2026" / "w03", imported["clean"] / "2026" / "w03"
    assert sorted(p.name for p in web.iterdir()) == sorted(p.name for p in clean.iterdir())
    assert len(list(web.glob("*.md"))) == 6
    for path in sorted(web.glob("*.md")):
        w, c = path.read_text(encoding="utf-8"), (clean / path.name).read_text(encoding="utf-8")
        assert body_of(w) == body_of(c), path.name
        wf = front(w)
        assert {k: v for k, v in wf.items() if k not in ("byline", "images")} == front(c), path.name
    assert (web / "_bulletin.yaml").read_text(encoding="utf-8") == (clean / "_bulletin.yaml").read_text(encoding="utf-8")


def test_bylines_and_images_are_kept_as_data(imported):
    week = imported["web"] / "2026" / "w03"
    land = front((week / f"{LAND}.md").read_text(encoding="utf-8"))
    assert land["byline"] == "Thùy Linh"
    assert land["images"] == [{"file": "New Picture (8).png", "caption": "Ảnh minh họa (Nguồn: baolangson.vn)"}]
    assert front((week / f"{TOURISM}.md").read_text(encoding="utf-8"))["byline"] == "Hoàng Anh - Ngọc Hà"


def test_nothing_lost_and_no_noise_line_is_a_title(imported):
    """Every line of the web copy is the title, the lead, a heading, a body paragraph, a byline
    or image kept in front matter, or page chrome listed in the report."""
    result = run_import(decode((WEB / "2026-w03-web.txt").read_bytes()), {})
    fronts = {p: front(t) for p, t in result.files.items() if p.endswith(".md")}
    titles = {f["title"] for f in fronts.values()}
    bodies = "\n".join(body_of(t) for p, t in result.files.items() if p.endswith(".md"))
    data = {str(v) for f in fronts.values() for v in [f.get("byline"), *(x for i in f.get("images", []) for x in i.values())]}
    bulletin = result.files["2026/w03/_bulletin.yaml"]
    listed = [text for _, text in result.report.dropped]
    assert listed == CHROME
    for line in read_lines(decode((WEB / "2026-w03-web.txt").read_bytes())):
        text = line.text
        where = [text in titles or text in bulletin, text in bodies, text in data, text in listed]
        assert sum(where) >= 1, (line.no, text)
        if is_image(text) or is_caption(text, True) or is_name(text) or text in CHROME:
            assert text not in titles and text not in bodies, text
    assert "Đã bỏ 3 dòng" in result.report.render() and "Nhảy đến nội dung" in result.report.render()


def test_malformed_reference_kept_verbatim_and_flagged(imported):
    text = (imported["web"] / "2026" / "w03" / f"{LAND}.md").read_text(encoding="utf-8")
    assert "Quyết định số: 280/31/01/2019" in body_of(text)
    assert "# kiểm tra: “Quyết định số: 280/31/01/2019” không phải số hiệu văn bản đúng dạng" in text
    assert "280" not in str(front(text).get("cites"))


def test_web_copy_checks_and_builds_and_shows_byline_and_caption(imported, tmp_path):
    result = pipeline.build(imported["web"], tmp_path / "out")
    assert result.ok, [d.format() for d in result.diagnostics.errors]
    doc = page(tmp_path / "out" / "2026" / "w03" / LAND / "index.html")
    body = text_of(doc.xpath("//div[@class='body']")[0])
    assert "Ảnh minh họa (Nguồn: baolangson.vn)" in body and "Thùy Linh" in body
    assert "New Picture" not in text_of(doc.xpath("//main")[0])
    law = doc.xpath("//a[@class='doc-ref'][starts-with(., 'Luật Đất đai số 31/2024/QH15')]")
    assert law and law[0].get("href") == "../../../van-ban/2024/luat-dat-dai/"


@pytest.mark.slow
def test_web_week_pages_are_valid_html(imported, tmp_path):
    """The directive pages with a byline and captions, and the year-unknown law page, pass vnu."""
    import json
    import subprocess

    from tests.test_html_valid import vnu_command

    out = tmp_path / "out"
    assert pipeline.build(imported["web"], out).ok
    pages = [str(p) for p in (out / "2026" / "w03").glob("*/index.html")]
    pages += [str(p) for p in (out / "van-ban").rglob("index.html")]
    result = subprocess.run([*vnu_command(), "--format", "json", *pages], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [m["message"] for m in messages if m["type"] == "error" or m.get("subType") == "warning"] == []
