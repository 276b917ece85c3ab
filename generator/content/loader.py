"""Walk the content tree: site.yaml, topics.yaml and one folder per issue."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.bulletin import BulletinSource, read_bulletin
from generator.content.limits import MAX_YEAR, MIN_YEAR
from generator.content.directive import IssueContext, read_directive
from generator.content.settings import read_site, read_topics
from generator.diagnostics import Diagnostics
from generator.model.entities import Directive, SiteConfig, Topic

YEAR_RE = re.compile(r"^\d{4}$")
WEEK_RE = re.compile(r"^w(\d{2})$")
IGNORED = re.compile(r"^(\..*|.*~|#.*#|README(\..*)?)$")   # editor backups, dotfiles, notes


@dataclass
class IssueSources:
    bulletin: BulletinSource
    directives: list[Directive] = field(default_factory=list)


@dataclass
class ContentTree:
    config: SiteConfig | None
    topics: dict[str, Topic]
    issues: list[IssueSources]          # sorted by (year, week)
    root_shown: str


def load_content(root: Path, diags: Diagnostics, shown_root: str | None = None) -> ContentTree:
    """Read and validate everything under `root`. Problems go to `diags`; records
    with errors are left out of the tree (the build stops on any error anyway)."""
    shown_root = shown_root or root.as_posix()

    def shown(p: Path) -> str:
        return f"{shown_root}/{p.relative_to(root).as_posix()}"

    if not root.is_dir():
        diags.error(shown_root, None, "không có thư mục nội dung", "chạy lệnh trong thư mục dự án, hoặc chỉ rõ --content THƯ_MỤC")
        return ContentTree(None, {}, [], shown_root)
    config = read_site(root / "site.yaml", shown(root / "site.yaml"), diags)
    topics = read_topics(root / "topics.yaml", shown(root / "topics.yaml"), diags)
    issues: list[IssueSources] = []
    real_root = root.resolve()
    for year_dir in _listing(root, shown_root, diags, real_root):
        if year_dir.name in ("site.yaml", "topics.yaml") or IGNORED.match(year_dir.name):
            continue
        if not (year_dir.is_dir() and YEAR_RE.match(year_dir.name)):
            diags.warning(shown(year_dir), None, "tệp hoặc thư mục này không thuộc cấu trúc nội dung nên không được dùng",
                          "các kỳ bản tin nằm trong thư mục NĂM/wTUẦN, ví dụ 2024/w44/")
            continue
        year = int(year_dir.name)
        if not MIN_YEAR <= year <= MAX_YEAR:
            diags.error(shown(year_dir), None, f"thư mục năm {year_dir.name} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}",
                        "đổi tên thư mục thành năm của kỳ bản tin, ví dụ 2024")
            continue
        for week_dir in _listing(year_dir, shown(year_dir), diags, real_root):
            if IGNORED.match(week_dir.name):
                continue
            issue = _load_issue(week_dir, year, shown, topics, diags, real_root)
            if issue is not None:
                issues.append(issue)
    return ContentTree(config, topics, issues, shown_root)


def _load_issue(week_dir: Path, year: int, shown, topics, diags: Diagnostics, real_root: Path) -> IssueSources | None:
    m = WEEK_RE.match(week_dir.name)
    if not (week_dir.is_dir() and m):
        diags.warning(shown(week_dir), None, "không phải thư mục kỳ bản tin nên không được dùng",
                      "thư mục kỳ bản tin có tên wTUẦN hai chữ số, ví dụ w44")
        return None
    week = int(m.group(1))
    last_week = dt.date(year, 12, 28).isocalendar().week
    if not 1 <= week <= last_week:
        diags.error(shown(week_dir), None, f"năm {year} không có tuần {week}",
                    f"tuần ISO của năm {year} chạy từ w01 đến w{last_week:02d}")
        return None
    bulletin = read_bulletin(week_dir / "_bulletin.yaml", shown(week_dir / "_bulletin.yaml"), year, week, diags)
    context = IssueContext(year, week, bulletin.period_from if bulletin else None, bulletin.period_to if bulletin else None)
    directives = []
    for path in _listing(week_dir, shown(week_dir), diags, real_root):
        if path.name == "_bulletin.yaml" or IGNORED.match(path.name):
            continue
        if path.suffix != ".md" or not path.is_file():
            diags.warning(shown(path), None, "tệp này không phải chỉ thị (.md) nên không được dùng",
                          "mỗi chỉ thị là một tệp .md; nếu đây là chỉ thị, đổi phần đuôi thành .md")
            continue
        directive = read_directive(path, shown(path), context, topics, diags)
        if directive is not None:
            directives.append(directive)
    return IssueSources(bulletin, directives) if bulletin else None


def _listing(folder: Path, label: str, diags: Diagnostics, root: Path) -> list[Path]:
    """A folder's entries, sorted, without symbolic links that lead out of the content
    tree (each one an error: the build publishes only what is in content/). An
    unreadable folder is an error naming it, not a traceback."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        diags.error(label, None, f"không đọc được thư mục: {exc.strerror}",
                    "kiểm tra quyền đọc của thư mục (chmod +rx), rồi chạy lại")
        return []
    inside = []
    for entry in entries:
        if entry.is_symlink() and not _within(entry, root):
            diags.error(f"{label}/{entry.name}", None,
                        "liên kết tượng trưng (symlink) trỏ ra ngoài thư mục nội dung; trang không đăng tệp ngoài content/",
                        "thay liên kết bằng một bản sao của tệp trong content/, hoặc xóa nó")
            continue
        inside.append(entry)
    return inside


def _within(link: Path, root: Path) -> bool:
    try:
        return link.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):    # a dangling or looping link
        return False
