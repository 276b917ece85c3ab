"""JSON Schema (draft 2020-12) for each content file, generated from content/format.py.

Editors' tools read these (VS Code through yaml-language-server: completion, hover
help in Vietnamese, inline errors). They describe the same format the loader checks;
what only the loader can check (a topic that topics.yaml must define, a `related`
target that must exist, a date inside the issue's period, the body) is left to
`build.py check`. One deliberate difference: an unknown key is an error in the schema
(so a typo is underlined at once) and a warning in the checker.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.content import format as fmt

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Years 1900-2200, as content/limits.py bounds them (MIN_YEAR, MAX_YEAR; a test keeps them equal).
DATE_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

_KIND = {
    fmt.TEXT: {"type": ["string", "number"], "pattern": r"\S"},
    fmt.DATE: {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    fmt.BOOLEAN: {"type": "boolean"},
    fmt.INTEGER: {"type": "integer"},
    fmt.WEB_ADDRESS: {"type": "string", "pattern": r"^https?://[^\s/]+\S*$"},
    fmt.SLUG: {"type": "string", "pattern": fmt.SLUG_PATTERN},
    fmt.DIRECTIVE_PATH: {"type": "string", "pattern": fmt.DIRECTIVE_PATH_PATTERN},
    fmt.SITE_PATH: {"type": "string", "pattern": fmt.DIRECTIVE_PATH_PATTERN},   # an old directive URL
    fmt.TIMEZONE: {"type": "string", "pattern": r"^[A-Za-z_+-]+(/[A-Za-z0-9_+-]+)*$"},
}


def _json(value: Any) -> Any:
    """An example as JSON sees the YAML (dates are strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    return value


class _Builder:
    """Builds one file's schema; each mapping kind is defined once under $defs and referenced."""

    def __init__(self) -> None:
        self.defs: dict[str, dict] = {}

    def object(self, fields: tuple[fmt.Field, ...], any_of: tuple[str, ...] = ()) -> dict:
        out: dict = {"type": "object", "properties": {f.name: self.field(f) for f in fields}}
        required = [f.name for f in fields if f.required]
        if required:
            out["required"] = required
        if any_of:
            out["anyOf"] = [{"required": [name]} for name in any_of]
        out["additionalProperties"] = False
        return out

    def one(self, field: fmt.Field) -> dict:
        """The schema of one value of the field (one item, for a list field)."""
        if field.kind == fmt.MAPPING:
            if field.name not in self.defs:
                self.defs[field.name] = self.object(field.fields, field.any_of)
            ref = {"$ref": f"#/$defs/{field.name}"}
            return {"anyOf": [dict(_KIND[fmt.TEXT]), ref]} if field.shorthand else ref
        one = dict(_KIND[field.kind])
        if field.minimum is not None:
            one["minimum"] = field.minimum
        return one

    def field(self, field: fmt.Field) -> dict:
        one = self.one(field)
        single = one["anyOf"] if set(one) == {"anyOf"} else [one]   # no anyOf nested in an anyOf
        choices = [*single, {"type": "array", "items": one}] if field.many else [one]
        nullable = not field.required and field.nullable
        out: dict = {"description": field.description}
        if len(choices) == 1 and "type" in one:
            out.update(one)
            if nullable:
                out["type"] = [*(one["type"] if isinstance(one["type"], list) else [one["type"]]), "null"]
        else:
            out["anyOf"] = choices + ([{"type": "null"}] if nullable else [])
        if field.default is not None:
            out["default"] = _json(field.default)
        example = fmt.example_entry(field)
        if example is not None:
            out["examples"] = [_json(example)]
        return out


def file_schema(file: fmt.FileFormat) -> dict:
    build = _Builder()
    out: dict = {"$schema": DRAFT, "title": file.title, "description": file.description}
    if file.entry is not None:
        entry = build.object(file.entry.fields)
        entry["description"] = file.entry.description
        out.update({"type": "object", "propertyNames": {"pattern": file.key_pattern},
                    "additionalProperties": entry})
    else:
        out.update(build.object(file.fields))
    if build.defs:
        out["$defs"] = build.defs
    return out


def schema_files() -> dict[str, str]:
    """{file name: text} for every content file, byte-stable (the committed copies must match)."""
    return {f"{file.name}.schema.json": json.dumps(file_schema(file), ensure_ascii=False, indent=2) + "\n"
            for file in fmt.FORMATS}
