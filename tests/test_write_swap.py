"""Swapping a finished build into output/ (issue 10): there is always an output/,
a killed build's leftovers are cleaned by the next one, a page that cannot be
rendered is a diagnostic naming it, and a damaged or foreign build cache is never
trusted into a page."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import REPO
from generator import pipeline
from generator.engine.cache import cache_folder
from generator.write import atomic
from helpers import snapshot

SMALL = REPO / "tests" / "fixtures" / "small"


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def site(folder: Path, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")


def test_there_is_always_an_output_folder_during_swaps(tmp_path):
    out = tmp_path / "out"
    site(out, "0")
    seen_missing = []
    done = threading.Event()

    def watch():
        while not done.is_set():
            if not (out / "index.html").exists():
                seen_missing.append(True)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for i in range(1, 40):
            staging = atomic.Staging(out)
            staging.put("index.html", str(i).encode())
            atomic.swap_in(staging, out)
    finally:
        done.set()
        watcher.join()
    if atomic._exchange.__doc__ and atomic._libc() is not None and hasattr(atomic._libc(), "renameat2"):
        assert seen_missing == [], "renameat2(RENAME_EXCHANGE) leaves no moment without output/"
    assert (out / "index.html").read_text() == "39"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_swap_without_exchange_still_replaces_the_site(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    site(out, "old")
    staging = atomic.Staging(out)
    staging.put("index.html", b"new")
    atomic.swap_in(staging, out)
    assert (out / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path):
    out = tmp_path / "output"
    pid = dead_pid()
    for name in (f".output.new-{pid}-abc", f".output.old-{pid}-def", ".output.new-xyz12345"):
        site(tmp_path / name, "half")
    running = tmp_path / f".output.new-{os.getppid()}-run"       # a build still running: not ours to remove
    site(running, "busy")
    site(tmp_path / "notes", "keep")                             # not the build's at all
    result = pipeline.build(SMALL, out)
    assert result.ok
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".output.cache", running.name, "notes", "output"])


def test_a_build_killed_mid_swap_gets_its_old_site_back(tmp_path):
    """Killed between the two renames of the fallback swap: output/ is gone and the old
    site waits in .output.old-*; the next build (or clean-up) puts it back first."""
    out = tmp_path / "output"
    site(tmp_path / f".output.old-{dead_pid()}-abc", "old site")
    atomic.clean_leftovers(out.resolve())
    assert (out / "index.html").read_text() == "old site"


def test_a_template_error_is_a_diagnostic_naming_the_page(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    out = tmp_path / "out"
    assert pipeline.build(SMALL, out, templates).ok
    before = snapshot(out)
    (templates / "directive.html").write_text(
        '{% extends "base.html" %}{% block main %}\n\n{{ no_such_thing }}{% endblock %}', encoding="utf-8")
    result = pipeline.build(SMALL, out, templates)
    assert not result.ok
    messages = [d.format() for d in result.diagnostics.errors]
    assert any("/2024/w44/hop-thuong-ky/" in m and "directive.html:3" in m and "no_such_thing" in m
               for m in messages), messages
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.cache", "out", "templates"]


def test_a_template_syntax_error_is_a_diagnostic_too(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    (templates / "issue.html").write_text('{% extends "base.html" %}{% block main %}{% if %}{% endblock %}',
                                          encoding="utf-8")
    result = pipeline.build(SMALL, tmp_path / "out", templates)
    assert not result.ok
    assert any("issue.html:1" in d.format() and "/2024/w44/" in d.message for d in result.diagnostics.errors)
    assert not (tmp_path / "out").exists()


def test_the_cli_prints_a_template_error_without_a_traceback(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    (templates / "home.html").write_text("{{ 1 / 0 }}", encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--content", str(SMALL),
                             "--output", str(tmp_path / "out"), "--templates", str(templates)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, "a template's fault is not the content's"
    assert "Traceback" not in result.stderr and "ZeroDivisionError" in result.stderr
    assert "không dựng được trang /:" in result.stderr


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign key"])
def test_a_damaged_cache_is_discarded_never_trusted(tmp_path, damage):
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    out = tmp_path / "out"
    assert pipeline.build(content, out).ok
    md = content / "2024/w45/quy-dinh-han-muc-dat.md"
    md.write_text(md.read_text(encoding="utf-8").replace("Quy định hạn mức", "Quy định mới về hạn mức"), encoding="utf-8")
    for entry in cache_folder(out).glob("*.pickle"):
        data = entry.read_bytes()
        if damage == "garbage":
            entry.write_bytes(b"not a pickle")
        elif damage == "truncated":
            entry.write_bytes(data[: len(data) // 2])
        else:
            import pickle
            magic, key, value = pickle.loads(data)
            entry.write_bytes(pickle.dumps((magic, "another generator", value)))
    assert pipeline.build(content, out).ok
    assert pipeline.build(content, tmp_path / "clean", cache=False).ok
    assert snapshot(out) == snapshot(tmp_path / "clean")
    assert "Quy định mới về hạn mức" in (out / "2024/w45/quy-dinh-han-muc-dat/index.html").read_text(encoding="utf-8")


def test_a_folder_where_the_cache_would_go_that_is_not_ours_is_left_alone(tmp_path):
    theirs = tmp_path / ".out.cache"
    site(theirs, "someone's notes")
    assert pipeline.build(SMALL, tmp_path / "out").ok
    assert snapshot(theirs) == {"index.html": "someone's notes".encode()}


@pytest.mark.parametrize("recorded", [True, False])
def test_the_spare_is_pruned_to_the_new_site(tmp_path, recorded):
    """Starting from the spare (the site before), the staging folder keeps only what the new
    site holds, whether the spare's files were recorded (no walk) or must be looked for;
    a record of another folder (a build killed after its swap) is not trusted."""
    out, spare = tmp_path / "out", tmp_path / "spare"
    site(out, "new")
    for rel in ("index.html", "gone/index.html", "gone/deep/a.html", "kept/index.html", "kept/old.html", "flip"):
        (spare / rel).parent.mkdir(parents=True, exist_ok=True)
        (spare / rel).write_text(rel, encoding="utf-8")
    st = os.lstat(spare)
    held = ("flip", "gone/deep/a.html", "gone/index.html", "index.html", "kept/index.html", "kept/old.html")
    record = (st.st_dev, st.st_ino, st.st_ctime_ns if recorded else st.st_ctime_ns - 1, held)
    staging = atomic.Staging(out, spare, record)
    assert staging.reused
    staging.put("index.html", b"new")
    staging.put("kept/index.html", b"kept")
    staging.put("flip/index.html", b"a folder where a file was")
    staging.prune({"index.html", "kept/index.html", "flip/index.html"})
    assert snapshot(staging.root) == {"index.html": b"new", "kept/index.html": b"kept",
                                      "flip/index.html": b"a folder where a file was"}
    assert sorted(p.name for p in staging.root.iterdir()) == ["flip", "index.html", "kept"], "emptied folders go"
    staging.discard()


def test_with_no_spare_a_kept_file_is_the_published_one_linked_in(tmp_path):
    """The first rebuild after a first build has no spare: each unchanged file is linked
    straight into the fresh staging folder (no temporary name left behind), the very
    file readers have, its mtime untouched; a file in its place in a spare is replaced."""
    out, spare = tmp_path / "out", tmp_path / "spare"
    site(out, "old")
    (out / "a" / "b").mkdir(parents=True)
    (out / "a" / "b" / "page.html").write_text("trang", encoding="utf-8")
    for staging in (atomic.Staging(out), _spare_with(spare, "a/b/page.html", out)):
        assert staging.keep("a/b/page.html") and staging.keep("index.html")
        for rel in ("a/b/page.html", "index.html"):
            mine, theirs = os.stat(staging.root / rel), os.stat(out / rel)
            assert (mine.st_ino, mine.st_mtime_ns) == (theirs.st_ino, theirs.st_mtime_ns)
        assert sorted(p.relative_to(staging.root).as_posix() for p in staging.root.rglob("*") if p.is_file()) \
            == ["a/b/page.html", "index.html"]
        staging.discard()


def test_a_new_file_is_written_straight_in_and_a_shared_one_is_replaced_never_changed(tmp_path):
    """A first build writes each file in place (nothing to replace: no temporary name left
    behind, no published file looked for). In a spare, a file that is a hard link to the
    published one gets a new inode: readers' file keeps its bytes and its mtime."""
    out, spare = tmp_path / "out", tmp_path / "spare"
    first = atomic.Staging(out)
    assert first.put("a/b/page.html", "trang mới".encode()) and first.put("a/c.html", b"c")
    assert sorted(p.relative_to(first.root).as_posix() for p in first.root.rglob("*") if p.is_file()) \
        == ["a/b/page.html", "a/c.html"]
    assert (first.root / "a" / "b" / "page.html").read_text(encoding="utf-8") == "trang mới"
    first.discard()
    site(out, "published")
    (spare).mkdir()
    os.link(out / "index.html", spare / "index.html")
    before = os.stat(out / "index.html")
    staging = atomic.Staging(out, spare)
    assert staging.reused and staging.put("index.html", b"rebuilt")
    after = os.stat(out / "index.html")
    assert (out / "index.html").read_text(encoding="utf-8") == "published"
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert os.stat(staging.root / "index.html").st_ino != before.st_ino
    assert (staging.root / "index.html").read_bytes() == b"rebuilt"
    assert [p.name for p in staging.root.iterdir()] == ["index.html"], "no temporary name left behind"
    staging.discard()


