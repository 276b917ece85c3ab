"""Plain text skips Python-Markdown's inline stage (PlainTextShortcut): the HTML is exactly
what Markdown gives without the shortcut, for real bodies and for hostile ones."""
from __future__ import annotations

import sys
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings, strategies as st
from markdown.inlinepatterns import SimpleTagInlineProcessor

from generator.markup.body import EXTENSIONS, AlignClasses, BodyRenderer, PlainTextShortcut, _needs_inline
from tests.conftest import CONTENT, seed_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synth  # noqa: E402

PLAIN = BodyRenderer()
WITHOUT = markdown.Markdown(extensions=[*EXTENSIONS, AlignClasses()], output_format="html")


def _without_shortcut(body: str) -> str:
    WITHOUT.reset()
    return WITHOUT.convert(body)


def _assert_same(body: str) -> None:
    assert PLAIN.unsafe_html(body) == _without_shortcut(body), body[:300]


def test_the_shortcut_is_active():
    """Every inline pattern the bodies use is described: a Markdown upgrade that changes one
    turns the shortcut off (same output, slower) and this test says so."""
    assert _needs_inline(PLAIN._md) is not None


def test_seed_content_and_synthetic_bodies():
    bodies = [seed_text(), *(p.read_text(encoding="utf-8").split("---", 2)[-1] for p in sorted(CONTENT.rglob("*.md")))]
    bodies += [text.split("---", 2)[-1] for rel, text in synth.generate(2).items() if rel.endswith(".md")]
    for body in bodies:
        _assert_same(body)


TRICKY = ["dòng một  \ndòng hai", "a *b* c", "a _b_ c", "a **b** __c__", "mã `x` ở", "a \\* b", "[liên kết](/x/)",
          "[x][r]\n\n[r]: /y", "![ảnh](/a.png)", "<https://x.vn>", "<a@b.vn>", "chữ <b>đậm</b>", "&amp; &#106;",
          "| a | b |\n|---|:-:|\n| *1* | 2 |\n", "- một\n- *hai*\n\n1. ba", "> trích *dẫn*", "# Tiêu *đề*",
          "<div>khối</div>\n\nđoạn", "\x02wzxhzdk:0\x03", "    mã *không* nhấn"]


def test_each_kind_of_inline_markup():
    for body in TRICKY:
        _assert_same(body)


MARKUP = ["Điều 1. ", "*", "**", "_", "__", "`", "``", "\\", "\\*", "[", "]", "(", ")", "![", "[x]: /y", "[x]", "<",
          ">", "<b>", "</b>", "<https://x.vn>", "<a@b.vn>", "&", "&amp;", "&#106;", "  \n", "\n", "\n\n", "    ",
          "| a | b |\n|---|:-:|\n| 1 | 2 |\n", "1. ", "- ", "> ", "# ", "\x02", "\x03", "\x0212\x03", "ơ", "Đ"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=6)), max_size=30).map("".join))
def test_random_bodies(body):
    _assert_same(body)


def test_an_unknown_inline_pattern_turns_the_shortcut_off():
    md = markdown.Markdown(extensions=[*EXTENSIONS, PlainTextShortcut()])
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 75)
    assert _needs_inline(md) is None
    assert "<del>gạch</del>" in md.convert("chữ ~~gạch~~ bỏ")
