"""YAML parsing that remembers where every value came from.

PyYAML's `safe_load` forgets line numbers and silently keeps the last of two
duplicate keys. We compose the node tree instead (with libyaml when it is installed,
about 15 times faster, else PyYAML's pure-Python parser: both keep every node's line
and column), build plain Python values ourselves, and record the (line, column) of
each value under its key path, so a validator can say "line 7" about
`document.number` or `topics[2]`.

Building the values ourselves is also where hostile YAML is stopped: only the
standard tags (text, numbers, booleans, null, dates, lists, mappings), bounded
nesting, few aliases and a bounded expanded size (no "billion laughs").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.content.limits import MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_NODES
from generator.diagnostics import Diagnostics

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The tags a content file may carry, written or implied; anything else (!!python/object,
# !!binary, !!set, a custom !tag) is an error, never constructed.
STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp",
                                                              "seq", "map"))

Path_ = tuple  # a key path such as ("document", 0, "number")

# PyYAML's commonest complaints, each its own code so that the message says it the way
# an editor can act on it (generator/locale/messages.*.yaml); any other is E-YAML-SYNTAX.
_PROBLEMS = (
    ("mapping values are not allowed", "E-YAML-COLON"),
    ("expected ',' or ']'", "E-YAML-UNCLOSED-LIST"),
    ("expected ',' or '}'", "E-YAML-UNCLOSED-MAPPING"),
    ("found character '\\t'", "E-YAML-TAB"),
    ("could not find expected ':'", "E-YAML-NO-COLON"),
    ("found undefined alias", "E-YAML-ALIAS"),
    ("found unexpected end of stream", "E-YAML-UNCLOSED-QUOTE"),
    ("did not find expected key", "E-YAML-INDENT"),
    ("block sequence entries are not allowed", "E-YAML-LIST-INDENT"),
)


def _explain(problem: str, text: str = "", mark=None) -> tuple[str, str]:
    """(code, PyYAML's own words) for a syntax error."""
    if "cannot start any token" in problem and mark is not None and _char_at(text, mark) == "\t":
        problem = "found character '\\t' that cannot start any token"   # libyaml does not name the character
    for english, code in _PROBLEMS:
        if english in problem:
            return code, problem
    return "E-YAML-SYNTAX", problem


@dataclass
class YamlDoc:
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    first_line: int = 1   # line of the document's first line in the file

    def line(self, path: Path_ = ()) -> int:
        """Best line for a key path: the value's own, else its nearest parent's."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (self.first_line, 1))[0]

    def column(self, path: Path_ = ()) -> int | None:
        pos = self.positions.get(path)
        return pos[1] if pos else None

    def key_line(self, path: Path_) -> int:
        """Line of the key itself (for mapping entries); falls back to the value's line."""
        return self.positions.get(("__key__", *path), (self.line(path), 0))[0]


def parse_yaml(text: str, file: str, diags: Diagnostics, line_offset: int = 0) -> YamlDoc | None:
    """Parse one YAML document; on a syntax error report it and return None.

    `line_offset` is the number of lines before `text` in the file (front matter
    starts after the opening `---`).
    """
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket or quote is only noticed on a later line; point at where it opened.
        opened = exc.context_mark if exc.context_mark and exc.context and (
            "flow" in exc.context or "quoted" in exc.context) else None
        mark = opened or exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        code, detail = _explain(exc.problem or exc.context or "invalid syntax", text, exc.problem_mark)
        found = exc.problem_mark.line + 1 + line_offset if opened and exc.problem_mark else None
        diags.report(code, file, line, col, hint="hint_opened" if found else "hint", detail=detail, found=found)
        return None
    except yaml.YAMLError as exc:
        diags.report("E-YAML-SYNTAX", file, None, detail=str(exc))
        return None
    finally:
        loader.dispose()
    doc = YamlDoc(None, {}, line_offset + 1)
    if node is None:
        return doc
    budget = _Budget()
    try:
        doc.data = _build(node, (), doc, loader, file, diags, line_offset, budget)
    except _TooMuch as exc:
        diags.report(exc.code, file, exc.node.start_mark.line + 1 + line_offset, exc.node.start_mark.column + 1,
                     **exc.params)
        return None
    _swallowed_comments(text, budget.plain, file, diags, line_offset)
    return doc


class _TooMuch(Exception):
    def __init__(self, node, code: str, **params):
        super().__init__(code)
        self.node, self.code, self.params = node, code, params


@dataclass
class _Budget:
    """Work done so far building one document: values built (aliases expanded), alias
    uses, the nodes on the current path (a recursive alias would loop forever), and
    the plain text scalars (to look for comments that swallowed text)."""
    nodes: int = 0
    aliases: int = 0
    seen: set = field(default_factory=set)
    path: set = field(default_factory=set)
    plain: list = field(default_factory=list)


def _spend(node, path, budget: _Budget) -> None:
    budget.nodes += 1
    if budget.nodes > MAX_YAML_NODES:
        raise _TooMuch(node, "E-YAML-TOO-LARGE", max=MAX_YAML_NODES)
    if len(path) > MAX_YAML_DEPTH:
        raise _TooMuch(node, "E-YAML-TOO-DEEP", max=MAX_YAML_DEPTH)
    if id(node) in budget.path:
        raise _TooMuch(node, "E-YAML-ALIAS-LOOP")
    if id(node) in budget.seen:     # composing shares a node only where an alias (*name) refers to it
        budget.aliases += 1
        if budget.aliases > MAX_YAML_ALIASES:
            raise _TooMuch(node, "E-YAML-TOO-MANY-ALIASES", max=MAX_YAML_ALIASES)
    budget.seen.add(id(node))
    if node.tag not in STANDARD_TAGS:
        raise _TooMuch(node, "E-YAML-TAG", tag=_short_tag(node.tag))


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _build(node, path, doc, loader, file, diags, offset, budget: _Budget):
    _spend(node, path, budget)
    doc.positions[path] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        budget.path.add(id(node))
        try:
            return _collection(node, path, doc, loader, file, diags, offset, budget)
        finally:
            budget.path.discard(id(node))
    if not node.style and node.tag.endswith(":str"):      # plain: None in PyYAML, "" in libyaml
        budget.plain.append(node)
    return _scalar(node, loader, file, diags, offset)


def _collection(node, path, doc, loader, file, diags, offset, budget: _Budget):
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader, file, diags, offset)
            if not isinstance(key, (str, int)):
                diags.report("E-KEY-INVALID", file, key_node.start_mark.line + 1 + offset, key=repr(key_node.value))
                continue
            key = str(key)
            key_line = key_node.start_mark.line + 1 + offset
            if key in result:
                first = doc.positions[("__key__", *path, key)][0]
                diags.report("E-DUPLICATE-KEY", file, key_line, key=key, first=first)
                continue
            doc.positions[("__key__", *path, key)] = (key_line, key_node.start_mark.column + 1)
            result[key] = _build(value_node, (*path, key), doc, loader, file, diags, offset, budget)
        return result
    return [_build(item, (*path, i), doc, loader, file, diags, offset, budget) for i, item in enumerate(node.value)]


