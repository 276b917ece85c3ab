"""`check` for CI and editors' tools (issue 9, item 3): every problem at once grouped by
file, a stable code per kind of problem, `--format json`, and `--lang en` with every
message from the locale files."""
from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from generator import messages, pipeline
from test_validation import BAD_DIRECTIVE_EDITS, DIRECTIVE, SMALL, edit

VI_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
# Vietnamese that an English message may still show: examples of what to write in a file.
EXAMPLES_IN_ENGLISH = ("'# kiểm tra:'", "“từ ngày 28/10 đến hết ngày 03/11/2024”", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh", "Kết luận số 94-KL/TW ngày 13/9/2024",
                      "Luật Đất đai năm 2024", "Ảnh minh họa", "Sở Y tế", "Đất đai", "ngày 13/9/2024", "năm {year}", "QĐ-UBND",
                      "“tại”")


def vietnamese(text: str) -> bool:
    return any(c in VI_LETTERS for c in text.casefold())


def run_cli(*args, cwd=REPO):
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def broken(tmp_path) -> Path:
    """The small fixture with problems in several files, each reported by a converted call site."""
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    edit(content, "site.yaml", "timezone: Asia/Ho_Chi_Minh", "timezone: Sao/Hoa\nper_page: 3")
    with (content / "topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write("Giáo dục:\n  name: Giáo dục\n")
    edit(content, "2024/w45/_bulletin.yaml", "from: 2024-11-04", "from: 2024-11-12")
    edit(content, DIRECTIVE, "date: 2024-10-28\ndocument", "date: 28/10/2024\ndraft: có\ndocument")
    edit(content, DIRECTIVE, "agencies:", "agencie:")
    (content / "2024/w44/ghi-chu.txt").write_text("ghi chú", encoding="utf-8")
    (content / "2024/tam").mkdir()
    (content / "2024/w99").mkdir()
    (content / "anh.png").write_bytes(b"")
    return content


@pytest.fixture()
def broken_links(tmp_path) -> Path:
    """Content whose files are fine one by one but not together (the model's checks)."""
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    edit(content, "2024/w44/_bulletin.yaml", "order: [hop-thuong-ky,", "order: [hop-thuong-ki,")
    edit(content, DIRECTIVE, "related: [2024/w44/hop-thuong-ky]", "related: [2024/w44/so-suc-khoe-dien-tu]")
    return content


@pytest.fixture()
def broken_directives(tmp_path) -> Path:
    """Directive-level problems: names, values, topics, citations, body markup, file encoding."""
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    edit(content, DIRECTIVE, "topics: [chuyen-doi-so, y-te]", "topics: [chuyen-doi-so, y-tee]")
    edit(content, DIRECTIVE, "  - Nghị định số 93/2023/NĐ-CP", "  - theo chỉ đạo của tỉnh")
    edit(content, DIRECTIVE, "date: 2024-10-28}", "date: 2024-10-28, url: javascript:alert(1)}")
    edit(content, DIRECTIVE, "related: [2024/w44/hop-thuong-ky]", "related: [hop-thuong-ky]\naliases: [/chu-de/]")
    edit(content, DIRECTIVE, "Theo đó, Công an tỉnh", "Theo đó, <b onclick=x()>Công an</b> <!-- ghi chú --> tỉnh\u200b")
    edit(content, "2024/w45/quy-dinh-han-muc-dat.md", "title:", "title: Quy định: hạn mức\ntitle:")
    (content / "2024/w44/Sổ Tay.md").write_bytes(b"---\ntitle: S\xff\n---\nx\n")
    (content / "2024/w44/khong-dau.md").write_text("title: Thiếu phần đầu\n", encoding="utf-8")
    return content


def test_all_problems_at_once_grouped_by_file(broken):
    result = run_cli("check", "--content", str(broken), cwd=broken.parent)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    files = [line.split(": ", 1)[0] for line in lines if re.match(r"^content/\S+: \d+ lỗi, \d+ cảnh báo$", line)]
    assert "content/site.yaml" in files and f"content/{DIRECTIVE}" in files and "content/topics.yaml" in files
    assert len(files) == len(set(files)), "one block per file"
    # Each problem line names its file, line and column where known, its code, and is in its file's block.
    current = None
    for line in lines:
        heading = re.match(r"^(content/\S+): \d+ lỗi, \d+ cảnh báo$", line)
        if heading:
            current = heading.group(1)
        elif re.match(r"^content/", line):
            assert line.startswith(current), (current, line)
            assert re.match(r"^content/\S+?(:\d+(:\d+)?)?: (lỗi|cảnh báo) \[[EW]-[A-Z0-9-]+\]: ", line), line
    assert f"content/{DIRECTIVE}:3:7: lỗi [E-NOT-DATE]: 'date' không phải là một ngày: '28/10/2024'" in lines
    assert "    → viết 2024-10-28 (dạng YYYY-MM-DD)" in lines


def test_json_format_is_stable_and_complete(broken):
    result = run_cli("check", "--content", str(broken), "--format", "json", cwd=broken.parent)
    assert result.returncode == 1 and result.stderr == ""
    report = json.loads(result.stdout)
    assert report["format"] == "bulletin-check/1" and report["ok"] is False
    items = report["diagnostics"]
    assert report["errors"] == sum(d["severity"] == "error" for d in items) > 3
    assert report["warnings"] == sum(d["severity"] == "warning" for d in items) > 2
    for d in items:
        assert list(d) == ["file", "line", "column", "severity", "code", "message", "hint"]
        assert d["code"] in messages.codes() and d["message"]
        assert d["severity"] == messages.severity_of(d["code"])
    assert [d["file"] for d in items] == sorted(d["file"] for d in items), "grouped by file"
    date = next(d for d in items if d["code"] == "E-NOT-DATE")
    assert date == {"file": f"content/{DIRECTIVE}", "line": 3, "column": 7, "severity": "error",
                    "code": "E-NOT-DATE", "message": "'date' không phải là một ngày: '28/10/2024'",
                    "hint": "viết 2024-10-28 (dạng YYYY-MM-DD)"}
    unknown = next(d for d in items if d["code"] == "W-UNKNOWN-KEY")
    assert (unknown["line"], unknown["column"]) == (8, 1)   # after the added draft line
    assert {d["code"] for d in items} >= {"E-TIMEZONE", "E-PER-PAGE", "E-TOPIC-KEY", "E-PERIOD-REVERSED",
                                          "E-NOT-BOOLEAN", "W-NOT-DIRECTIVE-FILE", "W-NOT-ISSUE-FOLDER",
                                          "E-NO-SUCH-WEEK", "W-NOT-CONTENT"}


def test_json_when_all_is_well(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    result = run_cli("check", "--content", str(content), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"format": "bulletin-check/1", "ok": True, "errors": 0, "warnings": 0,
                                         "notes": 0, "diagnostics": []}


def test_english_messages(broken):
    result = run_cli("check", "--content", str(broken), "--lang", "en", cwd=broken.parent)
    assert result.returncode == 1
    assert f"content/{DIRECTIVE}:3:7: error [E-NOT-DATE]: 'date' is not a date: '28/10/2024'" in result.stderr
    assert "    → write 2024-10-28 (YYYY-MM-DD)" in result.stderr
    assert "Nothing was built" in result.stderr and "lỗi" not in result.stderr


@pytest.mark.parametrize("tree", ["broken", "broken_links", "broken_directives"])
def test_english_has_no_vietnamese_but_the_editors_own_words(tree, request):
    """Every message of these trees comes from a converted call site: in English, nothing
    Vietnamese is left once the values quoted from the content are taken out."""
    content = request.getfixturevalue(tree)
    diags = pipeline.check(content, shown="content").diagnostics
    assert diags.items
    for d in diags.items:
        assert d.code, f"not yet in the catalog: {d.format()}"
        en = d.localized("en")
        text = en.message + " " + en.hint
        for value in sorted((str(v) for _, v in d.params), key=len, reverse=True):
            text = text.replace(value, "")
        for example in EXAMPLES_IN_ENGLISH:
            text = text.replace(example.replace("{year}", ""), "")
        assert not vietnamese(text), en.format("en")


def test_model_checks_have_codes(broken_links):
    codes = {d.code for d in pipeline.check(broken_links, shown="content").diagnostics.items}
    assert codes == {"E-ORDER-NO-FILE", "W-NOT-IN-ORDER", "E-RELATED-SELF"}


# --- the catalog -----------------------------------------------------------------------------

def used_keys() -> set[str]:
    """Codes and message keys the code base names as string literals."""
    keys = set()
    for path in (REPO / "generator").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"[\"']([EWN]-[A-Z0-9]+(?:-[A-Z0-9]+)*)[\"']", source))
        keys |= set(re.findall(r"\bsay\(\s*[\"']([a-z_]+\.[a-z_]+)[\"']", source))
        keys |= {f"severity.{s}" for s in ("error", "warning", "note")}
    return keys


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_used_has_vietnamese_and_english_messages():
    vi, en = messages.catalog("vi"), messages.catalog("en")
    missing = sorted(k for k in used_keys() if k not in vi or k not in en)
    assert not missing, f"add these to generator/locale/messages.vi.yaml and messages.en.yaml: {missing}"


