"""The no-change check (generator/engine/signature.py): what it may skip reading, and
what it must still notice, in the input folders and in the published output."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, build_into
from generator.engine import signature
from generator.engine.signature import RACY_NS, ContentListing, folder_times, input_digest, output_matches
from helpers import settle_inputs


def _age(path: Path, seconds: float = 60) -> None:
    """Make a file look written a while ago (as every file is, a minute after an edit)."""
    past = time.time_ns() - int(seconds * 1e9)
    os.utime(path, ns=(past, past))


def _content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "2024" / "w44").mkdir(parents=True)
    (root / "site.yaml").write_text("title: A\n", encoding="utf-8")
    (root / "2024" / "w44" / "a.md").write_text("---\ntitle: Một\n---\nThân bài.\n", encoding="utf-8")
    return root


def test_the_content_listing_tells_edited_bytes_from_a_changed_layout(tmp_path):
    """engine/kept_model.py patches the last check's model only while no file was added,
    removed or renamed: the layout; an edit changes a file's digest alone."""
    root = _content(tmp_path)

    def listed() -> ContentListing:
        listing = ContentListing()
        whole, _ = input_digest(root, [], "k", "content", None, listing)
        assert whole == input_digest(root, [], "k", "content")[0], "the whole digest is the same with a listing"
        return listing

    first = listed()
    assert sorted(first.digests) == ["2024/w44/a.md", "site.yaml"]
    (root / "2024" / "w44" / "a.md").write_text("---\ntitle: Một\n---\nThân bài mới.\n", encoding="utf-8")
    edited = listed()
    assert edited.layout == first.layout
    assert [rel for rel in first.digests if first.digests[rel] != edited.digests[rel]] == ["2024/w44/a.md"]
    (root / "2024" / "w44" / "a.md").rename(root / "2024" / "w44" / "b.md")
    assert listed().layout != first.layout
    (root / "2024" / "w44" / "b.md").rename(root / "2024" / "w44" / "a.md")
    assert listed().layout == first.layout
    (root / "2024" / "w45").mkdir()
    assert listed().layout != first.layout, "an empty folder is part of the layout"


def test_a_file_whose_stat_holds_is_not_read_again(tmp_path, monkeypatch):
    settle_inputs(monkeypatch)
    root = _content(tmp_path)
    first, known = input_digest(root, [], "k", "content")
    assert set(known) == {str(root / "site.yaml"), str(root / "2024" / "w44" / "a.md")}
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: opened.append(path) or real_open(path, *a, **k))
    again, known_again = input_digest(root, [], "k", "content", known)
    assert again == first and known_again == known and opened == []


def test_an_edit_is_seen_even_with_the_mtime_set_back(tmp_path, monkeypatch):
    settle_inputs(monkeypatch)
    root = _content(tmp_path)
    page = root / "2024" / "w44" / "a.md"
    _age(page)
    first, known = input_digest(root, [], "k", "content")
    before = page.stat()
    page.write_text("---\ntitle: Hai\n---\nThân bài.\n", encoding="utf-8")      # same size
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))                  # mtime as it was: ctime moves
    assert input_digest(root, [], "k", "content", known)[0] != first


def test_a_file_changed_just_now_is_read_every_time(tmp_path):
    root = _content(tmp_path)
    digest, known = input_digest(root, [], "k", "content")
    assert known == {}, f"written less than {RACY_NS / 1e9} s ago: its stat cannot vouch for it yet"
    assert input_digest(root, [], "k", "content", known)[0] == digest


def test_renames_new_files_and_folders_change_the_digest(tmp_path, monkeypatch):
    settle_inputs(monkeypatch)
    root = _content(tmp_path)
    first, known = input_digest(root, [], "k", "content")
    (root / "2024" / "w44" / "a.md").rename(root / "2024" / "w44" / "b.md")
    second, known = input_digest(root, [], "k", "content", known)
    (root / "2024" / "w45").mkdir()
    third, _ = input_digest(root, [], "k", "content", known)
    assert len({first, second, third}) == 3