def _swallowed_comments(text: str, plain: list, file: str, diags: Diagnostics, offset: int) -> None:
    """`title: Hưởng ứng #ChốngRácThải` is the title "Hưởng ứng" and a comment: warn
    when a comment follows a plain text value on its line."""
    lines = text.split("\n")
    for node in plain:
        end = node.end_mark
        if end.line >= len(lines):
            continue
        rest = lines[end.line][end.column:]
        m = re.match(r"^[ \t]+#(.*)$", rest)
        if m and m.group(1).strip():
            diags.report("W-COMMENT-SWALLOWED", file, end.line + 1 + offset, end.column + 1,
                         comment=m.group(1).strip()[:40], value=node.value[:40],
                         quoted=f"\"{node.value[:30]} #{m.group(1).strip()[:20]}\"")


def _char_at(text: str, mark) -> str:
    lines = text.split("\n")
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


class BadScalar(str):
    """A scalar PyYAML could not construct (e.g. 2024-13-45); its error is already reported."""


def _scalar(node, loader, file, diags, offset):
    try:
        return loader.construct_object(node, deep=True)
    except Exception as exc:   # `!!timestamp garbage` fails inside PyYAML with an AttributeError
        code = "E-IMPOSSIBLE-DATE" if node.tag.endswith(":timestamp") else "E-BAD-VALUE"
        diags.report(code, file, node.start_mark.line + 1 + offset, node.start_mark.column + 1,
                     value=node.value, detail=str(exc))
        return BadScalar(node.value)


def load_bounded(text: str) -> Any | None:
    """The plain value of a YAML text read with the same bounds and tag rules as content
    (no alias bomb, no `!!python/…`), or None when it has any error: for commands that only
    peek at a content file (`new`), never `yaml.safe_load`."""
    diags = Diagnostics()
    doc = parse_yaml(text, "", diags)
    return None if doc is None or diags.errors else doc.data
