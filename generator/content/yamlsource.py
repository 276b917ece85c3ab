"""YAML parsing that remembers where every value came from.

PyYAML's `safe_load` forgets line numbers and silently keeps the last of two
duplicate keys. We compose the node tree instead, build plain Python values
ourselves, and record the (line, column) of each value under its key path, so a
validator can say "line 7" about `document.number` or `topics[2]`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostics

Path_ = tuple  # a key path such as ("document", 0, "number")

# PyYAML's commonest complaints, said the way an editor can act on them.
_PROBLEMS = (
    ("mapping values are not allowed", "có dấu ':' ở chỗ không được phép; nếu giá trị có dấu ':', đặt nó trong ngoặc kép"),
    ("expected ',' or ']'", "danh sách mở bằng '[' chưa được đóng bằng ']'"),
    ("expected ',' or '}'", "cặp ngoặc '{' chưa được đóng bằng '}'"),
    ("found character '\\t'", "có ký tự tab; thụt lề bằng dấu cách"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường"),
    ("found undefined alias", "dấu '*' ở đầu giá trị có nghĩa riêng trong YAML; đặt giá trị trong ngoặc kép"),
    ("found unexpected end of stream", "ngoặc kép mở chưa được đóng"),
    ("did not find expected key", "thụt lề không thẳng hàng với các dòng trên"),
    ("block sequence entries are not allowed", "dòng '- ...' thụt lề không đúng chỗ"),
)


def _explain(problem: str) -> str:
    for english, vietnamese in _PROBLEMS:
        if english in problem:
            return f"{vietnamese} ({problem})"
    return problem


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
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket or quote is only noticed on a later line; point at where it opened.
        opened = exc.context_mark if exc.context_mark and exc.context and (
            "flow" in exc.context or "quoted" in exc.context) else None
        mark = opened or exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        problem = _explain(exc.problem or exc.context or "cú pháp YAML không hợp lệ")
        if opened and exc.problem_mark:
            problem += f"; mở ở đây, phát hiện ở dòng {exc.problem_mark.line + 1 + line_offset}"
        diags.error(file, line, f"YAML không đọc được: {problem}",
                    "kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu hai chấm sau tên trường, "
                    "và đặt văn bản có dấu ':' hoặc '#' trong ngoặc kép", col)
        return None
    except yaml.YAMLError as exc:
        diags.error(file, None, f"YAML không đọc được: {exc}")
        return None
    finally:
        loader.dispose()
    doc = YamlDoc(None, {}, line_offset + 1)
    if node is None:
        return doc
    doc.data = _build(node, (), doc, loader, file, diags, line_offset)
    return doc


def _build(node, path, doc, loader, file, diags, offset):
    doc.positions[path] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader, file, diags, offset)
            if not isinstance(key, (str, int)):
                diags.error(file, key_node.start_mark.line + 1 + offset,
                            f"tên trường không hợp lệ: {key_node.value!r}", "tên trường là một từ, ví dụ title:")
                continue
            key = str(key)
            key_line = key_node.start_mark.line + 1 + offset
            if key in result:
                first = doc.positions[("__key__", *path, key)][0]
                diags.error(file, key_line, f"trường '{key}' xuất hiện hai lần (lần đầu ở dòng {first})",
                            "gộp hai giá trị vào một trường; trường lặp lại sẽ không được dùng")
                continue
            doc.positions[("__key__", *path, key)] = (key_line, key_node.start_mark.column + 1)
            result[key] = _build(value_node, (*path, key), doc, loader, file, diags, offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, loader, file, diags, offset) for i, item in enumerate(node.value)]
    return _scalar(node, loader, file, diags, offset)


class BadScalar(str):
    """A scalar PyYAML could not construct (e.g. 2024-13-45); its error is already reported."""


def _scalar(node, loader, file, diags, offset):
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as exc:
        if node.tag.endswith(":timestamp"):
            message = f"'{node.value}' không phải là một ngày có thật trong lịch"
        else:
            message = f"giá trị '{node.value}' không đọc được ({exc})"
        diags.error(file, node.start_mark.line + 1 + offset, message,
                    "ngày viết theo dạng YYYY-MM-DD, ví dụ 2024-10-28", node.start_mark.column + 1)
        return BadScalar(node.value)
