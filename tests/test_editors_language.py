"""The language of everything the tools tell an editor: one choice (`--lang vi|en` on every
command, or BULLETIN_LANG), and every editor-facing string coming from the message catalogs
(generator/locale/messages.*.yaml), never an inline literal.

(The catalogs' agreement, same keys and same placeholders in vi and en, is
tests/test_check_command.py::test_vietnamese_and_english_catalogs_match.)"""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from generator.commands.options import LANG_ENV, language

VI_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
SEED = REPO / "tests/fixtures/importer/bulletin-2024-w44.txt"


def vietnamese(text: str) -> bool:
    return any(c in VI_LETTERS for c in text.casefold())


# --- (a) no editor-facing Vietnamese literal outside the locale files --------------------------

# Files whose every literal is language data, not interface text.
LANGUAGE_DATA_FILES = {
    "generator/vntext/": "the Vietnamese language itself: office, body and document-type names, date words",
    "generator/content/format.py": "the content format's declaration: its Vietnamese field notes are the "
                                   "editors' documentation (docs table, schema hover, `new`'s template comments)",
}

# Single literals, each with why it is not a message. Literals inside a call to `re.*`
# (patterns that match Vietnamese source text) and docstrings are skipped by the scan itself.
ALLOWED = {
    # Examples of content shown inside hints ("write e.g. agencies: [Sở Y tế]"): quoted values an
    # editor types, the same in every language of the messages.
    "generator/content/directive.py": {
        "title: Tiêu đề chỉ thị", "[Sở Y tế]", "- Nghị định số 93/2023/NĐ-CP", "Thùy Linh",
        "- {file: anh-1.png, caption: Ảnh minh họa}", "{name: Hồ Tiến Thiệu, role: Chủ tịch UBND tỉnh}",
        "Hồ Tiến Thiệu", "Sở Y tế", "Nghị định số 93/2023/NĐ-CP", "{file: anh-1.png, caption: Ảnh minh họa}",
        "{date: 2024-10-30, what: hoàn thiện dự thảo}", "{type: Công văn, number: 5902/VP-NC, date: 2024-10-28}",
        "Văn phòng UBND tỉnh", "name: Hồ Tiến Thiệu", "Chủ tịch UBND tỉnh", "Ảnh minh họa",
        "what: hoàn thiện dự thảo", "Công văn"},
    "generator/content/settings.py": {
        "title: Chỉ đạo, điều hành của UBND tỉnh", "publisher: Ủy ban nhân dân tỉnh", "Đất đai", "[đất đai]",
        ": {name: Tên chủ đề}", "name: Đất đai"},
    "generator/content/bulletin.py": {"title: Chỉ đạo, điều hành nổi bật ..."},
    # Vietnamese words that build or recognise content ("Công văn số 5902", "ngày 28/10"), not messages.
    "generator/content/references.py": {" số "},
    "generator/importer/deadlines.py": {"ngày "},
    "generator/importer/period.py": {"ngày "},
    "generator/importer/extract.py": {"Luật", "Bộ luật", "quý"},
    "generator/importer/noise.py": {"chỉ đạo", "nhảy đến nội dung", "bỏ qua nội dung", "chuyển đến nội dung chính",
                                    "nguồn:"},
    "generator/model/build.py": {"Luật", "Bộ luật"},
    "generator/model/links.py": {"HĐND", "Quốc hội", "Ủy ban Thường vụ Quốc hội", "Chính phủ", "Thủ tướng Chính phủ",
                                 "Trung ương Đảng", "Ủy ban nhân dân tỉnh", "Hội đồng nhân dân tỉnh",
                                 "Văn phòng UBND tỉnh", "QĐ NĐ NQ KH TB CT TT TTLT KL CV CĐ BC TTR HD QC QĐĐC"},
    "generator/render/taxonomy.py": {"Chủ tịch", "Phó Chủ tịch"},     # office names, to rank officials
    "generator/search/fold.py": {"Đ", "đ"},                          # the letter folded for search
    # Readers' page text and the docs' generated table (the site's language, not a tool message).
    "generator/render/pages.py": {", ngày "},
    "generator/reference.py": {"| `<key>` | slug `a-z0-9-` | | khóa chủ đề | `"},
    # KNOWN GAPS, outside the editors' area: to move into the catalog by their owners.
    "generator/search/index.py": {                                   # search (being reworked on branch search2)
        "thiếu gói pagefind[bin] (Pagefind): chạy lại ./scripts/build.sh để cài",
        "output/ giữ nguyên; dựng lại sau khi sửa lỗi trên", "Pagefind không dựng được chỉ mục tìm kiếm (mã ",
        "không chạy được Pagefind (", "chỉ mục tìm kiếm không đúng định dạng Pagefind 1.5: "},
    "generator/write/ownership.py": {                                # the marker file written into output/
        "Thư mục này do trình dựng bản tin (bulletin-generator) tạo ra; mỗi lần dựng sẽ thay "
        "toàn bộ nội dung. Đừng lưu tệp nào khác ở đây.\n"},
}


