"""Reference tables in the docs, generated from what the code declares.

docs/content-format.md carries the field tables (from content/format.py) and
docs/error-codes.md the table of diagnostic codes (from the message catalog), each
between `<!-- BEGIN generated: NAME -->` and `<!-- END generated: NAME -->`.
`build.py schema --docs docs` rewrites them; a test fails when they are stale.
"""
from __future__ import annotations

import re
from pathlib import Path

from generator.content import format as fmt

_KIND_EN = {
    fmt.TEXT: "text", fmt.DATE: "date `YYYY-MM-DD`", fmt.BOOLEAN: "`true`/`false`", fmt.INTEGER: "whole number",
    fmt.WEB_ADDRESS: "web address `https://…`", fmt.SLUG: "slug `a-z0-9-`", fmt.DIRECTIVE_PATH: "`YYYY/wNN/slug`",
    fmt.SITE_PATH: "path in the site `/…/`", fmt.TIMEZONE: "time zone (IANA)", fmt.MAPPING: "mapping",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _kind(field: fmt.Field) -> str:
    label = _KIND_EN[field.kind]
    if field.shorthand:
        label += " (or plain text: the first sub-field)"
    return f"list of {label} (one value allowed)" if field.many else label


def _rows(fields: tuple[fmt.Field, ...], prefix: str = "") -> list[str]:
    rows = []
    for field in fields:
        name = f"{prefix}{field.name}"
        example = "" if field.kind == fmt.MAPPING else f"`{_cell(fmt.dump_value(field.example))}`"
        rows.append(f"| `{name}` | {_kind(field)} | {'yes' if field.required else ''} | "
                    f"{_cell(field.description)} | {example} |")
        if field.fields:
            rows += _rows(field.fields, f"{name}{'[]' if field.many else ''}.")
    return rows


def field_tables() -> str:
    out = []
    for file in fmt.FORMATS:
        out += [f"### {file.title}: `{file.path}`", "", file.description, "",
                "| field | kind | required | meaning (Vietnamese, as editors see it) | example |",
                "| --- | --- | --- | --- | --- |"]
        if file.entry is not None:
            out.append(f"| `<key>` | slug `a-z0-9-` | | khóa chủ đề | `{file.key_example}` |")
            out += _rows(file.entry.fields, "<key>.")
        else:
            out += _rows(file.fields)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def replace_block(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- BEGIN generated: {re.escape(name)} -->\n).*?(<!-- END generated: {re.escape(name)} -->)",
                         re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"no generated block '{name}'")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text, count=1)


def blocks() -> dict[str, tuple[str, str]]:
    """{docs file: (block name, generated body)}."""
    from generator.messages import code_table   # the catalog imports nothing from here
    return {"content-format.md": ("fields", field_tables()), "error-codes.md": ("codes", code_table())}


def update_docs(docs: Path) -> list[Path]:
    """Rewrite the generated blocks under `docs`; return the files that changed."""
    changed = []
    for name, (block, body) in blocks().items():
        path = docs / name
        old = path.read_text(encoding="utf-8")
        new = replace_block(old, block, body)
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed
