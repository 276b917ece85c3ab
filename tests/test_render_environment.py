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
