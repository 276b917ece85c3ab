"""Safe HTML by construction (issue 10, part 2): every body goes through Markdown and
then the nh3 allowlist; `check` names file and line for what sanitizing removes, and
accepts the text it used to reject wrongly. Pages carry a Content-Security-Policy."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO
from generator import pipeline
from generator.render.csp import content_security_policy, script_hash
from generator.render.markdown_body import BodyRenderer
from generator.render.safe_html import ATTRIBUTES, TAGS, clean, script_json
from helpers import page

SMALL = REPO / "tests" / "fixtures" / "small"
DIRECTIVE = "2024/w44/so-suc-khoe-dien-tu.md"
PARAGRAPH = "Theo đó, Công an tỉnh chủ trì, phối hợp với Sở Y tế."
BODY_LINE = 17     # the line of PARAGRAPH in the fixture

# (name, Markdown replacing PARAGRAPH, offset of the reported line from BODY_LINE, words in the error)
HOSTILE = [
    ("multi-line tag", "A <img\nsrc=x\nonerror=alert(1)>", 2, "onerror"),
    ("indented continuation", "Đoạn văn\n    tiếp <img src=x onerror=alert(1)>", 1, "onerror"),
    ("entity-encoded colon", "[x](javascript&#58;alert(1))", 0, "javascript:alert(1)"),
    ("entity-encoded letter", "[x](&#106;avascript:alert(1))", 0, "javascript:alert(1)"),
    ("upper case scheme", "[x](JaVaScRiPt:alert(1))", 0, "JaVaScRiPt:alert(1)"),
    ("reference on next line", "[x][r]\n\n[r]:\n  javascript:alert(1)", 3, "javascript:alert(1)"),
    ("data: image", "![ảnh](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", 0, "data:image"),
    ("data: link", "[x](data:text/html,<script>alert(1)</script>)", 0, "data:text/html"),
    ("script block", "<script>\nalert(1)\n</script>", 0, "<script>"),
    ("svg onload", "<svg onload=alert(1)>", 0, "<svg>"),
    ("iframe", '<iframe src="https://example.org"></iframe>', 0, "<iframe>"),
    ("event on allowed tag", '<a href="https://x.vn" onclick="alert(1)">x</a>', 0, "onclick"),
    ("style element", "<style>body{display:none}</style>", 0, "<style>"),
]

ACCEPTED = [
    ("escaped tag", "Viết \\<b\\> thì hiện đúng như vậy."),
    ("comparison", "Nếu A < B và C > D thì báo cáo."),
    ("autolink", "Xem <https://langson.gov.vn/tin-tuc?id=1&trang=2>."),
    ("mail autolink", "Liên hệ <ubnd@langson.gov.vn>."),
    ("entity", "Công ty R&amp;D &copy; 2024"),
    ("allowed tag", "Một từ <b>đậm</b> và <em>nghiêng</em>."),
    ("table", "| Đơn vị | Số |\n|:--|--:|\n| Sở Y tế | 3 |"),
    ("code span", "Gõ `<script>` trong ô tìm kiếm."),
    ("site link", "[kỳ trước](../../w43/) và [mục](#muc)"),
    ("next-line text", "[x]\n(javascript:alert(1)) chỉ là chữ"),
]


@pytest.fixture()
def content(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(SMALL, dst)
    return dst


def put_body(content: Path, markdown: str) -> None:
    path = content / DIRECTIVE
    text = path.read_text(encoding="utf-8")
    assert PARAGRAPH in text
    path.write_text(text.replace(PARAGRAPH, markdown, 1), encoding="utf-8")


@pytest.mark.parametrize("name, body, offset, words", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_check_names_file_and_line_of_hostile_markup(content, name, body, offset, words):
    put_body(content, body)
    diags = pipeline.check(content, shown="content").diagnostics
    errors = diags.errors
    assert errors, f"{name}: check must refuse it"
    assert {e.file for e in errors} == {f"content/{DIRECTIVE}"}
    assert any(words in e.message for e in errors), [e.format() for e in errors]
    assert BODY_LINE + offset in {e.line for e in errors}, [e.format() for e in errors]
    assert all(e.hint for e in errors)


@pytest.mark.parametrize("name, body, offset, words", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_renderer_removes_hostile_markup_even_unchecked(name, body, offset, words):
    html = BodyRenderer().html(body)
    lowered = html.lower()
    for bad in ("<script", "<svg", "<iframe", "<style", "<img", "onerror", "onclick", "onload", "javascript:", "data:"):
        assert bad not in lowered, (name, html)


@pytest.mark.parametrize("name, body", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_check_accepts_what_renders_safely(content, tmp_path, name, body):
    put_body(content, body)
    result = pipeline.build(content, tmp_path / "out")
    assert result.ok, [e.format() for e in result.diagnostics.errors]
    assert not [w for w in result.diagnostics.warnings if w.file.endswith(DIRECTIVE)]


def test_accepted_text_reaches_the_page_as_written(content, tmp_path):
    put_body(content, "Nếu A < B và C > D thì báo cáo; xem <https://langson.gov.vn/>.")
    pipeline.build(content, tmp_path / "out")
    doc = page(tmp_path / "out/2024/w44/so-suc-khoe-dien-tu/index.html")
    body = doc.cssselect(".body")[0]
    assert "Nếu A < B và C > D thì báo cáo" in body.text_content()
    assert "https://langson.gov.vn/" in [a.get("href") for a in body.cssselect("a")]


def test_harmless_markup_is_dropped_with_a_warning(content, tmp_path):
    put_body(content, 'Chữ <span class="x">trong thẻ</span> và <!-- ghi chú -->')
    result = pipeline.build(content, tmp_path / "out")
    assert result.ok
    warnings = [w for w in result.diagnostics.warnings if w.file.endswith(DIRECTIVE)]
    assert {w.line for w in warnings} == {BODY_LINE}
    assert any("<span>" in w.message for w in warnings) and any("<!--" in w.message for w in warnings)
    body = page(tmp_path / "out/2024/w44/so-suc-khoe-dien-tu/index.html").cssselect(".body")[0]
    assert "trong thẻ" in body.text_content() and not body.cssselect("span")


def test_sanitizer_keeps_only_the_allowlist():
    dirty = ('<p onclick="x">a<b>b</b><a href="https://x.vn" target="_blank" class="doc-ref">c</a>'
             '<a href="vbscript:x">d</a><table><tr><td class="align-left evil">e</td></tr></table>'
             '<form action="https://x"><input></form><math><mi>f</mi></math></p>')
    out = clean(dirty)
    assert out == ('<p>a<b>b</b><a href="https://x.vn" class="doc-ref">c</a><a>d</a></p>'
                   '<table><tbody><tr><td class="align-left">e</td></tr></tbody></table><p></p>')
    assert "script" not in TAGS and "img" not in TAGS and all(not a.startswith("on") for v in ATTRIBUTES.values() for a in v)


def test_script_json_cannot_close_its_script_block():
    text = str(script_json({"name": "</script><script>alert(1)</script>", "x": "a & b"}))
    assert "</" not in text and "<" not in text and "&" not in text


def test_every_page_carries_the_policy(site_dir):
    policy = content_security_policy()
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy and "default-src 'none'" in policy
    pages = sorted(site_dir.rglob("*.html"))
    assert pages
    for path in pages:
        metas = page(path).xpath('//head/meta[@http-equiv="Content-Security-Policy"]')
        assert [m.get("content") for m in metas] == [policy], path
        # No inline script: a script is a file the site ships (search, deadlines) or a data block, never run.
        for script in page(path).xpath("//script"):
            src, kind = script.get("src"), script.get("type")
            assert (src and "//" not in src and not (script.text or "").strip()) or \
                kind in ("application/ld+json", "application/json"), path
        assert b' style="' not in path.read_bytes(), path


def test_inline_scripts_the_site_ships_are_allowed_by_hash():
    policy = content_security_policy(inline_scripts=["console.log(1)"])
    assert script_hash("console.log(1)") in policy and policy.count("script-src") == 1
