"""Every hostile or careless input of issue 10 (and a few more) through the real CLI,
`check` and `build` alike: a Vietnamese message naming the file (and line where there
is one), exit 1 for content errors, no traceback, the same verdict from both commands,
and the published output left byte for byte as it was."""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Callable

import pytest

from conftest import REPO
from generator import cli
from helpers import snapshot

SMALL = REPO / "tests" / "fixtures" / "small"
MD = "2024/w44/so-suc-khoe-dien-tu.md"
LONG = "Sở " + "rất dài " * 40


def edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        path = content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def add(rel: str, text: str) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    return mutate


def symlink_out(content: Path) -> None:
    secret = content.parent / "secret.md"
    secret.write_text((content / MD).read_text(encoding="utf-8"), encoding="utf-8")
    (content / "2024/w44/bi-mat.md").symlink_to(secret)


def symlink_loop(content: Path) -> None:
    (content / "2024/w44/vong.md").symlink_to("vong.md")


def folder_out(content: Path) -> None:
    outside = content.parent / "khac"
    (outside / "w46").mkdir(parents=True)
    (content / "2025").symlink_to(outside)


BOMB = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ['"ha"'] * 9) + "]\n" for i in range(9))
DEEP = "x: " + "[" * 500 + "]" * 500

# (id, mutation, the file the message names, words in the output)
CASES = [
    ("nul in title", edit(MD, "title: Chủ tịch", "title: Chủ\x00 tịch"), MD + ":2", "U+0000"),
    ("ctrl-a in body", edit(MD, "Theo đó,", "Theo\x01 đó,"), MD + ":17", "U+0001"),
    ("escape in agency", edit(MD, "Sở Y tế]", "Sở Y\x1b tế]"), MD + ":7", "U+001B"),
    ("alias /", edit(MD, "related:", "aliases: [/]\nrelated:"), MD, "địa chỉ cũ"),
    ("alias /chu-de/", edit(MD, "related:", "aliases: [/chu-de/]\nrelated:"), MD, "địa chỉ cũ"),
    ("alias rss.xml", edit(MD, "related:", "aliases: [rss.xml]\nrelated:"), MD, "địa chỉ cũ"),
    ("alias own url", edit(MD, "related:", "aliases: [/2024/w44/so-suc-khoe-dien-tu/]\nrelated:"), MD, "chính là địa chỉ"),
    ("alias other page", edit(MD, "related:", "aliases: [/2024/w44/hop-thuong-ky/]\nrelated:"), MD, "đã là địa chỉ"),
    ("deadline 9999-12-31", edit(MD, "date: 2024-11-15", "date: 9999-12-31"), MD + ":12", "1900–2200"),
    ("year folder 0000", add("0000/w01/_bulletin.yaml", "title: x\nperiod: {from: 2024-10-28, to: 2024-11-03}\n"),
     "0000", "1900–2200"),
    ("year folder 9999", add("9999/w52/_bulletin.yaml", "title: x\nperiod: {from: 9999-12-20, to: 9999-12-26}\n"),
     "9999", "1900–2200"),
    ("slug over 255 bytes", add("2024/w44/" + "a" * 240 + ".md", "---\ntitle: x\ndate: 2024-10-28\n---\nx\n"),
     "2024/w44/aaaa", "quá dài"),
    ("agency over 255 bytes", edit(MD, "agencies: [Công an tỉnh, Sở Y tế]", f"agencies: [Công an tỉnh, {LONG}]"),
     MD + ":7", "quá dài"),
    ("official over 255 bytes", edit(MD, "name: Hồ Tiến Thiệu", "name: Hồ" + " Tiến" * 60), MD + ":6", "quá dài"),
    ("document number over 255 bytes", edit(MD, "number: 5902/VP-NC", "number: 5902/VP-" + "NC" * 150),
     MD + ":4", "quá dài"),
    ("topic key over 255 bytes", edit("topics.yaml", "y-te:", "y-te:\n  name: Y tế\n" + "k" * 300 + ":"),
     "topics.yaml", "khóa chủ đề"),
    ("agency of punctuation only", edit(MD, "agencies: [Công an tỉnh, Sở Y tế]", 'agencies: [Công an tỉnh, "***"]'),
     MD + ":7", "không có chữ cái"),
    ("yaml 500 deep", edit(MD, "related:", DEEP + "\nrelated:"), MD, "lồng nhau quá sâu"),
    ("billion laughs", edit("site.yaml", "timezone:", BOMB + "timezone:"), "site.yaml", "bí danh"),
    ("recursive alias", edit(MD, "related:", "x: &a [*a]\nrelated:"), MD + ":13", "chính nó"),
    ("timestamp garbage", edit(MD, "date: 2024-10-28\n", "date: !!timestamp garbage\n"), MD + ":3", "garbage"),
    ("python tag", edit(MD, "related:", "x: !!python/object/apply:os.system [echo hi]\nrelated:"), MD + ":13",
     "!!python/object/apply:os.system"),
    ("language path traversal", edit("site.yaml", "language: vi", "language: ../../x"), "site.yaml:4", "mã ngôn ngữ"),
    ("symlink out of content", symlink_out, "2024/w44/bi-mat.md", "symlink"),
    ("symlink loop", symlink_loop, "2024/w44/vong.md", "symlink"),
    ("year folder symlinked outside", folder_out, "content/2025", "symlink"),
    ("base_url javascript:", edit("site.yaml", "base_url: https://example.org/ban-tin/", "base_url: javascript:alert(1)//"),
     "site.yaml:3", "base_url"),
    ("script in body", edit(MD, "Theo đó,", "<script>alert(1)</script> Theo đó,"), MD + ":17", "<script>"),
    ("multi-line tag", edit(MD, "Theo đó,", "A <img\nsrc=x\nonerror=alert(1)> Theo đó,"), MD + ":19", "onerror"),
    ("10,000 [", edit(MD, "Theo đó,", "[" * 10_000 + " Theo đó,"), MD + ":17", "dấu '['"),
    ("10,000 [ over lines", edit(MD, "Theo đó,", ("[" * 100 + "\n") * 100 + "Theo đó,"), MD + ":17", "dấu '['"),
    ("lists 600 deep", edit(MD, "Theo đó,", "".join("  " * i + "- x\n" for i in range(600)) + "\nTheo đó,"),
     MD, "thụt lề"),
    ("raw html flood", edit(MD, "Theo đó,", "<a " * 5000 + "Theo đó,"), MD + ":17", "dấu '<'"),
    ("a<b on one line", edit(MD, "Theo đó,", "a<b" * 6000 + " Theo đó,"), MD + ":17", "dấu '<'"),
    ("huge file", add("2024/w44/lon.md", "---\ntitle: x\ndate: 2024-10-28\n---\n" + "x" * 1_100_000), "lon.md", "quá lớn"),
    ("long line", edit(MD, "Theo đó,", "x" * 30_000 + " Theo đó,"), MD + ":17", "30"),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("published") / "output"
    assert cli.main(["build", "--content", str(SMALL), "--output", str(out)]) == 0
    return out


def run(capsys, *argv) -> tuple[int, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("name, mutate, where, words", CASES, ids=[c[0] for c in CASES])
def test_check_and_build_agree_and_output_is_untouched(tmp_path, capsys, published, name, mutate, where, words):
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    mutate(content)
    output = tmp_path / "output"
    shutil.copytree(published, output)
    before = snapshot(output)

    started = time.monotonic()
    check_code, check_text = run(capsys, "check", "--content", str(content), "--output", str(output))
    build_code, build_text = run(capsys, "build", "--content", str(content), "--output", str(output))
    assert time.monotonic() - started < 20, f"{name}: a hostile file must not make the build slow"

    assert check_code == build_code == 1, (name, check_text)
    for text in (check_text, build_text):
        assert "Traceback" not in text
        assert where in text and words in text, (name, text)
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["content", "output", *(
        ["secret.md"] if name == "symlink out of content" else []), *(
        ["khac"] if name == "year folder symlinked outside" else [])])


def test_all_cases_at_once_fail_with_every_one_listed(tmp_path, capsys, published):
    """The issue's 'done when': one tree holding every case fails with all of them listed."""
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    applied = []
    for name, mutate, where, words in CASES:
        try:
            mutate(content)
            applied.append((name, where, words))
        except AssertionError:    # an earlier case already rewrote the text this one edits
            pass
    output = tmp_path / "output"
    shutil.copytree(published, output)
    before = snapshot(output)
    code, text = run(capsys, "build", "--content", str(content), "--output", str(output))
    assert code == 1 and "Traceback" not in text
    assert len(applied) > 15
    missing = [name for name, where, words in applied if where.split(":")[0] not in text]
    assert not missing, missing
    assert snapshot(output) == before
