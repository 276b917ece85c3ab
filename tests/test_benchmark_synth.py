"""The benchmark's synthetic archive (benchmarks/synth.py) is content our checker accepts,
the same bytes every time, and carries every citation form real text uses."""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest

from conftest import REPO
from generator import pipeline

sys.path.insert(0, str(REPO / "benchmarks"))
import synth  # noqa: E402


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "content"
    synth.write_archive(out, 2, forms="today")
    return out


def test_two_weeks_pass_the_checker(archive):
    result = pipeline.check(archive)
    assert [d.format() for d in result.diagnostics.errors] == []
    assert len(result.site.issues) == 2
    directives = sorted(archive.glob("*/w*/*.md"))
    assert 40 <= len(directives) <= 62
    assert len(result.site.topics) >= 15


def test_same_seed_same_bytes(archive, tmp_path):
    synth.write_archive(tmp_path / "again", 2, forms="today")
    assert digest(tmp_path / "again") == digest(archive)
    synth.write_archive(tmp_path / "other", 2, forms="today", seed=5)
    assert digest(tmp_path / "other") != digest(archive)


def test_refuses_to_write_into_a_folder_with_files(archive):
    with pytest.raises(FileExistsError):
        synth.write_archive(archive, 1)


def test_every_citation_form_in_cites_and_bodies():
    tree = synth.generate(8)
    fronts, bodies = [], []
    for rel, text in tree.items():
        if rel.endswith(".md"):
            _, front, body = text.split("---\n", 2)
            fronts.append(front)
            bodies.append(body)
    forms = {
        "decree": r"Nghị định số \d+/\d{4}/NĐ-CP",
        "dated conclusion": r"Kết luận số \d+-KL/T[WU] ngày \d{1,2}/\d{1,2}/\d{4}",
        "undated letter": r"Công văn số \d+/[A-ZĐ]+-[A-Z]+(?! ngày)\s*$",
        "circular": r"Thông tư số \d+/\d{4}/TT-B[A-ZĐ]+",
        "PM decision": r"Quyết định số \d+/QĐ-TTg",
        "law by name and year": r"Luật [^\n]+ năm \d{4}",
        "law by number": r"Luật [^\n]+ số \d+/\d{4}/QH1\d",
    }
    cites = "\n".join(fronts)
    text = "\n".join(bodies)
    for name, pattern in forms.items():
        assert re.search(pattern, cites, re.M), f"{name} missing from cites"
        assert re.search(pattern.replace(r"\s*$", ""), text, re.M), f"{name} missing from bodies"
    assert "related:" in cites


def test_numbers_repeat_across_years():
    """A series without a year in the number restarts each year, so one number names
    different documents in different years (contract: a document is number + year)."""
    tree = synth.generate(80, forms="today")
    years_of: dict[str, set[str]] = {}
    for rel, text in tree.items():
        if rel.endswith(".md"):
            for number in re.findall(r"^  number: (\d+/[^\n]+)$", text, re.M):
                if not re.search(r"/\d{4}/", number):
                    years_of.setdefault(number, set()).add(rel[:4])
    assert sum(1 for years in years_of.values() if len(years) > 1) >= 10
