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
    # site.yaml and topics.yaml are read each time (small, and every record depends on them)
    assert sorted(read) == sorted([page.name, "site.yaml", "topics.yaml"])


def test_a_file_changed_too_recently_is_read_and_its_edit_shown(tmp_path, monkeypatch):
    content, out, page = _built_then_edited(tmp_path)
    read = _sources_read(monkeypatch, content)
    assert pipeline.build(content, out).ok
    assert page.name in read, "written just now: its stat cannot vouch for it"
    assert pipeline.build(content, tmp_path / "clean", cache=False).ok
    assert snapshot(out) == snapshot(tmp_path / "clean")
