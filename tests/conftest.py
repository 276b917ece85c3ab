"""Shared test fixtures: real builds of real content into real folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import pipeline

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SEED = REPO.parent / "shared" / "seed" / "bulletin-2024-w44.txt"
SEED_COPY = REPO / "tests" / "fixtures" / "importer" / "bulletin-2024-w44.txt"


def seed_path() -> Path:
    """The published text of week 44; the repository's copy when shared/ is absent."""
    return SEED if SEED.is_file() else SEED_COPY


def seed_text() -> str:
    return seed_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_import():
    """The importer's result for the seed week, with the project's topics (read-only)."""
    import yaml
    from generator.importer import run_import
    topics = yaml.safe_load((CONTENT / "topics.yaml").read_text(encoding="utf-8"))
    return run_import(seed_text(), topics)


def build_into(content: Path, output: Path) -> pipeline.BuildResult:
    result = pipeline.build(content, output)
    assert result.ok, "\n".join(d.format() for d in result.diagnostics.errors)
    return result


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """content/ built once for the whole session (read-only for tests)."""
    out = tmp_path_factory.mktemp("site") / "output"
    build_into(CONTENT, out)
    return out


@pytest.fixture()
def content_copy(tmp_path) -> Path:
    """A private copy of content/ that a test may break."""
    dst = tmp_path / "content"
    shutil.copytree(CONTENT, dst)
    return dst
