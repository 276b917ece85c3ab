"""Property-based fuzzing (hypothesis) of the loader, the Markdown stage and `check`
(issue 10, part 5): whatever the input, the result is success or the project's own
diagnostics, never another exception, and quickly; what the renderer publishes holds
no element, attribute or URL outside the allowlist."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import string
import tempfile
import time
from pathlib import Path

import lxml.html
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from generator import pipeline
from generator.content.limits import body_excess
from generator.content.yamlsource import parse_yaml
from generator.diagnostics import Diagnostics
from generator.render.markdown_body import BodyRenderer
from generator.render.safe_html import ATTRIBUTES, CLASSES, TAGS

SMALL = REPO / "tests" / "fixtures" / "small"
MD = "2024/w44/so-suc-khoe-dien-tu.md"
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))     # FUZZ_SCALE=20 for a longer campaign
FAST = settings(max_examples=150 * SCALE, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
SLOWER = settings(max_examples=25 * SCALE, deadline=10_000, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.function_scoped_fixture])

# Text biased towards what breaks parsers: Markdown and HTML punctuation, entities,
# schemes, Vietnamese letters, controls, invisible and bidi characters.
PIECES = ["<", ">", "&", "&#106;", "&#58;", "[", "]", "(", ")", "!", "*", "_", "`", "\\", "#", "-", "|", ":",
          "\n", "\n\n", "    ", "\t", "javascript:", "data:", "<script>", "<img src=x onerror=alert(1)>",
          "<a href='", "'>", "</a>", "<!--", "-->", "https://x.vn/", "mailto:a@b.vn", "ơ", "Đ", "ạ",
          "\x00", "\x1b", "\u200b", "\u202e", "\ufeff", "\ufffe", "&amp;", "&lt;", "onclick=", "style=",
          "<svg", "<math", "<iframe", "<b>", "</b>", "[x]: ", "![a](", "<https://x.vn>", "---", "===", "1. ", "> "]
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join)
RENDERER = BodyRenderer()


def url_scheme(url: str) -> str:
    """The scheme a browser sees (WHATWG URL: leading spaces and controls dropped, tabs and
    newlines removed anywhere); '' for a relative URL."""
    url = re.sub(r"[\t\n\r]", "", url.lstrip("".join(map(chr, range(0x21)))))
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
    return m.group(1).lower() if m else ""


@FAST
@given(hostile_text)
def test_markdown_stage_publishes_only_the_allowlist(body):
    started = time.monotonic()
    html = RENDERER.html(body)
    RENDERER.sanitized_away(body)
    body_excess(body)
    assert time.monotonic() - started < 2
    if not html.strip():
        return
    for el in lxml.html.fragments_fromstring(html):
        if not isinstance(el, lxml.html.HtmlElement):
            continue
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue
            assert node.tag in TAGS, (body, html)
            for name, value in node.attrib.items():
                allowed = ATTRIBUTES.get(node.tag, set()) | ({"class"} if node.tag in CLASSES else set())
                assert name in allowed, (body, html)
                if name == "href":
                    assert url_scheme(value) in ("", "http", "https", "mailto"), (body, html)


@FAST
@given(st.text(max_size=300) | hostile_text)
def test_yaml_reader_reports_or_reads_any_text(text):
    diags = Diagnostics()
    started = time.monotonic()
    doc = parse_yaml(text, "x.yaml", diags)
    assert time.monotonic() - started < 2
    assert doc is not None or diags.errors
    for d in diags.items:
        assert d.file == "x.yaml" and d.message


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(string.ascii_lowercase, max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)
FIELDS = ["title", "date", "document", "officials", "agencies", "topics", "cites", "effective", "deadlines",
          "related", "aliases", "draft", "summary"]
front_matter = st.dictionaries(st.sampled_from(FIELDS), yaml_values, max_size=8)


def content_with(tmp: Path, front: dict | None = None, body: str | None = None) -> Path:
    content = tmp / "content"
    shutil.copytree(SMALL, content)
    path = content / MD
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("---\n", 2)[1:]
    if front is not None:
        original = yaml.safe_load(head)
        head = yaml.safe_dump({**original, **front}, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{head}---\n{rest if body is None else body}", encoding="utf-8")
    return content


def verdict(content: Path) -> pipeline.BuildResult:
    started = time.monotonic()
    result = pipeline.check(content, shown="content")
    assert time.monotonic() - started < 10
    for d in result.diagnostics.items:
        assert d.file.startswith("content") and d.message
    return result


@SLOWER
@given(front_matter)
def test_check_reads_any_yaml_shaped_front_matter(front):
    with tempfile.TemporaryDirectory() as tmp:
        verdict(content_with(Path(tmp), front=front))


@SLOWER
@given(hostile_text)
def test_check_and_build_agree_on_any_body(body):
    """What check accepts, build builds; and the pages it writes parse and hold no script."""
    with tempfile.TemporaryDirectory() as tmp:
        content = content_with(Path(tmp), body=body or "x")
        checked = verdict(content)
        built = pipeline.build(content, Path(tmp) / "out")
        assert checked.ok == built.ok, [d.format() for d in built.diagnostics.errors]
        if built.ok:
            page = (Path(tmp) / "out/2024/w44/so-suc-khoe-dien-tu/index.html").read_bytes()
            doc = lxml.html.fromstring(page)
            # The one script element is the page's own JSON-LD data block (never run, see csp.py).
            assert not doc.xpath("//script[not(@type='application/ld+json')] | //iframe | //object | //embed"
                                 " | //@*[starts-with(name(), 'on')]")
            for block in doc.xpath("//script[@type='application/ld+json']"):
                json.loads(block.text)
            for path in (Path(tmp) / "out").rglob("*.xml"):
                lxml.etree.fromstring(path.read_bytes())       # well-formed feeds and sitemap


names = st.sampled_from(["2024", "0000", "9999", "w44", "w00", "w99", "w53", "x.md", "_bulletin.yaml", "site.yaml",
                         "topics.yaml", ".hidden", "README", "a b.md", "Đ.md", "ok-slug.md", "~"]) | st.text(
    string.ascii_lowercase + "0123456789-_.", min_size=1, max_size=10)
trees = st.recursive(st.sampled_from(["", "---\ntitle: x\ndate: 2024-10-28\n---\nx\n", "title: [", "a: &a [*a]",
                                      "\x00", "period: {from: 2024-10-28, to: 2024-11-03}\ntitle: t\n"]),
                     lambda inner: st.dictionaries(names, inner, max_size=4), max_leaves=12)


def materialize(folder: Path, tree) -> None:
    for name, value in tree.items():
        if name in (".", "..") or "/" in name:
            continue
        path = folder / name
        if path.exists() and not path.is_dir():
            continue
        if isinstance(value, dict):
            path.mkdir(exist_ok=True)
            materialize(path, value)
        elif not path.exists():
            path.write_text(value, encoding="utf-8")


@SLOWER
@given(st.dictionaries(names, trees, max_size=5))
def test_check_survives_random_directory_trees(tree):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        shutil.copy(SMALL / "site.yaml", content / "site.yaml")
        shutil.copy(SMALL / "topics.yaml", content / "topics.yaml")
        materialize(content, tree)
        verdict(content)
