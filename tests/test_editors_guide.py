"""The editors' guide stays true: every command it shows exists with the options it
uses, its screenshots and links are in the repository, and its example file name is
the one `new` gives."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from generator.cli import make_parser
from generator.commands.new import unique_slug

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs/huong-dan-bien-tap.md"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def code() -> str:
    """The guide's code blocks and inline code, where its commands are."""
    text = guide()
    return "\n".join(re.findall(r"```sh\n(.*?)```", text, re.S) + re.findall(r"`([^`\n]+)`", text))


def commands() -> list[list[str]]:
    found = []
    for line in re.findall(r"build\.py ([^`\n#]+)", code()):
        words = shlex.split(line.replace("LỆNH", "").strip())
        if words:
            found.append(words)
    return found


def test_guide_shows_the_week_commands():
    shown = {words[0] for words in commands()}
    assert {"new-week", "new", "import", "serve", "check", "build"} <= shown


@pytest.mark.parametrize("words", commands(), ids=" ".join)
def test_every_command_in_the_guide_parses(words):
    make_parser().parse_args(words)      # an unknown command or option exits with an error


def test_images_and_links_exist():
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", guide()):
        assert (GUIDE.parent / target).is_file(), target


def test_example_file_name_is_what_new_writes():
    title = "UBND tỉnh chỉ đạo triển khai Tháng hành động phòng, chống HIV/AIDS"
    assert f'"{title}"' in guide() and f"{unique_slug(title, set())}.md" in guide()