def _skipped(tree: ast.AST) -> set[int]:
    """Docstrings, and every literal inside a call to `re.*` (a pattern for Vietnamese text)."""
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)):
            skip.add(id(body[0].value))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
            skip |= {id(sub) for sub in ast.walk(node)}
    return skip


def vietnamese_literals() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if any(rel.startswith(prefix) for prefix in LANGUAGE_DATA_FILES):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _skipped(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                    and vietnamese(node.value) and node.value not in ALLOWED.get(rel, ())):
                found.append((rel, node.lineno, node.value))
    return found


def test_no_inline_vietnamese_strings_outside_the_locale_files():
    found = vietnamese_literals()
    assert not found, "move these into generator/locale/messages.vi.yaml and messages.en.yaml:\n" + "\n".join(
        f"{rel}:{line}: {text!r}" for rel, line, text in found)


def test_the_scan_catches_an_inline_message(tmp_path, monkeypatch):
    """The scan is not vacuous: a message written inline in a command is found."""
    module = REPO / "generator/commands/new.py"
    tree = ast.parse(module.read_text(encoding="utf-8") + '\nprint("Đã tạo tệp")\n')
    hits = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value == "Đã tạo tệp"
            and id(n) not in _skipped(tree)]
    assert hits


def test_the_allowlist_has_no_stale_entries():
    present = {}
    for rel in ALLOWED:
        tree = ast.parse((REPO / rel).read_text(encoding="utf-8"))
        present[rel] = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    stale = {rel: sorted(texts - present[rel]) for rel, texts in ALLOWED.items() if texts - present[rel]}
    assert not stale, f"no longer in the code: remove from ALLOWED: {stale}"


# --- one way to choose the language ----------------------------------------------------------------

def test_language_is_chosen_by_option_then_environment():
    assert language([], {}) == "vi"
    assert language(["check", "--lang", "en"], {}) == "en"
    assert language(["--lang=en", "build"], {}) == "en"
    assert language(["check"], {LANG_ENV: "en"}) == "en"
    assert language(["check", "--lang", "vi"], {LANG_ENV: "en"}) == "vi"     # the option wins
    assert language(["check"], {LANG_ENV: "fr"}) == "vi"                    # unknown: Vietnamese


# --- (b) end to end in English ------------------------------------------------------------------

def run(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=180, env={**os.environ, **(env or {})})


QUOTED = re.compile(r"“[^”]*”|'[^'\n]*'|\"[^\"\n]*\"")


def unquoted_vietnamese(output: str) -> list[str]:
    """Lines with Vietnamese outside quotes (quoted text is the editor's own content)."""
    return [line for line in output.splitlines() if vietnamese(QUOTED.sub("", line))]


