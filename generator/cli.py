"""Command-line interface: `bulletin` / `python build.py`."""
from __future__ import annotations

import argparse
import errno
import importlib.metadata
import os
import sys
import traceback

import jinja2

from generator.commands import build as build_cmd
from generator.commands import check as check_cmd
from generator.commands import import_ as import_cmd
from generator.commands import new as new_cmd
from generator.commands import serve as serve_cmd
from generator.diagnostics import UsageError

COMMANDS = (build_cmd, check_cmd, import_cmd, new_cmd, serve_cmd)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=(
            "Build the bulletin site. With no command, builds content/ into output/.\n"
            "Xây dựng trang bản tin. Không có lệnh: dựng content/ thành output/."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"bulletin {_version()}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def _version() -> str:
    try:
        return importlib.metadata.version("bulletin-generator")
    except importlib.metadata.PackageNotFoundError:     # run from a checkout that was never installed
        return "(chưa cài đặt)"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = make_parser()
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv = ["build", *argv]
    args = parser.parse_args(argv)
    return guarded(args.func, args)


# Exit codes: 1 = the content has errors (the editor fixes a file); 2 = the command
# cannot run as asked (usage, paths, disk, a broken template or a bug).
USAGE = 2
DEBUG_ENV = "BULLETIN_DEBUG"   # set to 1 to see the Python traceback of an unexpected failure


def guarded(func, args) -> int:
    """Run one command so that no exception reaches the editor as a traceback: every
    failure becomes a Vietnamese message and an exit code, for every command present
    and future (build, check, import, new, serve ...)."""
    try:
        return int(func(args) or 0)
    except UsageError as exc:
        _say(exc.format())
    except KeyboardInterrupt:
        _say("Đã dừng theo yêu cầu (Ctrl+C). Thư mục đầu ra giữ nguyên như trước.")
        return 130
    except OSError as exc:
        _say(_os_message(exc))
    except jinja2.TemplateError as exc:
        _say(_template_message(exc))
    except (RecursionError, MemoryError) as exc:
        _say(f"lỗi: nội dung quá lớn hoặc lồng quá sâu để xử lý ({type(exc).__name__}); chưa ghi gì.\n"
             "    → tìm tệp vừa thêm hoặc sửa có cấu trúc lồng nhau bất thường, rồi chạy lại")
        _debug()
    except Exception as exc:  # a bug in the generator: still no traceback for the editor
        _say(f"lỗi nội bộ của trình dựng (không phải lỗi của nội dung): {type(exc).__name__}: {exc}\n"
             f"    → chưa ghi gì vào thư mục đầu ra; gửi lệnh vừa chạy cho người bảo trì "
             f"(chạy lại với {DEBUG_ENV}=1 để xem chi tiết)")
        _debug()
    return USAGE


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _debug() -> None:
    if os.environ.get(DEBUG_ENV):
        traceback.print_exc()


_OS_HINTS = {
    errno.ENOSPC: "đĩa đã đầy: giải phóng chỗ trống rồi chạy lại",
    errno.EROFS: "ổ đĩa chỉ cho đọc: chọn thư mục khác",
    errno.EACCES: "không có quyền: kiểm tra quyền của thư mục, hoặc chọn thư mục khác",
    errno.EPERM: "không có quyền: kiểm tra quyền của thư mục, hoặc chọn thư mục khác",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài: rút ngắn tên tệp",
    errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
    errno.EEXIST: "đã có một tệp hoặc thư mục cùng tên",
}


def _os_message(exc: OSError) -> str:
    where = f" {exc.filename}" if exc.filename else ""
    hint = _OS_HINTS.get(exc.errno, "kiểm tra đường dẫn và quyền ghi, rồi chạy lại")
    return (f"lỗi: không đọc hoặc ghi được{where}: {exc.strerror or exc}\n"
            f"    → {hint}. Thư mục đầu ra giữ nguyên như trước.")


def _template_message(exc: jinja2.TemplateError) -> str:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if name is None:   # a runtime error (e.g. an undefined variable): find the template frame
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".xml", ".txt")):
                name, line = frame.filename, frame.lineno
                break
    where = f"{name}:{line}: " if name and line else (f"{name}: " if name else "")
    return (f"{where}lỗi mẫu trang: {exc.message or exc}\n"
            "    → sửa mẫu trang (templates/); nội dung không có lỗi. Thư mục đầu ra giữ nguyên như trước.")
