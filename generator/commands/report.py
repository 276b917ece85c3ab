"""Printing diagnostics for editors (grouped by file) and for tools (JSON), shared by the commands."""
from __future__ import annotations

import json
import sys
from itertools import groupby

from generator.diagnostics import Diagnostic, Diagnostics
from generator.messages import DEFAULT, say

JSON_FORMAT = "bulletin-check/1"   # docs/error-codes.md; bump only when a field changes meaning


def print_diagnostics(diags: Diagnostics, stream=None, lang: str = DEFAULT, footer: bool = True) -> None:
    """Every problem, one block per file (a heading with the file's counts), each line
    `file:line:column: severity [CODE]: message` so terminals and editors can open it.
    `footer=False` leaves out "nothing was built" (serve says what happens instead)."""
    stream = stream or sys.stderr
    lines = []      # written at once: stderr is line-buffered, a write per line (thousands at ten years)
    items = [d.localized(lang) for d in diags.sorted()]
    for file, group in groupby(items, key=lambda d: d.file):
        group = list(group)
        errors = sum(d.severity == "error" for d in group)
        warnings = sum(d.severity == "warning" for d in group)
        lines.append(say("report.file_totals", lang, file=file, errors=errors, warnings=warnings))
        lines += [d.format(lang) for d in group]
        lines.append("")
    errors, warnings = len(diags.errors), len(diags.warnings)
    if errors or warnings:
        lines.append(say("report.totals", lang, errors=errors, warnings=warnings))
    if errors and footer:
        lines.append(say("report.not_built", lang))
    if lines:
        stream.write("\n".join(lines) + "\n")
        stream.flush()


def diagnostics_json(diags: Diagnostics, lang: str = DEFAULT, notes: list[Diagnostic] = ()) -> str:
    """The stable machine format of `check --format json` (documented in docs/error-codes.md)."""
    items = sorted([*diags.items, *notes], key=Diagnostic.sort_key)
    return json.dumps({
        "format": JSON_FORMAT,
        "ok": not diags.errors,
        "errors": len(diags.errors),
        "warnings": len(diags.warnings),
        "notes": len(notes),
        "diagnostics": [d.localized(lang).as_json() for d in items],
    }, ensure_ascii=False, indent=2)
