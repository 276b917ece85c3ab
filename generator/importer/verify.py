"""Nothing lost, nothing invented: check the emitted files against the source before writing.

Every paragraph of every section (a section folded as a duplicate counts as the one it
duplicates) must come back, verbatim, exactly once in its directive's rendered body, and
every rendered paragraph must come from the source. Every non-blank source line after
the lead must be a heading or such a paragraph.
"""
from __future__ import annotations

from collections import Counter

import yaml

from generator.importer.errors import ImportError_
from generator.importer.mdescape import rendered_paragraphs
from generator.importer.source import Line
from generator.importer.split import Section


def body_of(text: str) -> str:
    """The Markdown body of a directive file (after the closing '---' of the front matter)."""
    _, _, rest = text.partition("\n---\n")
    return rest


def _front_matter_values(text: str) -> set[str]:
    """Every string value of a directive file's front matter, at any depth."""
    head = text.partition("\n---\n")[0].removeprefix("---\n")
    out: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            out.add(value)
    walk(yaml.safe_load(head))
    return out


def verify(lines: list[Line], first_body_line: int, sections: list[Section],
           owner: dict[int, str], files: dict[str, str], kept: dict[int, str] | None = None,
           listed: set[int] | None = None) -> None:
    """`owner` maps id(section) -> the file its paragraphs must land in; `kept` maps the line
    of a byline, image or caption -> the file whose front matter must hold it verbatim;
    `listed` are the lines dropped as page chrome (the report lists them)."""
    kept, listed = kept or {}, listed or set()
    placed = {s.heading.no for s in sections} | {p.no for s in sections for p in s.paragraphs}
    for line in lines:
        if line.no in kept:
            if line.text not in _front_matter_values(files[kept[line.no]]):
                raise ImportError_("E-IMPORT-NOT-KEPT", line.no, path=kept[line.no], text=line.text[:80])
        elif line.no >= first_body_line and line.no not in placed and line.no not in listed:
            raise ImportError_("E-IMPORT-LOST", line.no, text=line.text[:80])
    expected: dict[str, Counter] = {}
    first_line: dict[tuple[str, str], int] = {}
    primary: dict[str, Section] = {}
    for s in sections:
        path = owner[id(s)]
        if path in primary:  # a folded duplicate must be the kept section, paragraph for paragraph
            kept = [p.text for p in primary[path].paragraphs]
            for i, p in enumerate(s.paragraphs):
                if i >= len(kept) or kept[i] != p.text:
                    raise ImportError_("E-IMPORT-REPEAT-DIFFERS", p.no, path=path, text=p.text[:80])
            continue
        primary[path] = s
        counter = expected.setdefault(path, Counter())
        for p in s.paragraphs:
            counter[p.text] += 1
            first_line.setdefault((path, p.text), p.no)
    for path, want in expected.items():
        got = Counter(rendered_paragraphs(body_of(files[path])))
        for text, n in want.items():
            if got[text] != n:
                raise ImportError_("E-IMPORT-COUNT", first_line[(path, text)], got=got[text], want=n, path=path,
                                   text=text[:80])
        for text in got - want:
            raise ImportError_("E-IMPORT-INVENTED", path=path, text=text[:80])

