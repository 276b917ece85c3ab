"""One declaration of the content format (generator/content/format.py) and everything
derived from it agree: the loader, the importer's writer, `new`'s template, the JSON
Schema files editors' tools read, and the field table in the docs (issue 9, item 4)."""
from __future__ import annotations

import datetime as dt
import re
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import CONTENT, REPO
from generator import pipeline
from generator.content import format as fmt
from generator.content.schema import schema_files
from generator.content.sourcefile import split_front_matter
from generator.content.yamlsource import BadScalar, parse_yaml
from generator.diagnostics import Diagnostics
from generator.reference import blocks
from test_validation import BAD_DIRECTIVE_EDITS, DIRECTIVE, SMALL

SCHEMAS = REPO / "schemas"
CONTENT_TREES = [CONTENT, *sorted(p.parent for p in (REPO / "tests" / "fixtures").glob("**/site.yaml"))]


def validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def as_json(value):
    """A YAML value as an editor's YAML tooling sees it: dates are `YYYY-MM-DD` strings."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BadScalar):
        return str(value)
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


def yaml_of(path_or_text, front_matter: bool) -> tuple[object, Diagnostics]:
    """Parse a content file the loader's way; (None, diags) when YAML itself refuses it."""
    text = path_or_text.read_text(encoding="utf-8") if isinstance(path_or_text, Path) else path_or_text
    diags = Diagnostics()
    if front_matter:
        split = split_front_matter(text, "x", diags)
        assert split is not None
        text = split.front_matter
    doc = parse_yaml(text, "x", diags)
    return (None if doc is None else as_json(doc.data)), diags


def schema_of(path: Path) -> str:
    if path.suffix == ".md":
        return "directive"
    return {"_bulletin.yaml": "bulletin", "site.yaml": "site", "topics.yaml": "topics"}[path.name]


def schema_errors(name: str, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]


# --- the generated files are what the declaration says -------------------------------------

def test_committed_schemas_are_the_generated_ones():
    generated = schema_files()
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(generated)
    for name, text in generated.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, \
            f"schemas/{name} is stale: run  build.py schema --out schemas"


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_schemas_are_valid_draft_2020_12(name):
    schema = json.loads(schema_files()[name])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_docs_tables_are_generated_from_the_declarations():
    for doc, (block, body) in blocks().items():
        text = (REPO / "docs" / doc).read_text(encoding="utf-8")
        start, end = f"<!-- BEGIN generated: {block} -->\n", f"<!-- END generated: {block} -->"
        assert start in text and end in text, f"docs/{doc} lost its generated block"
        assert text.split(start, 1)[1].split(end, 1)[0] == body, \
            f"docs/{doc} is stale: run  build.py schema --docs docs"
    table = blocks()["content-format.md"][1]
    for file in fmt.FORMATS:
        for field in file.fields or file.entry.fields:
            assert field.description in table


def test_loader_field_lists_come_from_the_declaration():
    from generator.content import bulletin, directive, settings
    assert directive.FIELDS == fmt.DIRECTIVE.names()
    assert directive.DOCUMENT_FIELDS == fmt.DOCUMENT.names()
    assert bulletin.FIELDS == fmt.BULLETIN.names()
    assert settings.SITE_FIELDS == fmt.SITE.names()
    assert settings.TOPIC_FIELDS == fmt.TOPIC.names()


# --- the schemas accept everything the loader builds ---------------------------------------

def content_files():
    for root in CONTENT_TREES:
        for path in sorted(root.rglob("*")):
            if path.suffix == ".md" or path.name in ("_bulletin.yaml", "site.yaml", "topics.yaml"):
                yield pytest.param(path, id=str(path.relative_to(REPO)))


@pytest.mark.parametrize("path", list(content_files()))
def test_schemas_accept_every_content_file(path):
    data, diags = yaml_of(path, path.suffix == ".md")
    assert not diags.items
    assert schema_errors(schema_of(path), data) == []


def test_schemas_accept_what_the_importer_writes(seed_import):
    assert len(seed_import.files) > 10
    for rel, text in seed_import.files.items():
        data, diags = yaml_of(text, rel.endswith(".md"))
        assert not diags.errors, rel
        assert schema_errors(schema_of(Path(rel)), data) == [], rel


def test_new_directive_template_is_valid_for_schema_and_loader(tmp_path):
    text = fmt.front_matter_template({"title": "Chủ tịch UBND tỉnh chỉ đạo kiểm tra", "date": dt.date(2024, 10, 29)})
    for field in fmt.DIRECTIVE.fields:
        assert field.description in text, f"the template explains {field.name}"
        assert f"{field.name}:" in text
    data, diags = yaml_of(text + "Nội dung.\n", True)
    assert not diags.items and schema_errors("directive", data) == []
    assert data == {"title": "Chủ tịch UBND tỉnh chỉ đạo kiểm tra", "date": "2024-10-29"}
    # With every optional field switched on, both the schema and the loader accept it.
    full = fmt.front_matter_template({"title": "Chỉ đạo mới", "date": dt.date(2024, 10, 29)},
                                     active=fmt.DIRECTIVE.names())
    data, diags = yaml_of(full + "Nội dung.\n", True)
    assert not diags.items, [d.format() for d in diags.items]
    assert set(data) == set(fmt.DIRECTIVE.names())
    assert schema_errors("directive", data) == []
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    full = full.replace("- chuyen-doi-so\n- y-te", "- y-te").replace(
        "2024/w44/hop-thuong-ky-ubnd-tinh-thang-10-nam-2024-ky-3", "2024/w44/hop-thuong-ky")
    (content / "2024/w44/chi-dao-moi.md").write_text(full + "Nội dung.\n", encoding="utf-8")
    result = pipeline.check(content, shown="content")
    assert not result.diagnostics.errors, [d.format() for d in result.diagnostics.errors]