def _published(tmp_path: Path) -> tuple[Path, dict, dict, int]:
    out = tmp_path / "out"
    for rel in ("index.html", "a/index.html", "a/b/index.html", "c/index.html"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(rel, encoding="utf-8")
    manifest = {}
    for rel in ("index.html", "a/index.html", "a/b/index.html", "c/index.html"):
        st = (out / rel).stat()
        manifest[rel] = (b"fp", st.st_size, st.st_mtime_ns)
    recorded_at = time.time_ns()
    return out, manifest, folder_times(out, manifest), recorded_at


def test_the_output_as_left_matches(tmp_path):
    out, manifest, folders, at = _published(tmp_path)
    assert set(folders) == {"", "a", "a/b", "c"}
    assert output_matches(out, manifest, folders, at)
    assert not output_matches(out, manifest, None, at), "no record of the folders: cannot tell"


def test_a_stray_file_is_noticed_in_a_settled_folder_and_in_a_recent_one(tmp_path):
    out, manifest, folders, at = _published(tmp_path)
    (out / "a" / "b" / "stray.txt").write_text("x", encoding="utf-8")
    assert not output_matches(out, manifest, folders, at)
    # A folder whose mtime is still as recorded (a coarse clock would not tick) is listed.
    os.unlink(out / "a" / "b" / "stray.txt")
    (out / "c" / "stray").mkdir()
    os.utime(out / "c", ns=(folders["c"], folders["c"]))
    assert not output_matches(out, manifest, folders, at)


def test_an_edited_missing_or_replaced_file_is_noticed(tmp_path):
    out, manifest, folders, at = _published(tmp_path)
    page = out / "a" / "index.html"
    page.write_text("A/index.html", encoding="utf-8")            # same size, new mtime
    assert not output_matches(out, manifest, folders, at)
    out, manifest, folders, at = _published(tmp_path / "2")
    os.unlink(out / "c" / "index.html")
    assert not output_matches(out, manifest, folders, at)
    out, manifest, folders, at = _published(tmp_path / "3")
    target = out / "a" / "b" / "index.html"
    st = target.stat()
    os.unlink(target)
    os.symlink(out / "index.html", target)
    assert not output_matches(out, manifest, folders, at)


def test_the_paths_alone_are_checked_when_asked(tmp_path):
    """What a build records of the old site it retires (the spare's paths) needs only the
    paths: an edited file is not looked at, a stray or missing one is noticed."""
    out, manifest, folders, at = _published(tmp_path)
    (out / "a" / "index.html").write_text("A/index.html", encoding="utf-8")
    assert output_matches(out, manifest, folders, at, paths_only=True)
    assert not output_matches(out, manifest, folders, at)
    (out / "a" / "b" / "stray.txt").write_text("x", encoding="utf-8")
    assert not output_matches(out, manifest, folders, at, paths_only=True)
    os.unlink(out / "a" / "b" / "stray.txt")
    os.unlink(out / "c" / "index.html")
    assert not output_matches(out, manifest, folders, at, paths_only=True)


@pytest.mark.parametrize("rel", ["index.html", "a/index.html", "a/b/index.html", "c/index.html"])
def test_the_check_shared_among_forked_processes_notices_an_edit_in_any_share(tmp_path, monkeypatch, rel):
    """A large output is checked by several processes, each taking the next part of the
    files and folders (forked from 20,000 on): an edit is noticed whichever process it falls to."""
    monkeypatch.setattr(signature, "SPLIT_CHECK_FROM", 0)
    monkeypatch.setattr(signature, "PART", 1)
    monkeypatch.setenv("BULLETIN_JOBS", "2")
    out, manifest, folders, at = _published(tmp_path)
    assert output_matches(out, manifest, folders, at)
    (out / rel).write_text(rel.upper(), encoding="utf-8")
    assert not output_matches(out, manifest, folders, at)
    (out / rel).unlink()
    assert not output_matches(out, manifest, folders, at)


# What a rebuild that finds nothing changed must not load: it is the build an editor runs
# most, and loading these was a third of its time at ten years of content.
HEAVY = ("jinja2", "markdown", "feedgen", "generator.content.loader", "generator.model.build",
         "generator.render.site", "generator.importer", "generator.search", "generator.write.atomic",
         "importlib.metadata", "http.server")
PROBE = """import sys
from generator import cli
code = cli.main(["build", "-q", "--content", sys.argv[1], "--output", sys.argv[2]])
print(code, *sorted(set(sys.argv[3:]) & set(sys.modules)))
"""


def test_a_rebuild_with_nothing_changed_loads_neither_the_model_nor_the_templates(content_copy, tmp_path):
    output = tmp_path / "output"
    build_into(content_copy, output)
    done = subprocess.run([sys.executable, "-c", PROBE, str(content_copy), str(output), *HEAVY], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["0"], done.stdout + done.stderr
    edited = content_copy / "site.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, str(content_copy), str(output), *HEAVY], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    loaded = done.stdout.split()
    assert loaded[0] == "0" and {"jinja2", "generator.model.build"} <= set(loaded), done.stdout + done.stderr
