"""generator/installed.py: the versions the build cache's key and `--version` read from
the dist-info folders on sys.path, without importing importlib.metadata."""
from __future__ import annotations

import sys
from importlib import metadata

from generator.engine import cache
from generator.installed import installed_versions

NAMES = (*cache.LIBRARIES, "bulletin-generator", "pytest")


def _metadata_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def test_the_versions_are_those_importlib_metadata_gives():
    found = installed_versions(NAMES)
    assert found == {name: _metadata_version(name) for name in NAMES}
    assert found["markdown"] and found["jinja2"]


def test_a_distribution_not_installed_has_no_version():
    assert installed_versions(("no-such-distribution-here",)) == {"no-such-distribution-here": None}


def test_the_first_folder_on_the_path_wins_and_names_are_compared_normalized(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    (first / "Python_Slugify-99.1.dist-info").mkdir(parents=True)
    (second / "python_slugify-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(first), str(second)])
    assert installed_versions(("python-slugify",)) == {"python-slugify": "99.1"}


def test_the_cache_key_changes_with_a_library_version(monkeypatch):
    before = cache.generator_key()
    real = installed_versions
    monkeypatch.setattr(cache, "installed_versions", lambda names: {**real(names), "markdown": "0.0.1"})
    assert cache.generator_key() != before