def _spare_with(spare: Path, rel: str, out: Path) -> atomic.Staging:
    (spare / rel).parent.mkdir(parents=True)
    (spare / rel).write_text("an older page", encoding="utf-8")
    staging = atomic.Staging(out, spare)
    assert staging.reused
    return staging


def test_a_sharded_cache_table_rewrites_only_what_changed(tmp_path):
    from generator.engine.cache import BuildCache
    store = BuildCache(tmp_path / "cache", "key")
    table = {f"2024/w{i % 52:02d}/chi-dao-{i}.md": (i, "record") for i in range(300)}
    store.save_sharded("sources", table, {})
    loaded = store.load_sharded("sources")
    assert loaded == table
    inodes = {p.name: p.stat().st_ino for p in (tmp_path / "cache").glob("sources.*.pickle")}
    edited = dict(loaded)
    edited["2024/w05/chi-dao-5.md"] = (5, "edited")
    del edited["2024/w06/chi-dao-6.md"]
    store.save_sharded("sources", edited, loaded)
    assert store.load_sharded("sources") == edited
    now = {p.name: p.stat().st_ino for p in (tmp_path / "cache").glob("sources.*.pickle")}
    assert 1 <= sum(now[n] != inodes[n] for n in inodes) <= 2, "only the shards of the two changed entries"
    assert BuildCache(tmp_path / "cache", "another generator").load_sharded("sources") == {}


