"""A rebuild after an edit of what a directive only shows (its body, its summary) plans
only the pages that show that directive or its issue (engine/dependencies.py), and
gives exactly a clean build: the same bytes, and the same fingerprint for every page,
so no page that an edit changes is ever left unplanned."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, REPO
from generator import pipeline
from generator.engine.cache import BuildCache, cache_folder, generator_key
from generator.engine.dependencies import PageReaders, pages_to_plan
from generator.engine.fingerprint import ALWAYS, Fingerprints
from generator.render.pages import BodyHTML, RenderKit, directive_item
from generator.render.site import make_kit
from helpers import snapshot

sys.path.insert(0, str(REPO / "benchmarks"))
import synth  # noqa: E402


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Two weeks of the benchmark's synthetic archive: ~50 directives sharing topics,
    officials, agencies and documents across issues."""
    out = tmp_path_factory.mktemp("synth") / "content"
    synth.write_archive(out, 2)
    return out


def fingerprints(output: Path) -> dict:
    """Each output file's fingerprint, as the build recorded it in its cache."""
    last = BuildCache(cache_folder(output), generator_key()).load("last")
    return {rel: fp for rel, (fp, *_) in last["manifest"].items()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def assert_as_clean(content: Path, out: Path, tmp: Path) -> None:
    clean = tmp / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.rmtree(cache_folder(clean), ignore_errors=True)
    assert pipeline.build(content, clean).ok
    assert snapshot(out) == snapshot(clean)
    assert fingerprints(out) == fingerprints(clean), "a page the edit changed was not planned again"


def add_to_front_matter(path: Path, line: str) -> None:
    """At its end: the lines of the fields above stay as they were (a document's line is
    part of the model, for messages, so moving it plans every page, as it should)."""
    head, sep, rest = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(f"{head}\n{line}{sep}{rest}", encoding="utf-8")


def test_a_body_or_summary_edit_plans_only_the_pages_that_show_it(archive, tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(archive, content)
    first = pipeline.build(content, out)
    assert first.ok and first.planned > 200
    files = sorted(content.glob("*/w*/*.md"))
    for n, (path, edit) in enumerate([
        (files[0], "body"), (files[-1], "body"), (files[5], "summary"), (files[-3], "byline"),
    ]):
        if edit == "body":      # a sentence naming a document and a date, as real ones do
            path.write_text(path.read_text(encoding="utf-8") +
                            f"\nĐoạn bổ sung {n}: thực hiện Quyết định số 46/2024/QĐ-UBND, báo cáo trước ngày 5/12.\n",
                            encoding="utf-8")
        elif edit == "summary":
            add_to_front_matter(path, f"summary: Tóm tắt mới {n} về đất đai.")
        else:
            add_to_front_matter(path, f"byline: [Phóng viên {n}]")
        # Its page, its issue's, the pages of its issue (they show the issue), its neighbours,
        # the lists and related links that show it: a few dozen of the site's pages.
        result = rebuilt_planning_few(content, out, path, first.planned / 4)
        assert result.rendered == result.planned
        assert_as_clean(content, out, tmp_path)


def rebuilt_planning_few(content: Path, out: Path, edited: Path, most: float):
    """The rebuild after an edit of `edited`: it planned fewer than `most` pages, wrote the
    directive's page, and left every unchanged file with its mtime."""
    before, times = snapshot(out), mtimes(out)
    result = pipeline.build(content, out)
    assert result.ok, [d.format() for d in result.diagnostics.errors]
    assert 0 < result.planned < most, (edited.name, result.planned, most)
    after, now = snapshot(out), mtimes(out)
    assert f"{edited.relative_to(content).with_suffix('').as_posix()}/index.html" in result.written
    assert [p for p in after if before.get(p) == after[p] and times[p] != now[p]] == [], "unchanged files keep their mtime"
    return result


def test_an_edit_of_what_pages_list_or_link_by_plans_every_page(archive, tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(archive, content)
    first = pipeline.build(content, out)
    path = sorted(content.glob("*/w*/*.md"))[3]
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.M).group(1)
    path.write_text(text.replace(f"title: {title}", f"title: {title} (sửa)", 1), encoding="utf-8")
    result = pipeline.build(content, out)
    assert result.ok and result.planned == first.planned        # a title is listed and sorted by
    assert_as_clean(content, out, tmp_path)


def set_topics(path: Path, topics: list[str]) -> None:
    text = path.read_text(encoding="utf-8")
    listed = re.search(r"^topics:\n(?:- .*\n)+", text, re.M)
    path.write_text(text[:listed.start()] + "topics:\n" + "".join(f"- {t}\n" for t in topics) + text[listed.end():],
                    encoding="utf-8")


def topics_of(path: Path) -> list[str]:
    listed = re.search(r"^topics:\n((?:- .*\n)+)", path.read_text(encoding="utf-8"), re.M)
    return [line[2:] for line in listed.group(1).splitlines()]


def test_an_edit_of_one_directive_s_topics_plans_its_topics_and_neighbours_not_every_page(archive, tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(archive, content)
    first = pipeline.build(content, out)
    assert first.ok
    files = sorted(content.glob("*/w*/*.md"))
    known = sorted({t for path in files for t in topics_of(path)})
    # A topic swapped, then one added and one dropped: the lines below move (they are
    # part of the model, for messages, but no page shows them).
    for n, (path, edit) in enumerate([(files[2], "swap"), (files[-1], "swap"), (files[len(files) // 2], "add"),
                                      (files[2], "drop"), (files[4], "add")]):
        topics = topics_of(path)
        other = next(t for t in known[n:] + known if t not in topics)
        changed = {"swap": [*topics[:-1], other], "add": [*topics, other], "drop": topics[:-1] or [other]}[edit]
        set_topics(path, changed)
        result = rebuilt_planning_few(content, out, path, first.planned / 2)
        shown = (set(topics) ^ set(changed)).pop()
        assert any(p.startswith(f"chu-de/{shown}/") for p in result.written)
        assert_as_clean(content, out, tmp_path)


def test_lines_moved_and_nothing_else_plan_no_directive_s_page_and_messages_name_the_new_lines(archive, tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(archive, content)
    first = pipeline.build(content, out)
    warned = [d for d in first.diagnostics.items if d.code == "W-YEAR-GUESSED"]
    assert warned, "the archive cites a document with no year"
    path = next(p for p in content.rglob("*.md") if warned[0].file.endswith(p.relative_to(content).as_posix()))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\n# ghi chú của biên tập viên\n", 1), encoding="utf-8")
    result = pipeline.build(content, out)
    assert result.ok and result.written == [] and result.planned < first.planned / 4
    moved = [d for d in result.diagnostics.items if d.code == "W-YEAR-GUESSED" and d.file == warned[0].file]
    assert [d.line for d in moved][:1] == [warned[0].line + 1]
    assert_as_clean(content, out, tmp_path)


def test_a_topics_edit_that_gives_a_topic_one_page_more_plans_every_page(archive, tmp_path, monkeypatch):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(archive, content)
    files = sorted(content.glob("*/w*/*.md"))
    counts: dict[str, int] = {}
    for path in files:
        for t in topics_of(path):
            counts[t] = counts.get(t, 0) + 1
    # per_page set so that one topic's list is exactly full: one directive more makes page 2
    topic, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + f"per_page: {count}\n", encoding="utf-8")
    first = pipeline.build(content, out)
    assert first.ok, [d.format() for d in first.diagnostics.errors]
    path = next(p for p in files if topic not in topics_of(p))
    set_topics(path, [*topics_of(path), topic])
    result = pipeline.build(content, out)
    assert result.ok and result.planned == first.planned + 1
    assert any(p.startswith(f"chu-de/{topic}/trang/2/") for p in result.written)
    assert_as_clean(content, out, tmp_path)


def test_a_published_page_changed_by_hand_is_planned_and_written_again(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(CONTENT, content)
    assert pipeline.build(content, out).ok
    (out / "404.html").write_text("sửa tay", encoding="utf-8")           # shows no directive
    path = next(content.glob("2024/w44/*.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu thêm.\n", encoding="utf-8")
    result = pipeline.build(content, out)
    assert result.ok and "404.html" in result.written
    assert_as_clean(content, out, tmp_path)


# ---- the parts, directly ------------------------------------------------------------

def readers(model, shows, basis=b"b", keys=("a", "b", "w")) -> PageReaders:
    return PageReaders(basis, keys, tuple(model), tuple(f"/{i}/" for i in range(len(shows))),
                       tuple(0 for _ in shows), tuple(shows))


def test_pages_to_plan_are_those_showing_what_changed_or_everything():
    before = readers([(b"s1", b"d1"), (b"s2", b"d2"), (b"sw", b"dw")], [(0,), (1, 2), (2,), (), (ALWAYS,)])
    same = [(b"s1", b"d1"), (b"s2", b"d2"), (b"sw", b"dw")]
    assert pages_to_plan(before, b"b", ("a", "b", "w"), same) == {4}           # no fingerprint: every build
    shown = [(b"s1", b"d1"), (b"s2", b"D2"), (b"sw", b"DW")]                   # b's body, so its issue w
    assert pages_to_plan(before, b"b", ("a", "b", "w"), shown) == {1, 2, 4}
    assert pages_to_plan(before, b"b", ("a", "b", "w"), [(b"S1", b"D1"), *same[1:]]) is None   # its shape
    assert pages_to_plan(before, b"other", ("a", "b", "w"), same) is None       # templates, topics, config ...
    assert pages_to_plan(before, b"b", ("b", "a", "w"), same) is None           # order
    assert pages_to_plan(None, b"b", ("a", "b", "w"), same) is None
    assert pages_to_plan({"not": "readers"}, b"b", ("a", "b", "w"), same) is None   # a foreign cache entry


def test_a_fingerprint_names_every_directive_and_issue_a_page_shows():
    site = pipeline.check(CONTENT).site
    prints = Fingerprints(b"key")
    prints.know(site, prints.model_digests(site))
    kit = make_kit(site)
    issue = site.issues[0]
    a, b, c = list(site.directives.values())[:3]
    kit.preload(c.key, None, "", b"token")
    context = {"items": [directive_item(a, kit)], "nested": [{"d": b}], "body": kit.body(c), "issue": issue}
    assert isinstance(context["body"], BodyHTML)
    fp, shows = prints.page("/x/", "page.html", context)
    ids = prints.ids
    assert fp is not None and shows == tuple(sorted({ids[a.key], ids[b.key], ids[c.key], ids[issue.key]}))
    # An issue names itself, not its directives: its digest already changes with theirs.
    assert prints.page("/y/", "page.html", {"issue": issue})[1] == (ids[issue.key],)
    assert prints.page("/z/", "page.html", {"f": lambda: 1}) == (None, (ALWAYS,))
    assert isinstance(kit, RenderKit)


def test_a_directive_s_shape_leaves_out_only_what_it_shows():
    site = pipeline.check(CONTENT).site
    from dataclasses import replace
    d = next(iter(site.directives.values()))
    prints = Fingerprints(b"key")
    shape, digest = prints._directive_digests(d)
    assert prints._directive_digests(replace(d, body=d.body + "x"))[0] == shape
    assert prints._directive_digests(replace(d, summary="x"))[0] == shape
    assert prints._directive_digests(replace(d, body=d.body + "x"))[1] != digest
    assert prints._directive_digests(replace(d, title=d.title + "x"))[0] != shape
    assert prints._directive_digests(replace(d, topics=()))[0] != shape
    d = next(d for d in site.directives.values() if d.documents)
    moved = replace(d, documents=tuple(replace(r, line=r.line + 3) for r in d.documents), related_lines={"x": 9})
    assert prints._directive_digests(moved) == prints._directive_digests(d)     # where it was written: no page shows it


def test_pages_recorded_that_the_planners_no_longer_make_mean_planning_every_page(tmp_path):
    """A cache that names a page no planner makes (a damaged or foreign record) costs a
    full plan, never a missing or wrong page."""
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(CONTENT, content)
    first = pipeline.build(content, out)
    store = BuildCache(cache_folder(out), generator_key())
    readers = store.load("readers")
    urls = list(readers.urls)
    page = urls.index(next(u for u, shows in zip(urls, readers.shows) if shows and shows[0] == 0))
    urls[page] = "/khong-co-trang-nay/"          # shows the first directive, so it is planned after its edit
    store.save("readers", PageReaders(readers.basis, readers.keys, readers.model, tuple(urls), readers.tasks,
                                      readers.shows))
    path = content / (readers.keys[0] + ".md")
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu thêm.\n", encoding="utf-8")
    result = pipeline.build(content, out)
    assert result.ok and result.planned == first.planned
    assert_as_clean(content, out, tmp_path)