def test_vietnamese_and_english_catalogs_match():
    vi, en = messages.catalog("vi"), messages.catalog("en")
    assert list(vi) == list(en), "same keys in the same order"
    for key, entry in vi.items():
        assert set(entry) == set(en[key]), key
        assert "message" in entry, key
        for part, template in entry.items():
            assert fields_of(template) == fields_of(en[key][part]), (key, part)
            english = en[key][part]
            for example in EXAMPLES_IN_ENGLISH:
                english = english.replace(example, "")
            assert not vietnamese(english), (key, part, en[key][part])


def test_every_code_in_the_catalog_is_used():
    unused = sorted(set(messages.codes()) - used_keys())
    assert not unused, f"codes no call site reports (remove them, or they mislead the docs): {unused}"


def test_every_hint_variant_named_in_the_code_exists():
    parts = {part for entry in messages.catalog("vi").values() for part in entry}
    for path in (REPO / "generator").rglob("*.py"):
        for hint in re.findall(r"[\"'](hint_[a-z_]+)[\"']", path.read_text(encoding="utf-8")):
            assert hint in parts, (path, hint)


def test_docs_list_every_code():
    docs = (REPO / "docs" / "error-codes.md").read_text(encoding="utf-8")
    for code in messages.codes():
        assert f"| `{code}` |" in docs, f"{code} is not in docs/error-codes.md: run  build.py schema --docs docs"


