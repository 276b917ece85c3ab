"""A page depends on the templates its own template uses, not on every template
(generator/engine/templates.py): editing one page type's template re-renders that
page type only, and the result still equals a clean build."""
from __future__ import annotations

import shutil

import jinja2

from conftest import CONTENT, REPO
from generator import pipeline
from generator.engine.templates import TemplateKeys
from helpers import snapshot


def keys(folder):
    return TemplateKeys(jinja2.Environment(loader=jinja2.FileSystemLoader([folder])), [folder])


def test_a_template_key_follows_extends_includes_and_imports(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(REPO / "templates", folder)
    def now(*names):            # keys are computed once per name: a fresh TemplateKeys sees edits
        k = keys(folder)
        return [k(n) for n in names]

    topic, directive, issue = now("topic.html", "directive.html", "issue.html")
    (folder / "topic.html").write_text((folder / "topic.html").read_text(encoding="utf-8") + "{# sửa #}\n", encoding="utf-8")
    assert now("topic.html", "directive.html", "issue.html") == [now("topic.html")[0], directive, issue]
    assert now("topic.html")[0] != topic
    (folder / "partials" / "directive_item.html").write_text("{{ item.url }}\n", encoding="utf-8")
    assert now("issue.html")[0] != issue, "issue.html includes directive_item.html"
    (folder / "base.html").write_text((folder / "base.html").read_text(encoding="utf-8") + "{# x #}", encoding="utf-8")
    assert now("directive.html")[0] != directive, "every page extends base.html"


def test_a_template_naming_another_by_a_variable_depends_on_every_template(tmp_path):
    (tmp_path / "page.html").write_text("{% include which %}", encoding="utf-8")
    (tmp_path / "a.html").write_text("a", encoding="utf-8")
    before = keys(tmp_path)("page.html")           # computed now
    (tmp_path / "unrelated.html").write_text("b", encoding="utf-8")
    assert keys(tmp_path)("page.html") != before


def test_editing_one_template_renders_only_its_pages(tmp_path):
    templates, out = tmp_path / "templates", tmp_path / "out"
    shutil.copytree(REPO / "templates", templates)
    first = pipeline.build(CONTENT, out, templates=templates)
    assert first.ok
    topic_pages = [f for f in first.files if f.startswith("chu-de/") and f.endswith(".html") and f != "chu-de/index.html"]
    topic = templates / "topic.html"
    topic.write_text(topic.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}<!-- sửa -->", 1),
                     encoding="utf-8")
    again = pipeline.build(CONTENT, out, templates=templates)
    assert again.ok and again.rendered == len(topic_pages)
    assert sorted(f for f in again.written if f.endswith(".html")) == sorted(topic_pages)
    clean = tmp_path / "clean"
    assert pipeline.build(CONTENT, clean, templates=templates, cache=False).ok
    assert snapshot(out) == snapshot(clean)
