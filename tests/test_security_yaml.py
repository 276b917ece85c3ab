"""The YAML reader (issue 10, parts 3-4): libyaml for speed with every message still at
its line and column, only standard tags, bounded work, and a warning when a comment
swallowed part of a value."""
from __future__ import annotations

import time

import pytest
import yaml

from generator.content import yamlsource
from generator.content.yamlsource import parse_yaml
from generator.diagnostics import Diagnostics


def read(text: str):
    diags = Diagnostics()
    return parse_yaml(text, "f.yaml", diags), diags


def test_libyaml_is_used_when_installed():
    if getattr(yaml, "__with_libyaml__", False):
        assert yamlsource.Loader is yaml.CSafeLoader


def test_hashtag_swallowed_by_a_comment_is_warned_at_its_column():
    doc, diags = read("title: Hưởng ứng #ChốngRácThải\ndate: 2024-10-28  # ngày ký\nnote: 'a' # chú thích\n")
    assert doc.data["title"] == "Hưởng ứng"
    (w,) = diags.warnings
    assert (w.line, w.column) == (1, 17) and "#ChốngRácThải" in w.message and '"Hưởng ứng #ChốngRácThải"' in w.hint
    assert not diags.errors


@pytest.mark.parametrize("value, tag", [("!!python/object:os.system x", "!!python/object:os.system"),
                                        ("!!python/name:os.system ''", "!!python/name:os.system"),
                                        ("!!binary aGk=", "!!binary"), ("!!set {a, b}", "!!set"),
                                        ("!!omap [a: 1]", "!!omap"), ("!custom x", "!custom")])
def test_non_standard_tags_are_errors(value, tag):
    doc, diags = read(f"title: ok\nx: {value}\n")
    assert doc is None
    (e,) = diags.errors
    assert e.line == 2 and e.column == 4 and f"'{tag}'" in e.message


def test_standard_tags_written_out_are_fine():
    doc, diags = read("a: !!str 2024\nb: !!int '3'\nc: !!timestamp 2024-10-28\n")
    assert not diags.items and doc.data["a"] == "2024" and doc.data["b"] == 3


def test_duplicate_keys_and_positions_survive_libyaml():
    doc, diags = read("a: 1\nb:\n  - x\n  - {c: 2}\na: 3\n")
    (e,) = diags.errors
    assert e.line == 5 and "hai lần" in e.message and "dòng 1" in e.message
    assert doc.line(("b", 1, "c")) == 4 and doc.column(("b", 1, "c")) == 9


@pytest.mark.parametrize("text, words", [
    ("a: " + "[" * 5000 + "]" * 5000, "YAML"),
    ("".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ['"ha"'] * 9) + "]\n" for i in range(12)),
     "bí danh"),
    ("a: &a {b: *a}", "chính nó"),
])
def test_hostile_yaml_is_refused_quickly(text, words):
    started = time.monotonic()
    doc, diags = read(text)
    assert time.monotonic() - started < 1
    assert doc is None and words in diags.errors[0].message and diags.errors[0].line