def test_every_command_speaks_english_with_lang_en(tmp_path):
    outputs = []

    def english(*args, ok=True, env=None):
        result = run(tmp_path, *args, env=env)
        assert (result.returncode == 0) == ok, result.stdout + result.stderr
        outputs.append((args, result.stdout + result.stderr))
        return result.stdout + result.stderr

    imported = english("import", str(SEED), "--content", "content", "--lang", "en")
    assert "To review (" in imported and "    - the deadline “trong tháng 11/2024” gives only a month" in imported
    comments = [line for path in (tmp_path / "content/2024/w44").glob("*.md")
                for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
    assert comments and all(line.startswith("# review: ") for line in comments)

    english("new-week", "2024-W45", "--content", "content", "--lang", "en")
    assert "Created" in english("new", "Sở Y tế triển khai tiêm chủng", "--week", "2024-W45",
                                "--content", "content", "--lang", "en")
    new = tmp_path / "content/2024/w45/so-y-te-trien-khai-tiem-chung.md"
    bad = tmp_path / "content/2024/w45/ngay-sai.md"
    bad.write_text("---\ntitle: Ngày viết sai\ndate: 05/11/2024\n---\n\nNội dung.\n", encoding="utf-8")
    broken = english("check", "--content", "content", "--lang", "en", ok=False)
    assert "error [E-REQUIRED-EMPTY]" in broken and "error [E-NOT-DATE]" in broken
    assert "Nothing was built" in english("build", "--content", "content", "--output", "out", "--lang", "en", ok=False)

    new.write_text(new.read_text(encoding="utf-8").replace("\ndate:\n", "\ndate: 2024-11-05\n") + "Nội dung.\n",
                   encoding="utf-8")
    bad.write_text(bad.read_text(encoding="utf-8").replace("05/11/2024", "2024-11-05"), encoding="utf-8")
    assert "Content is valid" in english("check", "--content", "content", "--lang", "en")
    built = english("build", "--content", "content", "--output", "out", "--lang", "en")
    assert "directive(s)" in built and "Built into out/" in built
    assert "Content is valid" in english("check", "--content", "content", env={LANG_ENV: "en"})
    for command in ("build", "check", "import", "new", "new-week", "serve", "schema"):
        english(command, "--help", "--lang", "en")
    english("--help", env={LANG_ENV: "en"})

    for args, output in outputs:
        assert not unquoted_vietnamese(output), (args, unquoted_vietnamese(output))


def test_vietnamese_stays_the_default(tmp_path):
    result = run(tmp_path, "new-week", "2024-W45", "--content", "content")
    assert result.returncode == 0 and "Đã tạo" in result.stdout
    assert "tạo tệp chỉ đạo" in run(tmp_path, "--help").stdout


@pytest.mark.parametrize("argv, vi, en", [
    (["build", "--bogus"], "không hiểu các đối số: --bogus", "unrecognized arguments: --bogus"),
    (["check", "--format", "xml"], "giá trị 'xml' không nằm trong các lựa chọn", "invalid choice: 'xml'"),
    (["serve", "--port", "abc"], "giá trị 'abc' không hợp lệ", "invalid int value: 'abc'"),
    (["import"], "thiếu các đối số bắt buộc: file", "the following arguments are required: file"),
])
def test_argparse_own_errors_follow_the_language(argv, vi, en, capsys):
    """A mistyped command line is answered in the editor's language, argparse's words included."""
    from generator import cli
    from generator.commands import options
    for lang, words in (("vi", vi), ("en", en)):
        with pytest.raises(SystemExit) as exit_:
            cli.main([*argv, "--lang", lang])
        assert exit_.value.code == 2
        assert words in capsys.readouterr().err
    import argparse
    assert argparse._ is not None and "invalid choice" in argparse._("invalid choice: %(value)r (choose from %(choices)s)")
    assert set(options.ARGPARSE_WORDS.values()) <= set(__import__("generator.messages").messages.catalog("en"))
