"""Printing diagnostics for editors, shared by the commands."""
from __future__ import annotations

import sys

from generator.diagnostics import Diagnostics


def print_diagnostics(diags: Diagnostics, stream=None, footer: bool = True) -> None:
    stream = stream or sys.stderr
    for d in diags.sorted():
        print(d.format(), file=stream)
    errors, warnings = len(diags.errors), len(diags.warnings)
    if errors or warnings:
        print(f"\n{errors} lỗi, {warnings} cảnh báo.", file=stream)
    if errors and footer:
        print("Chưa dựng trang: sửa các lỗi trên rồi chạy lại. Thư mục output/ giữ nguyên như cũ.", file=stream)