def test_swapped_is_told_once_the_new_site_is_in_place_before_the_cache_is_written(tmp_path, monkeypatch):
    """serve reloads open pages on `swapped`: the new page must be there, the cache may follow."""
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(REPO / "content", content)
    assert pipeline.build(content, out).ok
    source = next((content / "2024" / "w44").glob("[!_]*.md"))
    source.write_text(source.read_text(encoding="utf-8") + "\nMột câu vừa thêm.\n", encoding="utf-8")
    seen, saves = [], []
    real_save = pipeline.BuildCache.save
    monkeypatch.setattr(pipeline.BuildCache, "save", lambda self, name, value: saves.append(name) or real_save(self, name, value))

    def swapped(result):
        page = out / "2024" / "w44" / source.stem / "index.html"
        seen.append((result.ok, "Một câu vừa thêm." in page.read_text(encoding="utf-8"), "last" in saves))
    assert pipeline.build(content, out, swapped=swapped).ok
    assert seen == [(True, True, False)], "told once, with the new page published and the build's record not yet kept"
    seen.clear()
    assert pipeline.build(content, out, swapped=swapped).ok and seen == [], "nothing changed: nothing swapped"
    source.write_text("---\ntitle: [\n", encoding="utf-8")
    assert not pipeline.build(content, out, swapped=swapped).ok and seen == [], "a failed build swaps nothing in"


