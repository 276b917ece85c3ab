"""The template environment reads a dict's entry first for `x.name` (no failed attribute
lookup per access): templates see exactly what plain Jinja shows them."""
from __future__ import annotations

import jinja2
import pytest

from generator import pipeline
from generator.model.entities import SiteConfig
from generator.render.environment import make_environment

ENV = make_environment(pipeline.DEFAULT_TEMPLATES, SiteConfig("t", "p", "https://example.org/"))
PLAIN = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)

CASES = [
    ("{{ x.a }}", {"x": {"a": "<b>"}}),
    ("{{ x.items is callable }}|{{ x.get('a') }}", {"x": {"items": "entry", "a": 1}}),   # dict attributes win, as in Jinja
    ("{{ x.a.b }}", {"x": {"a": {"b": 2}}}),
    ("{{ x.real }}", {"x": 3}),
    ("{{ x.upper() }}", {"x": "ơ"}),
    ("{% for k in x.keys() %}{{ k }}{% endfor %}", {"x": {"p": 1, "q": 2}}),
    ("{{ x.__class__.__name__ }}", {"x": {}}),
]


@pytest.mark.parametrize("source, values", CASES)
def test_same_as_plain_jinja(source, values):
    assert ENV.from_string(source).render(values) == PLAIN.from_string(source).render(values)


def test_a_missing_entry_still_fails_the_build():
    with pytest.raises(jinja2.UndefinedError):
        ENV.from_string("{{ x.missing }}").render(x={"a": 1})
    with pytest.raises(jinja2.UndefinedError):
        ENV.from_string("{{ t.no_such_string }}").render()


def _numbers_as_first_written(text: str) -> str:
    import markupsafe
    from generator.render.environment import _NUMBER
    out, last = [], 0
    for m in _NUMBER.finditer(text):
        out += [markupsafe.escape(text[last:m.start()]), markupsafe.Markup('<span class="nowrap">'),
                markupsafe.escape(m.group(0)), markupsafe.Markup("</span>")]
        last = m.end()
    out.append(markupsafe.escape(text[last:]))
    return markupsafe.Markup("").join(out)


@pytest.mark.parametrize("text", [
    "Công văn số 5902/VP-NC, ngày 28/10/2024", "Luật Nhà ở", "", "45/2024/QĐ-UBND", "<b>&'\"94-KL/TW\"</b>",
    "a 1/2 b 3-4-5 & c", "'/AB 39/A&B", "Số 12/A<script>/B",
])
def test_numbers_filter_as_first_written(text):
    from generator.render.environment import keep_numbers_whole
    got = keep_numbers_whole(text)
    assert type(got) is type(_numbers_as_first_written(text)) and got == _numbers_as_first_written(text)
