"""Reading a source file as an editor saved it: UTF-8 with or without BOM, any
line endings, and splitting a Markdown file into its YAML front matter and body."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostics


def read_text(path: Path, shown: str, diags: Diagnostics) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        diags.error(shown, None, f"không đọc được tệp: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diags.error(shown, line, "tệp không phải là văn bản UTF-8",
                    "lưu lại tệp với mã hóa UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)")
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Split:
    front_matter: str
    body: str
    body_line: int      # 1-based line of the body's first line in the file


def split_front_matter(text: str, shown: str, diags: Diagnostics) -> Split | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        diags.error(shown, 1, "tệp chỉ thị phải bắt đầu bằng phần đầu YAML giữa hai dòng '---'",
                    "dòng đầu tiên của tệp là ---, tiếp theo là title:, date: ..., rồi một dòng --- và nội dung")
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return Split("\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2)
    diags.error(shown, 1, "phần đầu YAML mở bằng '---' nhưng không có dòng '---' đóng lại",
                "thêm một dòng --- sau trường cuối cùng của phần đầu, trước nội dung")
    return None