def test_message_rendering():
    assert messages.text("E-NOT-DATE", "hint_fix", "en", fixed="2024-10-28") == "write 2024-10-28 (YYYY-MM-DD)"
    assert messages.text("E-NOT-DATE", "hint_fix", "fr", fixed="2024-10-28") == "viết 2024-10-28 (dạng YYYY-MM-DD)"
    # A value the call forgot stays visible as its placeholder rather than crashing a check.
    assert messages.text("E-TIMEZONE", "message", "en") == "unknown time zone '{value}'"
    with pytest.raises(KeyError):
        messages.text("E-NO-SUCH-CODE")
    with pytest.raises(KeyError):
        messages.text("E-TIMEZONE", "hint_nope")


def test_a_diagnostic_keeps_its_vietnamese_and_can_be_reworded():
    from generator.diagnostics import Diagnostics
    diags = Diagnostics()
    diags.report("E-PER-PAGE", "content/site.yaml", 7, 11, value="3")
    (d,) = diags.items
    assert (d.severity, d.code, d.line, d.column) == ("error", "E-PER-PAGE", 7, 11)
    assert d.message == "per_page phải là một số nguyên từ 5 trở lên, không phải 3"
    en = d.localized("en")
    assert en.message == "per_page must be a whole number of 5 or more, not 3" and en.hint == "per_page: 30"
    assert en.format("en") == ("content/site.yaml:7:11: error [E-PER-PAGE]: per_page must be a whole number "
                               "of 5 or more, not 3\n    → per_page: 30")


def test_directive_problems_have_codes(broken_directives):
    codes = {d.code for d in pipeline.check(broken_directives, shown="content").diagnostics.items}
    assert codes >= {"E-UNKNOWN-TOPIC", "E-CITATION", "E-WEB-ADDRESS", "E-RELATED-PATH", "E-ALIAS", "E-HTML-EVENT",
                     "W-HTML-COMMENT", "W-INVISIBLE-CHARS", "E-YAML-COLON", "E-FILE-NAME", "E-NOT-UTF8",
                     "E-NO-FRONT-MATTER"}, codes


@pytest.mark.parametrize("old,new,line,words", BAD_DIRECTIVE_EDITS, ids=[e[3] for e in BAD_DIRECTIVE_EDITS])
def test_every_bad_example_has_a_code_and_english_words(tmp_path, old, new, line, words):
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    edit(content, DIRECTIVE, old, new)
    for d in pipeline.check(content, shown="content").diagnostics.items:
        assert d.code, d.format()
        en = d.localized("en")
        assert en.message != d.message, "worded in English"


def test_a_refused_command_speaks_english_too(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    (tmp_path / "out.txt").write_text("không phải thư mục", encoding="utf-8")
    for lang, words in (("vi", "lỗi [E-OUTPUT-IS-FILE]: out.txt là một tệp"),
                        ("en", "error [E-OUTPUT-IS-FILE]: out.txt is a file, not a folder")):
        result = run_cli("build", "--content", "content", "--output", "out.txt", "--lang", lang, cwd=tmp_path)
        assert result.returncode == 2 and words in result.stderr, result.stderr
        assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "không phải thư mục"


def test_import_errors_have_codes_and_english(tmp_path):
    source = tmp_path / "tuan.txt"
    source.write_text("Tiêu đề\nchỉ hai dòng\n", encoding="utf-8")
    result = run_cli("import", str(source), "--content", str(tmp_path / "content"), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    assert "[E-IMPORT-TOO-SHORT] the text is too short to be a bulletin" in result.stderr
    assert "Nothing was written." in result.stderr and not (tmp_path / "content").exists()


@pytest.mark.parametrize("command", [["check"], ["build", "--output", "site"], ["serve", "--port", "0"]])
def test_a_missing_content_folder_is_the_same_message_for_every_command(tmp_path, command):
    """check, build and serve all say E-NO-CONTENT-DIR with what to write instead, exit 1,
    and make nothing (build used to fail further in with a bare 'No such file or directory')."""
    done = subprocess.run([sys.executable, str(REPO / "build.py"), *command, "--content", "noi-dung"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout + done.stderr
    assert "noi-dung: lỗi [E-NO-CONTENT-DIR]: không có thư mục nội dung" in out
    assert "--content THƯ_MỤC" in out and "Traceback" not in out
    assert list(tmp_path.iterdir()) == []