# --- the schemas reject the loader's bad examples -------------------------------------------

# How each bad example of tests/test_validation.py is refused before the build: by YAML
# itself (any YAML tool, yaml-language-server included, flags it), by the JSON Schema, or
# only by `check` because it needs other files, the document-reference parser or the body.
REFUSED_BY = {
    "2024-13-45": "schema",
    "2024-10-28": "schema",                     # 28/10/2024
    "ngoài kỳ bản tin": "check: needs the issue's period from _bulletin.yaml",
    "'y-te'": "check: needs the keys of topics.yaml",
    "title": "schema",                          # the required title is missing
    "chưa được đóng bằng ']'": "yaml",
    "ngoặc kép mở chưa được đóng": "yaml",
    "đặt nó trong ngoặc kép": "yaml",
    "tab": "yaml",
    "hop-thuong-ky": "check: needs the other directives",
    "không nhận ra": "check: needs the document-reference parser",
    "HTML": "check: the body is not front matter",
    "javascript:": "check: the body is not front matter",
    "JavaScript:": "check: the body is not front matter",
    "hai lần": "yaml",                          # a key given twice
    "what": "schema",                           # a deadline without `what`
}


@pytest.mark.parametrize("old,new,line,words", BAD_DIRECTIVE_EDITS, ids=[e[3] for e in BAD_DIRECTIVE_EDITS])
def test_schema_rejects_the_loaders_bad_examples(old, new, line, words):
    assert words in REFUSED_BY, "classify the new bad example of test_validation.py here"
    text = (SMALL / DIRECTIVE).read_text(encoding="utf-8")
    assert old in text
    data, diags = yaml_of(text.replace(old, new, 1), True)
    refused_by = REFUSED_BY[words]
    if refused_by == "yaml":
        assert data is None or diags.errors
    elif refused_by == "schema":
        assert schema_errors("directive", data), f"the schema accepts {new!r}"
    else:
        assert not schema_errors("directive", data)


@pytest.mark.parametrize("rel,old,new", [
    ("site.yaml", "base_url: https://example.org/ban-tin/", "base_url: example.org"),
    ("site.yaml", "timezone: Asia/Ho_Chi_Minh", "timezone: Asia/Ho_Chi_Minh\nper_page: 3"),
    ("site.yaml", "publisher: Ủy ban nhân dân tỉnh Lạng Sơn\n", ""),
    ("2024/w44/_bulletin.yaml", "to: 2024-11-03", "to: 03/11/2024"),
    ("2024/w44/_bulletin.yaml", "period: {from: 2024-10-28, to: 2024-11-03}", "period: 2024-10-28"),
    ("topics.yaml", "y-te:", "Y tế:"),
    ("topics.yaml", "  name: Y tế", "  ten: Y tế"),
    (DIRECTIVE, "date: 2024-10-28\ndocument", "date: 2024-10-28\ndraft: có\ndocument"),
    (DIRECTIVE, "date: 2024-10-28}", "date: 2024-10-28, url: javascript:alert(1)}"),
    (DIRECTIVE, "related: [2024/w44/hop-thuong-ky]", "related: [2024/w44/hop-thuong-ky]\naliases: [https://x.org/a/]"),
])
def test_loader_and_schema_both_refuse(tmp_path, rel, old, new):
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert pipeline.check(content, shown="content").diagnostics.errors, "the loader refuses it"
    data, diags = yaml_of(path, path.suffix == ".md")
    assert not diags.errors
    assert schema_errors(schema_of(path), data), "the schema refuses it"


def test_unknown_key_is_a_warning_for_check_and_an_error_for_the_editor(tmp_path):
    """The one deliberate difference (documented in content/schema.py and the README)."""
    text = (SMALL / DIRECTIVE).read_text(encoding="utf-8").replace("agencies:", "agencie:", 1)
    data, _ = yaml_of(text, True)
    assert any("agencie" in e for e in schema_errors("directive", data))


def test_vscode_maps_every_yaml_schema_onto_its_files():
    """The README's VS Code set-up: each mapped schema exists and its glob finds the files it is for."""
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert set(mapping) == {f"./schemas/{name}.schema.json" for name in ("site", "topics", "bulletin")}
    for schema, pattern in mapping.items():
        assert (REPO / schema).is_file()
        matched = list(REPO.glob(pattern))
        assert matched, pattern
        assert all(schema_of(p) in schema for p in matched)
    tasks = json.loads((REPO / ".vscode" / "tasks.json").read_text(encoding="utf-8"))
    (task,) = tasks["tasks"]
    assert task["args"] == ["build.py", "check"]
    line = f"content/{DIRECTIVE}:3:7: lỗi [E-NOT-DATE]: 'date' không phải là một ngày: '28/10/2024'"

    for matcher, severity_word in zip(task["problemMatcher"], ("lỗi", "cảnh báo")):
        m = re.match(matcher["pattern"]["regexp"], line.replace("lỗi", severity_word))
        assert m and m.group(1) == f"content/{DIRECTIVE}" and m.group(2) == "3" and m.group(4) == "E-NOT-DATE"


def test_schema_dates_span_the_years_the_loader_accepts():
    from generator.content.limits import MAX_YEAR, MIN_YEAR
    from generator.content.schema import DATE_PATTERN
    for year, ok in ((MIN_YEAR - 1, False), (MIN_YEAR, True), (2024, True), (MAX_YEAR, True), (MAX_YEAR + 1, False)):
        assert bool(re.match(DATE_PATTERN, f"{year}-10-28")) is ok, year
