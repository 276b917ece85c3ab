"""Bad input gets a clear error naming file and line, and a non-zero exit (issue 2)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from generator import pipeline

SMALL = REPO / "tests" / "fixtures" / "small"
DIRECTIVE = "2024/w44/so-suc-khoe-dien-tu.md"


@pytest.fixture()
def content(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(SMALL, dst)
    return dst


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(content: Path):
    result = pipeline.check(content, shown="content")
    return result.diagnostics


def only_error(content: Path):
    errors = problems(content).errors
    assert len(errors) == 1, [e.format() for e in errors]
    return errors[0]


def test_fixture_is_valid(content):
    assert not problems(content).items


# (text in the fixture, what it becomes, the line the error names, words the error says);
# tests/test_format_schema.py also runs these through the JSON Schemas.
BAD_DIRECTIVE_EDITS = [
    ("date: 2024-10-28\ndocument", "date: 2024-13-45\ndocument", 3, "2024-13-45"),
    ("date: 2024-10-28\ndocument", "date: 28/10/2024\ndocument", 3, "2024-10-28"),
    ("date: 2024-10-28\ndocument", "date: 2023-10-28\ndocument", 3, "ngoài kỳ bản tin"),
    ("topics: [chuyen-doi-so, y-te]", "topics: [chuyen-doi-so, y-tee]", 8, "'y-te'"),
    ("title: Chủ tịch UBND tỉnh chỉ đạo triển khai sổ sức khoẻ điện tử\n", "", 2, "title"),
    ("agencies: [Công an tỉnh, Sở Y tế]", "agencies: [Công an tỉnh, Sở Y tế", 7, "chưa được đóng bằng ']'"),
    ("title: Chủ tịch UBND tỉnh chỉ đạo", 'title: "Chủ tịch UBND tỉnh chỉ đạo', 2, "ngoặc kép mở chưa được đóng"),
    ("title: Chủ tịch UBND tỉnh chỉ đạo", "title: Chủ tịch UBND tỉnh: chỉ đạo", 2, "đặt nó trong ngoặc kép"),
    ("  - {name: Hồ Tiến Thiệu", "\t- {name: Hồ Tiến Thiệu", 6, "tab"),
    ("related: [2024/w44/hop-thuong-ky]", "related: [2024/w44/hop-thuong-ki]", 13, "hop-thuong-ky"),
    ("  - Nghị định số 93/2023/NĐ-CP", "  - theo chỉ đạo của tỉnh", 10, "không nhận ra"),
    ("Theo đó, Công an tỉnh", "Theo đó, <script>alert(1)</script> Công an tỉnh", 17, "HTML"),
    ("Theo đó, Công an tỉnh", "Theo đó, [Công an tỉnh](javascript:alert(1))", 17, "javascript:"),
    ("Theo đó, Công an tỉnh", "Theo đó, [Công an tỉnh][x]\n\n[x]: JavaScript:alert(1)\n\nCông an tỉnh", 19, "JavaScript:"),
    ("document: {type: Công văn, number: 5902/VP-NC, date: 2024-10-28}",
     "document: {type: Công văn, number: 5902/VP-NC, date: 2024-10-28}\ndate: 2024-10-29", 5, "hai lần"),
    ("deadlines:\n  - {date: 2024-11-15, what: hoàn thành khắc phục}", "deadlines:\n  - {date: 2024-11-15}", 12, "what"),
]


@pytest.mark.parametrize("old,new,line,words", BAD_DIRECTIVE_EDITS)
def test_each_error_names_file_line_and_fix(content, old, new, line, words):
    edit(content, DIRECTIVE, old, new)
    error = only_error(content)
    assert error.file == f"content/{DIRECTIVE}"
    assert error.line == line, error.format()
    assert words in error.format()
    assert error.hint, "every error says what to write instead"


def test_missing_body_is_an_error(content):
    path = content / DIRECTIVE
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("---\n", 4) + 4], encoding="utf-8")
    error = only_error(content)
    assert "không có nội dung" in error.message and error.line == 15


def test_unknown_key_warns_with_did_you_mean(content):
    edit(content, DIRECTIVE, "agencies:", "agencie:")
    diags = problems(content)
    assert not diags.errors
    (warning,) = diags.warnings
    assert warning.line == 7 and "'agencies'" in warning.hint


def test_comma_in_unquoted_role_is_explained(content):
    edit(content, DIRECTIVE, "role: Chủ tịch UBND tỉnh}", "role: Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh}")
    (warning,) = problems(content).warnings
    assert "ngoặc kép" in warning.hint


def test_bulletin_order_naming_a_missing_file(content):
    edit(content, "2024/w44/_bulletin.yaml", "order: [hop-thuong-ky,", "order: [hop-thuong-ki,")
    errors = problems(content).errors
    assert [(e.file, e.line) for e in errors] == [("content/2024/w44/_bulletin.yaml", 4)]
    assert "hop-thuong-ky" in errors[0].hint


def test_period_outside_the_folder_week(content):
    edit(content, "2024/w45/_bulletin.yaml", "from: 2024-11-04", "from: 2024-10-21")
    errors = problems(content).errors
    assert ("content/2024/w45/_bulletin.yaml", 2) in [(e.file, e.line) for e in errors]


def test_bad_file_name_and_stray_files(content):
    (content / "2024/w44/Sổ Sức Khỏe.md").write_text((content / DIRECTIVE).read_text(encoding="utf-8"), encoding="utf-8")
    (content / "2024/w44/ghi-chu.txt").write_text("ghi chú", encoding="utf-8")
    diags = problems(content)
    (error,) = diags.errors
    assert "so-suc-khoe.md" in error.hint
    assert any(w.file.endswith("ghi-chu.txt") for w in diags.warnings), "nothing is silently dropped"


def test_not_utf8(content):
    (content / DIRECTIVE).write_bytes("---\ntitle: Sổ\n".encode("cp1258", errors="replace") + b"\xff\xfe\n")
    error = problems(content).errors[0]
    assert "UTF-8" in error.message


def test_all_errors_in_one_run(content):
    edit(content, DIRECTIVE, "date: 2024-10-28\ndocument", "date: 2024-02-30\ndocument")
    edit(content, DIRECTIVE, "y-te]", "suc-khoe]")
    edit(content, "2024/w45/quy-dinh-han-muc-dat.md", "effective: 2024-11-15", "effective: sắp tới")
    errors = problems(content).errors
    assert [(e.file.rsplit("/", 1)[1], e.line) for e in errors] == [
        ("so-suc-khoe-dien-tu.md", 3), ("so-suc-khoe-dien-tu.md", 8), ("quy-dinh-han-muc-dat.md", 7)]


def run_cli(*args, cwd=REPO):
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_check_on_real_content_with_broken_date_and_unknown_topic(content_copy, tmp_path):
    """The issue's 'done when': both errors printed with file and line, exit non-zero,
    an existing output/ untouched."""
    target = sorted((content_copy / "2024" / "w44").glob("*.md"))[0]
    text = target.read_text(encoding="utf-8")
    lines = text.split("\n")
    date_line = next(i for i, l in enumerate(lines) if l.startswith("date:")) + 1
    topics_line = next(i for i, l in enumerate(lines) if l.startswith("topics:")) + 1
    lines[date_line - 1] = "date: 2024-10-32"
    lines.insert(topics_line, "- khong-co-chu-de")
    topics_line += 1
    target.write_text("\n".join(lines), encoding="utf-8")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("trang cũ", encoding="utf-8")
    result = run_cli("check", "--content", str(content_copy), cwd=tmp_path)
    assert result.returncode == 1
    shown = f"content/2024/w44/{target.name}"
    assert f"{shown}:{date_line}:" in result.stderr and "2024-10-32" in result.stderr
    assert f"{shown}:{topics_line}:" in result.stderr and "khong-co-chu-de" in result.stderr
    assert (output / "index.html").read_text(encoding="utf-8") == "trang cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_help_is_readable():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("build", "check", "import"):
        assert command in result.stdout
    assert "--content" in run_cli("check", "--help").stdout
    assert "--output" in run_cli("build", "--help").stdout


def test_document_issuer_and_full_text_link_reach_the_document_page(content, tmp_path):
    edit(content, DIRECTIVE, "document: {type: Công văn, number: 5902/VP-NC, date: 2024-10-28}",
         "document: {type: Công văn, number: 5902/VP-NC, date: 2024-10-28, issuer: Văn phòng UBND tỉnh Lạng Sơn,"
         " url: 'https://example.org/van-ban/5902.pdf'}")
    result = pipeline.build(content, tmp_path / "out")
    assert result.ok
    page = (tmp_path / "out/van-ban/2024/5902-vp-nc/index.html").read_text(encoding="utf-8")
    assert "Văn phòng UBND tỉnh Lạng Sơn" in page
    assert 'href="https://example.org/van-ban/5902.pdf"' in page


def test_document_url_must_be_a_web_address(content):
    edit(content, DIRECTIVE, "date: 2024-10-28}", "date: 2024-10-28, url: javascript:alert(1)}")
    error = only_error(content)
    assert error.line == 4 and "https://" in error.hint


def test_safe_links_in_bodies_are_fine(content):
    edit(content, DIRECTIVE, "Theo đó, Công an tỉnh", "Theo đó, [Công an tỉnh](https://congan.langson.gov.vn/), "
         "[thư](mailto:ubnd@langson.gov.vn), [kỳ trước](../../w43/) và [mục](#muc) Công an tỉnh")
    assert not problems(content).errors