def test_ctrl_c_just_after_a_cache_entry_is_written_stays_an_interrupt(tmp_path, monkeypatch):
    """The temporary file is gone then: its removal must not turn Ctrl-C into an error (serve went on)."""
    from generator.engine import cache as cache_module
    store = cache_module.BuildCache(tmp_path / ".out.cache", cache_module.generator_key())
    real_replace = os.replace

    def replaced_then_interrupted(src, dst):
        real_replace(src, dst)
        raise KeyboardInterrupt
    monkeypatch.setattr(cache_module.os, "replace", replaced_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.save("entry", {"a": 1})
    monkeypatch.undo()
    assert store.load("entry") == {"a": 1}


def test_an_entry_held_in_memory_is_given_back_only_while_its_file_is_the_one_held(tmp_path, monkeypatch):
    """serve holds cache entries between saves (cache.EntriesInMemory); a file written since
    by anyone else, and an entry a build changes in place (the model), are read from disk."""
    from generator.engine import cache as cache_module
    folder, key = tmp_path / ".out.cache", cache_module.generator_key()
    store = cache_module.BuildCache(folder, key, cache_module.EntriesInMemory())
    store.save("entries", {"a": 1})
    store.save("model", {"b": 1})
    unpickled, real_load = [], cache_module.pickle.load
    monkeypatch.setattr(cache_module.pickle, "load", lambda f: unpickled.append(f.name) or real_load(f))
    held = store.load("entries")
    assert held == {"a": 1} and store.load("entries") is held and unpickled == []
    assert store.load("model") == {"b": 1} and len(unpickled) == 1, "not held: a build patches the model in place"
    cache_module.BuildCache(folder, key).save("entries", {"a": 2})     # another process writes the entry
    assert store.load("entries") == {"a": 2} and len(unpickled) == 2
    (folder / "entries.pickle").unlink()
    assert store.load("entries") is None


def test_a_spare_made_after_a_first_build_is_the_site_linked_and_the_next_build_starts_from_it(tmp_path):
    """serve makes a spare while the editor reads (pipeline.prepare_spare): the first save
    then does not make the whole tree of folders and links itself."""
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(REPO / "content", content)
    assert pipeline.build(content, out).ok
    spare = cache_folder(out) / "spare"
    assert not spare.exists(), "a first build has no old site to keep"
    assert pipeline.prepare_spare(out)
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert len(files) > 100 and sorted(p.relative_to(spare) for p in spare.rglob("*") if p.is_file()) == files
    assert all((spare / rel).stat().st_ino == (out / rel).stat().st_ino for rel in files), "links, not copies"
    assert not pipeline.prepare_spare(out), "there is one already"
    source = next((content / "2024" / "w44").glob("[!_]*.md"))
    source.write_text(source.read_text(encoding="utf-8") + "\nMột câu vừa thêm.\n", encoding="utf-8")
    started_from = spare.stat().st_ino
    assert pipeline.build(content, out).ok
    assert out.stat().st_ino == started_from, "the build staged its site in the spare"
    assert pipeline.build(content, tmp_path / "clean", cache=False).ok
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_a_spare_that_cannot_be_made_leaves_nothing_behind(tmp_path):
    site = tmp_path / "out"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    spare = tmp_path / "cache" / "spare"
    spare.parent.mkdir()
    assert atomic.cloned_spare(site, spare, ["a/index.html", "b/index.html"]) is None   # b is not there
    assert list(spare.parent.iterdir()) == []
    record = atomic.cloned_spare(site, spare, ["a/index.html"])
    assert record is not None and record[3] == ("a/index.html",)
    assert (spare / "a" / "index.html").stat().st_ino == (site / "a" / "index.html").stat().st_ino
