"""Reading with the build cache (generator/engine/reading.py): a warm build opens only
the sources that changed, and an edit is never hidden by the cache."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CONTENT
from generator import pipeline
from helpers import settle_inputs, snapshot


def _sources_read(monkeypatch, content: Path) -> list[str]:
    read: list[str] = []
    real = Path.read_bytes

    def read_bytes(self):
        if self.is_relative_to(content):
            read.append(self.name)
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return read


def _built_then_edited(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The seed built once, then one directive given a sentence more: (content, output, that file)."""
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(CONTENT, content)
    assert pipeline.build(content, out).ok
    page = sorted((content / "2024" / "w44").glob("*.md"))[3]
    page.write_text(page.read_text(encoding="utf-8") + "\nMột câu thêm vào cuối.\n", encoding="utf-8")
    return content, out, page


def test_a_warm_build_reads_only_the_edited_directive(tmp_path, monkeypatch):
    settle_inputs(monkeypatch)
    content, out, page = _built_then_edited(tmp_path)
    read = _sources_read(monkeypatch, content)
    result = pipeline.build(content, out)
    assert result.ok and any("Một câu thêm vào cuối." in (out / rel).read_text(encoding="utf-8")
                             for rel in result.written if rel.endswith(".html"))
    # Not even site.yaml and topics.yaml: only what directives show changed, so the last
    # check's model is used, with this file read into it (engine/kept_model.py).
    assert read == [page.name]


def test_a_file_changed_too_recently_is_read_and_its_edit_shown(tmp_path, monkeypatch):
    content, out, page = _built_then_edited(tmp_path)
    read = _sources_read(monkeypatch, content)
    assert pipeline.build(content, out).ok
    assert page.name in read, "written just now: its stat cannot vouch for it"
    assert pipeline.build(content, tmp_path / "clean", cache=False).ok
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_many_unread_files_are_read_over_all_cores_with_the_same_site_and_messages(tmp_path, monkeypatch):
    """A first build, and a build after topics.yaml changed (every record depends on it),
    parse their directives in forked processes: the same site and the same warnings, in
    the same order, as one process reading them all."""
    import os
    from generator.engine import pool, reading
    settle_inputs(monkeypatch)
    content, out, serial = tmp_path / "content", tmp_path / "out", tmp_path / "serial"
    shutil.copytree(CONTENT, content)
    monkeypatch.setenv("BULLETIN_JOBS", "1")
    alone = pipeline.build(content, serial, cache=False)
    monkeypatch.setenv("BULLETIN_JOBS", "2")
    monkeypatch.setattr(pool, "MIN_ITEMS", 2)       # "many" files: two (one file changing is then not many)
    pids = tmp_path / "pids"
    parse = reading._parse

    def noted(work, todo):                  # which process parsed how many files
        with open(pids, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {len(todo)}\n")
        return parse(work, todo)
    monkeypatch.setattr(reading, "_parse", noted)
    first = pipeline.build(content, out)
    assert first.ok and snapshot(out) == snapshot(serial)
    assert [d.format() for d in first.diagnostics.items] == [d.format() for d in alone.diagnostics.items]
    seen = [line.split() for line in pids.read_text(encoding="utf-8").splitlines()]
    assert {pid for pid, _ in seen} - {str(os.getpid())} and sum(int(n) for _, n in seen) == len(first.site.directives)
    pids.unlink()
    topics = content / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("Quản lý và giao đất", "Quản lý, giao đất"),
                      encoding="utf-8")
    again = pipeline.build(content, out)
    assert again.ok and pids.is_file(), "topics.yaml changed: every directive is read again, over all cores"
    assert pipeline.build(content, tmp_path / "clean", cache=False).ok
    assert snapshot(out) == snapshot(tmp_path / "clean")
